// Known-bad (expect `wrong`): shutting down raises a `stopping` flag that
// each worker looks at before its next job. The workers do end, and are
// joined, but the jobs still waiting in the queue are thrown away.
use checker::sync::Arc;
use checker::sync::atomic::{AtomicBool, Ordering};
use checker::thread::{self, JoinHandle};
use crossbeam::channel::{Sender, bounded};

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    queue: Option<Sender<Job>>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    pub fn new(workers: usize, capacity: usize) -> Pool {
        let (tx, rx) = bounded::<Job>(capacity);
        let stopping = Arc::new(AtomicBool::new(false));
        let workers = (0..workers)
            .map(|_| {
                let rx = rx.clone();
                let stopping = Arc::clone(&stopping);
                thread::spawn(move || {
                    while !stopping.load(Ordering::SeqCst) {
                        match rx.recv() {
                            Ok(job) => job(),
                            Err(_) => break,
                        }
                    }
                })
            })
            .collect();
        Pool { queue: Some(tx), stopping, workers }
    }

    pub fn submit(&self, job: Job) {
        self.queue.as_ref().unwrap().send(job).unwrap();
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        drop(self.queue.take());
        for worker in self.workers.drain(..) {
            worker.join().unwrap();
        }
    }
}
