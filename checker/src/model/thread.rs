//! `checker::thread` under the model: the model checker's threads, logged.

use std::panic::Location;

pub use crate::model::backend::thread::{Thread, ThreadId, current};
pub use std::thread::Result;

use super::log;

/// Like [`std::thread::sleep`]. The model has no clock: a sleep is only a
/// point where another thread may run, and every schedule is still explored
/// (so a sleep "fixes" no race and no deadlock, as it fixes none for real).
#[track_caller]
pub fn sleep(_dur: std::time::Duration) {
    note_poll(Location::caller());
    crate::model::backend::thread::yield_now();
}

/// Like [`std::thread::yield_now`]: a point where another thread may run.
#[track_caller]
pub fn yield_now() {
    note_poll(Location::caller());
    crate::model::backend::thread::yield_now();
}

/// The file under test's calls to `sleep` and `yield_now`: where the first
/// was, and how many there were. Code that waits by looking again and again
/// (polling, spinning) makes them; code that blocks until it is woken never
/// needs one.
static POLLS: std::sync::Mutex<Option<(String, u32, usize)>> = std::sync::Mutex::new(None);

fn note_poll(at: &'static Location<'static>) {
    if !crate::harness::under_test(at.file()) {
        return;
    }
    let mut polls = POLLS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let entry = polls.get_or_insert_with(|| (crate::harness::relative(at.file()), at.line(), 0));
    entry.2 += 1;
}

/// The learner's polls so far, over every schedule explored: (file, line of
/// the first, how many).
pub fn polls() -> Option<(String, u32, usize)> {
    POLLS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
}

/// A check that the learner's code waits by blocking: a `timeout` verdict
/// naming the first `sleep` / `yield_now` of the file under test, if any
/// ran. `what` says what should have blocked instead.
pub fn no_polling(what: &str) -> std::result::Result<(), crate::Failure> {
    match polls() {
        None => Ok(()),
        Some((file, line, n)) => Err(crate::Failure {
            kind: crate::Kind::Timeout,
            message: format!(
                "Your code waited by looking again and again: it called `sleep` or `yield_now` {n} time{} \
                 over the schedules explored, the first at {file}:{line}.\n\
                 A wait that polls burns a core and still wakes late. {what}",
                if n == 1 { "" } else { "s" }
            ),
        }),
    }
}

/// Threads are not tracked under the model (it explores every schedule
/// instead of holding workers); these keep the checks' API.
#[derive(Clone, Debug)]
#[doc(hidden)]
pub struct Spawned {
    pub id: std::thread::ThreadId,
    pub name: Option<String>,
    pub at: &'static Location<'static>,
    pub joined: bool,
    pub tid: Option<i32>,
    pub ended: bool,
}

#[doc(hidden)]
pub fn all_spawned() -> Vec<Spawned> {
    Vec::new()
}
#[doc(hidden)]
pub fn unjoined() -> Vec<Spawned> {
    Vec::new()
}
#[doc(hidden)]
pub fn forget_all() {}
#[doc(hidden)]
pub fn wait_all_ended() {}
#[doc(hidden)]
pub fn reset_available_parallelism() {}

/// Like [`std::thread::spawn`].
#[track_caller]
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    log::record("spawns a thread".into(), Location::caller());
    JoinHandle { inner: crate::model::backend::thread::spawn(f) }
}

/// Like [`std::thread::JoinHandle`].
pub struct JoinHandle<T> {
    inner: crate::model::backend::thread::JoinHandle<T>,
}

impl<T> JoinHandle<T> {
    #[track_caller]
    pub fn join(self) -> Result<T> {
        let at = Location::caller();
        log::waits("JoinHandle::join", at);
        let r = self.inner.join();
        log::goes_on();
        log::record("joins a thread".into(), at);
        r
    }
    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }
}

/// Like [`std::thread::Builder`].
#[derive(Debug, Default)]
pub struct Builder {
    name: Option<String>,
}

impl Builder {
    pub fn new() -> Self {
        Builder::default()
    }
    pub fn name(self, name: String) -> Self {
        Builder { name: Some(name) }
    }
    #[track_caller]
    pub fn spawn<F, T>(self, f: F) -> std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        log::record("spawns a thread".into(), Location::caller());
        let mut b = crate::model::backend::thread::Builder::new();
        if let Some(n) = self.name {
            b = b.name(n);
        }
        Ok(JoinHandle { inner: b.spawn(f)? })
    }
}

/// Like [`std::thread::scope`]: every thread spawned in the scope is joined
/// when the closure returns. (Shuttle only: loom has no scoped threads.)
#[cfg(not(feature = "loom"))]
#[track_caller]
pub fn scope<'env, F, T>(f: F) -> T
where
    F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> T,
{
    let at = Location::caller();
    let result = crate::model::backend::thread::scope(|s| {
        // Our wrapper must live as long as shuttle's scope; a few bytes per call.
        let ours: &Scope<'_, 'env> = Box::leak(Box::new(Scope { inner: s }));
        let result = f(ours);
        // Shuttle now blocks until the scope's threads have ended.
        log::waits("thread::scope (for its threads to end)", at);
        result
    });
    log::goes_on();
    log::record("ends the scope (its threads have ended)".into(), at);
    result
}

/// Like [`std::thread::Scope`].
#[cfg(not(feature = "loom"))]
#[derive(Debug)]
pub struct Scope<'scope, 'env: 'scope> {
    inner: &'scope crate::model::backend::thread::Scope<'scope, 'env>,
}

#[cfg(not(feature = "loom"))]
impl<'scope> Scope<'scope, '_> {
    #[track_caller]
    pub fn spawn<F, T>(&'scope self, f: F) -> ScopedJoinHandle<'scope, T>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        log::record("spawns a scoped thread".into(), Location::caller());
        ScopedJoinHandle { inner: self.inner.spawn(f) }
    }
}

/// Like [`std::thread::ScopedJoinHandle`].
#[cfg(not(feature = "loom"))]
#[derive(Debug)]
pub struct ScopedJoinHandle<'scope, T> {
    inner: crate::model::backend::thread::ScopedJoinHandle<'scope, T>,
}

#[cfg(not(feature = "loom"))]
impl<T> ScopedJoinHandle<'_, T> {
    #[track_caller]
    pub fn join(self) -> Result<T> {
        let at = Location::caller();
        log::waits("ScopedJoinHandle::join", at);
        let r = self.inner.join();
        log::goes_on();
        log::record("joins a scoped thread".into(), at);
        r
    }
    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }
    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }
}

#[cfg(all(test, not(feature = "loom")))]
mod tests {
    use super::{log, scope};
    use crate::harness::Kind;
    use crate::model::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use crate::model::{explore, require};

    fn under_test() {
        crate::harness::set_test_file("checker/src/model/thread.rs");
    }

    /// Scoped threads borrow from the caller, and the scope's end waits for them.
    #[test]
    fn scope_joins_its_threads_at_the_end() {
        under_test();
        explore(100, || {
            let n = AtomicUsize::new(0);
            let read_inside = scope(|s| {
                let a = s.spawn(|| n.fetch_add(1, SeqCst));
                s.spawn(|| n.fetch_add(1, SeqCst));
                a.join().unwrap();
                n.load(SeqCst)
            });
            require(read_inside >= 1, || "a joined scoped thread had not run".into());
            let got = n.load(SeqCst);
            require(got == 2, || format!("after the scope, the counter is {got}, not 2"));
            let ops: Vec<String> = log::ops().into_iter().map(|o| o.what).collect();
            require(ops.iter().filter(|w| *w == "spawns a scoped thread").count() == 2, || format!("{ops:?}"));
            require(ops.iter().any(|w| w == "joins a scoped thread"), || format!("{ops:?}"));
            // The scope's end is logged after both threads' steps.
            let end = ops.iter().position(|w| w == "ends the scope (its threads have ended)");
            let last_add = ops.iter().rposition(|w| w.starts_with("adds 1"));
            require(end.is_some() && end > last_add, || format!("{ops:?}"));
        })
        .unwrap();
    }

    /// Reading before the scope ends is a race the model finds, logged at
    /// the scoped spawns.
    #[test]
    fn reading_before_the_scope_ends_is_a_race() {
        under_test();
        let failure = explore(100, || {
            let n = AtomicUsize::new(0);
            let seen = scope(|s| {
                s.spawn(|| n.fetch_add(1, SeqCst));
                n.load(SeqCst)
            });
            require(seen == 1, || format!("read {seen} inside the scope, before its thread ended"));
        })
        .unwrap_err();
        assert_eq!(failure.kind, Kind::Race);
        assert!(failure.message.contains("spawns a scoped thread"), "{}", failure.message);
    }

    /// A scoped thread that never ends leaves the scope waiting: a deadlock
    /// that names the scope's line.
    #[test]
    fn a_scope_waiting_on_a_stuck_thread_is_a_deadlock() {
        under_test();
        let failure = explore(10, || {
            let m = crate::model::sync::Mutex::new(());
            let _held = m.lock().unwrap();
            scope(|s| {
                s.spawn(|| drop(m.lock()));
            });
        })
        .unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock, "{}", failure.message);
        assert!(failure.message.contains("waits in thread::scope (for its threads to end)"), "{}", failure.message);
    }
}
