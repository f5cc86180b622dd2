// Known-bad (expect `deadlock`): looks at `done` without waiting (`try_recv`),
// then blocks on the job channel alone. A `done` closed while it waits for a
// job is never seen: nothing wakes the worker but another job, which does not
// come. (It used to pass when done happened to close before the look.)
use checker::channel::{Receiver, Sender, TryRecvError, bounded};
use checker::thread::{self, JoinHandle};

pub fn run(jobs: Receiver<u32>, done: Receiver<()>, work: impl Fn(u32)) {
    loop {
        if let Err(TryRecvError::Disconnected) = done.try_recv() {
            for job in jobs.try_iter() {
                work(job);
            }
            return;
        }
        match jobs.recv() {
            Ok(job) => work(job),
            Err(_) => return,
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
