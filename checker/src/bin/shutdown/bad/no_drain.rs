// Known-bad (expect `wrong`): returns as soon as the done arm wins. select! picks
// at random among ready arms, so jobs that were already sent can still be
// waiting in the channel when done is closed: they are lost.
use checker::thread::{self, JoinHandle};
use checker::channel::{Receiver, Sender, bounded, select};

pub fn run(jobs: Receiver<u32>, done: Receiver<()>, work: impl Fn(u32)) {
    loop {
        select! {
            recv(jobs) -> job => match job {
                Ok(job) => work(job),
                Err(_) => return,
            },
            recv(done) -> _ => return,
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
