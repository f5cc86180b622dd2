//! Reading the learner's source before it is built: threads and locks the
//! checks could not see, and the checks' own machinery, are refused with the
//! reason and what to use instead. The file is read as Rust tokens, so
//! comments and string literals are never code, and paths are resolved
//! through the file's aliases (`use std as s; s::thread::spawn`).

mod paths;
mod rules;

use crate::course::Model;
use paths::How;
pub use rules::Why;

/// One refused use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    /// What was used, resolved: `std::thread::spawn (through `s`, line 1)`.
    pub what: String,
    pub why: Why,
    pub instead: String,
}

/// The refused uses in `text`, in line order, for an exercise checked under
/// `model` (`None`: real threads). A file the lexer cannot read has none:
/// it does not compile either, and the compiler says why.
pub fn scan(text: &str, model: Option<Model>) -> Vec<Finding> {
    let Ok(named) = paths::named(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let uses = |prefix: &[&str]| {
        named.iter().any(|n| n.path.iter().map(String::as_str).take(prefix.len()).eq(prefix.iter().copied()))
    };
    // crossbeam's channels (and `checker::channel`'s, which are crossbeam's)
    // wait on the real clock in their timed methods; `checker::sync::mpsc`'s
    // `recv_timeout` runs on the course's clock, so a file with it is left be.
    if (uses(&["crossbeam", "channel"]) || uses(&["checker", "channel"])) && !uses(&["checker", "sync", "mpsc"]) {
        for (line, method) in realtime_calls(text) {
            // The arm that stands for the call: a send's, or a receive's.
            let arm =
                if method.starts_with("send") { "`send(tx, value) -> res => ..`" } else { "`recv(rx) -> msg => ..`" };
            found.push(Finding {
                line,
                what: format!("`.{method}(..)` on a crossbeam channel"),
                why: Why::Invisible,
                instead: format!(
                    "it waits on the real clock, which the checks cannot control: race the channel against a timer \
                     in `checker::channel::select!`, e.g. {arm} and `default(limit) => ..` (or \
                     `recv(after(limit)) -> _ => ..`), which run on the course's clock"
                ),
            });
        }
    }
    let asynchronous = uses(&["tokio"]);
    let mut add = |line: usize, what: String, r: rules::Refusal| {
        let f = Finding { line, what, why: r.why, instead: r.instead };
        if !found.contains(&f) {
            found.push(f);
        }
    };
    for n in named {
        let refusal = match n.how {
            How::Outside => Some(rules::outside()),
            _ => rules::judge(&n.path, model),
        };
        let Some(mut refusal) = refusal else {
            continue;
        };
        // In async code the course's thread sleep would block the runtime too.
        if asynchronous
            && matches!(n.path.iter().map(String::as_str).collect::<Vec<_>>()[..], ["std", "thread", "sleep"])
        {
            refusal.instead = "in async code, `tokio::time::sleep(d).await`: a thread's sleep blocks the runtime's \
                               thread, and every task waiting on it"
                .into();
        }
        // Name the item, not the method called on it: `std::sync::Mutex`, not `…::Mutex::new`.
        let shown = (1..=n.path.len()).find(|&k| rules::judge(&n.path[..k], model).is_some()).unwrap_or(n.path.len());
        let what = n.path[..shown].join("::");
        match n.how {
            How::Import => add(n.line, what, refusal),
            How::Code { alias: None } => add(n.line, what, refusal),
            How::Code { alias: Some(a) } => {
                // An import refused in itself is reported once, at the import.
                if rules::judge(&a.target, model).is_some() {
                    continue;
                }
                let via = if a.target.last() == Some(&a.name) {
                    String::new()
                } else {
                    format!(" (through `{}`, line {})", a.name, a.line)
                };
                add(n.line, format!("{what}{via}"), refusal);
                if let Some(instead) = rules::module_instead(&a.target) {
                    add(a.line, a.target.join("::"), rules::Refusal { why: Why::Invisible, instead });
                }
            }
            How::FromGlob { glob_line } => {
                // Only a glob that is fine in itself imports names worth a
                // look (the checks' bookkeeping); a refused one is reported.
                let mut glob = n.path.clone();
                glob.pop();
                glob.push("*".into());
                if rules::judge(&glob, model).is_none() {
                    let name = n.path.last().cloned().unwrap_or_default();
                    add(n.line, format!("{what} (`{name}` from the glob import on line {glob_line})"), refusal);
                }
            }
            How::Outside => add(n.line, what, refusal),
            How::OtherFile => {
                let what = if what == "mod" { "`mod name;`".to_string() } else { "`include!`".to_string() };
                add(n.line, what, refusal);
            }
        }
    }
    found.sort_by_key(|f| f.line);
    found
}

/// The timed methods of crossbeam's channels, called in `text`: (line, name).
fn realtime_calls(text: &str) -> Vec<(usize, String)> {
    const TIMED: &[&str] = &[
        "recv_timeout",
        "recv_deadline",
        "send_timeout",
        "send_deadline",
        "select_timeout",
        "select_deadline",
        "ready_timeout",
        "ready_deadline",
    ];
    fn walk(tokens: proc_macro2::TokenStream, out: &mut Vec<(usize, String)>) {
        let mut after_dot = false;
        for t in tokens {
            match t {
                proc_macro2::TokenTree::Group(g) => {
                    walk(g.stream(), out);
                    after_dot = false;
                }
                proc_macro2::TokenTree::Punct(p) => after_dot = p.as_char() == '.',
                proc_macro2::TokenTree::Ident(i) => {
                    let name = i.to_string();
                    if after_dot && TIMED.contains(&name.as_str()) {
                        out.push((i.span().start().line, name));
                    }
                    after_dot = false;
                }
                proc_macro2::TokenTree::Literal(_) => after_dot = false,
            }
        }
    }
    let mut out = Vec::new();
    if let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() {
        walk(tokens, &mut out);
    }
    out
}

/// The verdict's title for `found`.
pub fn title(found: &[Finding]) -> &'static str {
    let all = |why: Why| found.iter().all(|f| f.why == why);
    if all(Why::Invisible) {
        "uses threads or locks the checks cannot see"
    } else if all(Why::Machinery) {
        "uses the checks' own machinery"
    } else if all(Why::NotModelled) {
        "uses what the model checker does not have"
    } else {
        "uses code the checks cannot see"
    }
}

/// The explanation a learner gets for `found` in `file`.
pub fn message(file: &str, found: &[Finding]) -> String {
    let lines: Vec<String> =
        found.iter().map(|f| format!("  - {file}:{} uses {}: {}", f.line, f.what, f.instead)).collect();
    let mut whys: Vec<Why> = found.iter().map(|f| f.why).collect();
    whys.sort();
    whys.dedup();
    let why = whys.iter().map(|why| match why {
        Why::Invisible => {
            "Use `checker::thread` and `checker::sync` instead: they have std's API, plus the bookkeeping that \
             makes the verdict certain (which thread was spawned where, who joined it, and every step a model \
             checker interleaves). std's own are invisible to the checks, so a mistake in them could pass by luck."
        }
        Why::Machinery => {
            "The checks' own machinery (their harness, gates and record of threads) is not for the code under \
             test: calling it would change what the checks see."
        }
        Why::Outside => {
            "Your file is built into the check program: `crate::`, or a `super::` above your file, reaches into \
             the checks, not into your code."
        }
        Why::OtherFile => "The checks read only this file, so the code they check must be in it.",
        Why::NotModelled => "This exercise is checked by a model checker, which runs only what it models.",
    });
    let why: Vec<&str> = why.collect();
    format!("{}\n{}", lines.join("\n"), why.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::{Finding, Why, scan};
    use crate::course::Model;

    /// `(line, what)` of each finding.
    fn found(text: &str, model: Option<Model>) -> Vec<(usize, String)> {
        scan(text, model).into_iter().map(|f| (f.line, f.what)).collect()
    }

    fn whats(text: &str) -> Vec<String> {
        found(text, None).into_iter().map(|(_, w)| w).collect()
    }

    fn clean(text: &str, model: Option<Model>) {
        let f = scan(text, model);
        assert!(f.is_empty(), "{text}\nshould pass, got {f:?}");
    }

    #[test]
    fn finds_std_threads_and_locks() {
        let text = "use std::thread;\nuse std::sync::{Arc, Mutex};\nlet h = std::thread::spawn(f);\n\
                    use std::{collections::HashMap, sync::mpsc};\nfn f() { mpsc::channel::<u8>(); }\n";
        assert_eq!(
            found(text, None),
            [
                (2, "std::sync::Mutex".to_string()),
                (3, "std::thread::spawn".to_string()),
                (4, "std::sync::mpsc".to_string()),
                (5, "std::sync::mpsc::channel".to_string())
            ]
        );
    }

    /// In a tokio file, a thread's sleep is refused with tokio's sleep as the advice.
    #[test]
    fn a_sleep_in_async_code_points_to_tokios_sleep() {
        let text = "use tokio::sync::mpsc;\nasync fn f() { std::thread::sleep(d); }\n";
        let f = scan(text, None);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].instead.contains("tokio::time::sleep(d).await"), "{f:?}");
        let f = scan("fn f() { std::thread::sleep(d); }\n", None);
        assert!(f[0].instead.contains("checker::thread::sleep"), "{f:?}");
    }

    #[test]
    fn a_module_import_is_named_with_the_use_that_needs_it() {
        let text = "use std::thread;\n\nfn f() {\n    thread::spawn(|| {});\n}\n";
        let f = scan(text, None);
        assert_eq!(f[0].line, 1, "{f:?}");
        assert_eq!((f[0].what.as_str(), f[0].instead.as_str()), ("std::thread", "import `checker::thread` instead"));
        assert_eq!((f[1].line, f[1].what.as_str()), (4, "std::thread::spawn"));
        assert_eq!(f[1].instead, "use `checker::thread::spawn`");
        // The same import for a value type only is fine.
        clean("use std::thread;\nfn f() -> thread::Result<()> { Ok(()) }\n", None);
    }

    #[test]
    fn comments_and_literals_are_not_code() {
        clean(
            "// like std::thread::spawn\n/* or std::sync::Mutex,\n   over lines: std::thread::scope */\n\
             /// doc: std::sync::Condvar\n/** block doc std::thread::sleep */\nfn f() {\n\
             let a = \"std::thread::spawn\";\nlet b = r#\"std::sync::Mutex \"quoted\"\"#;\n\
             let c = b\"std::thread\";\nlet d = 'x'; let e = c\"std::sync::Barrier\";\n\
             /* nested /* std::thread::spawn */ still comment std::sync::RwLock */\n}\n",
            None,
        );
    }

    #[test]
    fn renamed_std_is_still_std() {
        assert_eq!(
            whats("use std as s;\nfn f() { s::thread::spawn(|| {}); }\n"),
            ["std::thread::spawn (through `s`, line 1)"]
        );
        assert_eq!(whats("fn f() { ::std::thread::spawn(|| {}); }\n"), ["std::thread::spawn"]);
        assert_eq!(
            whats("extern crate std as x;\nfn f() { x::sync::Mutex::new(0); }\n"),
            ["std::sync::Mutex (through `x`, line 1)"]
        );
        assert_eq!(
            found("use std::{thread as t};\n\nfn f() { t::scope(|_| {}); }\n", None),
            [(1, "std::thread".to_string()), (3, "std::thread::scope (through `t`, line 1)".to_string())]
        );
        assert_eq!(
            whats("use std::thread::{self as t};\nfn f() { t::sleep(d); }\n"),
            ["std::thread", "std::thread::sleep (through `t`, line 1)"]
        );
        // Uniform paths: a `use` may start from another alias.
        assert_eq!(whats("use std::sync;\nuse sync::Mutex;\n"), ["std::sync::Mutex"]);
        // After `=>`, `return` and in generics, `::std` starts a path.
        assert_eq!(
            whats(
                "fn f() { match 1 { _ => ::std::thread::yield_now() } }\nfn g() -> Vec<::std::sync::Barrier> { return ::std::thread::park(); }\n"
            ),
            ["std::thread::yield_now", "std::sync::Barrier", "std::thread::park"]
        );
        // A raw identifier is the same name.
        assert_eq!(whats("fn f() { r#std::thread::spawn(g); }\n"), ["std::thread::spawn"]);
    }

    #[test]
    fn globs_of_thread_modules_are_refused() {
        assert_eq!(whats("use std::thread::*;\n"), ["std::thread::*"]);
        assert_eq!(whats("use std::sync::mpsc::*;\n"), ["std::sync::mpsc::*"]);
        assert_eq!(whats("use std::*;\n"), ["std::*"]);
        assert_eq!(whats("use crossbeam::*;\n"), ["crossbeam::*"]);
        clean(
            "use std::collections::*;\nuse std::sync::atomic::*;\nuse checker::sync::*;\nuse crossbeam::channel::*;\n",
            None,
        );
        assert_eq!(
            found("use std::sync::atomic::*;\n", Some(Model::Shuttle)),
            [(1, "std::sync::atomic::*".to_string())]
        );
    }

    #[test]
    fn macro_bodies_are_read() {
        assert_eq!(
            whats(
                "macro_rules! go {\n    ($f:expr) => { std::thread::spawn($f) };\n}\nfn f() { select! { recv(r) -> m => std::thread::sleep(d), } }\n"
            ),
            ["std::thread::spawn", "std::thread::sleep"]
        );
        assert_eq!(
            found("fn f() {\n    vec![std::sync::Mutex::new(1)];\n}\n", None),
            [(2, "std::sync::Mutex".to_string())]
        );
    }

    #[test]
    fn error_and_value_types_are_fine() {
        clean(
            "use std::sync::mpsc::TrySendError;\nuse std::sync::mpsc::{RecvError, SendError, TryRecvError, RecvTimeoutError};\n\
             use std::sync::{Arc, Weak, PoisonError, TryLockError, LockResult};\nuse std::sync::atomic::{AtomicUsize, Ordering};\n\
             use std::thread::Result;\nfn f(e: TrySendError<u8>) -> std::thread::Result<()> {\n\
             match e { TrySendError::Full(_) => {}, std::sync::mpsc::TrySendError::Disconnected(_) => {} }\n\
             let _ = std::thread::current().id();\n Ok(()) }\nuse core::sync::atomic::AtomicBool;\nuse alloc::sync::Arc as A;\n",
            None,
        );
        clean(
            "use std::sync::mpsc::{TrySendError, RecvError};\nuse std::sync::{Arc, atomic::Ordering};\nfn f() -> std::thread::Result<()> { Ok(()) }\n",
            Some(Model::Shuttle),
        );
    }

    #[test]
    fn blocking_primitives_are_refused() {
        for what in ["Mutex", "RwLock", "Condvar", "Barrier", "Once", "OnceLock", "LazyLock", "MutexGuard"] {
            assert_eq!(whats(&format!("use std::sync::{what};\n")), [format!("std::sync::{what}")]);
        }
        for what in ["channel", "sync_channel", "Receiver", "Sender", "SyncSender"] {
            assert_eq!(whats(&format!("use std::sync::mpsc::{what};\n")), [format!("std::sync::mpsc::{what}")]);
        }
        for what in ["spawn", "scope", "Builder", "park", "sleep", "JoinHandle", "Scope"] {
            assert_eq!(whats(&format!("use std::thread::{what};\n")), [format!("std::thread::{what}")]);
        }
    }

    #[test]
    fn under_a_model_std_atomics_crossbeam_and_clock_are_refused() {
        let f = scan(
            "use std::sync::atomic::{AtomicUsize, Ordering};\nuse core::sync::atomic::AtomicBool;\n",
            Some(Model::Loom),
        );
        assert_eq!(
            f.iter().map(|f| f.what.as_str()).collect::<Vec<_>>(),
            ["std::sync::atomic::AtomicUsize", "core::sync::atomic::AtomicBool"]
        );
        assert!(f[0].instead.starts_with("use `checker::sync::atomic::AtomicUsize`"), "{f:?}");
        let f = scan("use crossbeam::channel::bounded;\n", Some(Model::Shuttle));
        assert!(f[0].instead.contains("cannot see crossbeam"), "{f:?}");
        clean("use crossbeam::channel::bounded;\n", None);
        let f = scan("fn f() { std::thread::scope(|s| {}); }\n", Some(Model::Loom));
        assert!(f[0].instead.starts_with("loom, the model checker of this exercise, has no scoped threads"), "{f:?}");
        let f = scan("use checker::thread;\nfn f() { thread::scope(|s| {}); }\n", Some(Model::Loom));
        assert_eq!((f[0].line, f[0].why), (2, Why::NotModelled), "{f:?}");
        assert!(f[0].instead.starts_with("loom, the model checker of this exercise, has no scoped threads"), "{f:?}");
        clean("use checker::thread;\nfn f() { thread::scope(|s| {}); }\n", Some(Model::Shuttle));
        let f = scan("fn f() { std::thread::scope(|s| {}); }\n", Some(Model::Shuttle));
        assert_eq!(f[0].instead, "use `checker::thread::scope`");
        let f = scan("use std::thread::sleep;\nuse std::sync::RwLock;\n", Some(Model::Shuttle));
        assert!(f[0].instead.starts_with("a model checker has no clock"), "{f:?}");
        assert!(f[1].instead.contains("has no `RwLock` under the model checker (shuttle)"), "{f:?}");
    }

    #[test]
    fn crossbeams_timed_methods_are_refused_but_the_course_clocks_are_fine() {
        let cb = "use checker::channel::Receiver;\nfn f(rx: &Receiver<u8>) {\n    // rx.recv_timeout(d) in a comment\n    \
                  let _ = rx.recv_timeout(D);\n}\n";
        let f = scan(cb, None);
        assert_eq!(
            f.iter().map(|f| (f.line, f.what.as_str())).collect::<Vec<_>>(),
            [(4, "`.recv_timeout(..)` on a crossbeam channel")]
        );
        assert!(f[0].instead.contains("`recv(rx) -> msg => ..`"), "{f:?}");
        // A send's is raced as a send arm.
        let send = "use crossbeam::channel::Sender;\nfn f(tx: &Sender<u8>) { let _ = tx.send_timeout(1, D); }\n";
        let f = scan(send, None);
        assert!(f[0].instead.contains("`send(tx, value) -> res => ..`"), "{f:?}");
        let mpsc = "use checker::sync::mpsc::Receiver;\nfn f(rx: &Receiver<u8>) { let _ = rx.recv_timeout(D); }\n";
        assert!(scan(mpsc, None).is_empty());
    }

    #[test]
    fn crossbeam_threads_are_refused_but_its_channels_are_fine() {
        let text = "use crossbeam::channel::{bounded, select};\nfn f() { crossbeam::scope(|s| {}); }\n\
                    use crossbeam::{channel, sync::WaitGroup};\nuse crossbeam::thread as ct;\n";
        assert_eq!(
            whats(text),
            ["crossbeam::channel::select", "crossbeam::scope", "crossbeam::sync::WaitGroup", "crossbeam::thread"]
        );
        // Its timers run on the real clock: `checker::channel` has them on the course's.
        let text = "use crossbeam::channel::{after, tick, bounded};
use checker::channel::{after as a, select};
";
        assert_eq!(whats(text), ["crossbeam::channel::after", "crossbeam::channel::tick"]);
    }

    #[test]
    fn the_checks_machinery_is_refused_through_any_alias() {
        let refused = |text: &str| -> Vec<(usize, String)> {
            let f = scan(text, None);
            assert!(f.iter().all(|f| f.why == Why::Machinery), "{f:?}");
            f.into_iter().map(|f| (f.line, f.what)).collect()
        };
        assert_eq!(refused("fn f() { checker::thread::forget_all(); }\n"), [(1, "checker::thread::forget_all".into())]);
        assert_eq!(
            refused("use checker::thread as t;\nfn f() { t::forget_all(); }\n"),
            [(2, "checker::thread::forget_all (through `t`, line 1)".into())]
        );
        assert_eq!(refused("use checker::thread::{self, forget_all};\n"), [(1, "checker::thread::forget_all".into())]);
        assert_eq!(
            refused("use checker::thread::*;\n\nfn f() { unjoined(); }\n"),
            [(3, "checker::thread::unjoined (`unjoined` from the glob import on line 1)".into())]
        );
        assert_eq!(refused("use checker::gate;\nfn f() { gate::release_all(); }\n")[0], (1, "checker::gate".into()));
        for path in [
            "checker::harness",
            "checker::gate",
            "checker::observe",
            "checker::vtime",
            "checker::watchdog",
            "checker::model",
            "checker::ensure",
            "checker::subject",
            "checker::Failure",
        ] {
            assert_eq!(refused(&format!("use {path}::something;\n")), [(1, path.to_string())]);
            assert_eq!(refused(&format!("use {path};\n")), [(1, path.to_string())]);
        }
        assert_eq!(
            refused("extern crate checker as c;\nfn f() { c::gate::reset(); }\n")[0].1,
            "checker::gate (through `c`, line 1)"
        );
        assert_eq!(refused("use ::checker::*;\n"), [(1, "checker::*".into())]);
        clean(
            "use checker::thread::{self, JoinHandle};\nuse checker::sync::{Arc, Mutex, WaitGroup, mpsc};\nfn f() { thread::scope(|s| {}); }\n",
            None,
        );
    }

    #[test]
    fn reaching_outside_the_file_is_refused() {
        let f = scan("use super::Failure;\nfn f() { crate::harness_helper(); }\nmod inner { use super::*; }\n", None);
        let lines: Vec<(usize, Why)> = f.iter().map(|f| (f.line, f.why)).collect();
        assert_eq!(lines, [(1, Why::Outside), (2, Why::Outside)], "{f:?}");
        let f = scan("mod helpers;\nfn f() { include!(\"more.rs\"); }\nmod inline { fn g() {} }\n", None);
        assert_eq!(f.iter().map(|f| (f.line, f.why)).collect::<Vec<_>>(), [(1, Why::OtherFile), (2, Why::OtherFile)]);
    }

    #[test]
    fn inner_scopes_shadow_outer_imports() {
        clean("use std::thread;\nmod m {\n    use checker::thread;\n    fn f() { thread::spawn(|| {}); }\n}\n", None);
        // The inner `use` applies to its whole block, even code above it.
        clean("fn f() {\n    thread::spawn(|| {});\n    use checker::thread;\n}\n", None);
    }

    /// Watch mode scans file after file on one thread: lines stay right.
    #[test]
    fn lines_stay_right_scan_after_scan() {
        for n in 0..3 {
            let text = format!("{}use std::sync::Barrier;\n", "\n".repeat(n));
            assert_eq!(found(&text, None), [(n + 1, "std::sync::Barrier".to_string())]);
        }
    }

    #[test]
    fn a_file_that_does_not_lex_is_left_to_the_compiler() {
        assert_eq!(scan("fn f() { std::thread::spawn(\n", None), Vec::<Finding>::new());
    }

    #[test]
    fn the_message_names_each_line_and_what_to_use() {
        let f = scan("use std::sync::Mutex;\nfn f() { checker::gate::hold(); }\n", None);
        let m = super::message("exercises/day01.rs", &f);
        assert!(m.contains("  - exercises/day01.rs:1 uses std::sync::Mutex: use `checker::sync::Mutex`"), "{m}");
        assert!(m.contains("  - exercises/day01.rs:2 uses checker::gate: that is the checks' own machinery"), "{m}");
        assert!(
            m.contains("Use `checker::thread` and `checker::sync` instead")
                && m.contains("not for the code under test"),
            "{m}"
        );
        assert_eq!(super::title(&f), "uses code the checks cannot see");
    }

    /// Every item the public checker modules hide (`#[doc(hidden)]`) is in
    /// the list the scan refuses: bookkeeping added later cannot slip through.
    #[test]
    fn every_hidden_checker_item_is_refused() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checker/src");
        for (module, _) in super::rules::PUBLIC_CHECKER {
            for file in [root.join(format!("{module}.rs")), root.join(format!("model/{module}.rs"))] {
                let Ok(text) = std::fs::read_to_string(&file) else { continue };
                let mut hidden = false;
                for line in text.lines().map(str::trim) {
                    if line == "#[doc(hidden)]" {
                        hidden = true;
                        continue;
                    }
                    if hidden && !line.starts_with('#') && !line.starts_with("///") {
                        hidden = false;
                        let name = line
                            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .filter(|w| !w.is_empty())
                            .find(|w| {
                                ![
                                    "pub",
                                    "fn",
                                    "struct",
                                    "enum",
                                    "const",
                                    "static",
                                    "type",
                                    "mod",
                                    "crate",
                                    "use",
                                    "macro_rules",
                                ]
                                .contains(w)
                            })
                            .unwrap_or_default();
                        let path = ["checker".to_string(), module.to_string(), name.to_string()];
                        let refusal = super::rules::judge(&path, None);
                        assert!(
                            refusal.is_some_and(|r| r.why == Why::Machinery),
                            "{} hides `{name}`: add it to source::rules::PUBLIC_CHECKER",
                            file.display()
                        );
                    }
                }
            }
        }
    }
}

/// The course's own files: every solution, alternative, original and
/// known-bad variant passes the scan under its exercise's model, but the two
/// written to use std's threads and std's sleep.
#[cfg(test)]
mod course_files {
    use crate::course::Course;

    #[test]
    fn only_the_std_threads_and_sleep_variants_are_refused() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let course = Course::load(root).expect("info.toml loads");
        let mut refused = Vec::new();
        for ex in &course.exercises {
            let files = [ex.path.clone(), ex.solution(), ex.original()].into_iter();
            let files = files.chain(ex.alternatives(root));
            for file in files.chain(ex.bad.iter().map(|b| ex.bad_variant(b))) {
                let text = std::fs::read_to_string(root.join(&file)).expect("course file reads");
                let found = super::scan(&text, ex.model);
                if !found.is_empty() {
                    refused.push((file.display().to_string(), found));
                }
            }
        }
        // The model-checked fixture of the cli tests, too.
        for file in ["tests/fixtures/counter/racy.rs", "tests/fixtures/counter/fixed.rs"] {
            let text = std::fs::read_to_string(root.join(file)).expect("fixture reads");
            let found = super::scan(&text, Some(crate::course::Model::Shuttle));
            if !found.is_empty() {
                refused.push((file.to_string(), found));
            }
        }
        let files: Vec<&str> = refused.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            [
                "checker/src/bin/hello_threads/bad/std_threads.rs",
                // Its real-clock `send_timeout` is refused; the proof shows the check's verdict.
                "checker/src/bin/pipeline/bad/send_timeout_gives_up.rs",
                "checker/src/bin/log_aggregator/bad/std_sleep.rs"
            ],
            "{refused:#?}"
        );
    }
}
