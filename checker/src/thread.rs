//! `std::thread` with bookkeeping: where each thread was spawned and whether
//! anyone joined it. Use it exactly like `std::thread`.

use std::panic::Location;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
pub use std::thread::{AccessError, LocalKey, Result, Thread, ThreadId, current, panicking, park, yield_now};

use crate::gate;

static PARALLELISM_FAILS: AtomicBool = AtomicBool::new(false);

/// Like [`std::thread::available_parallelism`]. A check can make it fail, as
/// std's can (see [`fail_available_parallelism`]).
pub fn available_parallelism() -> std::io::Result<NonZeroUsize> {
    if PARALLELISM_FAILS.load(SeqCst) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "available_parallelism failed (the check made it fail, as it can on a restricted system)",
        ));
    }
    std::thread::available_parallelism()
}

/// Until the next [`reset_available_parallelism`] (the harness calls it
/// before each check), [`available_parallelism`] returns an error.
#[doc(hidden)]
pub fn fail_available_parallelism() {
    PARALLELISM_FAILS.store(true, SeqCst);
}

/// [`available_parallelism`] works again.
#[doc(hidden)]
pub fn reset_available_parallelism() {
    PARALLELISM_FAILS.store(false, SeqCst);
}

/// Like [`std::thread::sleep`], on the course's clock ([`crate::clock`]):
/// virtual time, which passes only while every thread waits.
#[track_caller]
pub fn sleep(dur: std::time::Duration) {
    crate::clock::sleep(dur);
}

/// Like [`std::thread::park_timeout`], on the course's clock.
pub fn park_timeout(dur: std::time::Duration) {
    crate::clock::park_timeout(dur);
}

/// A thread spawned through this module, as the checks see it.
#[derive(Clone, Debug)]
#[doc(hidden)]
pub struct Spawned {
    pub id: ThreadId,
    pub name: Option<String>,
    pub at: &'static Location<'static>,
    pub joined: bool,
    /// The kernel's id for the thread, once it runs.
    pub tid: Option<i32>,
    /// Its closure has returned (or panicked).
    pub ended: bool,
}

static SPAWNED: Mutex<Vec<Spawned>> = Mutex::new(Vec::new());
static ENDED: Condvar = Condvar::new();

fn spawned() -> MutexGuard<'static, Vec<Spawned>> {
    SPAWNED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many threads one check may spawn. No exercise needs nearly this many;
/// a thread bomb stops here, the same way on every run, long before the
/// system runs out of threads or memory.
#[doc(hidden)]
pub const MAX_THREADS: usize = 1000;

/// Spawns through `start` and records the thread before it runs: the parent
/// holds the record's lock across the spawn and the child takes it first, so
/// the child's first step already sees itself recorded.
fn spawn_recorded<'a, F, T, H>(
    at: &'static Location<'static>,
    f: F,
    start: impl FnOnce(Box<dyn FnOnce() -> T + Send + 'a>) -> std::io::Result<H>,
    thread_of: impl Fn(&H) -> &Thread,
) -> std::io::Result<H>
where
    F: FnOnce() -> T + Send + 'a,
{
    let mut record = spawned();
    if record.len() >= MAX_THREADS {
        return Err(std::io::Error::other(format!("the limit is {MAX_THREADS} threads per check")));
    }
    let handle = start(Box::new(move || {
        let me = std::thread::current().id();
        // SAFETY: gettid has no preconditions.
        let tid = unsafe { libc::gettid() };
        if let Some(s) = spawned().iter_mut().find(|s| s.id == me) {
            s.tid = Some(tid);
        }
        let _ended = Ended(me);
        f()
    }))?;
    let t = thread_of(&handle);
    let id = t.id();
    record.push(Spawned { id, name: t.name().map(str::to_owned), at, joined: false, tid: None, ended: false });
    drop(record);
    gate::after_spawn(id);
    Ok(handle)
}

/// Marks its thread as ended when dropped, even by a panic.
struct Ended(ThreadId);

impl Drop for Ended {
    fn drop(&mut self) {
        if let Some(s) = spawned().iter_mut().find(|s| s.id == self.0) {
            s.ended = true;
        }
        ENDED.notify_all();
    }
}

/// Blocks until every thread spawned since the last [`forget_all`] has ended.
#[doc(hidden)]
pub fn wait_all_ended() {
    let mut record = spawned();
    while record.iter().any(|s| !s.ended) {
        record = ENDED.wait(record).unwrap_or_else(PoisonError::into_inner);
    }
}

/// Each `join()` called since the last [`forget_all`], in the order called:
/// the thread joined, and the line that joined it.
static JOINS: Mutex<Vec<(ThreadId, &'static Location<'static>)>> = Mutex::new(Vec::new());

fn joining(id: ThreadId, at: &'static Location<'static>) {
    if let Some(s) = spawned().iter_mut().find(|s| s.id == id) {
        s.joined = true;
    }
    JOINS.lock().unwrap_or_else(PoisonError::into_inner).push((id, at));
    gate::release(id);
}

/// The threads joined since the last [`forget_all`], in the order their
/// `join()` was called, with the line of each call (a scope's end joins the
/// threads left at the line of `scope`).
#[doc(hidden)]
pub fn join_order() -> Vec<(ThreadId, &'static Location<'static>)> {
    JOINS.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Every thread spawned since the last [`forget_all`], in spawn order.
#[doc(hidden)]
pub fn all_spawned() -> Vec<Spawned> {
    spawned().clone()
}

/// Threads spawned since the last [`forget_all`] that nobody joined.
#[doc(hidden)]
pub fn unjoined() -> Vec<Spawned> {
    spawned().iter().filter(|s| !s.joined).cloned().collect()
}

/// Clears the record, for the next check.
#[doc(hidden)]
pub fn forget_all() {
    spawned().clear();
    JOINS.lock().unwrap_or_else(PoisonError::into_inner).clear();
}

/// Like [`std::thread::spawn`].
#[track_caller]
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let start = |f| std::thread::Builder::new().spawn(f);
    let inner = match spawn_recorded(Location::caller(), f, start, |h| h.thread()) {
        Ok(inner) => inner,
        Err(e) => cannot_spawn(e),
    };
    JoinHandle { inner }
}

/// std's spawn panics when the system refuses a thread; say why it may have.
#[track_caller]
fn cannot_spawn(e: std::io::Error) -> ! {
    let alive = spawned().len();
    panic!(
        "cannot start another thread after {alive} ({e}).\n  \
         Does the code spawn threads without end? A check may use at most 4 GiB of memory, \
         and every thread reserves its stack."
    )
}

/// Like [`std::thread::JoinHandle`].
#[derive(Debug)]
pub struct JoinHandle<T> {
    inner: std::thread::JoinHandle<T>,
}

impl<T> JoinHandle<T> {
    /// Waits for the thread to finish and returns its result (`Err` if it panicked).
    #[track_caller]
    pub fn join(self) -> Result<T> {
        joining(self.inner.thread().id(), Location::caller());
        self.inner.join()
    }
    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }
    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }
}

/// Like [`std::thread::Builder`].
#[derive(Debug)]
pub struct Builder {
    inner: std::thread::Builder,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder { inner: std::thread::Builder::new() }
    }
    pub fn name(self, name: String) -> Self {
        Builder { inner: self.inner.name(name) }
    }
    pub fn stack_size(self, size: usize) -> Self {
        Builder { inner: self.inner.stack_size(size) }
    }
    #[track_caller]
    pub fn spawn<F, T>(self, f: F) -> std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let inner = spawn_recorded(Location::caller(), f, |f| self.inner.spawn(f), |h| h.thread())?;
        Ok(JoinHandle { inner })
    }
    #[track_caller]
    pub fn spawn_scoped<'scope, 'env, F, T>(
        self,
        scope: &'scope Scope<'scope, 'env>,
        f: F,
    ) -> std::io::Result<ScopedJoinHandle<'scope, T>>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        let start = |f| self.inner.spawn_scoped(scope.inner, f);
        let inner = spawn_recorded(Location::caller(), f, start, |h| h.thread())?;
        scope.adopt(inner.thread());
        Ok(ScopedJoinHandle { inner })
    }
}

/// Like [`std::thread::scope`]: every thread spawned in the scope is joined
/// when the closure returns.
#[track_caller]
pub fn scope<'env, F, T>(f: F) -> T
where
    F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> T,
{
    let at = Location::caller();
    std::thread::scope(|s| {
        // The wrapper must live as long as std's scope; it is a few bytes per call.
        let ours: &Scope<'_, 'env> = Box::leak(Box::new(Scope { inner: s, ids: Mutex::new(Vec::new()) }));
        let result = f(ours);
        // std joins the remaining threads now.
        for id in ours.ids.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
            joining(id, at);
        }
        result
    })
}

/// Like [`std::thread::Scope`].
#[derive(Debug)]
pub struct Scope<'scope, 'env: 'scope> {
    inner: &'scope std::thread::Scope<'scope, 'env>,
    ids: Mutex<Vec<ThreadId>>,
}

impl<'scope, 'env> Scope<'scope, 'env> {
    #[track_caller]
    pub fn spawn<F, T>(&'scope self, f: F) -> ScopedJoinHandle<'scope, T>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        let start = |f| std::thread::Builder::new().spawn_scoped(self.inner, f);
        let inner = match spawn_recorded(Location::caller(), f, start, |h| h.thread()) {
            Ok(inner) => inner,
            Err(e) => cannot_spawn(e),
        };
        self.adopt(inner.thread());
        ScopedJoinHandle { inner }
    }

    fn adopt(&self, t: &Thread) {
        self.ids.lock().unwrap_or_else(PoisonError::into_inner).push(t.id());
    }
}

/// Like [`std::thread::ScopedJoinHandle`].
#[derive(Debug)]
pub struct ScopedJoinHandle<'scope, T> {
    inner: std::thread::ScopedJoinHandle<'scope, T>,
}

impl<T> ScopedJoinHandle<'_, T> {
    #[track_caller]
    pub fn join(self) -> Result<T> {
        joining(self.inner.thread().id(), Location::caller());
        self.inner.join()
    }
    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }
    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn available_parallelism_fails_until_reset() {
        let _serial = crate::serial();
        super::reset_available_parallelism();
        assert_eq!(super::available_parallelism().ok(), std::thread::available_parallelism().ok());
        super::fail_available_parallelism();
        assert!(super::available_parallelism().is_err());
        super::reset_available_parallelism();
        assert!(super::available_parallelism().is_ok());
    }
}
