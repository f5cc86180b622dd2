// Known-bad (expect `wrong`): the crew shares the caller's token (a clone is
// the same token), so stop() cancels the caller's token too, and with it
// everything else the caller runs under it.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

pub struct Crew {
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    let token = parent.clone();
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
