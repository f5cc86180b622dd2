// Day 8: `select!`, waiting on two channels at once
//
// `recv()` waits on one channel. To take messages from two channels in
// whatever order they come, wait on both at once: crossbeam's `select!`
// (Go's `select`) blocks until one of its operations can go ahead, runs that
// one, and only that one. When several are ready, it picks one at random.
//
//     select! {
//         recv(a) -> msg => { /* msg: Result<T, RecvError> from `a` */ }
//         recv(b) -> msg => { /* ... from `b` */ }
//     }
//
// A closed channel is always ready: every receive on it returns `Err`
// at once. In a loop, `select!` keeps choosing it, and the loop spins
// instead of waiting for the channel that still has messages to come. Go's
// fix is to set the closed channel to `nil`, which a `select` never
// chooses; crossbeam's `never()` is that channel: a Receiver that never
// delivers anything. Put it in the closed channel's place (`a = never();`).
//
// `checker::channel` is crossbeam's channel API (`crossbeam::channel`), with
// its timers on the course's clock, which the checks control.
use checker::channel::{Receiver, never, select};

/// Receives every message from `a` and from `b`, each as soon as it arrives,
/// until both channels are closed; returns them in the order received.
pub fn merge(a: Receiver<u32>, b: Receiver<u32>) -> Vec<u32> {
    // TODO: loop over a `select!` on both channels. Keep each message; when
    // a channel says it is closed, stop selecting it (see above). Return
    // once both are closed.
    todo!()
}
