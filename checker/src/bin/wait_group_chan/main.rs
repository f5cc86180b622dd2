// Checks for day 30, wait_group_chan (stretch). Run under the model checker (model =
// "shuttle"): `checker::thread` and `checker::sync` are its primitives, and
// every check explores many interleavings, the same ones on every run.
checker::subject!("../../../../exercises/day30_wait_group_chan.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
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
    fn worker(wg: &WaitGroup, finished: &Arc<AtomicUsize>) -> thread::JoinHandle<()> {
        let (wg, finished) = (wg.clone(), Arc::clone(finished));
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
            let wg = WaitGroup::new();
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(3);
            let workers: Vec<_> = (0..3).map(|_| worker(&wg, &finished)).collect();
            wg.wait();
            let n = finished.load(SeqCst);
            require(n == 3, || {
                format!(
                    "wait() returned while {} of the 3 workers had not called done() yet (add(3) came first). \
                     When the counter answered the Wait, what was the count?",
                    3 - n
                )
            });
            workers.into_iter().for_each(|w| w.join().unwrap());
        })
    }

    fn every_waiter_wakes() -> Result<(), Failure> {
        explore(SCHEDULES, || {
            let wg = WaitGroup::new();
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(2);
            let waiters: Vec<_> = (0..2)
                .map(|_| {
                    let (wg, finished) = (wg.clone(), Arc::clone(&finished));
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
            let wg = WaitGroup::new();
            let finished = Arc::new(AtomicUsize::new(0));
            wg.add(1);
            // A job that starts a sub-job: it adds while the count is above
            // zero, which Go allows at any time, a wait under way included.
            let job = {
                let (wg, finished) = (wg.clone(), Arc::clone(&finished));
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

    /// A `Done` at zero panics on the counter's thread; the model reports
    /// any thread's panic, so a quiet counter is the failure here.
    fn done_below_zero_panics() -> Result<(), Failure> {
        let quiet = explore(1, || {
            let wg = WaitGroup::new();
            wg.add(1);
            wg.done();
            wg.done();
            wg.wait();
        });
        match quiet {
            Err(f) if f.kind == checker::Kind::Panic && !f.message.contains("not yet implemented") => Ok(()),
            Err(f) => Err(f),
            Ok(()) => Err(Failure::wrong(
                "add(1), done(), then one done() too many: the counter took it quietly, and a wait() after it \
                 returned as if nothing were wrong. Go's Done panics here (\"sync: negative WaitGroup counter\"): \
                 a Done with no job left is a bug in the caller. What does your counter do with a Done at zero?",
            )),
        }
    }

    pub fn main() {
        harness::run(&[
            Check { name: "counts down to zero, and can be used again", run: counts_down_and_can_be_used_again },
            Check { name: "wait returns once every worker is done", run: wait_returns_once_every_worker_is_done },
            Check { name: "every waiter wakes", run: every_waiter_wakes },
            Check { name: "an add while wait waits is waited for too", run: an_add_while_waiting_is_waited_for },
            Check { name: "run_all returns once every job is done", run: run_all_returns_once_every_job_is_done },
            Check { name: "a done below zero panics", run: done_below_zero_panics },
            Check {
                name: "it waits by blocking, never by polling",
                run: || {
                    checker::thread::no_polling("What could your code block on until the message it waits for comes?")
                },
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
    eprintln!("The wait_group_chan checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
