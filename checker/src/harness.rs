//! Runs an exercise's checks and reports the verdict.
//!
//! A check binary's `main` calls [`run`] with its checks. Checks run in order
//! and stop at the first failure, so the learner fixes one thing at a time.
//! The verdict goes to stdout for people and, as JSON, to lockstep over the
//! report channel (see `report.rs`).

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

use crate::{gate, report, thread};

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
    /// A `wrong` verdict. If the message names functions of the learner's
    /// file (`run_workers(..) returned ..`) and no line of it, the lines of
    /// those functions are added: every verdict points at the learner's code.
    pub fn wrong(message: impl Into<String>) -> Self {
        let message = message.into();
        let lines = crate::lines::named_in(&message);
        Failure { kind: Kind::Wrong, message: crate::lines::append(message, &lines) }
    }

    /// Names the learner's function `name` (and its line) as the code
    /// involved, for a message that does not call it by name.
    pub fn in_fn(self, name: &str) -> Self {
        let lines = crate::lines::of_fns(&[name]);
        Failure { kind: self.kind, message: crate::lines::append(self.message, &lines) }
    }
    /// A `leak` verdict; like [`Failure::wrong`], it names the learner's
    /// code if the message shows no line of it.
    pub fn leak(message: impl Into<String>) -> Self {
        let message = message.into();
        let lines = crate::lines::named_in(&message);
        Failure { kind: Kind::Leak, message: crate::lines::append(message, &lines) }
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
    /// Did the panic come from the file under test (an `unwrap` there), not
    /// from the work a check handed it?
    learners: bool,
}

static PANICS: Mutex<Vec<Panicked>> = Mutex::new(Vec::new());

/// The check running now and the ones that passed, for the watchdog's report.
static PROGRESS: Mutex<(Option<&'static str>, Vec<&'static str>)> = Mutex::new((None, Vec::new()));

fn panics() -> std::sync::MutexGuard<'static, Vec<Panicked>> {
    PANICS.lock().unwrap_or_else(PoisonError::into_inner)
}

fn payload_text(p: &(dyn std::any::Any + Send)) -> String {
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
        let site = format!("{name} spawned at {}:{}", relative(s.at.file()), s.at.line());
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

/// Runs `f`, which calls the code under test with work that panics on the
/// thread `panicked` records. The panic must reach the caller: a `wrong`
/// verdict if `f` returned instead, saying what became of the thread that
/// panicked (joined and its `Err` dropped, or never joined), with its line.
pub fn panic_reaches_caller<T: std::fmt::Display>(
    function: &str,
    what: &str,
    panicked: &Mutex<Option<std::thread::ThreadId>>,
    f: impl FnOnce() -> T,
) -> Result<(), Failure> {
    let got = match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(got) => got,
        Err(payload) => return the_workers_panic(function, what, &*payload),
    };
    let id = *panicked.lock().unwrap_or_else(PoisonError::into_inner);
    let thread = id.and_then(|id| thread::all_spawned().into_iter().find(|s| s.id == id));
    let fate = match thread {
        Some(t) => {
            let at = format!("{}:{}", relative(t.at.file()), t.at.line());
            if t.joined {
                format!(
                    "That thread (spawned at {at}) was joined, and its join() returned the panic as an Err,\n\
                     which was thrown away (`let _ = handle.join()`, or `.ok()`?). Where should a worker's \
                     panic go once its Err is in your hands?"
                )
            } else {
                format!(
                    "Nobody joined that thread (spawned at {at}), so nobody heard of its panic. What does \
                     join() give back when the thread it waits for panicked?"
                )
            }
        }
        None => "The panic happened on a thread that did not come from checker::thread.".to_string(),
    };
    Err(Failure::wrong(format!(
        "{what} panicked on a worker thread, yet {function} returned {got} as if every job had been done.\n{fate}"
    )))
}

/// The caller of `function` panicked with `payload`: was that the worker's
/// panic passed on (its thread joined, or its payload resumed), or a panic
/// of the caller's own, with the worker's lost? A panic passed on by
/// `join().unwrap()` says only "Any { .. }", so a joined worker counts.
fn the_workers_panic(function: &str, what: &str, payload: &(dyn std::any::Any + Send)) -> Result<(), Failure> {
    let text = payload_text(payload);
    let me = std::thread::current().id();
    let panics = panics();
    // The panics of the checks' work on the workers, not the learner's own.
    let work: Vec<&Panicked> = panics.iter().filter(|p| p.id != me && !p.learners).collect();
    let spawned = thread::all_spawned();
    let joined = |p: &Panicked| spawned.iter().any(|s| s.id == p.id && s.joined);
    if work.is_empty() || work.iter().any(|p| joined(p) || text.contains(&p.message)) {
        return Ok(());
    }
    let worker = work[0];
    let site = spawned
        .iter()
        .find(|s| s.id == worker.id)
        .map(|s| format!(" (spawned at {}:{})", relative(s.at.file()), s.at.line()))
        .unwrap_or_default();
    let own = panics
        .iter()
        .rev()
        .find(|p| p.learners && (p.id == me || joined(p)))
        .map(|p| format!(", at {}:\n  {}", p.at, p.message))
        .unwrap_or_else(|| format!(":\n  {text}"));
    Err(Failure::wrong(format!(
        "{what} panicked on a worker thread{site}, and {function} panicked too, but with a panic of its \
         own{own}\nThe worker's panic was lost: nobody joined its thread. Which panic should the caller \
         hear of, and where does your code get it from?"
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

/// The panics of this check on the caller's thread, as (file:line,
/// message), oldest first: for a check that caught a panic of the code it
/// called, to say where it happened.
pub fn panics_here() -> Vec<(String, String)> {
    let me = std::thread::current().id();
    panics().iter().filter(|p| p.id == me).map(|p| (p.at.clone(), p.message.clone())).collect()
}

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
    // Before anything else, and before any code under test: once per process,
    // and the report channel is the harness's alone.
    if !report::first_run() {
        called_again();
    }
    report::open(checks.len());
    if checks.is_empty() {
        let message = "This check binary has no checks: `harness::run` needs at least one.".to_string();
        println!("✗ (no checks)\n\n{message}");
        report(&Report { verdict: Kind::Wrong, check: None, message, passed: Vec::new() });
        std::process::exit(1);
    }
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
        let at = info.location().map(|l| format!("{}:{}", relative(l.file()), l.line())).unwrap_or_default();
        let learners = info.location().is_some_and(|l| under_test(l.file()));
        panics().push(Panicked {
            id: std::thread::current().id(),
            thread,
            message: payload_text(info.payload()),
            at,
            learners,
        });
        report_if_aborting();
    }));

    let mut passed = Vec::new();
    for check in checks {
        started(check.name);
        PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).0 = Some(check.name);
        gate::reset();
        thread::forget_all();
        thread::reset_available_parallelism();
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
            Ok(Err(failure)) => Failure { message: crate::lines::involved_last(failure.message), ..failure },
            Err(_) => escaped_panic(),
        };
        println!("✗ {}\n\n{}", check.name, failure.message);
        report(&Report { verdict: failure.kind, check: Some(check.name), message: failure.message, passed });
        std::process::exit(1);
    }
    for text in INFO.lock().unwrap_or_else(PoisonError::into_inner).iter() {
        println!("\nℹ {text}");
    }
    report(&Report { verdict: Kind::Pass, check: None, message: String::new(), passed });
    std::process::exit(0);
}

static INFO: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Whether a pass shows [`info`]: a learner's run does; the course's proof
/// (`dev check`, which builds the checks for a subject file) shows no one,
/// so a measurement made only to be shown is skipped there.
pub fn info_shown() -> bool {
    !cfg!(feature = "subject")
}

/// Something worth showing once every check has passed (a speed-up measured
/// on this machine, say). Information only: it never decides a verdict, and
/// a failing run does not show it.
pub fn info(text: impl Into<String>) {
    INFO.lock().unwrap_or_else(PoisonError::into_inner).push(text.into());
}

/// The watchdog's verdict at the deadline: a deadlock if every thread in the
/// learner's code waits for another, else still running.
fn at_deadline(states: Vec<crate::watchdog::ThreadState>) -> ! {
    let outlived = OUTLIVED.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let (kind, message) = deadline_verdict(&states, outlived.as_deref());
    let (check, passed) = PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).clone();
    println!("✗ {}\n\n{message}", check.unwrap_or("(before the first check)"));
    report(&Report { verdict: kind, check, message, passed });
    std::process::exit(1);
}

/// The verdict for the threads' states at the deadline; `outlived` names the
/// function [`threads_end`] waits on, if it does.
fn deadline_verdict(states: &[crate::watchdog::ThreadState], outlived: Option<&str>) -> (Kind, String) {
    let ours: Vec<_> = states.iter().filter(|s| s.at.is_some()).collect();
    let line = |s: &crate::watchdog::ThreadState| {
        let spawned = s.spawned_at.as_deref().map(|a| format!(" (spawned at {a})")).unwrap_or_default();
        let at = s.at.as_deref().unwrap_or("?");
        let what = match s.waits_in.as_deref() {
            _ if s.running => "is running".to_string(),
            Some(c) if s.timed => format!("sleeps in {c} (it wakes up by itself)"),
            _ if s.timed => "sleeps (it wakes up by itself)".to_string(),
            Some(c) if c.contains("gate::hold") => {
                "waits to be joined (the check holds each worker until someone waits for it)".to_string()
            }
            Some(c) if s.receiver_iter && !c.ends_with("Iter::next") => format!(
                "waits in {c} (it takes a receiver's messages one by one until the channel closes: it ends only once \
                 every Sender is dropped)"
            ),
            Some(c) => format!("waits in {c}{}", gloss(c)),
            None => "waits".to_string(),
        };
        format!("  - thread \"{}\"{spawned} {what} at {at}", s.name)
    };
    let list = grouped(ours.iter().map(|s| line(s)));
    if let Some(function) = outlived {
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
    } else if ours.iter().all(|s| !s.running && !s.timed)
        && !crate::clock::timers_pending()
        && !crate::watchdog::clock_moved_since_inspection()
    {
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
    } else if ours.iter().all(|s| !s.running) {
        // A sleeping thread can go on by itself: not a deadlock.
        (
            Kind::Timeout,
            format!(
                "Still not done at the deadline, with a thread asleep in a timed wait: it sleeps (or waits with a \
                 timeout) longer than the check allows, or again and again?\n{}",
                list.join("\n")
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
    }
}

/// std aborts the process after these panics (a panic in a `Drop` while
/// another panic unwinds, or in a function that cannot unwind), and nothing
/// else of the check runs: write the verdict now. (Under a model checker the
/// output is silenced, so lockstep could not tell from it what happened.)
fn report_if_aborting() {
    let all = panics().clone();
    let Some(last) = all.last().filter(|p| aborts(&p.message)) else { return };
    let (check, passed) = PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let message = abort_message(&all[..all.len() - 1], last);
    report(&Report { verdict: Kind::Panic, check, message, passed });
}

fn aborts(message: &str) -> bool {
    message.starts_with("panic in a destructor during cleanup")
        || message.starts_with("panic in a function that cannot unwind")
}

/// What happened before the abort: the panics of `last`'s thread that led
/// to it, with their lines.
fn abort_message(earlier: &[Panicked], last: &Panicked) -> String {
    let before: Vec<String> = earlier
        .iter()
        .filter(|p| p.id == last.id)
        .map(|p| format!("  - at {}: {}", p.at, p.message.lines().next().unwrap_or("")))
        .collect();
    format!(
        "A panic while panicking: thread \"{}\" panicked, and while that panic unwound, a destructor (a `Drop`) \
         panicked too, so the process aborted.\n{}\n\
         A `Drop` runs while a panic unwinds: it must not panic. A `Drop` that locks a Mutex its caller still \
         holds (a guard made in a `match` or `if let` scrutinee lives to the end of that block) is a common cause.",
        last.thread,
        if before.is_empty() { "  (no earlier panic was recorded)".to_string() } else { before.join("\n") }
    )
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

/// `run` called from a check: the code under test called the harness (to
/// run an empty table, say). The running check fails.
fn called_again() -> ! {
    let (check, passed) = PROGRESS.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let message = "The code under test called `checker::harness::run`, the checker's own entry point. \
                   It is not part of the exercise: remove the call."
        .to_string();
    println!("✗ {}\n\n{message}", check.unwrap_or("(before the first check)"));
    report(&Report { verdict: Kind::Wrong, check, message, passed });
    std::process::exit(1);
}

/// Notes which check is running, for a verdict the process cannot give
/// itself (stopped at the deadline, or crashed).
fn started(name: &str) {
    report::running(name);
}

fn report(r: &Report<'_>) {
    report::verdict(r);
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
    match file_under_test() {
        Some(wanted) => file.ends_with(&wanted),
        None => file.contains("exercises/"),
    }
}

/// The file under test as lockstep names it in `LOCKSTEP_FILE_UNDER_TEST`.
/// A unit test names its own for its thread (the model runs a test's
/// threads on it), so tests running side by side never see each other's.
pub fn file_under_test() -> Option<String> {
    #[cfg(test)]
    if let Some(file) = TEST_FILE.with(|f| f.borrow().clone()) {
        return Some(file);
    }
    std::env::var("LOCKSTEP_FILE_UNDER_TEST").ok()
}

#[cfg(test)]
thread_local! {
    static TEST_FILE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Names the file under test for the calling thread's unit test.
#[cfg(test)]
pub fn set_test_file(file: &str) {
    TEST_FILE.with(|f| *f.borrow_mut() = Some(file.to_string()));
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

    /// The process is about to abort: the verdict says so, with the panic
    /// that was unwinding and its line.
    #[test]
    fn a_panic_while_panicking_names_the_first_panic() {
        let id = std::thread::current().id();
        let p = |message: &str, at: &str| super::Panicked {
            id,
            thread: "w".into(),
            message: message.into(),
            at: at.into(),
            learners: at.starts_with("exercises/"),
        };
        let first = p("deadlock! thread 0 tried to lock a Mutex it already holds", "exercises/x.rs:40");
        let last = p("panic in a destructor during cleanup", "library/core/src/panicking.rs:353");
        assert!(super::aborts(&last.message));
        assert!(!super::aborts(&first.message));
        let message = super::abort_message(&[first], &last);
        assert!(message.starts_with("A panic while panicking"), "{message}");
        assert!(message.contains("at exercises/x.rs:40: deadlock!"), "{message}");
    }

    fn state(running: bool, timed: bool, waits_in: &str) -> crate::watchdog::ThreadState {
        crate::watchdog::ThreadState {
            name: "w".into(),
            running,
            timed,
            at: Some("exercises/x.rs:3".into()),
            waits_in: Some(waits_in.into()),
            spawned_at: Some("exercises/x.rs:2".into()),
            receiver_iter: false,
        }
    }

    /// `rx.iter().collect()` waits as a `for` loop does, and says why.
    #[test]
    fn collect_over_a_receiver_says_when_it_ends() {
        let mut s = state(false, false, "Iterator::collect");
        s.receiver_iter = true;
        let (kind, message) = super::deadline_verdict(&[s], None);
        assert!(matches!(kind, super::Kind::Deadlock), "{message}");
        assert!(message.contains("waits in Iterator::collect (it takes a receiver's messages"), "{message}");
        assert!(message.contains("every Sender is dropped) at exercises/x.rs:3"), "{message}");
    }

    /// A thread asleep in `sleep` can go on by itself: never a deadlock,
    /// even when every other thread waits for it.
    #[test]
    fn a_sleeping_thread_is_a_timeout_not_a_deadlock() {
        let states = [state(false, true, "thread::sleep"), state(false, false, "JoinHandle::join")];
        let (kind, message) = super::deadline_verdict(&states, None);
        assert_eq!(kind, Kind::Timeout, "{message}");
        assert!(message.contains("sleeps in thread::sleep (it wakes up by itself) at exercises/x.rs:3"), "{message}");
        let (kind, _) = super::deadline_verdict(&[state(false, false, "JoinHandle::join")], None);
        assert_eq!(kind, Kind::Deadlock);
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
