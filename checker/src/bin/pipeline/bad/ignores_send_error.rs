// Known-bad (expect `leak`): the generator ignores the result of `send`.
// Once the stage after it is gone, every send fails at once, and the loop
// goes on failing forever: the thread never ends.
use checker::channel::{Receiver, bounded};
use checker::thread;

pub const BUFFER: usize = 4;

pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in start.. {
            let _ = tx.send(n);
        }
    });
    rx
}

pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in input {
            if tx.send(n * n).is_err() {
                return;
            }
        }
    });
    rx
}

pub fn first_squares(k: usize) -> Vec<u64> {
    square(generate(1)).iter().take(k).collect()
}
