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

/// How many looks in a row, a millisecond apart, `settle` needs when the
/// process as a whole does not come to rest (see [`settle`]).
const LOOKS: u32 = 5;

/// Waits until the code under test has done all it can and blocks: every
/// other thread blocked (see [`all_blocked`]), before any timer of the
/// course's clock fires. Then `waiting()` (a test of the threads that must be
/// blocked, or gone) holds; should it not, it is polled until it holds on
/// several looks in a row. Code that spins never comes to rest; the check
/// then meets its deadline, and the watchdog reports the spinning line.
pub fn settle(mut waiting: impl FnMut() -> bool) {
    crate::clock::quiesce();
    if waiting() {
        return;
    }
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

/// One look at a thread: its state, and its context switches so far.
#[derive(PartialEq, Eq)]
struct Look {
    tid: i32,
    switches: u64,
}

/// Is every thread of this process, but `except` and the checker's own
/// (named `lockstep-…`), blocked in an untimed wait at one and the same
/// instant? Only another thread of the process could then wake one of them,
/// so they stay blocked until the clock acts.
///
/// Three looks at each thread's `/proc` status: asleep (`S`), in `futex`
/// with no timeout (every wait of std and crossbeam: locks, condvars,
/// parking, joins, channels), and no context switch between the looks. A
/// thread that ran in between switched at least once (to sleep again, or
/// it would not be asleep), so at some instant between the first look and
/// the last they were all blocked together. A timed wait, `nanosleep` or I/O
/// can end by itself: such a thread counts as busy, never as blocked.
pub fn all_blocked(except: i32) -> bool {
    let Some(first) = look_all(except) else { return false };
    (0..2).all(|_| look_all(except).is_some_and(|again| again == first))
}

fn look_all(except: i32) -> Option<Vec<Look>> {
    let mut looks = Vec::new();
    for entry in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let Some(tid) = entry.file_name().to_str().and_then(|t| t.parse::<i32>().ok()) else { continue };
        if tid == except || ignored(tid) {
            continue;
        }
        match look(tid) {
            Some(Some(l)) => looks.push(l),
            Some(None) => {} // ended
            // A checker thread of ours that sleeps holds nothing the code
            // under test waits for. One that runs might (the allocator's
            // lock, say, while the watchdog reads debug info): a thread
            // blocked on it is not blocked for good. Look again later.
            None if ours(tid) && asleep(tid) => {}
            None => return None,
        }
    }
    looks.sort_by_key(|l| l.tid);
    Some(looks)
}

/// `Some(None)` for a thread that has ended, `None` for one that may run.
fn look(tid: i32) -> Option<Option<Look>> {
    let Ok(status) = std::fs::read_to_string(format!("/proc/self/task/{tid}/status")) else {
        return Some(None); // gone
    };
    let field =
        |name: &str| status.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_default().to_string();
    match field("State:").chars().next() {
        Some('S') => {}
        Some('Z' | 'X') => return Some(None),
        _ => return None,
    }
    if !untimed_futex(tid) {
        return None;
    }
    let count = |name: &str| field(name).parse::<u64>().ok();
    let switches = count("voluntary_ctxt_switches:")? + count("nonvoluntary_ctxt_switches:")?;
    Some(Some(Look { tid, switches }))
}

/// Is thread `tid` in a `futex` call without a timeout?
fn untimed_futex(tid: i32) -> bool {
    let Ok(call) = std::fs::read_to_string(format!("/proc/self/task/{tid}/syscall")) else { return false };
    let mut fields = call.split_whitespace();
    let nr = fields.next().and_then(|n| n.parse::<i64>().ok());
    // Arguments: address, op, value, timeout.
    let timeout = fields.nth(3);
    nr == Some(libc::SYS_futex) && timeout == Some("0x0")
}

/// The checker's own threads (the clock, the watchdog) are never waited for.
fn ours(tid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/self/task/{tid}/comm")).is_ok_and(|c| c.starts_with("lockstep-"))
}

/// Under `cargo test`, the test harness's main thread waits with a timeout
/// (its slow-test warning): it is not the code under test.
fn ignored(tid: i32) -> bool {
    // SAFETY: getpid has no preconditions.
    cfg!(test) && tid == unsafe { libc::getpid() }
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
    /// The kernel's id of the thread (for [`asleep`]).
    pub fn tid(&self) -> i32 {
        self.tid
    }
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

#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::{Duration, Instant};

    /// Polls `all_blocked` until it holds (at most 10 s of real time).
    fn comes_to_rest() -> bool {
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if super::all_blocked(super::tid()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        false
    }

    #[test]
    fn a_thread_blocked_in_a_receive_is_blocked() {
        let _serial = crate::serial();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let t = std::thread::spawn(move || rx.recv());
        assert!(comes_to_rest());
        drop(tx);
        let _ = t.join();
    }

    #[test]
    fn spinning_sleeping_or_timed_waits_are_never_blocked() {
        let _serial = crate::serial();
        let stop = Arc::new(AtomicBool::new(false));
        let busy = [
            {
                let stop = Arc::clone(&stop);
                std::thread::spawn(move || while !stop.load(SeqCst) {})
            },
            {
                let stop = Arc::clone(&stop);
                std::thread::spawn(move || {
                    while !stop.load(SeqCst) {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                })
            },
            {
                let stop = Arc::clone(&stop);
                std::thread::spawn(move || {
                    let pair = (Mutex::new(()), Condvar::new());
                    while !stop.load(SeqCst) {
                        let _ = pair.1.wait_timeout(pair.0.lock().unwrap(), Duration::from_millis(5));
                    }
                })
            },
        ];
        for _ in 0..300 {
            assert!(!super::all_blocked(super::tid()));
        }
        stop.store(true, SeqCst);
        for t in busy {
            t.join().unwrap();
        }
    }
}
