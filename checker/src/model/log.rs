//! What each modelled thread did, in order, for the current execution.
//! Shuttle runs every task of an execution on the caller's OS thread, so the
//! log is thread-local: parallel test threads keep separate logs.

use std::cell::RefCell;
use std::panic::Location;

#[derive(Clone, Debug)]
pub struct Op {
    pub thread: String,
    pub what: String,
    pub at: &'static Location<'static>,
}

#[derive(Default)]
struct Log {
    ops: Vec<Op>,
    /// Unnamed shuttle tasks in order of first appearance.
    tasks: Vec<String>,
    /// Where each thread waits right now (for a deadlock report).
    waiting: Vec<(String, String, &'static Location<'static>)>,
}

thread_local! {
    static LOG: RefCell<Log> = RefCell::new(Log::default());
}

/// A readable name for the running task: "main" for shuttle's main task,
/// its name if it has one, else "thread 1", "thread 2", ... in the order the
/// threads first act.
pub fn me() -> String {
    let t = shuttle::thread::current();
    match t.name() {
        Some("main-thread") => return "main".to_string(),
        Some(name) => return name.to_string(),
        None => {}
    }
    let id = format!("{:?}", t.id());
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        let n = l.tasks.iter().position(|x| *x == id).unwrap_or_else(|| {
            l.tasks.push(id);
            l.tasks.len() - 1
        });
        format!("thread {}", n + 1)
    })
}

/// Starts a new execution.
pub fn clear() {
    LOG.with(|l| *l.borrow_mut() = Log::default());
}

pub fn record(what: String, at: &'static Location<'static>) {
    let thread = me();
    LOG.with(|l| l.borrow_mut().ops.push(Op { thread, what, at }));
}

/// The calling thread is about to block in `what` at `at`.
pub fn waits(what: &str, at: &'static Location<'static>) {
    let thread = me();
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        l.waiting.retain(|(t, _, _)| *t != thread);
        l.waiting.push((thread, what.to_string(), at));
    });
}

/// The calling thread no longer waits.
pub fn goes_on() {
    let thread = me();
    LOG.with(|l| l.borrow_mut().waiting.retain(|(t, _, _)| *t != thread));
}

pub fn ops() -> Vec<Op> {
    LOG.with(|l| l.borrow().ops.clone())
}

pub fn waiting() -> Vec<(String, String, &'static Location<'static>)> {
    LOG.with(|l| l.borrow().waiting.clone())
}
