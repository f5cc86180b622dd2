// Checks for day 11 (stretch), phases. Run under the model checker (model =
// "shuttle"): every check explores many interleavings, the same ones on
// every run. The check's `step` and `publish` record, under a lock (a step of
// the model), when each starts and ends, so a round that starts early is seen
// in the schedule where it happens, and a barrier nobody can pass is a state
// where every thread waits: a deadlock.
checker::subject!("../../../../exercises/day11_phases.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use crate::exercise;

    use checker::Failure;
    use checker::harness::{self, Check};
    use checker::model::{log, require};
    use checker::sync::{Arc, Mutex, PoisonError};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// What the check's `step` and `publish` saw.
    struct Record {
        workers: usize,
        /// Per round: steps begun, steps finished, publishes begun, finished.
        begun: Vec<usize>,
        done: Vec<usize>,
        publishing: Vec<usize>,
        published: Vec<usize>,
        /// Fail at once when something happens out of order (else only
        /// the counts at the end are checked).
        order: bool,
        /// The thread each worker's steps run on, and the first time one
        /// ran on another (a new thread for a later round).
        thread_of: Vec<Option<String>>,
        moved: Option<String>,
    }

    impl Record {
        fn new(workers: usize, phases: usize, order: bool) -> Self {
            Record {
                workers,
                begun: vec![0; phases + 1],
                done: vec![0; phases + 1],
                publishing: vec![0; phases + 1],
                published: vec![0; phases + 1],
                order,
                thread_of: vec![None; workers],
                moved: None,
            }
        }

        /// Fails the schedule here, where it happens (the log ends at it).
        fn broke(&mut self, why: impl FnOnce() -> String) {
            if self.order {
                require(false, why);
            }
        }

        /// Before step(w, p): every earlier round stepped and published.
        fn step_begins(&mut self, w: usize, p: usize) {
            if let Some(q) = (0..p).find(|&q| self.done[q] < self.workers) {
                let (done, n) = (self.done[q], self.workers);
                self.broke(|| {
                    format!(
                        "step({w}, {p}) began, on {}, while only {done} of the {n} steps of round {q} were done: \
                         round {p} started before every worker had finished round {q}",
                        log::me()
                    )
                });
            } else if let Some(q) = (0..p).find(|&q| self.published[q] == 0) {
                let what = if self.publishing[q] > 0 { "was still running" } else { "had not run yet" };
                self.broke(|| {
                    format!(
                        "step({w}, {p}) began, on {}, while publish({q}) {what}: round {p} started early",
                        log::me()
                    )
                });
            }
            let me = log::me();
            match &self.thread_of[w] {
                None => self.thread_of[w] = Some(me),
                Some(first) if *first != me && self.moved.is_none() => {
                    self.moved = Some(format!(
                        "worker {w} did round {p} on {me}, but its earlier rounds on {first}: each worker is \
                         one thread that lives through every round. New threads for each round do the work, \
                         but what does a Barrier let the same threads do instead?"
                    ));
                }
                Some(_) => {}
            }
            self.begun[p] += 1;
        }

        /// Before publish(p): every step of round p done, and none of the next.
        fn publish_begins(&mut self, p: usize) {
            let (done, n, next) = (self.done[p], self.workers, self.begun[p + 1]);
            if done < n {
                self.broke(|| format!("publish({p}) began while only {done} of the {n} steps of round {p} were done"));
            } else if next > 0 {
                self.broke(|| format!("publish({p}) began after {next} step(s) of round {} had begun", p + 1));
            }
            self.publishing[p] += 1;
        }
    }

    fn lock(r: &Mutex<Record>) -> checker::sync::MutexGuard<'_, Record> {
        r.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `run_phases(workers, phases, ..)` under many schedules. With
    /// `order`, a round that starts early fails it too, not only the counts.
    fn rounds(workers: usize, phases: usize, schedules: usize, order: bool) -> Result<(), Failure> {
        checker::model::explore(schedules, move || {
            let record = Arc::new(Mutex::new(Record::new(workers, phases, order)));
            let step = {
                let record = Arc::clone(&record);
                move |w: usize, p: usize| {
                    lock(&record).step_begins(w, p);
                    lock(&record).done[p] += 1;
                }
            };
            let publish = {
                let record = Arc::clone(&record);
                move |p: usize| {
                    lock(&record).publish_begins(p);
                    lock(&record).published[p] += 1;
                }
            };
            exercise::run_phases(workers, phases, step, publish);
            let r = lock(&record);
            if let Some(moved) = r.moved.clone() {
                require(false, || moved);
            }
            for p in 0..phases {
                let (done, published) = (r.done[p], r.published[p]);
                require(done == workers, || {
                    format!(
                        "run_phases({workers}, {phases}, ..) returned with {done} of the {workers} steps of round {p} done"
                    )
                });
                require(published >= 1, || {
                    format!("run_phases({workers}, {phases}, ..) returned before round {p} was published")
                });
                require(published == 1, || {
                    format!("run_phases({workers}, {phases}, ..) called publish({p}) {published} times, not once")
                });
            }
        })
    }

    /// The counts are the same in every schedule: one is enough, and a
    /// wrong count is not a race. (The order is checked by the others.)
    fn once(workers: usize, phases: usize) -> Result<(), Failure> {
        rounds(workers, phases, 1, false).map_err(|mut f| {
            if f.kind == checker::Kind::Race {
                f.kind = checker::Kind::Wrong;
                f.message = f.message.trim_start_matches("Race: ").to_string();
                if let Some(cut) = f.message.find("\n\nThe interleaving") {
                    f.message.truncate(cut);
                }
                f.message.push_str(
                    "\n\nEach round is published once, by one thread, whichever gets there: \
                     how does a thread know it is the one?",
                );
            }
            f
        })
    }

    fn every_step_and_round_once() -> Result<(), Failure> {
        once(3, 2)?;
        once(1, 3)?;
        once(2, 0)
    }

    /// Every schedule, with what to look at when one fails.
    fn in_every_order(workers: usize, phases: usize) -> Result<(), Failure> {
        rounds(workers, phases, SCHEDULES, true).map_err(|mut f| {
            match f.kind {
                checker::Kind::Race => f.message.push_str(
                    "\n\nA round may begin only after every step of the round before is done and its \
                     publish has returned. Which waits keep a worker from going on too early?",
                ),
                checker::Kind::Deadlock => f.message.push_str(
                    "\n\nA Barrier::new(n) lets its waiters go only when n threads are waiting on that \
                     same barrier. How many threads wait on yours, and is it the one the others wait on?",
                ),
                _ => {}
            }
            f
        })
    }

    fn no_round_starts_early() -> Result<(), Failure> {
        in_every_order(3, 3)
    }

    fn two_workers_many_rounds() -> Result<(), Failure> {
        in_every_order(2, 4)
    }

    pub fn main() {
        harness::run(&[
            Check { name: "every step runs, and every round is published once", run: every_step_and_round_once },
            Check {
                name: "3 workers, 3 rounds: no round starts before the last one is done and published",
                run: no_round_starts_early,
            },
            Check { name: "2 workers, 4 rounds, in every order", run: two_workers_many_rounds },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The phases checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
