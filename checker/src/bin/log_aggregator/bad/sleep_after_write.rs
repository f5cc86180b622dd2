// Known-bad: spreads the writes evenly, a sleep of every/per after each: never
// faster than the limit, but lines wait when the limit would let them out,
// and shutdown waits out the last sleep.
use checker::channel::{Sender, unbounded};
use checker::thread::{self, JoinHandle};
use std::time::Duration;

enum Msg {
    Line(String),
    Stop,
}

pub struct Aggregator {
    tx: Sender<Msg>,
    writer: JoinHandle<()>,
}

#[derive(Clone)]
pub struct Logger {
    tx: Sender<Msg>,
}

impl Aggregator {
    /// Starts the writer: it writes each line to `sink`, in the order it
    /// came, at most `per` lines in any `every`, each as soon as that limit
    /// allows.
    pub fn start(mut sink: impl FnMut(String) + Send + 'static, per: usize, every: Duration) -> Aggregator {
        let (tx, rx) = unbounded();
        let writer = thread::spawn(move || {
            for msg in rx {
                let Msg::Line(line) = msg else { break };
                sink(line);
                // One line per interval: rest after each write.
                thread::sleep(every / per as u32);
            }
        });
        Aggregator { tx, writer }
    }

    /// A handle producers log through; clone it freely.
    pub fn logger(&self) -> Logger {
        Logger { tx: self.tx.clone() }
    }

    /// Returns once every line logged before it is written, and the writer
    /// has ended. Loggers may still exist; what they log after is dropped.
    pub fn shutdown(self) {
        let _ = self.tx.send(Msg::Stop);
        self.writer.join().expect("the writer panicked");
    }
}

impl Logger {
    /// Hands `line` to the writer, without waiting for it to be written.
    pub fn log(&self, line: impl Into<String>) {
        let _ = self.tx.send(Msg::Line(line.into()));
    }
}
