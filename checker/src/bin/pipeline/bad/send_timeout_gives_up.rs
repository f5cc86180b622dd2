// Known-bad (expect `wrong`): each stage sends with `send_timeout(50ms)` and ends
// when it times out (Go's `select { case out <- v: case <-time.After(..): return }`),
// as a guard against a caller that went away. A caller that only pauses longer
// finds the pipeline closed and gets fewer squares. (crossbeam's real-clock
// `send_timeout`: learners get the source scan's refusal; the proof, which does
// not scan, shows the check's verdict, since the clock waits for timed waits.)
// Day 13: pipelines
//
// A pipeline is a chain of stages: each stage is a thread that receives from
// the stage before it and sends to the stage after it, here
// generate -> square -> the caller. The stages work at the same time, and
// the bounded channels between them keep each one in step with the next: an
// endless generator sending into an unbounded channel would fill memory.
//
// Stopping early: the caller may want only the first few results. Go's
// stages `select` on a `done` channel that the caller closes; a stage that
// does not is blocked forever on its next send (a goroutine leak). In Rust
// the receiving end is the done signal: once the last `Receiver` of a
// channel is dropped (a crossbeam `Receiver` can be cloned; each of these
// channels has only one), every `send` into it returns `Err`, a send that
// was waiting too. A stage that stops when its send fails drops its own
// `Receiver` as it ends, so the stage before it stops as well, and so on up
// the chain. That `Err` is the way a pipeline ends, not a failure: do not
// `unwrap` it.
use checker::thread;
use crossbeam::channel::{Receiver, bounded};
use std::time::Duration;

/// How long a stage waits for the next stage to take a value before it
/// decides nobody is listening any more.
const GIVE_UP: Duration = Duration::from_millis(50);

/// How many numbers each channel between two stages holds.
pub const BUFFER: usize = 4;

/// The first stage: starts a thread that sends `start`, `start + 1`, ...
/// without end, and returns the receiving end. The thread ends once nobody
/// receives any more.
pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        let mut n = start;
        loop {
            if tx.send_timeout(n, GIVE_UP).is_err() {
                return;
            }
            n += 1;
        }
    });
    rx
}

/// A middle stage: starts a thread that sends the square of every number
/// received from `input`, in order, and returns the receiving end. The
/// thread ends when `input` is closed (and then closes its own output), or
/// once nobody receives its squares any more.
pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in input {
            if tx.send_timeout(n * n, GIVE_UP).is_err() {
                return;
            }
        }
    });
    rx
}

/// The whole pipeline: `generate(1)` -> `square` -> the first `k` squares,
/// returned in order. Every stage it started ends soon after it returns.
pub fn first_squares(k: usize) -> Vec<u64> {
    square(generate(1)).into_iter().take(k).collect()
}
