// Known-bad (expect `leak`): stop() cancels the workers but returns without
// joining them: when it returns, they may still be in the middle of a unit.
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
    }
}
