// Known-bad (expect `panic`): every send is unwrapped, as in most examples.
// When the caller stops receiving, the next send fails and the stage
// panics: the pipeline "ends" by crashing its threads.
use checker::channel::{Receiver, bounded};
use checker::thread;

pub const BUFFER: usize = 4;

pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in start.. {
            tx.send(n).unwrap();
        }
    });
    rx
}

pub fn square(input: Receiver<u64>) -> Receiver<u64> {
    let (tx, rx) = bounded(BUFFER);
    thread::spawn(move || {
        for n in input {
            tx.send(n * n).unwrap();
        }
    });
    rx
}

pub fn first_squares(k: usize) -> Vec<u64> {
    square(generate(1)).iter().take(k).collect()
}
