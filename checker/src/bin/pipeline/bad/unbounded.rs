// Known-bad (expect `wrong`): unbounded channels between the stages. Nothing
// holds the endless generator back: it fills memory as fast as it can while
// the rest of the pipeline takes its time.
use checker::channel::{Receiver, unbounded};
use checker::thread;

pub const BUFFER: usize = 4;

pub fn generate(start: u64) -> Receiver<u64> {
    let (tx, rx) = unbounded();
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
    let (tx, rx) = unbounded();
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
