//! What each modelled thread did, in order, for the current execution.
//! Shuttle and loom run every thread of an execution on the caller's OS
//! thread, so the log is thread-local: parallel test threads keep their own.

use std::cell::RefCell;
use std::panic::Location;

#[derive(Clone, Debug)]
pub struct Op {
    pub thread: String,
    pub what: String,
    pub at: &'static Location<'static>,
}

/// The most steps kept: a loop that never ends (a spin) would fill memory.
const KEEP: usize = 400;

#[derive(Default)]
struct Log {
    /// The last [`KEEP`] steps.
    ops: std::collections::VecDeque<Op>,
    /// How many earlier steps were let go.
    dropped: usize,
    /// The thread that runs the scenario.
    main: Option<String>,
    /// Other unnamed threads, in order of first appearance.
    tasks: Vec<String>,
    /// Where each thread waits right now (for a deadlock report).
    waiting: Vec<(String, String, &'static Location<'static>)>,
}

thread_local! {
    static LOG: RefCell<Log> = RefCell::new(Log::default());
}

/// A readable name for the running thread: "main" for the one running the
/// scenario, its name if it has one, else "thread 1", "thread 2", ... in the
/// order the threads first act.
pub fn me() -> String {
    let t = crate::model::backend::thread::current();
    let id = format!("{:?}", t.id());
    if LOG.with(|l| l.borrow().main.as_deref() == Some(id.as_str())) {
        return "main".to_string();
    }
    if let Some(name) = t.name() {
        return name.to_string();
    }
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        let n = l.tasks.iter().position(|x| *x == id).unwrap_or_else(|| {
            l.tasks.push(id);
            l.tasks.len() - 1
        });
        format!("thread {}", n + 1)
    })
}

/// Starts a new execution, run by the calling thread.
pub fn clear() {
    let main = format!("{:?}", crate::model::backend::thread::current().id());
    LOG.with(|l| *l.borrow_mut() = Log { main: Some(main), ..Log::default() });
}

pub fn record(what: String, at: &'static Location<'static>) {
    let thread = me();
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        if l.ops.len() == KEEP {
            l.ops.pop_front();
            l.dropped += 1;
        }
        l.ops.push_back(Op { thread, what, at });
    });
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
    LOG.with(|l| l.borrow().ops.iter().cloned().collect())
}

/// How many steps came before the ones [`ops`] still has.
pub fn dropped() -> usize {
    LOG.with(|l| l.borrow().dropped)
}

pub fn waiting() -> Vec<(String, String, &'static Location<'static>)> {
    LOG.with(|l| l.borrow().waiting.clone())
}
