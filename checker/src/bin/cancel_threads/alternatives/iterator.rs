// Day 17 alternative: each worker is an iterator that runs while the token is not cancelled; stop joins all before re-raising a panic.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

/// A crew of worker threads that run until cancelled.
pub struct Crew {
    /// Cancelling it stops every worker of the crew.
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

/// Starts `n` worker threads. Worker `id` (0 to n-1) calls `work(id)` again
/// and again, and stops before its next call once the crew is cancelled:
/// by `Crew::stop`, or because the caller cancelled `parent`.
pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    let token = parent.child_token();
    let workers = (0..n)
        .map(|id| {
            let token = token.clone();
            thread::spawn(move || {
                std::iter::repeat(()).take_while(|()| !token.is_cancelled()).for_each(|()| work(id));
            })
        })
        .collect();
    Crew { token, workers }
}

impl Crew {
    /// Stops the crew: cancels its workers (and nothing else: `parent`
    /// belongs to the caller), and returns once every one of them has ended.
    pub fn stop(self) {
        self.token.cancel();
        // Join every worker first, so a panic in one leaves none running.
        let panics: Vec<_> = self.workers.into_iter().filter_map(|w| w.join().err()).collect();
        if let Some(panic) = panics.into_iter().next() {
            std::panic::resume_unwind(panic);
        }
    }
}
