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
        recv(after(limit)) -> _ => Err(GaveUp::TimedOut),
    }
}
