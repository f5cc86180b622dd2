// Known-bad (expect `wrong`): to ask the token less often, each worker does a
// batch of 4 units between two looks. A cancel that comes in the middle of a
// batch lets the rest of the batch run: work continues after the cancel.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

pub struct Crew {
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

const BATCH: usize = 4;

pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    let token = parent.child_token();
    let workers = (0..n)
        .map(|id| {
            let token = token.clone();
            thread::spawn(move || {
                while !token.is_cancelled() {
                    for _ in 0..BATCH {
                        work(id);
                    }
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
