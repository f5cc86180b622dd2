// Known-bad (expect `wrong`): joins the worker but throws away what join()
// returns, so a worker's panic is lost and stop returns as if every job had
// been handled.
use checker::thread::{self, JoinHandle};
use checker::channel::{Receiver, Sender, bounded, select};

pub fn run(jobs: Receiver<u32>, done: Receiver<()>, work: impl Fn(u32)) {
    loop {
        select! {
            recv(jobs) -> job => match job {
                Ok(job) => work(job),
                Err(_) => return, // every job Sender is gone
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
        let (stop, done) = bounded(0);
        let worker = thread::spawn(move || run(jobs, done, work));
        Service { stop, worker }
    }

    pub fn stop(self) {
        drop(self.stop); // close(done)
        let _ = self.worker.join();
    }
}
