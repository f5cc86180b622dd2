// Known-bad: each deadline is a thread that sleeps, then fires; reset starts
// another one, and nothing stops the old one: it still fires.
use checker::channel::{Receiver, Sender, after, bounded};
use checker::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Blocks the calling thread for `d`, on a timer channel.
pub fn sleep(d: Duration) {
    let _ = after(d).recv();
}

pub struct Timer {
    fire: Sender<Instant>,
    fired: Receiver<Instant>,
    threads: Vec<JoinHandle<()>>,
}

impl Timer {
    /// A timer that fires once, `d` from now.
    pub fn new(d: Duration) -> Timer {
        let (fire, fired) = bounded(16);
        let mut timer = Timer { fire, fired, threads: Vec::new() };
        timer.arm(d);
        timer
    }

    fn arm(&mut self, d: Duration) {
        let fire = self.fire.clone();
        self.threads.push(thread::spawn(move || {
            if let Ok(at) = after(d).recv() {
                let _ = fire.send(at);
            }
        }));
    }

    /// The channel the timer fires on (Go's `t.C`): one value per deadline,
    /// the time it fired.
    pub fn fired(&self) -> &Receiver<Instant> {
        &self.fired
    }

    /// Moves the deadline to `d` from now, whether the timer has fired yet
    /// or not.
    pub fn reset(&mut self, d: Duration) {
        while self.fired.try_recv().is_ok() {}
        self.arm(d);
    }
}

impl Drop for Timer {
    /// Ends the timer's thread and joins it.
    fn drop(&mut self) {
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}
