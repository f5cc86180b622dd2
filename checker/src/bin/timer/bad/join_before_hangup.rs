// Known-bad: drop joins the thread while the Timer still holds the Sender of
// the resets channel: the thread never hears the hang-up, and the join waits
// for ever (day 12's pool, again).
use checker::channel::{Receiver, Sender, after, bounded, select};
use checker::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Blocks the calling thread for `d`, on a timer channel.
pub fn sleep(d: Duration) {
    let _ = after(d).recv();
}

pub struct Timer {
    resets: Option<Sender<Duration>>,
    fired: Receiver<Instant>,
    thread: Option<JoinHandle<()>>,
}

impl Timer {
    /// A timer that fires once, `d` from now.
    pub fn new(d: Duration) -> Timer {
        let (resets, reset_rx) = bounded::<Duration>(0);
        let (fire, fired) = bounded(1);
        let mut deadline = after(d);
        let thread = thread::spawn(move || {
            loop {
                select! {
                    recv(reset_rx) -> msg => match msg {
                        Ok(d) => deadline = after(d),
                        // The Timer was dropped.
                        Err(_) => return,
                    },
                    recv(deadline) -> at => {
                        if let Ok(at) = at {
                            let _ = fire.try_send(at);
                        }
                    }
                }
            }
        });
        Timer { resets: Some(resets), fired, thread: Some(thread) }
    }

    /// The channel the timer fires on (Go's `t.C`): one value per deadline,
    /// the time it fired.
    pub fn fired(&self) -> &Receiver<Instant> {
        &self.fired
    }

    /// Moves the deadline to `d` from now, whether the timer has fired yet
    /// or not.
    pub fn reset(&mut self, d: Duration) {
        if let Some(resets) = &self.resets {
            let _ = resets.send(d);
        }
        // The thread has the new deadline: a value here is from the old one.
        while self.fired.try_recv().is_ok() {}
    }
}

impl Drop for Timer {
    /// Ends the timer's thread and joins it.
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
