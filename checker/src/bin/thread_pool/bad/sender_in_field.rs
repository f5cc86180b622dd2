// Known-bad (expect `deadlock`): the Sender is a plain field. `drop` joins
// the workers while the field, and so the queue, is still open: the
// workers wait for a next job, and `drop` waits for them, forever.
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

impl Drop for Pool {
    fn drop(&mut self) {
        for worker in self.workers.drain(..) {
            worker.join().unwrap();
        }
    }
}
