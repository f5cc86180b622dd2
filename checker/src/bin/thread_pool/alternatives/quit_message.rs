// Day 12 stretch alternative: shutdown by message: Drop queues one Quit per worker behind the jobs, then joins.
use checker::thread::{self, JoinHandle};
use crossbeam::channel::{Sender, bounded};

/// A job for the pool.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// What a worker takes from the queue.
enum Msg {
    Run(Job),
    Quit,
}

pub struct Pool {
    queue: Sender<Msg>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `workers` threads that take jobs from a queue of `capacity`
    /// jobs and run them, one job at a time each.
    pub fn new(workers: usize, capacity: usize) -> Pool {
        let (queue, rx) = bounded::<Msg>(capacity);
        let workers = (0..workers)
            .map(|_| {
                let rx = rx.clone();
                thread::spawn(move || {
                    while let Ok(Msg::Run(job)) = rx.recv() {
                        job();
                    }
                })
            })
            .collect();
        Pool { queue, workers }
    }

    /// Queues `job` for the workers, waiting while the queue is full.
    pub fn submit(&self, job: Job) {
        self.queue.send(Msg::Run(job)).expect("every worker of the pool is gone");
    }
}

impl Drop for Pool {
    /// Shuts the pool down: every job already submitted still runs, then
    /// every worker is joined.
    fn drop(&mut self) {
        // The queue is FIFO: each worker meets its Quit only after the jobs.
        for _ in 0..self.workers.len() {
            if self.queue.send(Msg::Quit).is_err() {
                break; // no worker is left to take it
            }
        }
        // Every worker is joined before a panic goes on to the caller.
        let panics: Vec<_> = self.workers.drain(..).filter_map(|worker| worker.join().err()).collect();
        if let Some(panic) = panics.into_iter().next() {
            std::panic::resume_unwind(panic);
        }
    }
}
