// Known-bad (expect `panic`): square loops on `input.recv().unwrap()`, as in
// Go's `n := <-in`. When the stage before it finishes and its channel
// closes, the receive fails and square panics instead of ending.
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
        loop {
            let n = input.recv().unwrap();
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
