//! Which resolved paths a learner's file may not use, and what to use
//! instead. The rule: whatever can block, spawn or share memory must go
//! through `checker::thread` / `checker::sync`, which the checks see; error
//! and value types that carry no thread are fine; the checks' own machinery
//! is off limits.

use crate::course::Model;

/// Why a path is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// Threads, locks or channels the checks cannot see.
    Invisible,
    /// The checks' own machinery or bookkeeping.
    Machinery,
    /// `crate::` or a `super::` above the file: into the check program.
    Outside,
    /// Code from another file, which the scan does not read.
    OtherFile,
    /// What the exercise's model checker does not have.
    NotModelled,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub why: Why,
    pub instead: String,
}

fn refuse(why: Why, instead: impl Into<String>) -> Option<Refusal> {
    Some(Refusal { why, instead: instead.into() })
}

/// The modules of `checker` an exercise may use, with the bookkeeping in
/// each (marked `#[doc(hidden)]` there) that only the checks may call.
pub const PUBLIC_CHECKER: &[(&str, &[&str])] = &[
    (
        "thread",
        &[
            "Spawned",
            "all_spawned",
            "unjoined",
            "forget_all",
            "wait_all_ended",
            "MAX_THREADS",
            "fail_available_parallelism",
            "reset_available_parallelism",
            "join_order",
        ],
    ),
    ("sync", &[]),
    ("time", &[]),
    ("channel", &["__select"]),
];

/// Judges a resolved path (`["std", "thread", "spawn"]`; a glob ends in `*`).
pub fn judge(path: &[String], model: Option<Model>) -> Option<Refusal> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match path.as_slice() {
        ["std" | "core" | "alloc", rest @ ..] => std(rest, model),
        ["crossbeam", rest @ ..] => crossbeam(rest, model),
        ["checker", "thread", "scope" | "Scope" | "ScopedJoinHandle", ..] if model == Some(Model::Loom) => {
            refuse(Why::NotModelled, no_scoped_threads(Model::Loom))
        }
        ["checker", rest @ ..] => checker(rest),
        ["libc", _, ..] => refuse(
            Why::Invisible,
            "threads and locks made by system calls are invisible to the checks: use `checker::thread` \
             and `checker::sync`",
        ),
        ["tokio" | "tokio_util", _, ..] if model.is_some() => refuse(
            Why::Invisible,
            "the model checker cannot see tokio's tasks, channels or locks: use `checker::thread` and \
             `checker::sync`",
        ),
        ["mod"] => refuse(Why::OtherFile, "keep the code in this file (an inline `mod name { ... }` is fine)"),
        ["include"] => refuse(Why::OtherFile, "keep the code in this file"),
        _ => None,
    }
}

/// For a path into the check program (`crate::`, or `super::` above the file).
pub fn outside() -> Refusal {
    Refusal { why: Why::Outside, instead: "keep to your own code and `checker::thread` / `checker::sync`".into() }
}

/// For an import of a std module that code used to reach a refused item:
/// the module to import instead.
pub fn module_instead(path: &[String]) -> Option<String> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let ours = match path.as_slice() {
        ["std", "thread"] => "checker::thread",
        ["std" | "core" | "alloc", "sync"] => "checker::sync",
        ["std", "sync", "mpsc"] => "checker::sync::mpsc",
        ["std" | "core", "sync", "atomic"] => "checker::sync::atomic",
        _ => return None,
    };
    Some(format!("import `{ours}` instead"))
}

fn model_name(model: Model) -> &'static str {
    match model {
        Model::Shuttle => "shuttle",
        Model::Loom => "loom",
    }
}

fn std(rest: &[&str], model: Option<Model>) -> Option<Refusal> {
    match rest {
        ["*"] => refuse(Why::Invisible, "name what you use: this glob brings in `std::thread` and `std::sync`"),
        ["thread", item, ..] => thread_item(item, model),
        ["sync", "atomic", item, ..] => atomic_item(item, model),
        ["sync", "mpsc", item, ..] => mpsc_item(item, model),
        ["sync", item, ..] if !["atomic", "mpsc"].contains(item) => sync_item(item, model),
        _ => None,
    }
}

fn thread_item(item: &str, model: Option<Model>) -> Option<Refusal> {
    // Values that carry no thread; outside a model checker, also the
    // handles on threads that exist anyway (`checker::thread` re-exports them).
    let fine: &[&str] = match model {
        Some(_) => &["Result", "AccessError", "LocalKey", "panicking"],
        None => &[
            "Result",
            "AccessError",
            "LocalKey",
            "panicking",
            "Thread",
            "ThreadId",
            "current",
            "available_parallelism",
        ],
    };
    if fine.contains(&item) {
        return None;
    }
    let has: &[&str] = match model {
        None => &[
            "spawn",
            "scope",
            "Scope",
            "ScopedJoinHandle",
            "JoinHandle",
            "Builder",
            "sleep",
            "park",
            "park_timeout",
            "yield_now",
            "*",
        ],
        Some(Model::Shuttle) => &[
            "spawn",
            "scope",
            "Scope",
            "ScopedJoinHandle",
            "JoinHandle",
            "Builder",
            "Thread",
            "ThreadId",
            "current",
            "yield_now",
            "*",
        ],
        Some(Model::Loom) => &["spawn", "JoinHandle", "Builder", "Thread", "ThreadId", "current", "yield_now", "*"],
    };
    let instead = if item == "*" {
        "import what you use from `checker::thread`".to_string()
    } else if has.contains(&item) {
        format!("use `checker::thread::{item}`")
    } else if let Some(m) = model {
        match item {
            "scope" | "Scope" | "ScopedJoinHandle" => no_scoped_threads(m),
            "sleep" | "park" | "park_timeout" => "a model checker has no clock: wait for an event instead (a join, \
                 a receive, a `Condvar`)"
                .to_string(),
            _ => format!("`checker::thread` has no `{item}` under the model checker ({})", model_name(m)),
        }
    } else {
        format!("`checker::thread` has no `{item}`: use spawn, scope and join")
    };
    refuse(Why::Invisible, instead)
}

fn no_scoped_threads(m: Model) -> String {
    format!(
        "{}, the model checker of this exercise, has no scoped threads: spawn with `checker::thread::spawn` \
         and join every handle",
        model_name(m)
    )
}

fn sync_item(item: &str, model: Option<Model>) -> Option<Refusal> {
    if ["Arc", "Weak", "PoisonError", "TryLockError", "LockResult", "TryLockResult"].contains(&item) {
        return None;
    }
    let instead = match model {
        _ if item == "*" => "import what you use from `checker::sync`".to_string(),
        None => format!("use `checker::sync::{item}`"),
        Some(_) if ["Mutex", "MutexGuard", "Condvar"].contains(&item) => format!("use `checker::sync::{item}`"),
        Some(m) => format!(
            "`checker::sync` has no `{item}` under the model checker ({}): use a `Mutex`, with a `Condvar` to wait",
            model_name(m)
        ),
    };
    refuse(Why::Invisible, instead)
}

fn atomic_item(item: &str, model: Option<Model>) -> Option<Refusal> {
    // std's atomics on real threads are the same as ours; under a model
    // checker every access must be a step it can interleave.
    let m = model?;
    if item == "Ordering" {
        return None;
    }
    const OURS: &[&str] = &["AtomicBool", "AtomicUsize", "AtomicU32", "AtomicU64", "AtomicI32", "AtomicI64"];
    let instead = if item == "*" {
        "import what you use from `checker::sync::atomic`".to_string()
    } else if OURS.contains(&item) {
        format!(
            "use `checker::sync::atomic::{item}`: the model checker interleaves each of its accesses, and \
             cannot see std's"
        )
    } else {
        format!(
            "`checker::sync::atomic` has no `{item}` under the model checker ({}): use one of {}",
            model_name(m),
            OURS.join(", ")
        )
    };
    refuse(Why::Invisible, instead)
}

fn mpsc_item(item: &str, model: Option<Model>) -> Option<Refusal> {
    let errors = ["RecvError", "SendError", "TryRecvError", "TrySendError", "RecvTimeoutError"];
    if errors.contains(&item) || (model.is_none() && item == "TryIter") {
        return None;
    }
    let has: &[&str] = match model {
        Some(Model::Loom) => &["channel", "Sender", "Receiver", "Iter", "IntoIter", "*"],
        _ => &["channel", "sync_channel", "Sender", "SyncSender", "Receiver", "Iter", "IntoIter", "*"],
    };
    let instead = match model {
        _ if item == "*" => "import what you use from `checker::sync::mpsc`".to_string(),
        _ if has.contains(&item) => format!("use `checker::sync::mpsc::{item}`"),
        Some(m) => format!("`checker::sync::mpsc` has no `{item}` under the model checker ({})", model_name(m)),
        None => format!("`checker::sync::mpsc` has no `{item}`"),
    };
    refuse(Why::Invisible, instead)
}

fn crossbeam(rest: &[&str], model: Option<Model>) -> Option<Refusal> {
    if rest.is_empty() {
        return None;
    }
    if let Some(m) = model {
        return refuse(
            Why::Invisible,
            format!(
                "the model checker ({}) cannot see crossbeam's threads, channels or locks: use `checker::thread` \
                 and `checker::sync` (`checker::sync::mpsc` for channels)",
                model_name(m)
            ),
        );
    }
    match rest {
        ["*"] => refuse(Why::Invisible, "name what you use: this glob brings in crossbeam's scoped threads"),
        ["thread" | "scope", ..] | ["utils", "thread", ..] => refuse(Why::Invisible, "use `checker::thread::scope`"),
        ["sync", "WaitGroup", ..] => refuse(Why::Invisible, "use `checker::sync::WaitGroup`"),
        ["sync", _, ..] => refuse(Why::Invisible, "use `checker::sync`: a `Mutex`, with a `Condvar` to wait"),
        ["channel", item @ ("after" | "tick" | "at" | "select" | "select_biased"), ..] => refuse(
            Why::Invisible,
            format!(
                "crossbeam's `{item}` runs on the real clock, which the checks cannot control: use \
                 `checker::channel::{item}`, the same API on the course's clock"
            ),
        ),
        _ => None,
    }
}

fn checker(rest: &[&str]) -> Option<Refusal> {
    let module = *rest.first()?;
    match PUBLIC_CHECKER.iter().find(|(name, _)| *name == module) {
        Some((_, hidden)) => match rest.get(1) {
            Some(item) if hidden.contains(item) => refuse(
                Why::Machinery,
                "that is the checks' own bookkeeping: only the checks call it (it changes what they see)",
            ),
            _ => None,
        },
        None => refuse(
            Why::Machinery,
            "that is the checks' own machinery: your code may use `checker::thread` and `checker::sync` \
             (and `checker::time`, `checker::channel`)",
        ),
    }
}
