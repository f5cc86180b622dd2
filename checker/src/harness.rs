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
    thread: String,
    message: String,
    at: String,
}

static PANICS: Mutex<Vec<Panicked>> = Mutex::new(Vec::new());

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
    panic::set_hook(Box::new(|info| {
        let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
        let at = info.location().map(|l| format!("{}:{}", tidy_path(l.file()), l.line())).unwrap_or_default();
        panics().push(Panicked { thread, message: payload_text(info), at });
    }));

    let mut passed = Vec::new();
    for check in checks {
        started(check.name);
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

/// Describes the panic that escaped a check (the last one on the check's thread).
fn escaped_panic() -> Failure {
    let all = panics().clone();
    let me = std::thread::current().name().unwrap_or("unnamed").to_string();
    let Some(last) = all.iter().rev().find(|p| p.thread == me).or(all.last()) else {
        return Failure { kind: Kind::Panic, message: "the code panicked".into() };
    };
    if last.message.starts_with("not yet implemented") {
        return Failure {
            kind: Kind::Todo,
            message: format!("Not done yet: the code reached a `todo!()` at {}.", last.at),
        };
    }
    let mut message = format!("The code panicked at {}:\n  {}", last.at, last.message);
    let earlier: Vec<_> = all.iter().filter(|p| p.thread != me).collect();
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
