// Known-bad (expect `leak`): `drop` unwraps each worker's `join()` in turn.
// The first worker that died of a panicking job stops the loop, and the
// handles not joined yet are dropped with the `Drain`: those workers are
// left running, unjoined, while the panic goes on to the caller.
use checker::thread::{self, JoinHandle};
use crossbeam::channel::{Sender, bounded};

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    /// `None` once the pool is shutting down.
    queue: Option<Sender<Job>>,
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
        Pool { queue: Some(tx), workers }
    }

    pub fn submit(&self, job: Job) {
        let queue = self.queue.as_ref().expect("the pool is open until it is dropped");
        queue.send(job).expect("the workers are gone");
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Close the queue: each worker ends once it is empty.
        drop(self.queue.take());
        for worker in self.workers.drain(..) {
            worker.join().expect("a worker panicked");
        }
    }
}
