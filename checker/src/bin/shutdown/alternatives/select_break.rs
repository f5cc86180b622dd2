// Day 10 alternative: the select! loop breaks on `done`, the drain happens after it; stop destructures self.
use checker::thread::{self, JoinHandle};
use checker::channel::{Receiver, Sender, bounded, select};

/// The worker loop. Handles each job from `jobs` with `work`, in order, until
/// `done` is closed; then handles the jobs still waiting in `jobs` and
/// returns. It also returns if `jobs` is closed (every job Sender is gone).
pub fn run(jobs: Receiver<u32>, done: Receiver<()>, work: impl Fn(u32)) {
    loop {
        select! {
            recv(jobs) -> job => match job {
                Ok(job) => work(job),
                Err(_) => return,
            },
            recv(done) -> _ => break,
        }
    }
    // Stopped: what was already sent is still handled.
    jobs.try_iter().for_each(&work);
}

/// A worker running [`run`] on a thread of its own.
pub struct Service {
    /// Dropping it closes the worker's `done` channel.
    stop: Sender<()>,
    worker: JoinHandle<()>,
}

impl Service {
    /// Starts the worker thread on `jobs`.
    pub fn start(jobs: Receiver<u32>, work: impl Fn(u32) + Send + 'static) -> Service {
        let (stop, done) = bounded::<()>(1);
        let worker = thread::Builder::new()
            .name("service".to_string())
            .spawn(move || run(jobs, done, work))
            .expect("the OS refused to start a thread");
        Service { stop, worker }
    }

    /// Shuts the worker down gracefully: it finishes every job sent so far,
    /// then exits. Returns once the worker thread has ended.
    pub fn stop(self) {
        let Service { stop, worker } = self;
        drop(stop);
        if let Err(panic) = worker.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
