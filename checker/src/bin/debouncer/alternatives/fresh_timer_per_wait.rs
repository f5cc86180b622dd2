// Day 22 (stretch), another style: no deadline kept between waits. With
// nothing pending the thread just blocks in `recv`; with a value pending it
// races the next event against a fresh `default(quiet)` timer, so every
// event starts the quiet over by itself (Go's `case <-time.After(quiet)`
// inside the loop).
use checker::channel::{Receiver, select, unbounded};
use checker::thread;
use std::time::Duration;

/// Starts the debouncer: its thread reads `input` and sends the last value
/// of each burst to the channel it returns, once `quiet` has passed with no
/// newer value; with nothing pending, it sleeps until the next event, with
/// no timer set. When `input` closes, it sends a pending value at once, then
/// ends, which closes the channel it returned.
pub fn debounce<T: Send + 'static>(input: Receiver<T>, quiet: Duration) -> Receiver<T> {
    let (out, output) = unbounded();
    thread::spawn(move || {
        let mut pending: Option<T> = None;
        loop {
            let msg = if pending.is_some() {
                select! {
                    recv(input) -> msg => msg,
                    default(quiet) => {
                        if let Some(value) = pending.take() {
                            let _ = out.send(value);
                        }
                        continue;
                    }
                }
            } else {
                input.recv()
            };
            match msg {
                Ok(value) => pending = Some(value),
                Err(_) => break,
            }
        }
        if let Some(value) = pending {
            let _ = out.send(value);
        }
    });
    output
}
