// Known-bad: batches what is queued in a Vec and writes it with pop(), which takes
// the newest first.
use checker::channel::{Receiver, Sender, after, unbounded};
use checker::thread::{self, JoinHandle};
use std::collections::VecDeque;
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
            // One timer per recent write: it fires `every` after that write.
            let mut recent: VecDeque<Receiver<std::time::Instant>> = VecDeque::new();
            let mut buffer: Vec<String> = Vec::new();
            let mut stop = false;
            while !stop {
                // Take everything queued, to write it as one batch.
                match rx.recv() {
                    Ok(Msg::Line(line)) => buffer.push(line),
                    _ => stop = true,
                }
                while let Ok(msg) = rx.try_recv() {
                    match msg {
                        Msg::Line(line) => buffer.push(line),
                        Msg::Stop => stop = true,
                    }
                }
                while let Some(line) = buffer.pop() {
                    if recent.len() == per
                        && let Some(oldest) = recent.pop_front()
                    {
                        let _ = oldest.recv();
                    }
                    sink(line);
                    recent.push_back(after(every));
                }
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
