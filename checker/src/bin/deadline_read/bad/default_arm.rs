// Known-bad (expect `wrong`): Go's `select { ... default: }` translated as a
// bare `default` arm. A bare `default` runs when nothing is ready *right now*:
// the function never waits, and gives up on a value that is on its way.
// (`default(limit) =>` would wait up to `limit`.)
use checker::channel::{Receiver, after, select};
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    TimedOut,
    SenderGone,
}

pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    select! {
        recv(rx) -> msg => msg.map_err(|_| GaveUp::SenderGone),
        default => Err(GaveUp::TimedOut),
    }
}
