// Day 29 (stretch): a log batcher
//
// Writing lines one at a time costs a system call, or a request, each. A
// batcher gathers them and hands the sink a `Vec` at a time: a batch goes out
// as soon as it holds `max` lines, or `max_delay` after its FIRST line came,
// whichever is first. So a busy stream goes out in full batches, and a quiet
// one waits at most `max_delay`. When the input closes, nothing more can
// come: a pending batch goes out at once, and the thread ends.
//
// In Go: a goroutine loops over a `select` on the input and a timer,
//
//     case line, ok := <-in:   // !ok: closed; flush and return
//     case <-timer:            // max_delay is up: flush
//
// with `timer` a `time.After(maxDelay)` channel, or nil while nothing is
// pending (a nil channel is never ready). Here: `select!` over `recv(input)`
// and `recv(deadline)`, with `after(d)` as the timer and `never()` as Go's
// nil channel, all on the course's clock. Go's `ok == false` is `recv`'s
// `Err`: every Sender of the input was dropped. The caller joins the
// `JoinHandle` to wait for the last batch, as Go's caller waits on `done`.
use checker::channel::{Receiver, after, never, select};
use checker::thread::{self, JoinHandle};
use std::time::Duration;

/// Starts the batcher's thread: it hands the lines of `input` to `sink` in
/// batches, in order. A batch goes out when it holds `max` lines, or
/// `max_delay` after its first line came, whichever is first. When `input`
/// closes, a pending batch goes out at once, and the thread ends. With
/// nothing pending, it waits for the next line with no timer set.
pub fn batch(
    input: Receiver<String>,
    max: usize,
    max_delay: Duration,
    sink: impl FnMut(Vec<String>) + Send + 'static,
) -> JoinHandle<()> {
    // TODO: spawn the thread that keeps the pending batch and its deadline.
    todo!()
}
