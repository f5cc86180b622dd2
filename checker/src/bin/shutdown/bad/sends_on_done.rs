// Known-bad (expect `panic`): Go's `done <- struct{}{}`: stop sends on done and unwraps the send; when the worker already returned because every job Sender was gone, nobody receives and stop panics.
use checker::channel::{Receiver, Sender, bounded, select};
use checker::thread::{self, JoinHandle};

pub fn run(jobs: Receiver<u32>, done: Receiver<()>, work: impl Fn(u32)) {
    loop {
        select! {
            recv(jobs) -> job => match job {
                Ok(job) => work(job),
                Err(_) => return,
            },
            recv(done) -> _ => {
                for job in jobs.try_iter() {
                    work(job);
                }
                return;
            }
        }
    }
}

pub struct Service {
    stop: Sender<()>,
    worker: JoinHandle<()>,
}

impl Service {
    pub fn start(jobs: Receiver<u32>, work: impl Fn(u32) + Send + 'static) -> Service {
        let (stop, done) = bounded::<()>(0);
        let worker = thread::spawn(move || run(jobs, done, work));
        Service { stop, worker }
    }

    pub fn stop(self) {
        // Tell the worker to stop (the rendezvous send returns once it has heard).
        self.stop.send(()).unwrap();
        self.worker.join().unwrap();
    }
}
