// Checks for day 14, semaphore. Run under the model checker (model =
// "shuttle"): `checker::thread` and `checker::sync` are its primitives, and
// every check explores many interleavings, the same ones on every run.
checker::subject!("../../../../exercises/day14_semaphore.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use std::mem::ManuallyDrop;

    use crate::exercise;

    use checker::Failure;
    use checker::harness::{self, Check};
    use checker::model::require;
    use checker::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use checker::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
    use checker::thread;

    /// How many tasks compete for the permits.
    const TASKS: usize = 5;

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// What the tasks see: how many hold a permit now, and whether 3 ever did
    /// at the same time.
    #[derive(Default)]
    struct Room {
        /// The threads inside (as the steps name them), and whether `limit`
        /// were ever inside at once.
        inside: Mutex<(Vec<String>, bool)>,
        changed: Condvar,
    }

    impl Room {
        /// A task with a permit comes in, and stays until `limit` tasks have
        /// been in at once: a semaphore of 3 must let 3 in together (if no
        /// schedule can, the model checker reports the threads waiting: a
        /// deadlock). Then it stays a little longer, so that another task may
        /// come in while it is still there, and leaves.
        fn work(&self, limit: usize, how: &str) {
            let me = checker::model::log::me();
            let mut inside = self.lock();
            inside.0.push(me.clone());
            let now = inside.0.len();
            if now > limit {
                // The check's lock is let go before the verdict: a lock
                // poisoned by it would make another task panic first, and a
                // learner's race would show as a PoisonError.
                let who = inside.0.join(", ");
                drop(inside);
                require(false, || {
                    format!(
                        "{now} tasks held a permit at the same time ({who}), {how} of {limit}: the limit did not hold"
                    )
                });
                return;
            }
            if now == limit {
                inside.1 = true;
                self.changed.notify_all();
            }
            while !inside.1 {
                // A task that holds a permit waits here until `limit` tasks hold one.
                inside = self.changed.wait(inside).unwrap_or_else(PoisonError::into_inner);
            }
            drop(inside);
            thread::yield_now();
            self.lock().0.retain(|t| *t != me);
        }

        /// The room's lock; never a PoisonError (see `work`).
        fn lock(&self) -> MutexGuard<'_, (Vec<String>, bool)> {
            self.inside.lock().unwrap_or_else(PoisonError::into_inner)
        }
    }

    /// Permits the check holds are dropped only by `give_back`, never while
    /// a panic unwinds: a `Drop` that panics too (a double lock) would abort
    /// the process, and the verdict would be lost.
    fn hold(permit: exercise::Permit<'_>) -> ManuallyDrop<exercise::Permit<'_>> {
        ManuallyDrop::new(permit)
    }

    fn give_back(permit: ManuallyDrop<exercise::Permit<'_>>) {
        drop(ManuallyDrop::into_inner(permit));
    }

    fn permits_come_back() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let sem = exercise::Semaphore::new(2);
            let a = hold(sem.acquire());
            let b = hold(sem.acquire());
            give_back(a);
            let c = hold(sem.acquire());
            give_back(b);
            give_back(c);
            let all: Vec<_> = (0..2).map(|_| hold(sem.acquire())).collect();
            all.into_iter().for_each(give_back);
        })
    }

    /// `TASKS` threads share a semaphore of `limit` permits.
    fn share(limit: usize) -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, move || {
            let sem = Arc::new(exercise::Semaphore::new(limit));
            let room = Arc::new(Room::default());
            let threads: Vec<_> = (0..TASKS)
                .map(|_| {
                    let (sem, room) = (Arc::clone(&sem), Arc::clone(&room));
                    thread::spawn(move || {
                        let permit = hold(sem.acquire());
                        room.work(limit, "with a semaphore");
                        give_back(permit);
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
        })
    }

    fn three_at_most_and_three_together() -> Result<(), Failure> {
        share(3)
    }

    fn one_at_a_time_with_one_permit() -> Result<(), Failure> {
        share(1)
    }

    fn run_limited_runs_three_at_a_time() -> Result<(), Failure> {
        checker::ensure!(
            exercise::LIMIT == 3,
            "LIMIT is {}; run_limited should run 3 tasks at a time. Put it back to 3.",
            exercise::LIMIT
        );
        checker::model::explore(SCHEDULES, || {
            let room = Arc::new(Room::default());
            let finished = Arc::new(AtomicUsize::new(0));
            let tasks: Vec<exercise::Task> = (0..TASKS)
                .map(|_| {
                    let (room, finished) = (Arc::clone(&room), Arc::clone(&finished));
                    Box::new(move || {
                        room.work(exercise::LIMIT, "in run_limited with LIMIT");
                        finished.fetch_add(1, SeqCst);
                    }) as exercise::Task
                })
                .collect();
            exercise::run_limited(tasks);
            let done = finished.load(SeqCst);
            require(done == TASKS, || {
                format!("run_limited returned while {} of its {TASKS} tasks had not finished", TASKS - done)
            });
        })
    }

    /// The threads `each_task_on_a_thread_of_its_own`'s tasks ran on, in
    /// task order (std: the check's own record, read after the exploration).
    static RAN_ON: std::sync::Mutex<Vec<Option<thread::ThreadId>>> = std::sync::Mutex::new(Vec::new());

    /// The thread that called `run_limited` there.
    static CALLER: std::sync::Mutex<Option<thread::ThreadId>> = std::sync::Mutex::new(None);

    /// Each task notes the thread it runs on: `TASKS` tasks need `TASKS`
    /// threads, none of them the caller's. Decided by thread identity, on
    /// any schedule.
    fn each_task_on_a_thread_of_its_own() -> Result<(), Failure> {
        checker::model::explore(1, || {
            *CALLER.lock().unwrap_or_else(PoisonError::into_inner) = Some(thread::current().id());
            *RAN_ON.lock().unwrap_or_else(PoisonError::into_inner) = vec![None; TASKS];
            let tasks: Vec<exercise::Task> = (0..TASKS)
                .map(|n| {
                    Box::new(move || {
                        RAN_ON.lock().unwrap_or_else(PoisonError::into_inner)[n] = Some(thread::current().id());
                    }) as exercise::Task
                })
                .collect();
            exercise::run_limited(tasks);
        })?;
        let caller = *CALLER.lock().unwrap_or_else(PoisonError::into_inner);
        let ran_on = RAN_ON.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if let Some(n) = ran_on.iter().position(|t| t.is_some() && *t == caller) {
            return Err(Failure::wrong(format!(
                "run_limited ran task {} on the thread that called it, not on a thread of its own. \
                 The caller only starts the tasks and waits for them; what runs each one?",
                n + 1
            )));
        }
        for (b, t) in ran_on.iter().enumerate() {
            if let Some(a) = ran_on[..b].iter().position(|s| t.is_some() && s == t) {
                let threads = {
                    let mut seen: Vec<&thread::ThreadId> = ran_on.iter().flatten().collect();
                    seen.sort_by_key(|id| format!("{id:?}"));
                    seen.dedup();
                    seen.len()
                };
                let threads =
                    if threads == 1 { "a single thread".to_string() } else { format!("only {threads} threads") };
                return Err(Failure::wrong(format!(
                    "run_limited ran its {TASKS} tasks on {threads}: task {} and task {} ran on the same \
                     thread, one after the other. run_limited runs every task on a thread of its own, and at most \
                     LIMIT of them at the same time. With a thread per task, what keeps the others waiting?",
                    a + 1,
                    b + 1
                )));
            }
        }
        Ok(())
    }

    pub fn main() {
        harness::run(&[
            Check { name: "a permit given back can be taken again", run: permits_come_back },
            Check { name: "with 3 permits, 3 tasks run together and never 4", run: three_at_most_and_three_together },
            Check { name: "with 1 permit, one task at a time", run: one_at_a_time_with_one_permit },
            Check {
                name: "run_limited runs 3 tasks at a time, and all of them",
                run: run_limited_runs_three_at_a_time,
            },
            Check { name: "run_limited runs each task on a thread of its own", run: each_task_on_a_thread_of_its_own },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The semaphore checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
