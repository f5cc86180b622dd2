// Checks for day 26, condvar_if. Run under the model checker (model =
// "shuttle"). Shuttle's Condvar never wakes a thread spuriously, so the checks
// make the case themselves: a second taker that can reach the lock between a
// notify and the woken taker's return from `wait`.
checker::subject!("../../../../exercises/day26_condvar_if.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use crate::exercise::Queue;

    use checker::harness::{self, Check};
    use checker::model::require;
    use checker::sync::{Arc, mpsc};
    use checker::thread;
    use checker::{Failure, Kind};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    fn taker(queue: &Arc<Queue>, name: &str) -> thread::JoinHandle<u32> {
        let queue = Arc::clone(queue);
        thread::Builder::new()
            .name(name.to_string())
            .spawn(move || queue.take())
            .expect("the model spawns every thread")
    }

    /// What to look at, by the kind of failure. A panic here happened under
    /// one interleaving of several threads (the one-thread check passed
    /// first): it is a race, and says so.
    fn note(mut f: Failure) -> Failure {
        if f.kind == Kind::Panic {
            f.kind = Kind::Race;
            f.message = f.message.replacen(
                "The code panicked under this interleaving: ",
                "Race: under this interleaving, a thread panicked: ",
                1,
            );
        }
        let more = match f.kind {
            Kind::Race => {
                "\n\nA taker returned from `wait` and found the queue empty. Follow the steps: after the \
                 notify that woke it, and before it had the lock again, who else took the lock, and what \
                 did it do?"
            }
            Kind::Deadlock => {
                "\n\nA taker sleeps in `wait` with an item in the queue, or with no put left to come. \
                 Count the notifies in the steps above, and the takers that needed one: which wakeup \
                 went missing, and when?"
            }
            _ => "",
        };
        f.message.push_str(more);
        f
    }

    fn one_thread() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let queue = Queue::default();
            queue.put(1);
            queue.put(2);
            let (a, b) = (queue.take(), queue.take());
            require((a, b) == (1, 2), || {
                format!("on one thread, put(1), put(2), then two takes returned {a} and {b}, not 1 and 2")
            })
        })
        .map_err(|mut f| {
            if f.kind == Kind::Race {
                f.kind = Kind::Wrong;
                f.message = f.message.trim_start_matches("Race: ").to_string();
                if let Some(cut) = f.message.find("\n\nThe interleaving") {
                    f.message.truncate(cut);
                }
            }
            f
        })
    }

    fn a_take_waits_for_a_put() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let queue = Arc::new(Queue::default());
            let t = taker(&queue, "take()");
            queue.put(7);
            let got = t.join().unwrap();
            require(got == 7, || format!("a take() waited for put(7) and returned {got}"));
        })
        .map_err(note)
    }

    fn two_takers_two_puts() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let queue = Arc::new(Queue::default());
            let (a, b) = (taker(&queue, "take() A"), taker(&queue, "take() B"));
            queue.put(1);
            queue.put(2);
            let mut got = [a.join().unwrap(), b.join().unwrap()];
            got.sort_unstable();
            require(got == [1, 2], || format!("two takers and put(1), put(2): the takers got {got:?}, not 1 and 2"));
        })
        .map_err(note)
    }

    fn puts_and_takes_from_many_threads() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let queue = Arc::new(Queue::default());
            let a = taker(&queue, "take() A");
            let q = Arc::clone(&queue);
            let putter = thread::Builder::new()
                .name("put(1), put(2)".to_string())
                .spawn(move || {
                    q.put(1);
                    q.put(2);
                })
                .expect("the model spawns every thread");
            let b = queue.take();
            putter.join().unwrap();
            let mut got = [a.join().unwrap(), b];
            got.sort_unstable();
            require(got == [1, 2], || {
                format!("two takers and put(1), put(2) on another thread: the takers got {got:?}")
            });
        })
        .map_err(note)
    }

    /// One item at a time: the second comes only after a taker has returned,
    /// so the queue stays empty for a while after the first is taken.
    fn one_item_at_a_time() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let queue = Arc::new(Queue::default());
            let (tx, rx) = mpsc::channel();
            let takers: Vec<_> = ["take() A", "take() B"]
                .into_iter()
                .map(|name| {
                    let (queue, tx) = (Arc::clone(&queue), tx.clone());
                    thread::Builder::new()
                        .name(name.to_string())
                        .spawn(move || tx.send(queue.take()).unwrap())
                        .expect("the model spawns every thread")
                })
                .collect();
            queue.put(1);
            let first = rx.recv().unwrap();
            queue.put(2);
            let second = rx.recv().unwrap();
            for t in takers {
                t.join().unwrap();
            }
            require((first, second) == (1, 2), || {
                format!("two takers, put(1), and put(2) once a taker had returned: they got {first} and {second}")
            });
        })
        .map_err(note)
    }

    /// Three takers, and each item put only once a taker has returned: a
    /// taker can be robbed twice in a row, so a look that is not a loop (an
    /// `if`, or two) is caught.
    fn three_takers_one_item_at_a_time() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let queue = Arc::new(Queue::default());
            let (tx, rx) = mpsc::channel();
            let takers: Vec<_> = ["take() A", "take() B", "take() C"]
                .into_iter()
                .map(|name| {
                    let (queue, tx) = (Arc::clone(&queue), tx.clone());
                    thread::Builder::new()
                        .name(name.to_string())
                        .spawn(move || tx.send(queue.take()).unwrap())
                        .expect("the model spawns every thread")
                })
                .collect();
            let mut got = Vec::new();
            for item in 1..=3 {
                queue.put(item);
                got.push(rx.recv().unwrap());
            }
            for t in takers {
                t.join().unwrap();
            }
            require(got == [1, 2, 3], || {
                format!("three takers, and each item put once a taker had returned: they got {got:?}")
            });
        })
        .map_err(note)
    }

    pub fn main() {
        harness::run(&[
            Check { name: "one thread: items come out in order", run: one_thread },
            Check { name: "a take waits for a put", run: a_take_waits_for_a_put },
            Check { name: "two takers, two puts", run: two_takers_two_puts },
            Check { name: "puts and takes from several threads", run: puts_and_takes_from_many_threads },
            Check { name: "two takers, one item at a time", run: one_item_at_a_time },
            Check { name: "three takers, one item at a time", run: three_takers_one_item_at_a_time },
            Check {
                name: "it waits by blocking, never by polling",
                run: || {
                    checker::thread::no_polling(
                        "A `take` with nothing to take blocks on the Condvar until a `put` wakes it.",
                    )
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
    eprintln!("The condvar_if checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
