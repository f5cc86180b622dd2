// Known-bad (expect `leak`): the crew gets a brand-new token, not a child of
// `parent`. stop() works, but when the caller cancels `parent`, the workers
// never hear of it and keep working.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

pub struct Crew {
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    let token = CancellationToken::new();
    let workers = (0..n)
        .map(|id| {
            let token = token.clone();
            thread::spawn(move || {
                while !token.is_cancelled() {
                    work(id);
                }
            })
        })
        .collect();
    Crew { token, workers }
}

impl Crew {
    pub fn stop(self) {
        self.token.cancel();
        for worker in self.workers {
            worker.join().unwrap();
        }
    }
}
