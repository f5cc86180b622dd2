// Checks for day 14, word_count. Run under the model checker (model =
// "shuttle"): every check explores many interleavings, the same ones on
// every run.
checker::subject!("../../../../exercises/day14_word_count.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use std::collections::BTreeMap;

    use crate::exercise;

    use checker::Failure;
    use checker::harness::{self, Check, relative, under_test};
    use checker::model::{log, require};
    use checker::sync::{Arc, Condvar, Mutex, PoisonError};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// The texts, one thread each; "a" is in all three, so their updates meet.
    const TEXTS: [&str; 3] = ["b A a", "a B", "c a"];

    /// A leak seen in some schedule (outside the model: it outlives it).
    static LEAK: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

    fn leak() -> std::sync::MutexGuard<'static, Option<String>> {
        LEAK.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn want() -> BTreeMap<String, usize> {
        [("a", 4), ("b", 2), ("c", 1)].into_iter().map(|(w, n)| (w.to_string(), n)).collect()
    }

    /// Holds each thread at its first `clean` until `needed` threads are in
    /// `clean` at once: code that cleans one text at a time never gets there,
    /// and the model checker reports everyone waiting.
    #[derive(Default)]
    struct Gate {
        arrived: Mutex<Vec<String>>,
        open: Condvar,
    }

    impl Gate {
        fn arrive(&self, needed: usize) {
            let me = log::me();
            let mut arrived = self.arrived.lock().unwrap_or_else(PoisonError::into_inner);
            if !arrived.contains(&me) {
                arrived.push(me);
                self.open.notify_all();
            }
            while arrived.len() < needed {
                arrived = self.open.wait(arrived).unwrap_or_else(PoisonError::into_inner);
            }
        }
    }

    /// Spawned threads the learner's code never joined in this schedule
    /// (scoped threads are joined by their scope), with where they started.
    fn unjoined() -> Vec<String> {
        let ops: Vec<_> = log::ops().into_iter().filter(|op| under_test(op.at.file())).collect();
        let joins = ops.iter().filter(|op| op.what == "joins a thread").count();
        let spawns: Vec<String> = ops
            .iter()
            .filter(|op| op.what == "spawns a thread")
            .map(|op| format!("{}:{}", relative(op.at.file()), op.at.line()))
            .collect();
        spawns.into_iter().skip(joins).collect()
    }

    /// Runs `word_count` on TEXTS under many schedules. With `overlap`, the
    /// three texts must be in `clean` at the same time.
    fn count(overlap: bool) -> Result<(), Failure> {
        *leak() = None;
        let explored = checker::model::explore(SCHEDULES, move || {
            if leak().is_some() {
                return;
            }
            let gate = Arc::new(Gate::default());
            let clean: exercise::Clean = Arc::new(move |w: &str| {
                if overlap {
                    gate.arrive(TEXTS.len());
                }
                w.to_lowercase()
            });
            let texts = TEXTS.iter().map(|t| t.to_string()).collect();
            let got = exercise::word_count(texts, clean);
            let left = unjoined();
            if !left.is_empty() {
                let mut sites = left.clone();
                sites.dedup();
                *leak() = Some(format!(
                    "word_count returned without joining {} of the threads it spawned (at {}).\n\
                     A thread nobody joins may still be counting when the map is read, and nothing\n\
                     waits for it to end. Keep every JoinHandle, and join them all before reading the map.",
                    left.len(),
                    sites.join(", ")
                ));
                return;
            }
            let want = want();
            require(got == want, || {
                format!(
                    "word_count({TEXTS:?}) returned {got:?}, but the words are {want:?} \
                     (each counted under its lowercase key)"
                )
            });
        });
        if let Some(message) = leak().take() {
            return Err(Failure::leak(message));
        }
        explored
    }

    fn counts_every_word() -> Result<(), Failure> {
        count(false)
    }

    fn texts_are_cleaned_at_once() -> Result<(), Failure> {
        count(true).map_err(|mut f| {
            if f.kind == checker::Kind::Deadlock {
                f.message.push_str(
                    "\n\nThe check's `clean` waits until all 3 texts are being cleaned at the same time (as a\n\
                     slow clean would overlap), and it never happened: while one thread cleaned, the\n\
                     others could not. What does each thread hold while it calls `clean`?",
                );
            }
            f
        })
    }

    fn no_texts_no_words() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let got = exercise::word_count(Vec::new(), Arc::new(|w: &str| w.to_string()));
            require(got.is_empty(), || format!("word_count of no texts returned {got:?}, not an empty map"));
        })
    }

    /// Words are split on any whitespace: tabs, newlines and runs of spaces
    /// make no empty or glued words (Go's `strings.Fields`, not `Split`).
    fn any_whitespace_splits_words() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let texts = vec!["  x\ty\n".to_string(), "x   z".to_string(), String::new()];
            let got = exercise::word_count(texts.clone(), Arc::new(|w: &str| w.to_string()));
            let want: BTreeMap<String, usize> =
                [("x", 2), ("y", 1), ("z", 1)].into_iter().map(|(w, n)| (w.to_string(), n)).collect();
            require(got == want, || {
                format!(
                    "word_count({texts:?}) returned {got:?}, not {want:?}: words are split on any \
                     whitespace (tabs, newlines, several spaces), and there are no empty words"
                )
            });
        })
        // One schedule, and the threads' order does not matter here: a wrong
        // answer is wrong in every order, not a race.
        .map_err(|mut f| {
            if f.kind == checker::Kind::Race {
                f.kind = checker::Kind::Wrong;
                f.message = f.message.trim_start_matches("Race: ").to_string();
                if let Some(cut) = f.message.find("\n\nThe interleaving") {
                    f.message.truncate(cut);
                }
            }
            f
        })
    }

    pub fn main() {
        harness::run(&[
            Check { name: "no texts: no words", run: no_texts_no_words },
            Check { name: "every word of every text is counted, once", run: counts_every_word },
            Check { name: "the texts are cleaned at the same time", run: texts_are_cleaned_at_once },
            Check { name: "words are split on any whitespace", run: any_whitespace_splits_words },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The word_count checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
