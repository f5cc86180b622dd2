// Known-bad (expect `deadlock`): one receiver shared behind a Mutex, taken
// in a `while let` scrutinee. The guard lives until the end of the loop
// body, so a worker holds the queue's lock while it runs its job: no two
// jobs ever run at the same time.
use checker::sync::mpsc::{self, SyncSender};
use checker::sync::{Arc, Mutex};
use checker::thread::{self, JoinHandle};

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    queue: Option<SyncSender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    pub fn new(workers: usize, capacity: usize) -> Pool {
        let (tx, rx) = mpsc::sync_channel::<Job>(capacity);
        let rx = Arc::new(Mutex::new(rx));
        let workers = (0..workers)
            .map(|_| {
                let rx = Arc::clone(&rx);
                thread::spawn(move || {
                    while let Ok(job) = rx.lock().unwrap().recv() {
                        job();
                    }
                })
            })
            .collect();
        Pool { queue: Some(tx), workers }
    }

    pub fn submit(&self, job: Job) {
        let queue = self.queue.as_ref().expect("the pool is open until it is dropped");
        queue.send(job).expect("the workers are gone");
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        drop(self.queue.take());
        for worker in self.workers.drain(..) {
            worker.join().expect("a worker panicked");
        }
    }
}
