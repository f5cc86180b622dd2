// Day 9 alternative: `recv_timeout`, the shorthand for the select!/after race.
use crossbeam::channel::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Why [`recv_within`] came back without a value.
#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    /// `limit` passed and nothing came; the sender is still there.
    TimedOut,
    /// The channel is empty and every `Sender` is gone: nothing will ever come.
    SenderGone,
}

/// Receives the next value from `rx`, waiting at most `limit` for it.
/// A value that is already waiting, or that comes within `limit`, is
/// returned at once.
pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    rx.recv_timeout(limit).map_err(|e| match e {
        RecvTimeoutError::Timeout => GaveUp::TimedOut,
        RecvTimeoutError::Disconnected => GaveUp::SenderGone,
    })
}
