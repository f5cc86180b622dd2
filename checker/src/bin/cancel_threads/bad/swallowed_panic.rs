// Known-bad (expect `wrong`): cancels and joins every worker but throws away
// what join() returns, so a worker's panic is lost and stop returns as if the
// crew had ended well.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

pub struct Crew {
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    // Cancelled by stop(), or when the caller cancels `parent`.
    let token = parent.child_token();
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
            let _ = worker.join();
        }
    }
}
