// Day 9: timeouts
//
// `rx.recv()` waits as long as it takes. If the sender is still alive but has
// gone quiet (a slow server, a stuck worker), that is forever. To wait at
// most some time, the wait needs a second way to end: a timer, raced against
// the receive, and whichever is ready first decides.
//
// Go's timer is a channel: `time.After(d)` delivers one value once `d` has
// passed, so the race is a `select` over two channels. crossbeam's timer is a
// channel too, `after(d)`, and its `select!` (day 8) is Go's `select`.
// `checker::channel` is crossbeam's channel API on the course's clock: the
// checks move that clock, so a timeout is checked exactly, in no real time.
//
// A race can be a tie. When a value is already waiting and the timer is ready
// too (a zero limit, or a value that comes just as time runs out), `select!`
// picks one of the ready arms at random, as Go's `select` does: with a zero
// limit and a value waiting, about half the calls give up. crossbeam's
// `recv_timeout` always takes a waiting value first (it runs on the real
// clock, so not here), and `select_biased!` tries its arms in the order they
// are written (its `default(d)` arm runs on the real clock too: race a timer
// channel instead).
//
// Giving up has two reasons, and the caller needs to know which: the sender
// said nothing in time (it may still answer later), or every `Sender` is gone
// and the channel is empty (nothing will ever come: Go's `ok == false`).
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
    // TODO: race the receive against a timer. Map each way the race can end
    // to the right result.
    todo!()
}
