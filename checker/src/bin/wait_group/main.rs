// Checks for day 30, wait_group. Run under the model checker (model =
// "shuttle"): `checker::thread` and `checker::sync` are its primitives, and
// every check explores many interleavings, the same ones on every run.
checker::subject!("../../../../exercises/day30_wait_group.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use std::panic::{self, AssertUnwindSafe};

    use crate::exercise::{self, WaitGroup};

    use checker::Failure;
    use checker::harness::{self, Check};
    use checker::model::{explore, require};
    use checker::sync::Arc;
    use checker::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use checker::thread;

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// A worker the check counts itself: it finishes, then calls `done`.
    fn worker(wg: &Arc<WaitGroup>, finished: &Arc<AtomicUsize>) -> thread::JoinHandle<()> {
        let (wg, finished) = (Arc::clone(wg), Arc::clone(finished));
        thread::spawn(move || {
            finished.fetch_add(1, SeqCst);
            wg.done();
        })
    }

    fn counts_down_and_can_be_used_again() -> Result<(), Failure> {
        explore(1, || {
            let wg = WaitGroup::new();
            // Nothing added: wait returns at once.
            wg.wait();
            wg.add(2);
            wg.done();
            wg.done();
            wg.wait();
            // Used again, once wait has returned.
            wg.add(1);
            wg.done();
            wg.wait();
        })
    }

    fn wait_returns_once_every_worker_is_done() -> Result<(), Failure> {
        explore(SCHEDULES, || {
            let wg = Arc::new(WaitGroup::new());
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(3);
            let workers: Vec<_> = (0..3).map(|_| worker(&wg, &finished)).collect();
            wg.wait();
            let n = finished.load(SeqCst);
            require(n == 3, || {
                format!(
                    "wait() returned while {} of the 3 workers had not called done() yet (add(3) came first). \
                     What did the waiter know about the count when it went on?",
                    3 - n
                )
            });
            workers.into_iter().for_each(|w| w.join().unwrap());
        })
    }

    fn a_wakeup_without_done_is_not_the_end() -> Result<(), Failure> {
        explore(SCHEDULES, || {
            let wg = Arc::new(WaitGroup::new());
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(1);
            // Wakes the waiter with the count unchanged, as a Condvar may do
            // on its own (a spurious wakeup).
            let waker = {
                let wg = Arc::clone(&wg);
                thread::spawn(move || {
                    wg.zero.notify_all();
                    thread::yield_now();
                    wg.zero.notify_all();
                })
            };
            let w = worker(&wg, &finished);
            wg.wait();
            let n = finished.load(SeqCst);
            require(n == 1, || {
                "wait() returned while the worker had not called done() yet: the check woke the Condvar \
                 with the count still at 1, as a Condvar may wake on its own (a spurious wakeup). When \
                 wait() wakes up, what does it know about the count?"
                    .to_string()
            });
            w.join().unwrap();
            waker.join().unwrap();
        })
    }

    fn every_waiter_wakes() -> Result<(), Failure> {
        explore(SCHEDULES, || {
            let wg = Arc::new(WaitGroup::new());
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(2);
            let waiters: Vec<_> = (0..2)
                .map(|_| {
                    let (wg, finished) = (Arc::clone(&wg), Arc::clone(&finished));
                    thread::spawn(move || {
                        wg.wait();
                        let n = finished.load(SeqCst);
                        require(n == 2, || {
                            format!("one of two waiters returned while {} of 2 workers had not called done()", 2 - n)
                        });
                    })
                })
                .collect();
            let workers: Vec<_> = (0..2).map(|_| worker(&wg, &finished)).collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
            waiters.into_iter().for_each(|w| w.join().unwrap());
        })
    }

    fn an_add_while_waiting_is_waited_for() -> Result<(), Failure> {
        explore(SCHEDULES, || {
            let wg = Arc::new(WaitGroup::new());
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(1);
            // A job that starts a sub-job: it adds while the count is above
            // zero, which Go allows at any time, a wait under way included.
            let job = {
                let (wg, finished) = (Arc::clone(&wg), Arc::clone(&finished));
                thread::spawn(move || {
                    wg.add(1);
                    let sub = worker(&wg, &finished);
                    finished.fetch_add(1, SeqCst);
                    wg.done();
                    sub.join().unwrap();
                })
            };
            wg.wait();
            let n = finished.load(SeqCst);
            require(n == 2, || {
                format!(
                    "wait() returned while {} of 2 jobs had not called done(): a running job called add(1) \
                     for a sub-job (the count was above zero, so Go allows it even during a wait). \
                     Which count does wait() wait for: the one when it started, or the one now?",
                    2 - n
                )
            });
            job.join().unwrap();
        })
    }

    fn done_below_zero_panics() -> Result<(), Failure> {
        let quiet = Arc::new(std::sync::Mutex::new(false));
        let seen = Arc::clone(&quiet);
        explore(1, move || {
            let wg = WaitGroup::new();
            wg.add(1);
            wg.done();
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| wg.done()));
            match outcome {
                Err(payload) => {
                    let todo = payload.downcast_ref::<String>().is_some_and(|s| s.starts_with("not yet implemented"))
                        || payload.downcast_ref::<&str>().is_some_and(|s| s.starts_with("not yet implemented"));
                    if todo {
                        panic::resume_unwind(payload);
                    }
                }
                Ok(()) => *seen.lock().unwrap() = true,
            }
        })?;
        let returned = *quiet.lock().unwrap();
        checker::ensure!(
            !returned,
            "add(1), done(), then one done() too many: it returned as if nothing were wrong. \
             Go's Done panics here (\"sync: negative WaitGroup counter\"): a done() with no job left is \
             a bug in the caller, and the sooner it shows the better. How does done() see it coming?"
        );
        Ok(())
    }

    fn run_all_returns_once_every_job_is_done() -> Result<(), Failure> {
        explore(SCHEDULES, || {
            let finished = Arc::new(AtomicUsize::new(0));
            let jobs: Vec<Box<dyn FnOnce() + Send>> = (0..3)
                .map(|_| {
                    let finished = Arc::clone(&finished);
                    Box::new(move || {
                        finished.fetch_add(1, SeqCst);
                    }) as Box<dyn FnOnce() + Send>
                })
                .collect();
            exercise::run_all(jobs);
            let n = finished.load(SeqCst);
            require(n == 3, || {
                format!(
                    "run_all returned while {} of its 3 jobs had not finished. When the waiter looked, \
                     had every job been counted?",
                    3 - n
                )
            });
        })
    }

    pub fn main() {
        harness::run(&[
            Check { name: "counts down to zero, and can be used again", run: counts_down_and_can_be_used_again },
            Check { name: "wait returns once every worker is done", run: wait_returns_once_every_worker_is_done },
            Check {
                name: "a wakeup with the count above zero is not the end",
                run: a_wakeup_without_done_is_not_the_end,
            },
            Check { name: "every waiter wakes", run: every_waiter_wakes },
            Check { name: "an add while wait waits is waited for too", run: an_add_while_waiting_is_waited_for },
            Check { name: "a done below zero panics", run: done_below_zero_panics },
            Check { name: "run_all returns once every job is done", run: run_all_returns_once_every_job_is_done },
            Check {
                name: "it waits by blocking, never by polling",
                run: || checker::thread::no_polling("What could `wait` block on until the count reaches zero?"),
            },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The wait_group checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
