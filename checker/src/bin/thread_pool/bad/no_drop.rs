// Known-bad (expect `leak`): no `Drop` at all. When the pool goes, its
// Sender goes and the workers end on their own, but nobody joins them: the
// owner goes on while jobs may still be running.
use checker::thread::{self, JoinHandle};
use crossbeam::channel::{Sender, bounded};

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    queue: Sender<Job>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    pub fn new(workers: usize, capacity: usize) -> Pool {
        let (tx, rx) = bounded::<Job>(capacity);
        let workers = (0..workers)
            .map(|_| {
                let rx = rx.clone();
                thread::spawn(move || {
                    for job in rx {
                        job();
                    }
                })
            })
            .collect();
        Pool { queue: tx, workers }
    }

    pub fn submit(&self, job: Job) {
        self.queue.send(job).unwrap();
    }
}
