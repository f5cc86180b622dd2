// Day 9: timeouts
//
// `rx.recv()` waits as long as it takes. If the sender is still alive but has
// gone quiet (a slow server, a stuck worker), that is forever. To wait at
// most some time, race the receive against a timer and take whichever comes
// first:
//
//   Go:    select { case v, ok := <-ch: ...   case <-time.After(d): ... }
//   Rust:  select! { recv(rx) -> msg => ...,  recv(after(d)) -> _ => ... }
//
// `after(d)` is Go's `time.After(d)`: a channel that delivers one message
// once `d` has passed. `select!` waits until one of its operations can go
// on, and runs that arm. (`default(d) => ...` as the last arm of a `select!`
// is a shorthand for the same race.) `checker::channel` is crossbeam's
// channel API on the course's clock: the checks move that clock, so a
// timeout is checked exactly, and takes no real time.
//
// Giving up has two reasons, and the caller needs to know which: the sender
// said nothing in time (it may still answer later), or every `Sender` is
// gone (nothing will ever come). `recv(rx) -> msg` tells you: `msg` is
// `Err(RecvError)` once the channel is empty and its last Sender was dropped,
// like Go's `ok == false` on a closed channel.
use checker::channel::{Receiver, after, select};
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
    // TODO: race the receive against a timer with `select!` and `after`.
    // Map each way the race can end to the right result.
    todo!()
}
