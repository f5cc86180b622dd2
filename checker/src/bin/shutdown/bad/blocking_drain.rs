// Known-bad (expect `deadlock`): drains with `for job in &jobs`, which waits for
// more jobs until every job Sender is gone. The producers still hold theirs,
// so the worker never exits (Go: `for j := range jobs` after `<-done`).
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
                for job in &jobs {
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
        drop(self.stop);
        self.worker.join().unwrap();
    }
}
