// Known-bad (expect `deadlock`): no timer at all. `recv()` waits until a value
// comes or every Sender is gone; on a quiet channel whose Sender is still
// alive, neither ever happens.
use checker::channel::{Receiver, after, select};
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    TimedOut,
    SenderGone,
}

pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    rx.recv().map_err(|_| GaveUp::SenderGone)
}
