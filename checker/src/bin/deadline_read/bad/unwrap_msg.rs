// Known-bad (expect `panic`): Go habit, `v := <-ch` never fails. In Rust the
// receive arm gets `Err(RecvError)` once the Sender is gone, and unwrapping it
// panics.
use checker::channel::{Receiver, after, select};
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    TimedOut,
    SenderGone,
}

pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    select! {
        recv(rx) -> msg => Ok(msg.unwrap()),
        recv(after(limit)) -> _ => Err(GaveUp::TimedOut),
    }
}
