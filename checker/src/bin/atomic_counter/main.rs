// Checks for day 19's stretch, atomic_counter. Run under loom (model =
// "loom"): every interleaving within its preemption bound, and every value a
// load may see under the orderings used, in the same order on every run.
checker::subject!("../../../../exercises/day19_atomic_counter.rs");

// Without the `loom` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "loom")]
mod checks {
    use crate::exercise;

    use checker::harness::{self, Check};
    use checker::model::require;
    use checker::sync::Arc;
    use checker::thread;
    use checker::{Failure, Kind};

    /// The value published in the checks.
    const VALUE: usize = 42;

    /// One thread: a wrong answer here is wrong in every order, not a race.
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

    fn on_one_thread() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let counter = exercise::Counter::default();
            for want in 1..=3 {
                counter.hit();
                let got = counter.get();
                require(got == want, || format!("after {want} hits on one thread, get() returned {got}"));
            }
            let mailbox = exercise::Mailbox::default();
            let before = mailbox.read();
            require(before.is_none(), || format!("read() returned {before:?} before anything was published, not None"));
            mailbox.publish(VALUE);
            let after = mailbox.read();
            require(after == Some(VALUE), || {
                format!("after publish({VALUE}), read() on the same thread returned {after:?}, not Some({VALUE})")
            });
        })
        .map_err(not_a_race)
    }

    fn hits_at_once() -> Result<(), Failure> {
        checker::model::explore(0, || {
            let counter = Arc::new(exercise::Counter::default());
            let threads: Vec<_> = (0..2)
                .map(|_| {
                    let counter = Arc::clone(&counter);
                    thread::spawn(move || {
                        counter.hit();
                        counter.hit();
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            let got = counter.get();
            require(got == 4, || {
                format!("two threads hit the counter twice each, at the same time, and it counted {got}, not 4")
            });
        })
    }

    fn published_value_is_whole() -> Result<(), Failure> {
        checker::model::explore(0, || {
            let mailbox = Arc::new(exercise::Mailbox::default());
            let publisher = {
                let mailbox = Arc::clone(&mailbox);
                thread::spawn(move || mailbox.publish(VALUE))
            };
            let seen = mailbox.read();
            require(seen.is_none() || seen == Some(VALUE), || {
                format!(
                    "one thread published {VALUE} while another read the mailbox, and read() returned {seen:?}: \
                     the reader saw the flag up, but not the value published before it. Look at what each \
                     side's ordering promises, and at when the reader loads the value"
                )
            });
            publisher.join().unwrap();
            let after = mailbox.read();
            require(after == Some(VALUE), || {
                format!("once the publishing thread was joined, read() returned {after:?}, not Some({VALUE})")
            });
        })
    }

    pub fn main() {
        harness::run(&[
            Check { name: "on one thread: hits count, and a published value is read", run: on_one_thread },
            Check { name: "two threads' hits at once are all counted", run: hits_at_once },
            Check { name: "a reader that sees the flag up sees the value too", run: published_value_is_whole },
        ])
    }
}

#[cfg(feature = "loom")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "loom"))]
fn main() {
    eprintln!("The atomic_counter checks run under loom: build them with `--features loom`.");
    std::process::exit(2);
}
