// Day 22, another style: a thread per deadline, each with its own cancel
// channel (Go's `time.AfterFunc` and `Stop`). A reset hangs up on the old
// thread and joins it, so it can no longer fire; then it throws away a fire
// from before and starts a thread for the new deadline.
use checker::channel::{Receiver, Sender, after, bounded, select};
use checker::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Blocks the calling thread for `d`, on a timer channel.
pub fn sleep(d: Duration) {
    select! {
        recv(after(d)) -> _ => {}
    }
}

/// One armed deadline: dropping `cancel` stops it.
struct Arm {
    cancel: Sender<()>,
    thread: JoinHandle<()>,
}

pub struct Timer {
    fire: Sender<Instant>,
    fired: Receiver<Instant>,
    arm: Option<Arm>,
}

impl Timer {
    /// A timer that fires once, `d` from now.
    pub fn new(d: Duration) -> Timer {
        let (fire, fired) = bounded(1);
        let mut timer = Timer { fire, fired, arm: None };
        timer.reset(d);
        timer
    }

    /// The channel the timer fires on (Go's `t.C`): one value per deadline,
    /// the time it fired.
    pub fn fired(&self) -> &Receiver<Instant> {
        &self.fired
    }

    /// Moves the deadline to `d` from now, whether the timer has fired yet
    /// or not.
    pub fn reset(&mut self, d: Duration) {
        self.disarm();
        while self.fired.try_recv().is_ok() {}
        let (cancel, cancelled) = bounded::<()>(0);
        let deadline = after(d);
        let fire = self.fire.clone();
        let thread = thread::spawn(move || {
            select! {
                recv(deadline) -> at => {
                    if let Ok(at) = at {
                        let _ = fire.try_send(at);
                    }
                }
                recv(cancelled) -> _ => {}
            }
        });
        self.arm = Some(Arm { cancel, thread });
    }

    /// Stops the armed thread, if any, and waits until it has ended.
    fn disarm(&mut self) {
        if let Some(Arm { cancel, thread }) = self.arm.take() {
            drop(cancel);
            let _ = thread.join();
        }
    }
}

impl Drop for Timer {
    /// Ends the timer's thread and joins it.
    fn drop(&mut self) {
        self.disarm();
    }
}
