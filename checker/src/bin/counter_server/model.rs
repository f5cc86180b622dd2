// Checks for day 24, counter_server: the shared-state part, under the model
// checker (`model_part = "shuttle"` in info.toml; main.rs checks the TCP part
// on real sockets first). `handle` serves connections of the check's own, in
// memory: two at once, then a third, under many schedules, the same ones on
// every run. A lost update is then a `race` verdict on every run, with the
// interleaving, not a luck of the real scheduler.
checker::subject!("../../../../exercises/day24_counter_server.rs");

#[cfg(feature = "model")]
mod checks {
    use checker::harness::{self, Check};
    use checker::model::{explore, require};
    use checker::sync::Arc;
    use checker::{Failure, thread};

    use crate::exercise;

    /// Schedules explored.
    const SCHEDULES: usize = 300;

    /// One connection: `sent` in, everything `handle` wrote back out.
    fn serve<T>(handle: impl Fn(&[u8], &mut Vec<u8>, &T), total: &T, sent: &str) -> String {
        let mut out = Vec::new();
        handle(sent.as_bytes(), &mut out, total);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Two connections send 1 and 2 at once; then a third sends 4. `T` is
    /// the total's type, whatever the learner chose (a `Mutex<u64>`, an
    /// `AtomicU64`, ...): the type `handle` takes, made with `Default`.
    fn two_at_once<T, F>(handle: F) -> Result<(), Failure>
    where
        T: Default + Send + Sync + 'static,
        F: Fn(&[u8], &mut Vec<u8>, &T) + Copy + Send + Sync + 'static,
    {
        explore(SCHEDULES, move || {
            let total = Arc::new(T::default());
            let threads: Vec<_> = ["1\n", "2\n"]
                .into_iter()
                .map(|sent| {
                    let total = Arc::clone(&total);
                    thread::spawn(move || serve(handle, &*total, sent))
                })
                .collect();
            let got: Vec<String> = threads
                .into_iter()
                .map(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect();
            let (a, b) = (got[0].trim_end(), got[1].trim_end());
            let last = serve(handle, &*total, "4\n");
            require(last == "7\n", || {
                format!(
                    "Two connections (threads 1 and 2 below) sent 1 and 2 at the same time and got back \
                     {a:?} and {b:?}; then a third sent 4 and got back {:?}, not 7: an increment was lost.\n\
                     In the interleaving below, both threads read the total before either wrote it back. From \
                     the moment your code reads the total to the moment it writes the new one, what \
                     stops another connection's thread from doing the same?",
                    last.trim_end()
                )
            });
            require(matches!((a, b), ("1", "3") | ("3", "2")), || {
                format!(
                    "Two connections (threads 1 and 2 below) sent 1 and 2 at the same time and got back \
                     {a:?} and {b:?}. Each \
                     reply is the total just after that connection's own add: the first to add reads \
                     back its own number, the second 3.\n\
                     In the interleaving below, a thread read the total after another one had added too. Is \
                     your reply read in the same step as your add?"
                )
            });
        })
    }

    fn two_connections_at_once() -> Result<(), Failure> {
        two_at_once(|input, out, total| {
            let _ = exercise::handle(input, out, total);
        })
    }

    pub fn main() {
        harness::run(&[Check {
            name: "two connections add at once (model-checked): no increment lost, each reply its own total",
            run: two_connections_at_once,
        }])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("counter_server's model-checked part runs under the model checker: build it with `--features model`.");
    std::process::exit(2);
}
