use checker::channel::{Receiver, bounded};
use checker::thread;

pub const BUFFER: usize = 4;

pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in start.. {
            if tx.send(n).is_err() {
                return; // nobody receives any more
            }
        }
    });
    rx
}

pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in input {
            if tx.send(n * n).is_err() {
                return; // dropping `input` stops the stage before this one
            }
        }
    });
    rx
}

pub fn first_squares(k: usize) -> Vec<u64> {
    // The last Receiver is dropped at the end of this statement: the stages stop.
    square(generate(1)).iter().take(k).collect()
}
