// Day 22: sleep, and a timer you can reset
//
// Go's `time.Sleep(d)` is a wait on a timer, and a timer is a channel: Go's
// `<-time.After(d)` is crossbeam's `after(d).recv()` (day 9), here on the
// course's clock, so the checks see the exact instant you wake.
//
// A timer you can move is Go's `time.Timer`: `t := time.NewTimer(d)`, `<-t.C`
// waits for it, `t.Reset(d)` moves its deadline to `d` from now. Go's runtime
// keeps the deadline for you. Here a thread keeps it: it waits in `select!`
// on its current timer channel and on a channel of resets, and acts on
// whichever comes first. (A timer channel that has fired stays empty.)
//
// The promise that makes `Reset` hard: once `reset` returns, `fired()` gives
// only the new deadline, never one from before, not even a fire that already
// happened and sits unread. (Go kept that promise only from Go 1.23 on:
// before, a stale value left in `t.C` woke the next `<-t.C` at once.) And, as
// with day 12's pool, dropping the timer ends its thread and joins it.
use checker::channel::{Receiver, Sender, after, bounded, select};
use checker::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Blocks the calling thread for `d`, on a timer channel.
pub fn sleep(d: Duration) {
    // TODO: Go's `<-time.After(d)`.
    todo!()
}

pub struct Timer {
    // TODO: the fields: how reset and drop talk to the thread, the channel
    // it fires on, the thread's handle.
}

impl Timer {
    /// A timer that fires once, `d` from now.
    pub fn new(d: Duration) -> Timer {
        // TODO: start the thread that keeps the deadline.
        todo!()
    }

    /// The channel the timer fires on (Go's `t.C`): one value per deadline,
    /// the time it fired.
    pub fn fired(&self) -> &Receiver<Instant> {
        todo!()
    }

    /// Moves the deadline to `d` from now, whether the timer has fired yet
    /// or not.
    pub fn reset(&mut self, d: Duration) {
        // TODO
        todo!()
    }
}

impl Drop for Timer {
    /// Ends the timer's thread and joins it.
    fn drop(&mut self) {
        todo!()
    }
}
