// Known-bad (expect `deadlock`): stop joins the worker but never tells it to
// stop. `self.stop` is still alive (it is dropped when stop returns, which is
// after the join), so `done` stays open and the worker waits for jobs forever.
use checker::thread::{self, JoinHandle};
use checker::channel::{Receiver, Sender, bounded, select};

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
        let (stop, done) = bounded(0);
        let worker = thread::spawn(move || run(jobs, done, work));
        Service { stop, worker }
    }

    pub fn stop(self) {
        self.worker.join().unwrap();
    }
}
