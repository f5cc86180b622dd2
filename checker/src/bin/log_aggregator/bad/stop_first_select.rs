// Known-bad: as stop_on_its_own_channel.rs, with the stop arm of select! first: select! picks
// among ready arms at random whatever their order, so the stop still overtakes queued lines.
// Day 29: a log aggregator
//
// Many producers log lines; one writer thread owns the sink (a file, an API
// with a quota) and writes them in order, at most `per` lines in any `every`:
// a line waits only while `per` lines were written in the last `every`.
//
// In Go: producers send on one `chan string`, one goroutine ranges over it
// and writes, and shutdown is `close(ch)` then `<-done`. Here the channel is
// crossbeam's (`checker::channel`), and a `Logger` holds a clone of its
// Sender. One difference: Go's close is one call, but a Rust channel closes
// only when its LAST Sender is dropped. Go by Example's limiter reads a
// `time.Tick` before each request: evenly spaced, and even the first waits.
// Here a line waits only for the write `per` before it to age out, on a
// timer: `after(d)`, a channel that delivers once `d` has passed on the
// course's clock (std's sleep and `Instant` are the real clock, which the
// checks do not control).
//
// A line logged before `shutdown()` must be written before it returns: a log
// aggregator that loses the last lines loses the ones that explain a crash.
use checker::channel::{Sender, after, unbounded};
use checker::thread::{self, JoinHandle};
use std::time::Duration;
use checker::channel::{Receiver, select};
use std::collections::VecDeque;

enum Msg {
    Line(String),
}

pub struct Aggregator {
    tx: Sender<Msg>,
    stop: Sender<()>,
    writer: JoinHandle<()>,
}

#[derive(Clone)]
pub struct Logger {
    tx: Sender<Msg>,
}

impl Aggregator {
    /// Starts one writer thread: it writes each line to `sink`, in the order
    /// it came, at most `per` lines in any `every`, each as soon as that
    /// limit allows.
    pub fn start(sink: impl FnMut(String) + Send + 'static, per: usize, every: Duration) -> Aggregator {
        let (tx, rx) = unbounded::<Msg>();
        let (stop, stopped) = unbounded::<()>();
        let mut sink = sink;
        let writer = thread::spawn(move || {
            // one timer per recent write: it fires when that write stops counting
            let mut recent: VecDeque<Receiver<_>> = VecDeque::new();
            loop {
                let line = select! {
                    recv(stopped) -> _ => break,
                    recv(rx) -> msg => match msg {
                        Ok(Msg::Line(line)) => line,
                        Err(_) => break,
                    },
                };
                if recent.len() == per {
                    let oldest = recent.pop_front().unwrap();
                    let _ = oldest.recv();
                }
                sink(line);
                recent.push_back(after(every));
            }
        });
        Aggregator { tx, stop, writer }
    }

    /// A handle producers log through; it can be cloned and sent to threads.
    pub fn logger(&self) -> Logger {
        Logger { tx: self.tx.clone() }
    }

    /// Returns once every line logged before it was called is written, and
    /// the writer has ended; if the sink panicked, panics too. Loggers may
    /// still exist: what they log after this is dropped.
    pub fn shutdown(self) {
        let _ = self.stop.send(());
        if let Err(panic) = self.writer.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

impl Logger {
    /// Hands `line` to the writer and returns at once.
    pub fn log(&self, line: impl Into<String>) {
        let _ = self.tx.send(Msg::Line(line.into()));
    }
}
