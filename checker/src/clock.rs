//! The course's clock for thread code: virtual time that the check controls.
//!
//! `checker::thread::sleep`, `park_timeout`, `checker::sync`'s timed waits and
//! `checker::channel`'s `after`, `tick` and `at` wait on this clock, not on
//! the real one. Time moves only when the whole process is quiescent (every
//! thread blocked, see [`crate::observe::all_blocked`]): then the driver
//! thread does the one thing that can happen next, in a fixed order:
//!
//! 1. a check waiting for the code under test to block ([`quiesce`]) goes on;
//! 2. the earliest timer fires (earliest deadline, then registration order),
//!    unless a held worker has waited longer ([`HOLD`]): then 3 comes first;
//! 3. a held worker is let go ([`crate::gate`]), the latest spawned first;
//! 4. nothing can ever happen: a deadlock, reported at once ([`on_deadlock`]).
//!
//! One thing at a time, with quiescence re-checked in between, so equal
//! deadlines fire in the same order on every run, and "how long until" never
//! depends on the machine.

// Under a model checker, thread code runs on the model's threads: only the
// gates use this clock there (and nothing fires).
#![cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// How long (virtual) a gate may hold a worker while timers are pending: a
/// held worker stands for work of unknown length, so code that sleeps or
/// times out while it waits sees its timers fire first; but not forever.
pub const HOLD: Duration = Duration::from_secs(3600);

/// What a timer does when it fires.
enum Wake {
    /// A thread waiting in [`sleep`].
    Signal(Arc<Signal>),
    /// `after`/`at`: one message, then done.
    Once(crossbeam::channel::Sender<Instant>),
    /// `tick`: a message every period (dropped if the last one was not taken).
    Tick(crossbeam::channel::Sender<Instant>, Duration),
    /// `park_timeout`.
    Unpark(std::thread::Thread),
    /// `Condvar::wait_timeout`: the condvar's address (valid while the timer
    /// is registered: the waiter cancels it before it returns) and the flag
    /// that tells it the time ran out.
    Notify(usize, Arc<AtomicBool>),
}

impl Wake {
    /// Would firing wake anyone? A tick whose last message was not taken
    /// would not: it does not count as something that can still happen.
    fn wakes(&self) -> bool {
        match self {
            Wake::Once(tx) | Wake::Tick(tx, _) => !tx.is_full(),
            _ => true,
        }
    }
}

struct Timer {
    id: u64,
    /// The line that set it (a `sleep`'s caller; elsewhere, this module).
    site: &'static std::panic::Location<'static>,
    /// Virtual time since [`base`].
    at: Duration,
    wake: Wake,
}

struct State {
    now: Duration,
    next_id: u64,
    timers: Vec<Timer>,
    /// Checks waiting for the code under test to block, in arrival order.
    settlers: Vec<Arc<Signal>>,
    deadlock: Option<fn()>,
}

static STATE: Mutex<State> =
    Mutex::new(State { now: Duration::ZERO, next_id: 0, timers: Vec::new(), settlers: Vec::new(), deadlock: None });
static BASE: OnceLock<Instant> = OnceLock::new();
static DRIVER: OnceLock<()> = OnceLock::new();
/// The Senders of `after`/`at` timers that fired (see [`fire`]).
static SPENT: Mutex<Vec<crossbeam::channel::Sender<Instant>>> = Mutex::new(Vec::new());

/// How many timers have fired: a count that moves is a clock that moves.
static FIRES: AtomicU64 = AtomicU64::new(0);

/// How many timers have fired so far.
pub fn fires() -> u64 {
    FIRES.load(SeqCst)
}

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

fn base() -> Instant {
    *BASE.get_or_init(Instant::now)
}

/// A one-shot flag a thread can block on.
pub(crate) struct Signal {
    set: Mutex<bool>,
    cv: Condvar,
}

impl Signal {
    pub(crate) fn new() -> Arc<Signal> {
        Arc::new(Signal { set: Mutex::new(false), cv: Condvar::new() })
    }
    fn set(&self) {
        *self.set.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.cv.notify_all();
    }
    fn wait(&self) {
        let mut set = self.set.lock().unwrap_or_else(PoisonError::into_inner);
        while !*set {
            set = self.cv.wait(set).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// The virtual time now. It starts at the real time the clock was first
/// used, and from then on moves only as described in the module's docs.
pub fn now() -> Instant {
    base() + state().now
}

/// Virtual time since the clock started.
pub fn elapsed() -> Duration {
    state().now
}

/// Is a timer set that would wake someone? Then threads that all wait are
/// not deadlocked: time still moves (a loop that polls with a sleep).
pub fn timers_pending() -> bool {
    state().timers.iter().any(|t| t.wake.wakes())
}

/// The lines that set the timers [`timers_pending`] counts (a `sleep`'s
/// caller; a timer set inside the checker's own code names its line there).
pub fn pending_timer_sites() -> Vec<&'static std::panic::Location<'static>> {
    state().timers.iter().filter(|t| t.wake.wakes()).map(|t| t.site).collect()
}

/// Starts the driver thread (once). Every timed wait calls it; the harness
/// calls it before the first check, so that a deadlock is reported at once.
pub fn start() {
    base();
    DRIVER.get_or_init(|| {
        let spawned = std::thread::Builder::new().name("lockstep-clock".into()).spawn(drive);
        if let Err(e) = spawned {
            panic!("cannot start the checker's clock: {e}");
        }
    });
}

/// Called (on the driver thread) when every thread is blocked and nothing
/// can wake any of them: the harness reports the deadlock there and exits.
pub fn on_deadlock(report: fn()) {
    state().deadlock = Some(report);
    start();
}

/// Registers a timer at virtual time `at`; returns its id (for [`cancel`]).
#[track_caller]
fn register(at: Duration, wake: Wake) -> u64 {
    let site = std::panic::Location::caller();
    start();
    let mut s = state();
    s.next_id += 1;
    let id = s.next_id;
    s.timers.push(Timer { id, site, at, wake });
    id
}

/// Removes a timer that has not fired (a no-op if it has).
fn cancel(id: u64) {
    state().timers.retain(|t| t.id != id);
}

/// The virtual time `d` from now; `None` if that is beyond any clock.
fn deadline(d: Duration) -> Option<Duration> {
    state().now.checked_add(d).filter(|at| base().checked_add(*at).is_some())
}

/// Blocks the calling thread for `d` of virtual time.
#[track_caller]
pub fn sleep(d: Duration) {
    let signal = Signal::new();
    match deadline(d) {
        Some(at) => {
            register(at, Wake::Signal(Arc::clone(&signal)));
        }
        // Sleeping for ever: nothing will wake it.
        None => start(),
    }
    signal.wait();
}

/// Moves the clock on by `d` from the calling thread: every timer due by
/// then fires, in order, each once the code under test has blocked again.
/// (The same as [`sleep`]: the caller is one more thread waiting for time.)
pub fn advance(d: Duration) {
    sleep(d);
}

/// Blocks until every other thread is blocked (or has ended): the code under
/// test has done all it can without help, and waits. A check acts at that
/// moment; this comes before any timer fires or held worker goes on.
pub fn quiesce() {
    start();
    let signal = Signal::new();
    state().settlers.push(Arc::clone(&signal));
    signal.wait();
}

/// `std::thread::park_timeout` on the virtual clock.
pub fn park_timeout(d: Duration) {
    let Some(at) = deadline(d) else {
        start();
        return std::thread::park();
    };
    let id = register(at, Wake::Unpark(std::thread::current()));
    std::thread::park();
    cancel(id);
}

/// `Condvar::wait_timeout` on the virtual clock: `wait` blocks on `cv`;
/// returns what it returned and whether the time ran out.
pub(crate) fn wait_timeout<R>(cv: &std::sync::Condvar, d: Duration, wait: impl FnOnce() -> R) -> (R, bool) {
    let fired = Arc::new(AtomicBool::new(false));
    let id = deadline(d).map(|at| register(at, Wake::Notify(cv as *const _ as usize, Arc::clone(&fired))));
    if id.is_none() {
        start();
    }
    let r = wait();
    if let Some(id) = id {
        cancel(id);
    }
    (r, fired.load(SeqCst))
}

/// A channel that delivers the virtual time once, at `at` (crossbeam's
/// `after`/`at`, on this clock).
pub(crate) fn once_at(at: Duration) -> crossbeam::channel::Receiver<Instant> {
    let (tx, rx) = crossbeam::channel::bounded(1);
    register(at, Wake::Once(tx));
    rx
}

/// Like [`once_at`] `d` from now, for a wait that cancels it when it ends
/// (with [`cancel_timer`]), so no stale timer is left behind.
pub(crate) fn once_after(d: Duration) -> (crossbeam::channel::Receiver<Instant>, Option<u64>) {
    let (tx, rx) = crossbeam::channel::bounded(1);
    match deadline(d) {
        Some(at) => (rx, Some(register(at, Wake::Once(tx)))),
        None => (crossbeam::channel::never(), None),
    }
}

/// Cancels a timer from [`once_after`].
pub(crate) fn cancel_timer(id: Option<u64>) {
    if let Some(id) = id {
        cancel(id);
    }
}

/// A channel that delivers the virtual time every `period`, from `first` on
/// (crossbeam's `tick`, on this clock).
pub(crate) fn ticks(first: Duration, period: Duration) -> crossbeam::channel::Receiver<Instant> {
    let (tx, rx) = crossbeam::channel::bounded(1);
    register(first, Wake::Tick(tx, period));
    rx
}

/// `d` from now as a deadline (`None`: never).
pub(crate) fn from_now(d: Duration) -> Option<Duration> {
    deadline(d)
}

/// `when` as a virtual deadline (a time already past is now).
pub(crate) fn at_instant(when: Instant) -> Duration {
    when.saturating_duration_since(base())
}

/// The driver: waits for quiescence, then takes one step.
fn drive() {
    let me = crate::observe::tid();
    let mut pause = Duration::from_micros(50);
    loop {
        if crate::observe::all_blocked(me) && step() {
            pause = Duration::from_micros(50);
            continue;
        }
        // Real time, on the checker's own thread (never counted as blocked).
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(2));
    }
}

/// One step at quiescence (see the module's docs). Returns false if there
/// was nothing to do.
fn step() -> bool {
    let mut s = state();
    if !s.settlers.is_empty() {
        let first = s.settlers.remove(0);
        drop(s);
        first.set();
        return true;
    }
    let next = s
        .timers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.wake.wakes())
        .min_by_key(|(_, t)| (t.at, t.id))
        .map(|(i, t)| (i, t.at));
    drop(s);
    let held = crate::gate::longest_held();
    if let Some(since) = held
        && next.is_none_or(|(_, at)| at > since + HOLD)
    {
        if next.is_some() {
            let mut s = state();
            s.now = s.now.max(since + HOLD);
        }
        crate::gate::release_latest();
        return true;
    }
    if let Some((i, at)) = next {
        fire(i, at);
        return true;
    }
    let report = state().deadlock;
    match report {
        Some(report) => {
            report();
            true
        }
        None => false,
    }
}

/// Fires timer `i` (due at `at`): the clock moves to `at` if that is later.
fn fire(i: usize, at: Duration) {
    let mut s = state();
    s.now = s.now.max(at);
    let now = s.now;
    let timer = s.timers.remove(i);
    FIRES.fetch_add(1, SeqCst);
    let when = base() + timer.at;
    match timer.wake {
        Wake::Signal(signal) => signal.set(),
        Wake::Once(tx) => {
            let _ = tx.try_send(when);
            // crossbeam's `after` never disconnects: once its message is
            // taken, it is empty for ever. Keep the Sender, so a receive on
            // a spent timer waits (as there) instead of failing.
            SPENT.lock().unwrap_or_else(PoisonError::into_inner).push(tx);
        }
        Wake::Tick(tx, period) => {
            // Like crossbeam's tick: the next one is a period after this
            // delivery, or after now if it was late.
            if !matches!(tx.try_send(when), Err(crossbeam::channel::TrySendError::Disconnected(_))) {
                let next = timer.at.max(now) + period;
                s.timers.push(Timer { id: timer.id, site: timer.site, at: next, wake: Wake::Tick(tx, period) });
            }
        }
        Wake::Unpark(thread) => thread.unpark(),
        Wake::Notify(cv, fired) => {
            fired.store(true, SeqCst);
            // SAFETY: the waiter is still in `wait_timeout` (it cancels this
            // timer, under this lock, before it returns), so the condvar it
            // borrows is alive.
            unsafe { &*(cv as *const std::sync::Condvar) }.notify_all();
        }
    }
}

#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use crate::channel::{after, select, tick, unbounded};
    use crate::sync::{Condvar, mpsc};

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn sleep_takes_exactly_its_time_in_no_real_time() {
        let _serial = crate::serial();
        let (virtual_start, real_start) = (super::now(), std::time::Instant::now());
        super::sleep(Duration::from_secs(3600));
        assert_eq!(super::now() - virtual_start, Duration::from_secs(3600));
        assert!(real_start.elapsed() < Duration::from_secs(5));
    }

    /// As crossbeam's: once its message is taken, a timer channel is empty
    /// for ever, never disconnected.
    #[test]
    fn a_spent_after_is_empty_not_disconnected() {
        let _serial = crate::serial();
        let timer = after(MS);
        assert!(timer.recv().is_ok());
        super::sleep(10 * MS);
        assert_eq!(timer.try_recv(), Err(crossbeam::channel::TryRecvError::Empty));
    }

    /// Earliest deadline first; equal deadlines in the order they were set.
    #[test]
    fn timers_fire_by_deadline_then_registration_order() {
        let _serial = crate::serial();
        for _ in 0..20 {
            let woke = Arc::new(Mutex::new(Vec::new()));
            let mut threads = Vec::new();
            for (name, ms) in [("a", 30), ("b", 10), ("c", 10), ("d", 20)] {
                let woke = Arc::clone(&woke);
                threads.push(std::thread::spawn(move || {
                    super::sleep(ms * MS);
                    woke.lock().unwrap().push(name);
                }));
                // The thread has set its timer once it blocks.
                super::quiesce();
            }
            for t in threads {
                t.join().unwrap();
            }
            assert_eq!(*woke.lock().unwrap(), ["b", "c", "d", "a"]);
        }
    }

    #[test]
    fn recv_timeout_times_out_exactly_and_a_value_wins() {
        let _serial = crate::serial();
        let (tx, rx) = mpsc::channel::<u32>();
        let start = super::elapsed();
        assert_eq!(rx.recv_timeout(50 * MS), Err(mpsc::RecvTimeoutError::Timeout));
        assert_eq!(super::elapsed() - start, 50 * MS);
        // A value sent an hour (virtual) later, while it waits for two.
        let late = std::thread::spawn(move || {
            super::sleep(Duration::from_secs(3600));
            tx.send(7).unwrap();
        });
        assert_eq!(rx.recv_timeout(Duration::from_secs(7200)), Ok(7));
        late.join().unwrap();
        assert_eq!(rx.recv_timeout(MS), Err(mpsc::RecvTimeoutError::Disconnected));
    }

    #[test]
    fn condvar_wait_timeout_on_the_clock() {
        let _serial = crate::serial();
        let pair = Arc::new((crate::sync::Mutex::new(false), Condvar::new()));
        let (lock, cv) = &*pair;
        let start = super::elapsed();
        let (guard, res) = cv.wait_timeout(lock.lock().unwrap(), 20 * MS).unwrap();
        assert!(res.timed_out());
        assert_eq!(super::elapsed() - start, 20 * MS);
        drop(guard);
        let other = Arc::clone(&pair);
        let setter = std::thread::spawn(move || {
            super::sleep(5 * MS);
            *other.0.lock().unwrap() = true;
            other.1.notify_all();
        });
        let start = super::elapsed();
        let (guard, res) = cv.wait_timeout_while(lock.lock().unwrap(), 20 * MS, |set| !*set).unwrap();
        assert!(*guard && !res.timed_out());
        assert_eq!(super::elapsed() - start, 5 * MS);
        drop(guard);
        setter.join().unwrap();
    }

    #[test]
    fn after_tick_and_select_default_on_the_clock() {
        let _serial = crate::serial();
        let (_tx, rx) = unbounded::<u32>();
        let start = super::elapsed();
        let got = select! {
            recv(rx) -> _ => "value",
            recv(after(30 * MS)) -> _ => "timer",
        };
        assert_eq!((got, super::elapsed() - start), ("timer", 30 * MS));
        let start = super::elapsed();
        let got = select! {
            recv(rx) -> _ => "value",
            default(15 * MS) => "default",
        };
        assert_eq!((got, super::elapsed() - start), ("default", 15 * MS));
        let ticks = tick(10 * MS);
        let start = super::elapsed();
        for n in 1..=3 {
            ticks.recv().unwrap();
            assert_eq!(super::elapsed() - start, n * 10 * MS);
        }
    }

    /// `default =>` and `default() =>` do not wait, as in crossbeam.
    #[test]
    fn select_default_without_a_timeout_does_not_wait() {
        let _serial = crate::serial();
        let (_tx, rx) = unbounded::<u32>();
        let start = super::elapsed();
        let bare = select! {
            recv(rx) -> _ => "value",
            default => "default",
        };
        let empty = select! {
            recv(rx) -> _ => "value",
            default() => "default",
        };
        assert_eq!((bare, empty, super::elapsed()), ("default", "default", start));
    }

    /// A timeout that was not needed leaves no timer behind.
    #[test]
    fn recv_timeout_leaves_no_timer() {
        let _serial = crate::serial();
        let (tx, rx) = mpsc::channel::<u32>();
        let sender = std::thread::spawn(move || {
            super::sleep(MS);
            tx.send(1).unwrap();
        });
        assert_eq!(rx.recv_timeout(Duration::from_secs(60)), Ok(1));
        sender.join().unwrap();
        assert!(!super::state().timers.iter().any(|t| t.at >= super::elapsed() + Duration::from_secs(59)));
    }

    #[test]
    fn park_timeout_and_thread_sleep() {
        let _serial = crate::serial();
        let start = super::elapsed();
        crate::thread::park_timeout(40 * MS);
        crate::thread::sleep(2 * MS);
        assert_eq!(super::elapsed() - start, 42 * MS);
    }
}
