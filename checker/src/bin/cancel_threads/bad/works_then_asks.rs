// Asks the token after each unit of work instead of before: under a cancelled parent it still does one unit.
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
                loop {
                    work(id);
                    if token.is_cancelled() {
                        break;
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
        for w in self.workers {
            w.join().unwrap();
        }
    }
}

