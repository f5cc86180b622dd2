// Day 9 alternative: a `select!` whose `default(limit)` arm is the timer.
// crossbeam's `default(limit)` is no arm in the random draw: select! tries
// every operation first and looks at the time only if none is ready, so a
// waiting value wins even with a zero limit (unlike a `recv(after(limit))`
// arm). `checker::channel` turns it into a timer on the course's clock.
use checker::channel::{Receiver, select};
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
    select! {
        recv(rx) -> msg => msg.map_err(|_| GaveUp::SenderGone),
        default(limit) => Err(GaveUp::TimedOut),
    }
}
