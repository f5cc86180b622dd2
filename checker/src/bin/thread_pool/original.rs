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
// The catch is order. While `drop(&mut self)` runs, the fields are still
// alive: they are dropped after it returns. A `Sender` kept in a field keeps
// the queue open while `drop` joins the workers, and they wait for more jobs
// forever. Keep it in an `Option` and `take()` it, to drop it first.
use checker::thread::{self, JoinHandle};
use crossbeam::channel::{Sender, bounded};

/// A job for the pool.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    // TODO: the fields: the queue's sending end, and the workers' handles.
}

impl Pool {
    /// Starts `workers` threads that take jobs from a queue of `capacity`
    /// jobs and run them, one job at a time each.
    pub fn new(workers: usize, capacity: usize) -> Pool {
        // TODO: as in run_pool: each worker loops over its clone of the
        // receiver.
        todo!()
    }

    /// Queues `job` for the workers, waiting while the queue is full.
    pub fn submit(&self, job: Job) {
        todo!()
    }
}

impl Drop for Pool {
    /// Shuts the pool down: every job already submitted still runs, then
    /// every worker is joined.
    /// If a worker panics, the panic reaches the caller: `join()` returns it
    /// as an `Err`; unwrap it.
    fn drop(&mut self) {
        // TODO: close the queue first, then join the workers.
        todo!()
    }
}
