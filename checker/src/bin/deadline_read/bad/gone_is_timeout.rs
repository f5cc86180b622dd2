// Known-bad (expect `wrong`): every error is reported as a timeout. When the
// Sender is gone, the caller is told to try again later, and waits for a
// value that will never come.
use checker::channel::{Receiver, after, select};
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    TimedOut,
    SenderGone,
}

pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    select! {
        recv(rx) -> msg => msg.map_err(|_| GaveUp::TimedOut),
        default(limit) => Err(GaveUp::TimedOut),
    }
}
