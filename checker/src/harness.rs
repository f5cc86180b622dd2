//! Runs an exercise's checks and reports the verdict.
//!
//! A check binary's `main` calls [`run`] with its checks. Checks run in order
//! and stop at the first failure, so the learner fixes one thing at a time.
//! The verdict goes to stdout for people and, as JSON, to the file named by
//! `LOCKSTEP_REPORT` for lockstep.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

use crate::{gate, thread};

/// The kinds of verdict. lockstep shows them; `dev check` expects them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Pass,
    /// A result or behaviour the exercise asks for is wrong.
    Wrong,
    /// The learner's code panicked.
    Panic,
    /// The learner's code reached a `todo!()`.
    Todo,
    /// A thread outlived the function that spawned it.
    Leak,
    /// At the deadline, every thread running the learner's code was waiting.
    Deadlock,
    /// At the deadline, the learner's code was still running.
    Timeout,
    /// An interleaving broke an invariant.
    Race,
}

/// Why a check failed.
#[derive(Debug)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
}

impl Failure {
    pub fn wrong(message: impl Into<String>) -> Self {
        Failure { kind: Kind::Wrong, message: message.into() }
    }
    pub fn leak(message: impl Into<String>) -> Self {
        Failure { kind: Kind::Leak, message: message.into() }
    }
}

/// One named check.
pub struct Check {
    pub name: &'static str,
    pub run: fn() -> Result<(), Failure>,
}

#[derive(Serialize)]
struct Report<'a> {
    verdict: Kind,
    check: Option<&'a str>,
    message: String,
    passed: Vec<&'a str>,
}

#[derive(Clone)]
struct Panicked {
    id: std::thread::ThreadId,
    thread: String,
    message: String,
    at: String,
}

static PANICS: Mutex<Vec<Panicked>> = Mutex::new(Vec::new());

/// The check running now and the ones that passed, for the watchdog's report.
static PROGRESS: Mutex<(Option<&'static str>, Vec<&'static str>)> = Mutex::new((None, Vec::new()));

fn panics() -> std::sync::MutexGuard<'static, Vec<Panicked>> {
    PANICS.lock().unwrap_or_else(PoisonError::into_inner)
}

fn payload_text(info: &panic::PanicHookInfo<'_>) -> String {
    let p = info.payload();
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}

/// Fails with a `leak` verdict if a thread spawned during this check was
/// never joined. `function` names the exercise function, for the message.
pub fn no_unjoined_threads(function: &str) -> Result<(), Failure> {
    let left = thread::unjoined();
    if left.is_empty() {
        return Ok(());
    }
    // Group threads spawned at the same place: "3 threads spawned at x.rs:9".
    let mut sites: Vec<(String, usize)> = Vec::new();
    for s in &left {
        let name = s.name.as_deref().map(|n| format!(" \"{n}\"")).unwrap_or_default();
        let site = format!("{name} spawned at {}:{}", tidy_path(s.at.file()), s.at.line());
        match sites.iter_mut().find(|(k, _)| *k == site) {
            Some((_, n)) => *n += 1,
            None => sites.push((site, 1)),
        }
    }
    let list: Vec<String> = sites
        .iter()
        .map(|(site, n)| if *n == 1 { format!("  - the thread{site}") } else { format!("  - {n} threads{site}") })
        .collect();
    Err(Failure::leak(format!(
        "{function} returned without joining {} thread(s):\n{}\nA thread nobody joins may still be working (or blocked) after the function returns.",
        left.len(),
        list.join("\n")
    )))
}

/// The panics of this check on threads other than the caller's, as
/// (file:line, message), oldest first. A thread nobody joins ends with its
/// panic, and nobody hears of it unless the check asks.
pub fn thread_panics() -> Vec<(String, String)> {
    let me = std::thread::current().id();
    panics().iter().filter(|p| p.id != me).map(|p| (p.at.clone(), p.message.clone())).collect()
}

/// The function whose threads [`threads_end`] waits for, if it is waiting.
static OUTLIVED: Mutex<Option<String>> = Mutex::new(None);

/// Fails with a `leak` verdict if a thread spawned during this check never
/// ends. Unlike [`no_unjoined_threads`], a thread nobody joined is fine if it
/// ends on its own (Go's goroutines are never joined). Call it after the
/// function under test returned and the check let go of everything its
/// threads could be waiting for: it waits for every thread to end, and one
/// still blocked (or looping) at the deadline is reported with its line.
pub fn threads_end(function: &str) -> Result<(), Failure> {
    gate::release_all();
    *OUTLIVED.lock().unwrap_or_else(PoisonError::into_inner) = Some(function.to_string());
    thread::wait_all_ended();
    *OUTLIVED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    Ok(())
}

/// The exit code of a check binary built from another copy of the course
/// (copies that share a target dir share the binary's path).
pub const EXIT_OTHER_COURSE: i32 = 3;

/// Runs `checks` in order, prints and reports the verdict, and exits: 0 if
/// every check passed, 1 otherwise.
pub fn run(checks: &[Check]) -> ! {
    if let Ok(want) = std::env::var("LOCKSTEP_CHECKER_DIR")
        && want != env!("CARGO_MANIFEST_DIR")
    {
        eprintln!("this check was built from {}, not {want}", env!("CARGO_MANIFEST_DIR"));
        std::process::exit(EXIT_OTHER_COURSE);
    }
    if let Some(ms) = std::env::var("LOCKSTEP_DEADLINE_MS").ok().and_then(|v| v.parse().ok()) {
        crate::watchdog::arm(std::time::Duration::from_millis(ms), at_deadline);
        // Every thread waits and nothing can wake any of them: report now.
        #[cfg(not(any(feature = "model", feature = "loom")))]
        crate::clock::on_deadlock(crate::watchdog::report_now);
    }
    panic::set_hook(Box::new(|info| {
        let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
        let at = info.location().map(|l| format!("{}:{}", tidy_path(l.file()), l.line())).unwrap_or_default();
        panics().push(Panicked { id: std::thread::current().id(), thread, message: payload_text(info), at });
    }));

    let mut passed = Vec::new();
    for check in checks {
        started(check.name);
        PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).0 = Some(check.name);
        gate::reset();
        thread::forget_all();
        panics().clear();
        let outcome = panic::catch_unwind(AssertUnwindSafe(check.run));
        // Whatever happened, let held workers finish.
        gate::release_all();
        let failure = match outcome {
            Ok(Ok(())) => {
                println!("✓ {}", check.name);
                passed.push(check.name);
                PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).1.push(check.name);
                continue;
            }
            Ok(Err(failure)) => failure,
            Err(_) => escaped_panic(),
        };
        println!("✗ {}\n\n{}", check.name, failure.message);
        report(&Report { verdict: failure.kind, check: Some(check.name), message: failure.message, passed });
        std::process::exit(1);
    }
    report(&Report { verdict: Kind::Pass, check: None, message: String::new(), passed });
    std::process::exit(0);
}

/// The watchdog's verdict at the deadline: a deadlock if every thread in the
/// learner's code waits, else still running.
fn at_deadline(states: Vec<crate::watchdog::ThreadState>) -> ! {
    let ours: Vec<_> = states.iter().filter(|s| s.at.is_some()).collect();
    let line = |s: &crate::watchdog::ThreadState| {
        let spawned = s.spawned_at.as_deref().map(|a| format!(" (spawned at {a})")).unwrap_or_default();
        let at = s.at.as_deref().unwrap_or("?");
        let what = match s.waits_in.as_deref() {
            _ if s.running => "is running".to_string(),
            Some(c) if c.contains("gate::hold") => {
                "waits to be joined (the check holds each worker until someone waits for it)".to_string()
            }
            Some(c) => format!("waits in {c}{}", gloss(c)),
            None => "waits".to_string(),
        };
        format!("  - thread \"{}\"{spawned} {what} at {at}", s.name)
    };
    let list = grouped(ours.iter().map(|s| line(s)));
    let outlived = OUTLIVED.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let (kind, message) = if let Some(function) = outlived {
        let n = ours.iter().filter(|s| s.spawned_at.is_some()).count();
        let left = grouped(ours.iter().filter(|s| s.spawned_at.is_some()).map(|s| line(s)));
        (
            Kind::Leak,
            format!(
                "{function} returned, but {} thread(s) it started never ended:\n{}\n\
                 A thread nobody joins must still end on its own: if it waits, what it waits for must come; if it \
                 runs, it must notice when its work is no longer wanted (a `send` that returns `Err`, a cancelled token).",
                n,
                left.join("\n")
            ),
        )
    } else if ours.is_empty() {
        (Kind::Timeout, "The check did not finish in time, and no thread was in your code.".to_string())
    } else if ours.iter().all(|s| !s.running) && !crate::clock::timers_pending() {
        (
            Kind::Deadlock,
            format!(
                "Deadlock: every thread running your code is waiting, and none of them can go on.\n{}\n{}",
                list.join("\n"),
                if ours.len() == 1 {
                    "No other thread is left to do what it waits for."
                } else {
                    "Each waits for something that only another waiting thread could do."
                }
            ),
        )
    } else {
        (
            Kind::Timeout,
            format!(
                "Still running at the deadline: an endless loop, a loop that polls instead of blocking, or very slow work?\n{}",
                list.join("\n")
            ),
        )
    };
    let (check, passed) = PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).clone();
    println!("✗ {}\n\n{message}", check.unwrap_or("(before the first check)"));
    report(&Report { verdict: kind, check, message, passed });
    std::process::exit(1);
}

/// Identical lines once each, in order, with a count: five workers stuck on
/// the same line read as one line, "(5 threads)".
fn grouped(lines: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for l in lines {
        match out.iter_mut().find(|(k, _)| *k == l) {
            Some((_, n)) => *n += 1,
            None => out.push((l, 1)),
        }
    }
    out.into_iter().map(|(l, n)| if n == 1 { l } else { format!("{l} ({n} threads)") }).collect()
}

/// What a blocking call waits for, in a few words.
fn gloss(call: &str) -> &'static str {
    match call.rsplit("::").next().unwrap_or("") {
        _ if call.ends_with("Receiver::recv") || call.ends_with("Receiver::recv_timeout") => " (for a message)",
        _ if call.ends_with("Iter::next") => {
            " (for the next message of a `for` loop over a receiver: it ends only once every Sender is dropped)"
        }
        _ if call.ends_with("JoinHandle::join") => " (for that thread to end)",
        _ if call.ends_with("Sender::send") => " (for room in the channel, or a receiver)",
        _ if call.contains("select") || call.contains("Select") => " (in a `select!`, for any of its operations)",
        _ if call.ends_with("Mutex::lock") => " (for the lock)",
        _ if call.ends_with("Condvar::wait") => " (for a notify)",
        _ if call.ends_with("WaitGroup::wait") => " (for every clone to be dropped)",
        _ if call.ends_with("Barrier::wait") => " (for the other threads to arrive)",
        _ => "",
    }
}

/// The message of `todo!()`'s panic.
const TODO: &str = "not yet implemented";

/// The `todo` verdict: the code reached a `todo!()` at `at` (file:line).
fn todo_at(at: &str) -> Failure {
    Failure {
        kind: Kind::Todo,
        message: format!(
            "Not done yet: the code reached a `todo!()` at {at}.\nFollow the TODO above it and save: every save is checked."
        ),
    }
}

/// The `todo` verdict if this check's code reached a `todo!()` (on any
/// thread: under a model checker, its threads panic for the check).
#[cfg_attr(not(any(feature = "model", feature = "loom")), allow(dead_code))]
pub(crate) fn reached_todo() -> Option<Failure> {
    panics().iter().rev().find(|p| p.message.starts_with(TODO)).map(|p| todo_at(&p.at))
}

/// Describes the panic that escaped a check (the last one on the check's thread).
fn escaped_panic() -> Failure {
    let all = panics().clone();
    let me = std::thread::current().name().unwrap_or("unnamed").to_string();
    // The panic that ended the check: the last on the check's thread, or
    // (re-raised from a thread the check ran the code on) the last of all.
    let Some(at) = all.iter().rposition(|p| p.thread == me).or(all.len().checked_sub(1)) else {
        return Failure { kind: Kind::Panic, message: "the code panicked".into() };
    };
    let last = &all[at];
    if last.message.starts_with(TODO) {
        return todo_at(&last.at);
    }
    let mut message = format!("The code panicked at {}:\n  {}", last.at, last.message);
    let earlier: Vec<_> = all.iter().enumerate().filter(|&(i, p)| i != at && p.thread != me).map(|(_, p)| p).collect();
    for p in earlier {
        message.push_str(&format!("\n(before that, thread \"{}\" panicked at {}: {})", p.thread, p.at, p.message));
    }
    Failure { kind: Kind::Panic, message }
}

/// Notes which check is running, for a verdict the process cannot write
/// itself (stopped at the deadline, or crashed).
fn started(name: &str) {
    if let Ok(path) = std::env::var("LOCKSTEP_REPORT") {
        let _ = std::fs::write(format!("{path}.running"), name);
    }
}

fn report(r: &Report<'_>) {
    let Ok(path) = std::env::var("LOCKSTEP_REPORT") else { return };
    let json = serde_json::to_string(r).unwrap_or_default();
    if let Err(e) = std::fs::write(&path, json) {
        eprintln!("lockstep checker: cannot write the report to {path}: {e}");
    }
}

/// `checker/src/bin/../../../exercises/x.rs` -> `exercises/x.rs`.
pub fn tidy_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            "." | "" if !parts.is_empty() => {}
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// `file` (as the compiler named it) relative to the course: checks run in
/// the course folder.
pub fn relative(file: &str) -> String {
    let tidy = tidy_path(file);
    let cwd = std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
    match tidy.strip_prefix(&cwd) {
        Some(rest) if !cwd.is_empty() => rest.trim_start_matches('/').to_string(),
        _ => tidy,
    }
}

/// Is `file` (as the compiler named it) the file under test? lockstep names
/// it in `LOCKSTEP_FILE_UNDER_TEST`; run by hand, any file in exercises/.
pub fn under_test(file: &str) -> bool {
    let file = tidy_path(file);
    match std::env::var("LOCKSTEP_FILE_UNDER_TEST") {
        Ok(wanted) => file.ends_with(&wanted),
        Err(_) => file.contains("exercises/"),
    }
}

#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
mod tests {
    use std::time::Duration;

    use super::{Kind, no_unjoined_threads, threads_end};
    use crate::sync::mpsc;
    use crate::{gate, thread};

    /// Go's leak after a `select` timeout, in Rust: the function gives up on
    /// its worker after a timeout and returns without joining it. Whichever
    /// way the timeout race goes, nobody joins the worker: a leak, every time.
    #[test]
    fn giving_up_on_a_worker_after_a_timeout_is_a_leak() {
        let _serial = crate::serial();
        for _ in 0..50 {
            gate::reset();
            thread::forget_all();
            let first_reply = || {
                let (tx, rx) = mpsc::sync_channel(0);
                thread::spawn(move || {
                    gate::hold(); // the slow backend
                    let _ = tx.send(42);
                });
                rx.recv_timeout(Duration::from_millis(1)).ok()
            };
            let _ = first_reply();
            let failure = no_unjoined_threads("first_reply").unwrap_err();
            assert_eq!(failure.kind, Kind::Leak);
            assert!(
                failure.message.contains("first_reply returned without joining 1 thread(s)"),
                "{}",
                failure.message
            );
            assert!(failure.message.contains("spawned at checker/src/harness.rs:"), "{}", failure.message);
            gate::release_all();
        }
    }

    /// A worker nobody joins that ends on its own is not a leak for
    /// `threads_end` (one that never ends is, at the deadline: see the
    /// course's leak variants, proven by `dev check`).
    #[test]
    fn threads_end_waits_for_threads_that_end_on_their_own() {
        let _serial = crate::serial();
        gate::reset();
        thread::forget_all();
        let (tx, rx) = mpsc::sync_channel(0);
        thread::spawn(move || {
            gate::hold();
            let _ = tx.send(1); // the receiver is gone: an error, not a hang
        });
        drop(rx);
        assert!(threads_end("f").is_ok());
        assert!(thread::all_spawned().iter().all(|s| s.ended));
    }
}
