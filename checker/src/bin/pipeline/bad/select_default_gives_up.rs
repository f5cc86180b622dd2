// Known-bad (expect `wrong`): each stage races its send against a timer,
// `select! { send(tx, v) -> r => .., default(GIVE_UP) => return }` (Go's
// `case <-time.After(..): return`), on the course's clock. A caller that only
// pauses longer than GIVE_UP finds the pipeline closed and gets fewer squares.
use checker::channel::{Receiver, bounded, select};
use checker::thread;
use std::time::Duration;

pub const BUFFER: usize = 4;

/// How long a stage waits to send before it decides nobody is listening.
const GIVE_UP: Duration = Duration::from_secs(1);

pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in start.. {
            select! {
                send(tx, n) -> sent => if sent.is_err() { return },
                default(GIVE_UP) => return,
            }
        }
    });
    rx
}

pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in input {
            select! {
                send(tx, n * n) -> sent => if sent.is_err() { return },
                default(GIVE_UP) => return,
            }
        }
    });
    rx
}

pub fn first_squares(k: usize) -> Vec<u64> {
    square(generate(1)).iter().take(k).collect()
}
