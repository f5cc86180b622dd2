// Known-bad (expect `timeout`): each worker reads the token once, before its
// loop, and keeps that answer. A cancel that comes later is never seen:
// stop() waits forever for workers that never stop.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

pub struct Crew {
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    let token = parent.child_token();
    let workers = (0..n)
        .map(|id| {
            let token = token.clone();
            thread::spawn(move || {
                let cancelled = token.is_cancelled();
                while !cancelled {
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
