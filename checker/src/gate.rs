//! Gates hold a worker until the code under test commits to waiting for it.
//!
//! A check hands the exercise work that calls [`hold`]. The worker then blocks
//! until the code under test blocks: any blocking wait counts (a join, the end
//! of a scope, `WaitGroup::wait`, a receive, a `Barrier`, a `Condvar`, a
//! `select!`, `park`), because the course's clock lets held workers go only
//! when every other thread is blocked (see [`crate::clock`]). It lets them go
//! one at a time, the latest spawned first, each once the code under test
//! has blocked again: code that reads results before waiting sees them
//! missing, and code that collects results in the order threads finish sees
//! them in reverse, on every run. Joining a held thread lets it go at once.

use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;
use std::time::Duration;

struct Held {
    id: ThreadId,
    /// Its place in spawn order.
    order: usize,
    /// Virtual time when it started waiting.
    since: Duration,
}

struct Gates {
    held: Vec<Held>,
    released: Vec<ThreadId>,
    all: bool,
}

static GATES: Mutex<Gates> = Mutex::new(Gates { held: Vec::new(), released: Vec::new(), all: false });
static OPENED: Condvar = Condvar::new();

fn gates() -> MutexGuard<'static, Gates> {
    GATES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Blocks the calling worker until the code under test waits (see the
/// module's docs). Threads not spawned through [`crate::thread`] (the
/// caller's own) are never held.
#[doc(hidden)]
pub fn hold() {
    let me = std::thread::current().id();
    let Some(order) = crate::thread::all_spawned().iter().position(|s| s.id == me) else { return };
    crate::clock::start();
    let since = crate::clock::elapsed();
    let mut g = gates();
    if may_go(&g, me) {
        return;
    }
    g.held.push(Held { id: me, order, since });
    while !may_go(&g, me) {
        g = OPENED.wait(g).unwrap_or_else(PoisonError::into_inner);
    }
    g.held.retain(|h| h.id != me);
}

fn may_go(g: &Gates, me: ThreadId) -> bool {
    g.all || g.released.contains(&me)
}

/// Whether every send of a worker waits at a gate first (see [`hold_sends`]).
static SENDS: AtomicBool = AtomicBool::new(false);

/// Until the next [`reset`], workers are slow to send: every `send` on a
/// `checker::sync::mpsc` channel by a thread spawned through
/// [`crate::thread`] first waits at a gate, as in [`hold`], and the same
/// worker's next send waits again. So a result reaches its channel only when
/// the code under test has done all it can without it, on every run.
#[doc(hidden)]
pub fn hold_sends() {
    SENDS.store(true, SeqCst);
}

/// Called by `checker::sync::mpsc` before each send (see [`hold_sends`]).
#[cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]
pub(crate) fn before_send() {
    if !SENDS.load(SeqCst) {
        return;
    }
    hold();
    // Let go for this send only (a join lets it go for good, but joins
    // happen once the code under test waits anyway).
    let me = std::thread::current().id();
    gates().released.retain(|id| *id != me);
}

/// Whether each spawn waits for the new thread's first steps (see
/// [`hold_spawner`]).
static SPAWNER: AtomicBool = AtomicBool::new(false);

/// Until the next [`reset`], a thread that spawns through [`crate::thread`]
/// waits, once the new thread is started, until that thread has ended or
/// waits (blocked on several looks in a row, a millisecond apart). So what a
/// worker does at once (an answer sent the moment it starts) is done before
/// its spawner takes its next step, on every run.
#[doc(hidden)]
pub fn hold_spawner() {
    SPAWNER.store(true, SeqCst);
}

/// Called by `checker::thread` once a thread is spawned and recorded (see
/// [`hold_spawner`]).
#[cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]
pub(crate) fn after_spawn(id: ThreadId) {
    if !SPAWNER.load(SeqCst) {
        return;
    }
    let at_rest = || {
        crate::thread::all_spawned()
            .iter()
            .find(|s| s.id == id)
            .is_none_or(|s| s.ended || s.tid.is_some_and(crate::observe::asleep))
    };
    let mut quiet = 0;
    while quiet < 3 {
        quiet = if at_rest() { quiet + 1 } else { 0 };
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Whether the next `checker::channel::select!` a worker completes waits
/// at a gate (see [`hold_next_select`]).
static NEXT_SELECT: AtomicBool = AtomicBool::new(false);

/// Until the next [`reset`], the next worker to complete a
/// `checker::channel::select!` (a `recv` or `send` arm; not `default`) waits
/// at a gate once it has chosen its arm, before the arm's body runs, as in
/// [`hold`]; later selects run on. So a worker that has taken a message (a
/// timer's fire, say) acts on it only once the code under test has done all
/// it can without it, on every run.
#[doc(hidden)]
pub fn hold_next_select() {
    NEXT_SELECT.store(true, SeqCst);
}

/// Called by `checker::channel::select!` once an arm is chosen (see
/// [`hold_next_select`]).
#[doc(hidden)]
pub fn after_select() {
    let me = std::thread::current().id();
    // The caller's own threads take no turn: only a worker's select is held.
    if !NEXT_SELECT.load(SeqCst) || !crate::thread::all_spawned().iter().any(|s| s.id == me) {
        return;
    }
    if NEXT_SELECT.swap(false, SeqCst) {
        hold();
        gates().released.retain(|id| *id != me);
    }
}

/// Someone is now waiting for `id` (joins it): let it finish.
#[cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]
pub(crate) fn release(id: ThreadId) {
    gates().released.push(id);
    OPENED.notify_all();
}

/// Since when (virtual) the longest-held worker still waits, if any does.
pub(crate) fn longest_held() -> Option<Duration> {
    gates().held.iter().map(|h| h.since).min()
}

/// Lets the latest-spawned held worker go (the clock calls it when the code
/// under test is blocked).
pub(crate) fn release_latest() {
    let mut g = gates();
    if let Some(id) = g.held.iter().max_by_key(|h| h.order).map(|h| h.id) {
        g.released.push(id);
        OPENED.notify_all();
    }
}

/// Lets every held worker finish (a check calls this once the function under
/// test has returned, so that no thread is left blocked).
#[doc(hidden)]
pub fn release_all() {
    gates().all = true;
    OPENED.notify_all();
}

/// Closes every gate again, for the next check.
#[doc(hidden)]
pub fn reset() {
    SENDS.store(false, SeqCst);
    SPAWNER.store(false, SeqCst);
    NEXT_SELECT.store(false, SeqCst);
    let mut g = gates();
    g.all = false;
    g.released.clear();
}

#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::sync::{Arc, Barrier};

    use crate::sync::{Condvar, Mutex, mpsc};
    use crate::thread;

    fn fresh() -> std::sync::MutexGuard<'static, ()> {
        let serial = crate::serial();
        super::reset();
        thread::forget_all();
        serial
    }

    /// Day 5's jobs waited for with a Barrier: a correct wait, not a deadlock.
    #[test]
    fn a_barrier_lets_held_workers_go() {
        let _serial = fresh();
        let done = Arc::new(AtomicUsize::new(0));
        let barrier = Arc::new(Barrier::new(4));
        for _ in 0..3 {
            let (done, barrier) = (Arc::clone(&done), Arc::clone(&barrier));
            thread::spawn(move || {
                super::hold();
                done.fetch_add(1, SeqCst);
                barrier.wait();
            });
        }
        assert_eq!(done.load(SeqCst), 0, "no worker goes on while the caller runs");
        barrier.wait();
        assert_eq!(done.load(SeqCst), 3);
        super::release_all();
        thread::wait_all_ended();
    }

    /// ... and with a Mutex<usize> + Condvar countdown.
    #[test]
    fn a_condvar_countdown_lets_held_workers_go() {
        let _serial = fresh();
        let left = Arc::new((Mutex::new(3usize), Condvar::new()));
        for _ in 0..3 {
            let left = Arc::clone(&left);
            thread::spawn(move || {
                super::hold();
                *left.0.lock().unwrap() -= 1;
                left.1.notify_all();
            });
        }
        let guard = left.1.wait_while(left.0.lock().unwrap(), |n| *n > 0).unwrap();
        assert_eq!(*guard, 0);
        drop(guard);
        super::release_all();
        thread::wait_all_ended();
    }

    /// Results collected in the order threads finish come out reversed (the
    /// latest spawned goes first), on every run.
    #[test]
    fn held_workers_go_one_at_a_time_latest_first() {
        for _ in 0..10 {
            let _serial = fresh();
            let (tx, rx) = mpsc::channel();
            let handles: Vec<_> = (0..4)
                .map(|i| {
                    let tx = tx.clone();
                    thread::spawn(move || {
                        super::hold();
                        tx.send(i).unwrap();
                    })
                })
                .collect();
            drop(tx);
            let arrived: Vec<i32> = rx.iter().collect();
            assert_eq!(arrived, [3, 2, 1, 0]);
            for h in handles {
                h.join().unwrap();
            }
        }
    }

    /// Joining a held thread lets it go at once, whatever its place.
    #[test]
    fn a_join_lets_that_worker_go() {
        let _serial = fresh();
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let handles: Vec<_> = (0..3)
            .map(|i| {
                let order = Arc::clone(&order);
                thread::spawn(move || {
                    super::hold();
                    order.lock().unwrap().push(i);
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(*order.lock().unwrap(), [0, 1, 2]);
    }

    /// With `hold_next_select`, the first worker's `select!` that takes a
    /// message runs its arm only once the caller waits; the next one runs on.
    #[test]
    fn the_next_select_of_a_worker_waits_for_the_caller_once() {
        let _serial = fresh();
        super::hold_next_select();
        let (tx, rx) = crossbeam::channel::unbounded::<u32>();
        let (done_tx, done) = crossbeam::channel::unbounded::<u32>();
        let worker = thread::spawn(move || {
            for _ in 0..2 {
                crate::channel::select! {
                    recv(rx) -> n => done_tx.send(n.unwrap()).unwrap(),
                }
            }
        });
        tx.send(1).unwrap();
        tx.send(2).unwrap();
        thread::sleep(std::time::Duration::from_millis(10));
        assert!(done.try_recv().is_err(), "the first select's arm ran before the caller waited");
        assert_eq!(done.recv().unwrap(), 1);
        assert_eq!(done.recv().unwrap(), 2);
        worker.join().unwrap();
        // The caller's own selects are never held (this one would hang).
        super::hold_next_select();
        let (again, rx) = crossbeam::channel::unbounded::<u32>();
        again.send(3).unwrap();
        let got = crate::channel::select! {
            recv(rx) -> n => n.unwrap(),
        };
        assert_eq!(got, 3);
        super::reset();
    }

    /// With `hold_sends`, every send of a worker waits until the caller
    /// blocks, not only its first: a caller that peeks with `try_recv` finds
    /// nothing before each of its waits, on every run.
    #[test]
    fn held_sends_wait_for_the_caller_each_time() {
        let _serial = fresh();
        super::hold_sends();
        let (tx, rx) = mpsc::sync_channel(4);
        let worker = thread::spawn(move || {
            for i in 0..3 {
                tx.send(i).unwrap();
            }
        });
        for i in 0..3 {
            thread::sleep(std::time::Duration::from_millis(10));
            assert!(rx.try_recv().is_err(), "send {i} went before the caller waited");
            assert_eq!(rx.recv().unwrap(), i);
        }
        worker.join().unwrap();
        super::reset();
    }

    /// Sleeping is not waiting for the workers: the timer fires first, and
    /// a look after it finds the work not done.
    #[test]
    fn a_sleep_does_not_let_held_workers_go() {
        let _serial = fresh();
        let done = Arc::new(AtomicUsize::new(0));
        let worker = {
            let done = Arc::clone(&done);
            thread::spawn(move || {
                super::hold();
                done.fetch_add(1, SeqCst);
            })
        };
        thread::sleep(std::time::Duration::from_millis(10));
        assert_eq!(done.load(SeqCst), 0);
        worker.join().unwrap();
        assert_eq!(done.load(SeqCst), 1);
    }
}
