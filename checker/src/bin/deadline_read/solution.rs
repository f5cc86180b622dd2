use checker::channel::{Receiver, after, select_biased};
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    TimedOut,
    SenderGone,
}

pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    // Biased: when a value and the timer are both ready (a zero limit), the
    // value wins; plain `select!` would pick one at random.
    select_biased! {
        recv(rx) -> msg => msg.map_err(|_| GaveUp::SenderGone),
        recv(after(limit)) -> _ => Err(GaveUp::TimedOut),
    }
}
