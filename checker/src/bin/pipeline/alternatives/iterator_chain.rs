// Day 13 alternative: each stage is an iterator chain ended by `try_for_each` on the send.
use checker::channel::{Receiver, bounded};
use checker::thread;

/// How many numbers each channel between two stages holds.
pub const BUFFER: usize = 4;

/// The first stage: sends `start`, `start + 1`, ... until nobody receives.
pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    // A failed send (the receiver is gone) is how this stage ends.
    thread::spawn(move || (start..).try_for_each(|n| tx.send(n)));
    rx
}

/// A middle stage: squares every number from `input`, until `input` closes
/// or nobody receives the squares.
pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || input.into_iter().map(|n| n * n).try_for_each(|sq| tx.send(sq)));
    rx
}

/// The whole pipeline: `generate(1)` -> `square` -> the first `k` squares.
pub fn first_squares(k: usize) -> Vec<u64> {
    // The last Receiver is dropped at the end of this statement: the stages
    // then see their sends fail, one after the other.
    square(generate(1)).into_iter().take(k).collect()
}
