// Day 4 alternative: offer walks an iterator and gives back the refused job plus the rest;
// hand_over sends on this thread and receives on a scoped thread.
use checker::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use checker::thread;

/// How many jobs the job queue holds.
pub const CAPACITY: usize = 3;

/// Makes the job queue: a channel that holds at most `CAPACITY` jobs.
pub fn job_queue() -> (SyncSender<u32>, Receiver<u32>) {
    mpsc::sync_channel(CAPACITY)
}

/// Offers `jobs` to `queue`, in order, without ever waiting. Returns the
/// jobs that did not go in: the first one refused (the queue was full, or
/// nobody is left to receive) and every job after it, in order.
pub fn offer(queue: &SyncSender<u32>, jobs: Vec<u32>) -> Vec<u32> {
    let mut rest = jobs.into_iter();
    while let Some(job) = rest.next() {
        match queue.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(job) | TrySendError::Disconnected(job)) => {
                return std::iter::once(job).chain(rest).collect();
            }
        }
    }
    Vec::new()
}

/// Moves `jobs` through the channel `tx` -> `rx` from one thread to another
/// and returns them in the order they arrived. The channel may be bounded or
/// a rendezvous. Any thread it spawns is joined before it returns.
pub fn hand_over(jobs: Vec<u32>, tx: SyncSender<u32>, rx: Receiver<u32>) -> Vec<u32> {
    thread::scope(|s| {
        let receiver = s.spawn(move || rx.iter().collect::<Vec<u32>>());
        for job in jobs {
            if tx.send(job).is_err() {
                break;
            }
        }
        // Closing the channel ends the receiver's loop.
        drop(tx);
        receiver.join().expect("the receiving thread panicked")
    })
}
