// Checks for day 26, scrutinee_guard. Run under the model checker (model =
// "shuttle"): a lock taken twice on one thread is a deadlock it reports at
// once, and the races between two threads are found on every run.
checker::subject!("../../../../exercises/day26_scrutinee_guard.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use crate::exercise::Names;

    use checker::harness::{self, Check};
    use checker::model::require;
    use checker::sync::Arc;
    use checker::thread;
    use checker::{Failure, Kind};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    fn ask(names: &Arc<Names>, name: &'static str) -> thread::JoinHandle<u32> {
        let names = Arc::clone(names);
        thread::Builder::new()
            .name(format!("id({name:?})"))
            .spawn(move || names.id(name))
            .expect("the model spawns every thread")
    }

    /// One schedule, one thread: a wrong answer here is wrong in every
    /// order, not a race.
    fn not_a_race(mut f: Failure) -> Failure {
        if f.kind == Kind::Race {
            f.kind = Kind::Wrong;
            let what = f.message.trim_start_matches("Race: ");
            let mut first = what.chars();
            f.message = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
            if let Some(cut) = f.message.find("\n\nThe interleaving") {
                f.message.truncate(cut);
            }
        }
        f
    }

    /// A deadlock on one thread: where the first guard is.
    fn one_thread_note(mut f: Failure) -> Failure {
        if f.kind == Kind::Deadlock {
            f.message.push_str(
                "\n\nOnly one thread was running: it waits for a lock it holds itself. Find the line \
                 that locked first in the steps above: which value holds that guard, and where does \
                 that value end?",
            );
        }
        f
    }

    fn one_thread() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let names = Names::default();
            let mut asked = Vec::new();
            for (name, want) in [("a", 0), ("b", 1), ("a", 0), ("c", 2), ("b", 1)] {
                asked.push(format!("id({name:?})"));
                let got = names.id(name);
                require(got == want, || {
                    format!("on one thread, {}: the last one returned {got}, not {want}", asked.join(", "))
                });
            }
        })
        .map_err(not_a_race)
        .map_err(one_thread_note)
    }

    fn one_new_name_twice_at_once() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let names = Arc::new(Names::default());
            let (first, second) = (ask(&names, "x"), ask(&names, "x"));
            let (a, b) = (first.join().unwrap(), second.join().unwrap());
            let again = names.id("x");
            require(a == 0 && b == 0 && again == 0, || {
                format!(
                    "two threads asked for the new name \"x\" at the same time and got {a} and {b}; asked \
                     again, it is {again}. One name has one number, here 0: what could the second thread \
                     do between finding the name missing and inserting it?"
                )
            });
            let next = names.id("y");
            require(next == 1, || format!("after \"x\", the next new name \"y\" got {next}, not 1"));
        })
    }

    fn two_new_names_at_once() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let names = Arc::new(Names::default());
            let (x, y) = (ask(&names, "x"), ask(&names, "y"));
            let (x, y) = (x.join().unwrap(), y.join().unwrap());
            let (x2, y2) = (names.id("x"), names.id("y"));
            let mut got = [x, y];
            got.sort_unstable();
            require(got == [0, 1] && (x2, y2) == (x, y), || {
                format!(
                    "two threads asked for the new names \"x\" and \"y\" at the same time and got {x} and \
                     {y} (asked again: {x2} and {y2}); two new names must get 0 and 1, one each, for good. \
                     What could happen between reading the next free number and inserting the name?"
                )
            });
        })
    }

    pub fn main() {
        harness::run(&[
            Check { name: "one thread: a number per name", run: one_thread },
            Check { name: "one new name from two threads at once", run: one_new_name_twice_at_once },
            Check { name: "two new names from two threads at once", run: two_new_names_at_once },
            Check {
                name: "it waits by blocking, never by polling",
                run: || {
                    checker::thread::no_polling(
                        "One guard, held once, needs no retry: where does your first guard end?",
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
    eprintln!("The scrutinee_guard checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
