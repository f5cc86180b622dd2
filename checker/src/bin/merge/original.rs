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
// A closed channel is always ready: every receive on it returns `Err` at
// once, and a `select!` sees it ready every time round. Go takes a channel
// out of its `select` by setting the variable to `nil`: a nil channel is
// never ready. crossbeam's `never()` is a Receiver that is never ready,
// and it can stand where a channel stood.
//
// It is not quite Go's `nil`. `never()` makes only a Receiver, and there is
// no Sender that is never ready, so a `send` arm cannot be switched off that
// way (build that select with crossbeam's `Select` and add the send only
// when you want it). And `a = never()` drops the real Receiver: if it was
// the last one, the channel's senders now get `Err`, while Go's `a = nil`
// leaves the channel open and its senders blocked once it is full. That is
// harmless once a channel is closed; to pause one that is still open, keep
// its Receiver and select on a `never()` in its place.
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
