//! Watching the learner's threads from a check: is a thread blocked,
//! waiting for something, or still working? Checks use it to act at the
//! moment the code under test waits (send it a message then, or decide it
//! quit too early), so no outcome depends on how long anything takes.

use std::time::Duration;

/// The kernel's id of the calling thread (what [`asleep`] takes).
pub fn tid() -> i32 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() }
}

/// Is thread `tid` of this process asleep in the kernel (blocked, waiting),
/// rather than running or ready to run?
pub fn asleep(tid: i32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")).unwrap_or_default();
    stat.rsplit(')').next().and_then(|r| r.split_whitespace().next()) == Some("S")
}

/// How many looks in a row, a millisecond apart, `settle` needs: a thread
/// passing through a lock sleeps for one look, not for all of them.
const LOOKS: u32 = 5;

/// Waits until `waiting()` holds on several looks in a row (see [`LOOKS`]).
/// Pass a test of the threads that must be blocked (or gone). Code that
/// spins never satisfies it; the check then meets its deadline, and the
/// watchdog reports the spinning line.
pub fn settle(mut waiting: impl FnMut() -> bool) {
    let mut quiet = 0;
    while quiet < LOOKS {
        quiet = if waiting() { quiet + 1 } else { 0 };
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Waits until every thread spawned through `checker::thread` that `which`
/// picks has ended or is blocked (see [`settle`]).
pub fn settle_spawned(which: impl Fn(&crate::thread::Spawned) -> bool) {
    settle(|| crate::thread::all_spawned().iter().filter(|t| which(t) && !t.ended).all(|t| t.tid.is_some_and(asleep)));
}

/// Code under test running on a fresh thread of the check's own.
pub struct Watched<T> {
    handle: std::thread::JoinHandle<T>,
    tid: i32,
}

/// Runs `f` on a fresh thread named `name`. crossbeam's `select!` picks at
/// random among ready operations, from a fixed seed per thread: on a fresh
/// thread it picks the same way on every run, and so does the verdict.
pub fn spawn<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) -> Watched<T> {
    let (tid_tx, tid_rx) = std::sync::mpsc::channel();
    let handle = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let _ = tid_tx.send(tid());
            f()
        })
        .unwrap_or_else(|e| panic!("cannot start the check's thread: {e}"));
    let tid = tid_rx.recv().unwrap_or_else(|_| panic!("the check's thread {name} did not start"));
    Watched { handle, tid }
}

impl<T> Watched<T> {
    /// Waits until the thread is blocked (see [`settle`]) or has returned.
    /// One that spins never is: the check then meets its deadline.
    pub fn settle(&self) {
        settle(|| self.handle.is_finished() || asleep(self.tid));
    }

    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// What it returned; a panic in it goes on as the caller's.
    pub fn join(self) -> T {
        self.handle.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload))
    }
}
