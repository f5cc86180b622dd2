// Known-bad (expect `wrong`): keeps overwriting the saved panic while joining, so the last worker's panic goes on, not the first (passes whenever at most one worker panics).
// Day 12 (stretch): a pool you keep
//
// `run_pool` made a pool for one batch of jobs. A server keeps one pool for
// its whole life and hands it jobs as they come: the pool is a value.
// `Pool::new` starts the workers, `submit` queues a job (waiting while the
// queue is full), and dropping the pool shuts it down: the queue closes, the
// workers still run every job already queued, and then they are joined.
//
// Go has no destructors: its pools have a `Shutdown()` that does
// `close(jobs); wg.Wait()`, and every owner must remember to call it, often
// with `defer`. In Rust, `Drop` does it when the pool goes out of scope.
//
// The catch is order. `Drop::drop(&mut self)` runs first, and the fields are
// dropped only after it returns: while it runs, every field is still alive,
// and `drop` has them only by `&mut`. So ask, for each field, whether it
// must be gone before the workers can end, and how `drop` can let go of
// something it only borrows.
use checker::thread::{self, JoinHandle};
use crossbeam::channel::{Sender, bounded};

/// A job for the pool.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    /// The queue's sending end: `None` once the pool is shutting down.
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `workers` threads that take jobs from a queue of `capacity`
    /// jobs and run them, one job at a time each.
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
        Pool { jobs: Some(tx), workers }
    }

    /// Queues `job` for the workers, waiting while the queue is full.
    pub fn submit(&self, job: Job) {
        self.jobs.as_ref().expect("pool is shut down").send(job).expect("every worker is gone");
    }
}

impl Drop for Pool {
    /// Shuts the pool down: every job already submitted still runs, then
    /// every worker is joined.
    /// If a worker panics, the panic reaches the caller: `join()` returns it
    /// as an `Err`. Every worker is joined first, even if several panicked;
    /// then the first panic goes on (`std::panic::resume_unwind(err)`).
    fn drop(&mut self) {
        drop(self.jobs.take());
        let mut panicked = None;
        for worker in self.workers.drain(..) {
            if let Err(panic) = worker.join() {
                panicked = Some(panic);
            }
        }
        if let Some(panic) = panicked {
            std::panic::resume_unwind(panic);
        }
    }
}
