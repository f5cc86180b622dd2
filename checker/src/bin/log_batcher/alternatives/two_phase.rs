// Day 29 (stretch): a log batcher, in another style: two loops. The outer
// one blocks on the first line of a batch (no timer while idle); the inner
// one fills that batch until it is full, its timer fires, or the input
// closes.
use checker::channel::{Receiver, RecvError, after, select};
use checker::thread::{self, JoinHandle};
use std::time::Duration;

pub fn batch(
    input: Receiver<String>,
    max: usize,
    max_delay: Duration,
    mut sink: impl FnMut(Vec<String>) + Send + 'static,
) -> JoinHandle<()> {
    thread::spawn(move || {
        while let Ok(first) = input.recv() {
            let deadline = after(max_delay);
            let mut pending = vec![first];
            let mut closed = false;
            while pending.len() < max && !closed {
                select! {
                    recv(input) -> line => match line {
                        Ok(line) => pending.push(line),
                        Err(RecvError) => closed = true,
                    },
                    recv(deadline) -> _ => break,
                }
            }
            sink(pending);
            if closed {
                return;
            }
        }
    })
}
