// Known-bad: a quit channel next to the lines, and the writer returns the
// moment it hears it: lines still queued are lost.
use checker::channel::{Receiver, Sender, after, bounded, select, unbounded};
use checker::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub struct Aggregator {
    lines: Sender<String>,
    quit: Sender<()>,
    writer: JoinHandle<()>,
}

#[derive(Clone)]
pub struct Logger {
    lines: Sender<String>,
}

impl Aggregator {
    pub fn start(mut sink: impl FnMut(String) + Send + 'static, per: usize, every: Duration) -> Aggregator {
        let (lines, rx) = unbounded::<String>();
        let (quit, quit_rx) = bounded::<()>(1);
        let writer = thread::spawn(move || {
            // Slot i % per holds the timer of write i: write i + per waits for it.
            let mut slots: Vec<Option<Receiver<Instant>>> = (0..per).map(|_| None).collect();
            let mut next = 0;
            let mut write = |line: String| {
                if let Some(free) = slots[next].take() {
                    let _ = free.recv();
                }
                sink(line);
                slots[next] = Some(after(every));
                next = (next + 1) % per;
            };
            loop {
                select! {
                    recv(rx) -> line => match line {
                        Ok(line) => write(line),
                        Err(_) => return,
                    },
                    recv(quit_rx) -> _ => {
                        return;
                    }
                }
            }
        });
        Aggregator { lines, quit, writer }
    }

    pub fn logger(&self) -> Logger {
        Logger { lines: self.lines.clone() }
    }

    pub fn shutdown(self) {
        let _ = self.quit.send(());
        if let Err(panic) = self.writer.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

impl Logger {
    pub fn log(&self, line: impl Into<String>) {
        let _ = self.lines.send(line.into());
    }
}
