// Known-bad: the timer restarts with every line (a debounce): a steady trickle of
// lines keeps its batch waiting far past max_delay.
use checker::channel::{Receiver, after, never, select};
use checker::thread::{self, JoinHandle};
use std::time::Duration;

/// Starts the batcher's thread: it hands the lines of `input` to `sink` in
/// batches, in order. A batch goes out when it holds `max` lines, or
/// `max_delay` after its first line came, whichever is first. When `input`
/// closes, a pending batch goes out at once, and the thread ends. With
/// nothing pending, it waits for the next line with no timer set.
pub fn batch(
    input: Receiver<String>,
    max: usize,
    max_delay: Duration,
    mut sink: impl FnMut(Vec<String>) + Send + 'static,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut pending = Vec::new();
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> line => match line {
                    Ok(line) => {
                        // Wait for a quiet spell after the latest line.
                        deadline = after(max_delay);
                        pending.push(line);
                        if pending.len() == max {
                            sink(std::mem::take(&mut pending));
                            deadline = never();
                        }
                    }
                    Err(_) => {
                        if !pending.is_empty() {
                            sink(pending);
                        }
                        return;
                    }
                },
                recv(deadline) -> _ => {
                    sink(std::mem::take(&mut pending));
                    deadline = never();
                }
            }
        }
    })
}
