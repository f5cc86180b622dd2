// Day 4: bounded channels and backpressure
//
// `mpsc::channel()` is unbounded: `send` never waits, so a producer that is
// faster than its consumer piles up messages without limit. A bounded
// channel, `mpsc::sync_channel(n)`, holds at most `n` messages; `send` on a
// full one waits until the receiver takes one out. That wait is
// backpressure: it slows the producer down to the consumer's pace.
//
// `sync_channel(0)` holds nothing at all: each `send` waits until a `recv`
// takes the message straight from its hand (a "rendezvous").
//
// Mind Go's default: a plain `make(chan T)` is the rendezvous,
// `sync_channel(0)`, not `channel()`. `make(chan T, n)` is `sync_channel(n)`,
// and Go has no unbounded channel at all. Go's send that gives up instead of
// waiting, `select { case ch <- v: default: }`, is `try_send`: when the
// message can't go in, it gives it back in an error.
//
// A thread waiting in `send` does nothing else until it is let go, so
// what lets it go, a `recv`, has to come from another thread.
use checker::sync::mpsc::{self, Receiver, SyncSender};
use checker::thread;

/// How many jobs the job queue holds.
pub const CAPACITY: usize = 3;

/// Makes the job queue: a channel that holds at most `CAPACITY` jobs.
pub fn job_queue() -> (SyncSender<u32>, Receiver<u32>) {
    // TODO: make a bounded channel (see above) and return both of its ends.
    todo!()
}

/// Offers `jobs` to `queue`, in order, without ever waiting. Returns the
/// jobs that did not go in: the first one refused (the queue was full, or
/// nobody is left to receive) and every job after it, in order.
pub fn offer(queue: &SyncSender<u32>, jobs: Vec<u32>) -> Vec<u32> {
    // TODO: `try_send` the jobs one by one; stop at the first refusal.
    todo!()
}

/// Moves `jobs` through the channel `tx` -> `rx` from one thread to another
/// and returns them in the order they arrived. The channel may be bounded or
/// a rendezvous. Any thread it spawns is joined before it returns.
pub fn hand_over(jobs: Vec<u32>, tx: SyncSender<u32>, rx: Receiver<u32>) -> Vec<u32> {
    // TODO: the sending and the receiving must happen on different threads.
    todo!()
}
