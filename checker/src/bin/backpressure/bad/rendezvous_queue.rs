// Known-bad (expect `wrong`): takes sync_channel(0) for "no limit". A
// rendezvous channel holds nothing, so the queue refuses every job.
use checker::sync::mpsc::{self, Receiver, SyncSender};
use checker::thread;

pub const CAPACITY: usize = 3;

pub fn job_queue() -> (SyncSender<u32>, Receiver<u32>) {
    mpsc::sync_channel(0)
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
    let producer = thread::spawn(move || {
        for job in jobs {
            tx.send(job).unwrap();
        }
    });
    let arrived = rx.iter().collect();
    producer.join().unwrap();
    arrived
}
