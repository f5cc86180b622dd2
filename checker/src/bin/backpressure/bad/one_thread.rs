// Known-bad (expect `deadlock`): hand_over sends every job, then receives them, all
// on one thread. The first send into a rendezvous channel (or the 4th into a
// 3-job queue) waits for a receiver that can never come: deadlock.
use checker::sync::mpsc::{self, Receiver, SyncSender};
use checker::thread;

pub const CAPACITY: usize = 3;

pub fn job_queue() -> (SyncSender<u32>, Receiver<u32>) {
    mpsc::sync_channel(CAPACITY)
}

pub fn offer(queue: &SyncSender<u32>, jobs: Vec<u32>) -> Vec<u32> {
    for (i, &job) in jobs.iter().enumerate() {
        if queue.try_send(job).is_err() {
            return jobs[i..].to_vec();
        }
    }
    Vec::new()
}

pub fn hand_over(jobs: Vec<u32>, tx: SyncSender<u32>, rx: Receiver<u32>) -> Vec<u32> {
    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);
    rx.iter().collect()
}
