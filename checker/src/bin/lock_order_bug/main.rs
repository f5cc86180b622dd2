// Checks for day 26, lock_order_bug. Run under the model checker (model =
// "shuttle"): every check explores many interleavings, the same ones on every
// run, so a deadlock that needs an unlucky moment is found every time.
checker::subject!("../../../../exercises/day26_lock_order_bug.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use crate::exercise::Library;

    use checker::harness::{self, Check};
    use checker::model::require;
    use checker::sync::Arc;
    use checker::thread;
    use checker::{Failure, Kind};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// Runs `f` on a thread of its own, named `name` (the steps then say who is who).
    fn on_thread<T: Send + 'static>(
        name: &str,
        lib: &Arc<Library>,
        f: impl FnOnce(&Library) -> T + Send + 'static,
    ) -> thread::JoinHandle<T> {
        let lib = Arc::clone(lib);
        thread::Builder::new().name(name.to_string()).spawn(move || f(&lib)).expect("the model spawns every thread")
    }

    /// A deadlock: what to look at in the report.
    fn deadlock_note(mut f: Failure) -> Failure {
        if f.kind == Kind::Deadlock {
            f.message.push_str(
                "\n\nEach waiting thread holds a lock it took in the steps above, and waits at the line \
                 shown for a lock another waiting thread holds. Which lock did each of them take first, \
                 and could that ever come out the other way round?",
            );
        }
        f
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

    fn one_thread() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let lib = Library::new(vec![1, 2, 3]);
            let steps: [(&str, u32, bool, (usize, usize)); 6] = [
                ("lend", 1, true, (2, 1)),
                ("lend", 1, false, (2, 1)),
                ("give_back", 2, false, (2, 1)),
                ("lend", 4, false, (2, 1)),
                ("give_back", 1, true, (3, 0)),
                ("lend", 1, true, (2, 1)),
            ];
            let mut done = Vec::new();
            for (call, book, want, after) in steps {
                let got = if call == "lend" { lib.lend(book) } else { lib.give_back(book) };
                done.push(format!("{call}({book})"));
                let counted = lib.count();
                require(got == want && counted == after, || {
                    format!(
                        "one thread, books 1, 2 and 3 on the shelf, then {}: the last one should return \
                         {want} and leave count() at {after:?}, but it returned {got} and count() says \
                         {counted:?}",
                        done.join(", ")
                    )
                });
            }
        })
        .map_err(not_a_race)
    }

    fn lend_and_give_back_at_once() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let lib = Arc::new(Library::new(vec![1, 2]));
            lib.lend(2);
            let lend = on_thread("lend(1)", &lib, |lib| lib.lend(1));
            let back = on_thread("give_back(2)", &lib, |lib| lib.give_back(2));
            let (lent, back) = (lend.join().unwrap(), back.join().unwrap());
            require(lent && back, || {
                format!(
                    "book 1 was on the shelf and book 2 lent; lend(1) and give_back(2) ran at the same time \
                     and returned {lent} and {back}, not true and true"
                )
            });
            let counted = lib.count();
            let (again_back, again_lend) = (lib.give_back(1), lib.lend(2));
            require(counted == (1, 1) && again_back && again_lend, || {
                format!(
                    "after lend(1) and give_back(2) at the same time, count() said {counted:?}, not (1, 1), \
                     and then give_back(1) returned {again_back} and lend(2) {again_lend}: a book went to \
                     the wrong list, or was lost"
                )
            });
        })
        .map_err(deadlock_note)
    }

    fn count_while_books_move() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let lib = Arc::new(Library::new(vec![1, 2, 3]));
            lib.lend(3);
            let lend = on_thread("lend(1)", &lib, |lib| lib.lend(1));
            let back = on_thread("give_back(3)", &lib, |lib| lib.give_back(3));
            let count = on_thread("count()", &lib, |lib| lib.count());
            let seen = count.join().unwrap();
            lend.join().unwrap();
            back.join().unwrap();
            require(seen.0 + seen.1 == 3, || {
                format!(
                    "the library has 3 books, and count() said {seen:?} while lend(1) and give_back(3) ran: \
                     {} book(s). Between which two steps below was a book in neither list, or in both?",
                    seen.0 + seen.1
                )
            });
            let end = lib.count();
            require(end == (2, 1), || format!("after lend(1) and give_back(3), count() says {end:?}, not (2, 1)"));
        })
        .map_err(deadlock_note)
    }

    pub fn main() {
        harness::run(&[
            Check { name: "one thread: lend, give back and count", run: one_thread },
            Check { name: "a lend and a give-back at the same time", run: lend_and_give_back_at_once },
            Check { name: "a count while books move", run: count_while_books_move },
            Check {
                name: "it waits by blocking, never by polling",
                run: || {
                    checker::thread::no_polling(
                        "A lock taken in one order everywhere needs no retry: what order do both paths agree on?",
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
    eprintln!("The lock_order_bug checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
