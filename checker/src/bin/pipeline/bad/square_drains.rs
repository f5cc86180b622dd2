// Known-bad (expect `leak`): square ignores its failed sends and keeps
// receiving. The generator never learns that nobody wants its numbers, and
// both threads run forever.
use checker::channel::{Receiver, bounded};
use checker::thread;

pub const BUFFER: usize = 4;

pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in start.. {
            if tx.send(n).is_err() {
                return;
            }
        }
    });
    rx
}

pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in input {
            let _ = tx.send(n * n);
        }
    });
    rx
}

pub fn first_squares(k: usize) -> Vec<u64> {
    square(generate(1)).iter().take(k).collect()
}
