//! Exploring interleavings with a model checker (shuttle). Under the `model`
//! feature, `checker::thread` and `checker::sync` are shuttle's primitives,
//! and every operation is logged. [`explore`] runs a scenario under many
//! schedules, chosen from a fixed seed: the same schedules in the same order
//! on every run, so a verdict never depends on luck and re-running a check
//! replays its failure.

pub mod log;
#[cfg(not(feature = "loom"))]
mod once;
pub mod sync;
pub mod thread;

// The model checker: shuttle (schedules, any number of threads, sequential
// consistency) or, with the `loom` feature, loom (exhaustive within a
// preemption bound, and weak memory orderings: a Relaxed bug shows).
#[cfg(feature = "loom")]
pub(crate) use loom as backend;
#[cfg(not(feature = "loom"))]
pub(crate) use shuttle as backend;

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use crate::harness::{Failure, Kind, relative, under_test};

/// The seed of the schedules explored. Fixed: verdicts are reproducible.
pub const SEED: u64 = 0x010c_57e9;

/// How many preemptions a schedule may contain (PCT depth). The seeded bugs
/// of the course need at most 2.
pub const DEPTH: usize = 3;

/// The panic payload of a broken invariant.
pub struct Invariant(pub String);

/// Fails the current execution unless `cond` holds: `what` says what should
/// have been true ("the counter is 2 after two increments").
pub fn require(cond: bool, what: impl FnOnce() -> String) {
    if !cond {
        panic::panic_any(Invariant(what()));
    }
}

/// Runs `scenario` under `iterations` schedules. A broken invariant is a
/// `race` verdict, a state where every thread waits a `deadlock` verdict;
/// both show the operations of the failing schedule in the file under test.
pub fn explore(iterations: usize, scenario: impl Fn() + Send + Sync + 'static) -> Result<(), Failure> {
    let scenario = Arc::new(scenario);
    // Hundreds of schedules would repeat every print; the model checker's
    // own notes are not for learners either.
    let quiet = Quiet::new();
    let outcome = panic::catch_unwind(AssertUnwindSafe(move || run(iterations, scenario)));
    drop(quiet);
    match outcome {
        Ok(()) => Ok(()),
        Err(payload) => Err(describe(payload)),
    }
}

#[cfg(not(feature = "loom"))]
fn run(iterations: usize, scenario: Arc<impl Fn() + Send + Sync + 'static>) {
    let mut config = shuttle::Config::new();
    config.failure_persistence = shuttle::FailurePersistence::None;
    let scheduler = shuttle::scheduler::PctScheduler::new_from_seed(SEED, DEPTH, iterations);
    shuttle::Runner::new(scheduler, config).run(move || {
        log::clear();
        scenario();
    });
}

/// Loom explores every interleaving within its preemption bound, in a fixed
/// order: `iterations` does not apply.
#[cfg(feature = "loom")]
fn run(_iterations: usize, scenario: Arc<impl Fn() + Send + Sync + 'static>) {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(DEPTH);
    builder.check(move || {
        log::clear();
        scenario();
    });
}

/// Points stdout and stderr at /dev/null until the last guard is dropped
/// (guards may overlap when explorations run on several threads).
struct Quiet;

/// How many guards are alive, and the descriptors to restore.
static QUIET: std::sync::Mutex<(usize, [libc::c_int; 2])> = std::sync::Mutex::new((0, [-1, -1]));

impl Quiet {
    fn new() -> Quiet {
        use std::io::Write;
        let mut q = QUIET.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if q.0 == 0 {
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            // SAFETY: plain descriptor juggling on descriptors this process owns.
            unsafe {
                q.1 = [libc::dup(1), libc::dup(2)];
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
                if null >= 0 {
                    libc::dup2(null, 1);
                    libc::dup2(null, 2);
                    libc::close(null);
                }
            }
        }
        q.0 += 1;
        Quiet
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        use std::io::Write;
        let mut q = QUIET.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        q.0 -= 1;
        if q.0 == 0 {
            let _ = std::io::stdout().flush();
            // SAFETY: restores the descriptors saved by the first guard.
            unsafe {
                for (fd, saved) in [1, 2].into_iter().zip(q.1) {
                    if saved >= 0 {
                        libc::dup2(saved, fd);
                        libc::close(saved);
                    }
                }
            }
        }
    }
}

fn describe(payload: Box<dyn Any + Send>) -> Failure {
    if let Some(todo) = crate::harness::reached_todo() {
        return todo;
    }
    let steps = steps();
    if let Some(Invariant(what)) = payload.downcast_ref::<Invariant>() {
        return Failure {
            kind: Kind::Race,
            message: format!(
                "Race: {what}{}\n\nThe interleaving that broke it:\n{steps}\n\n{}",
                if what.ends_with(['.', '?', '!']) { "" } else { "." },
                replay_note()
            ),
        };
    }
    let text = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    if text.contains("exceeded max_steps bound") {
        return Failure {
            kind: Kind::Timeout,
            message: format!(
                "Your code never finished: in one schedule it went on and on without ending, and the same \
                 steps come round again and again below. A loop that looks again and again (a spin, a \
                 `try_lock` retry, a `yield_now` loop) instead of waiting to be woken?\n\n\
                 The last steps:\n{steps}\n\n{}",
                replay_note()
            ),
        };
    }
    if text.starts_with("deadlock") {
        let note = if text.contains("already holds") {
            let lock = if text.contains("RwLock") { "an RwLock" } else { "a Mutex" };
            format!(
                "\nA thread tries to lock {lock} it already holds: the first guard is still alive \
                 (a guard made in a `match` scrutinee lives to the end of the `match`; one made in an \
                 `if let` or `while let` scrutinee, through its block)."
            )
        } else {
            String::new()
        };
        let waiting: Vec<String> = log::waiting()
            .iter()
            .map(|(thread, call, at)| {
                // A wait inside the check's own code (a gate it holds a thread
                // at) is the check's business: say so, not where.
                if under_test(at.file()) {
                    let why = log::blocker(thread).map(|(holder, taken)| {
                        let lock = log::lock_name(at).map_or_else(|| "the lock".to_string(), |n| format!("`{n}`"));
                        let who =
                            if holder == *thread { "it holds itself".to_string() } else { format!("{holder} holds") };
                        let since = if under_test(taken.file()) {
                            format!(" (taken at {}:{})", relative(taken.file()), taken.line())
                        } else {
                            String::new()
                        };
                        format!(": it wants {lock}, which {who}{since}")
                    });
                    format!(
                        "  - {thread} waits in {call} at {}:{}{}",
                        relative(at.file()),
                        at.line(),
                        why.unwrap_or_default()
                    )
                } else {
                    format!("  - {thread} waits in {call}, in the check's own code")
                }
            })
            .collect();
        return Failure {
            kind: Kind::Deadlock,
            message: format!(
                "Deadlock: every thread is waiting, and none of them can go on.\n{}{note}\n\n\
                 The steps that led there:\n{steps}\n\n{}",
                waiting.join("\n"),
                replay_note()
            ),
        };
    }
    Failure {
        kind: Kind::Panic,
        message: format!("The code panicked under this interleaving: {text}\n\n{steps}\n\n{}", replay_note()),
    }
}

fn replay_note() -> String {
    if cfg!(feature = "loom") {
        "To replay it, run the check again: lockstep explores every interleaving (up to \
         3 preemptions) in the same order, so it finds this one every time."
            .to_string()
    } else {
        format!(
            "To replay it, run the check again: lockstep explores the same schedules in the same \
             order (seed {SEED:#x}), so it finds this interleaving every time."
        )
    }
}

/// The failing schedule's operations in the file under test, numbered.
fn steps() -> String {
    let ops: Vec<_> = log::ops().into_iter().filter(|op| under_test(op.at.file())).collect();
    if ops.is_empty() {
        return "  (no step in your code)".into();
    }
    // A long run shows its end: where it went round and round.
    let dropped = log::dropped();
    let skip = ops.len().saturating_sub(100);
    let earlier = dropped + skip;
    let ops = &ops[skip..];
    let width = ops.iter().map(|o| o.thread.len()).max().unwrap_or(4);
    let what_width = ops.iter().map(|o| o.what.len()).max().unwrap_or(4);
    let lines = ops.iter().enumerate().map(|(i, o)| {
        format!(
            "  {:>2}. {:<width$}  {:<what_width$}  {}:{}",
            earlier + i + 1,
            o.thread,
            o.what,
            relative(o.at.file()),
            o.at.line()
        )
    });
    let head = (earlier > 0).then(|| format!("  (… {earlier} earlier steps)"));
    head.into_iter().chain(lines).collect::<Vec<_>>().join("\n")
}

/// The checker's proof on the classic bugs: each is found, every time, with
/// the verdict and the interleaving a learner needs; each fix passes.
/// (Shuttle: loom aborts the process on a deadlock.)
#[cfg(all(test, not(feature = "loom")))]
mod tests {
    use super::require;
    use super::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
    use super::sync::{Arc, Mutex};
    use super::thread;
    use crate::harness::Kind;

    /// The fixtures are the code under test.
    fn explore(iterations: usize, f: impl Fn() + Send + Sync + 'static) -> Result<(), crate::Failure> {
        crate::harness::set_test_file("checker/src/model/mod.rs");
        super::explore(iterations, f)
    }

    /// A thread that retries `try_lock` on a lock it holds never ends: a
    /// `timeout`, showing the steps it went round, not a flood of them.
    #[test]
    fn a_spin_that_never_ends_is_a_timeout_with_its_last_steps() {
        let failure = explore(1, || {
            let m = Mutex::new(0);
            let _held = m.lock().unwrap();
            while m.try_lock().is_err() {}
        })
        .unwrap_err();
        assert_eq!(failure.kind, crate::Kind::Timeout, "{}", failure.message);
        assert!(failure.message.contains("Your code never finished"), "{}", failure.message);
        assert!(failure.message.contains("finds taken `m` (try_lock)"), "{}", failure.message);
        assert!(failure.message.contains("earlier steps)"), "{}", failure.message);
        assert!(failure.message.lines().count() < 120, "{}", failure.message);
    }

    fn twice(f: impl Fn() + Send + Sync + 'static) {
        let f = Arc::new(f);
        let handles: Vec<_> = (0..2)
            .map(|_| {
                thread::spawn({
                    let f = Arc::clone(&f);
                    move || f()
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    }

    #[test]
    fn lost_update_is_a_race_with_its_interleaving() {
        for _ in 0..20 {
            let failure = explore(100, || {
                let n = Arc::new(AtomicUsize::new(0));
                let m = Arc::clone(&n);
                twice(move || {
                    let v = m.load(SeqCst);
                    m.store(v + 1, SeqCst);
                });
                let got = n.load(SeqCst);
                require(got == 2, || format!("two increments left the counter at {got}, not 2"));
            })
            .unwrap_err();
            assert_eq!(failure.kind, Kind::Race);
            let m = &failure.message;
            assert!(m.contains("two increments left the counter at 1, not 2"), "{m}");
            assert_eq!(m.matches("loads 0").count(), 2, "both threads read 0 before either wrote:\n{m}");
            assert_eq!(m.matches("stores 1").count(), 2, "{m}");
            assert!(m.contains("thread 1") && m.contains("thread 2") && m.contains("model/mod.rs:"), "{m}");
            println!("{m}");
        }
    }

    /// Two threads the check named alike are told apart in the interleaving.
    #[test]
    fn threads_named_alike_are_numbered() {
        let failure = explore(100, || {
            let n = Arc::new(AtomicUsize::new(0));
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let m = Arc::clone(&n);
                    thread::Builder::new()
                        .name("bump".into())
                        .spawn(move || {
                            let v = m.load(SeqCst);
                            m.store(v + 1, SeqCst);
                        })
                        .unwrap()
                })
                .collect();
            for h in handles {
                h.join().unwrap();
            }
            let got = n.load(SeqCst);
            require(got == 2, || format!("two increments left the counter at {got}, not 2"));
        })
        .unwrap_err();
        let m = &failure.message;
        assert!(m.contains("bump #2") && m.matches("bump ").count() > m.matches("bump #2").count(), "{m}");
    }

    #[test]
    fn fetch_add_is_not_a_race() {
        explore(200, || {
            let n = Arc::new(AtomicUsize::new(0));
            let m = Arc::clone(&n);
            twice(move || {
                m.fetch_add(1, SeqCst);
            });
            require(n.load(SeqCst) == 2, || "lost an increment".into());
        })
        .unwrap();
    }

    #[test]
    fn check_then_act_is_a_race() {
        let failure = explore(100, || {
            let claimed = Arc::new(AtomicBool::new(false));
            let winners = Arc::new(AtomicUsize::new(0));
            let (c, w) = (Arc::clone(&claimed), Arc::clone(&winners));
            twice(move || {
                if !c.load(SeqCst) {
                    c.store(true, SeqCst);
                    w.fetch_add(1, SeqCst);
                }
            });
            let n = winners.load(SeqCst);
            require(n == 1, || format!("{n} threads claimed the prize, not 1"));
        })
        .unwrap_err();
        assert_eq!(failure.kind, Kind::Race);
        assert!(failure.message.contains("2 threads claimed the prize"), "{}", failure.message);
        assert_eq!(failure.message.matches("loads false").count(), 2, "{}", failure.message);
    }

    #[test]
    fn swap_claims_once() {
        explore(200, || {
            let claimed = Arc::new(AtomicBool::new(false));
            let winners = Arc::new(AtomicUsize::new(0));
            let (c, w) = (Arc::clone(&claimed), Arc::clone(&winners));
            twice(move || {
                if !c.swap(true, SeqCst) {
                    w.fetch_add(1, SeqCst);
                }
            });
            require(winners.load(SeqCst) == 1, || "claimed twice".into());
        })
        .unwrap();
    }

    fn transfer_both_ways(ordered: bool) -> Result<(), crate::Failure> {
        explore(100, move || {
            let a = Arc::new(Mutex::new(10));
            let b = Arc::new(Mutex::new(10));
            let (a1, b1) = (Arc::clone(&a), Arc::clone(&b));
            let t = thread::spawn(move || {
                let mut from = a1.lock().unwrap();
                let mut to = b1.lock().unwrap();
                *from -= 1;
                *to += 1;
            });
            // The other direction: locks b first (the bug) or a first (the fix).
            let (first, second) = if ordered { (&a, &b) } else { (&b, &a) };
            {
                let mut x = first.lock().unwrap();
                let mut y = second.lock().unwrap();
                *x -= 1;
                *y += 1;
            }
            t.join().unwrap();
        })
    }

    #[test]
    fn lock_order_inversion_is_a_deadlock_naming_each_wait() {
        let failure = transfer_both_ways(false).unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        let m = &failure.message;
        assert!(m.contains("main waits in Mutex::lock at") && m.contains("thread 1 waits in Mutex::lock at"), "{m}");
        assert!(m.contains("The steps that led there") && m.contains("locks `a1`"), "{m}");
        // Each wait names the lock it wants and the thread that holds it.
        assert!(m.contains(": it wants `second`, which thread 1 holds (taken at checker/src/model/mod.rs:"), "{m}");
        println!("{m}");
        transfer_both_ways(true).unwrap();
    }

    #[test]
    fn double_lock_in_an_if_let_scrutinee_is_a_deadlock() {
        let failure = explore(10, || {
            let m = Mutex::new(vec![1, 2]);
            // The guard from the scrutinee lives through the whole `if let` body.
            if let Some(first) = m.lock().unwrap().first().copied() {
                m.lock().unwrap().push(first);
            }
        })
        .unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        assert!(failure.message.contains("main waits in Mutex::lock"), "{}", failure.message);
        assert!(failure.message.contains("it wants `m`, which it holds itself"), "{}", failure.message);
    }

    fn ready_flag(notify: bool) -> Result<(), crate::Failure> {
        use super::sync::Condvar;
        explore(50, move || {
            let pair = Arc::new((Mutex::new(false), Condvar::new()));
            let p = Arc::clone(&pair);
            let t = thread::spawn(move || {
                *p.0.lock().unwrap() = true;
                if notify {
                    p.1.notify_one();
                }
            });
            let mut ready = pair.0.lock().unwrap();
            while !*ready {
                ready = pair.1.wait(ready).unwrap();
            }
            drop(ready);
            t.join().unwrap();
        })
    }

    #[test]
    fn condvar_wait_without_notify_is_a_deadlock() {
        let failure = ready_flag(false).unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        assert!(failure.message.contains("main waits in Condvar::wait at"), "{}", failure.message);
        ready_flag(true).unwrap();
    }

    /// A timed wait is a wait under the model: in a `while` it is right, and
    /// code that needs the timeout to go on (no notify) is a deadlock.
    #[test]
    fn a_timed_wait_ends_only_when_notified() {
        use super::sync::Condvar;
        let run = |notify: bool| {
            explore(50, move || {
                let pair = Arc::new((Mutex::new(false), Condvar::new()));
                let p = Arc::clone(&pair);
                let t = thread::spawn(move || {
                    *p.0.lock().unwrap() = true;
                    if notify {
                        p.1.notify_all();
                    }
                });
                let mut ready = pair.0.lock().unwrap();
                while !*ready {
                    let (g, timeout) = pair.1.wait_timeout(ready, std::time::Duration::from_millis(10)).unwrap();
                    assert!(!timeout.timed_out());
                    ready = g;
                }
                drop(ready);
                let (g, _) = pair
                    .1
                    .wait_timeout_while(pair.0.lock().unwrap(), std::time::Duration::from_millis(10), |r| !*r)
                    .unwrap();
                drop(g);
                t.join().unwrap();
            })
        };
        run(true).unwrap();
        let failure = run(false).unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        assert!(failure.message.contains("main waits in Condvar::wait at"), "{}", failure.message);
    }

    /// Two threads and the main one meet at a barrier of `seats`, twice;
    /// each round has exactly one leader.
    fn barrier_rounds(seats: usize) -> Result<(), crate::Failure> {
        use super::sync::Barrier;
        use std::sync::atomic::AtomicUsize;
        explore(50, move || {
            let barrier = Arc::new(Barrier::new(seats));
            let leaders = Arc::new(AtomicUsize::new(0));
            let (b, l) = (Arc::clone(&barrier), Arc::clone(&leaders));
            twice(move || {
                for _ in 0..2 {
                    if b.wait().is_leader() {
                        l.fetch_add(1, SeqCst);
                    }
                }
            });
            let n = leaders.load(SeqCst);
            require(n == 2, || format!("{n} leaders in 2 rounds"));
        })
    }

    #[test]
    fn a_barrier_with_a_seat_too_many_is_a_deadlock() {
        barrier_rounds(2).unwrap();
        let failure = barrier_rounds(3).unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        assert!(failure.message.contains("thread 1 waits in Barrier::wait at"), "{}", failure.message);
        assert!(failure.message.contains("waits at the barrier"), "{}", failure.message);
    }

    fn sum_of_workers(drop_sender: bool) -> Result<(), crate::Failure> {
        use super::sync::mpsc;
        explore(50, move || {
            let (tx, rx) = mpsc::channel();
            for i in 0..2u32 {
                let tx = tx.clone();
                thread::spawn(move || tx.send(i).unwrap());
            }
            if drop_sender {
                drop(tx);
            }
            let total: u32 = rx.iter().sum();
            require(total == 1, || format!("the sum is {total}"));
        })
    }

    #[test]
    fn receive_after_every_sender_should_have_gone_is_a_deadlock() {
        let failure = sum_of_workers(false).unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        let m = &failure.message;
        assert!(m.contains("main waits in Receiver::recv (in a for loop) at"), "{m}");
        assert!(m.contains("receives 0") && m.contains("receives 1"), "the steps show both messages arrived:\n{m}");
        sum_of_workers(true).unwrap();
    }

    /// Go's `wg.Add(1)` inside the goroutine, by hand: the waiter may see 0
    /// before any worker counted itself.
    fn hand_made_wait_group(count_inside: bool) -> Result<(), crate::Failure> {
        explore(100, move || {
            let pending = Arc::new(AtomicUsize::new(0));
            let done = Arc::new(AtomicUsize::new(0));
            for _ in 0..2 {
                let (p, d) = (Arc::clone(&pending), Arc::clone(&done));
                if !count_inside {
                    p.fetch_add(1, SeqCst);
                }
                thread::spawn(move || {
                    if count_inside {
                        p.fetch_add(1, SeqCst);
                    }
                    d.fetch_add(1, SeqCst);
                    p.fetch_sub(1, SeqCst);
                });
            }
            while pending.load(SeqCst) > 0 {
                thread::yield_now();
            }
            let n = done.load(SeqCst);
            require(n == 2, || format!("the wait ended with {n} of 2 workers done"));
        })
    }

    #[test]
    fn counting_inside_the_spawned_thread_is_a_race() {
        let failure = hand_made_wait_group(true).unwrap_err();
        assert_eq!(failure.kind, Kind::Race);
        assert!(failure.message.contains("the wait ended with 0 of 2 workers done"), "{}", failure.message);
        let main_saw_zero = failure.message.lines().any(|l| l.contains(" main ") && l.contains("loads 0"));
        assert!(main_saw_zero, "{}", failure.message);
        hand_made_wait_group(false).unwrap();
    }
}

/// Loom's proof: the memory-ordering bug shuttle cannot see.
#[cfg(all(test, feature = "loom"))]
mod loom_tests {
    use super::require;
    use super::sync::Arc;
    use super::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use super::thread;
    use crate::harness::Kind;

    fn explore(f: impl Fn() + Send + Sync + 'static) -> Result<(), crate::Failure> {
        crate::harness::set_test_file("checker/src/model/mod.rs");
        super::explore(0, f)
    }

    /// Publishes 42 through a `ready` flag, with the given orderings.
    fn publish(store: Ordering, load: Ordering) -> Result<(), crate::Failure> {
        explore(move || {
            let data = Arc::new(AtomicUsize::new(0));
            let ready = Arc::new(AtomicBool::new(false));
            let (d, r) = (Arc::clone(&data), Arc::clone(&ready));
            let t = thread::spawn(move || {
                d.store(42, Ordering::Relaxed);
                r.store(true, store);
            });
            if ready.load(load) {
                let seen = data.load(Ordering::Relaxed);
                require(seen == 42, || format!("the flag was up but the data read {seen}, not 42"));
            }
            t.join().unwrap();
        })
    }

    #[test]
    fn relaxed_message_passing_is_a_race() {
        for _ in 0..10 {
            let failure = publish(Ordering::Relaxed, Ordering::Relaxed).unwrap_err();
            assert_eq!(failure.kind, Kind::Race);
            let m = &failure.message;
            assert!(m.contains("the flag was up but the data read 0, not 42"), "{m}");
            assert!(m.contains("stores 42 (Relaxed)") && m.contains("stores true (Relaxed)"), "{m}");
            assert!(m.contains("loads true (Relaxed)") && m.contains("loads 0 (Relaxed)"), "{m}");
        }
    }

    #[test]
    fn release_acquire_publishes() {
        publish(Ordering::Release, Ordering::Acquire).unwrap();
    }
}
