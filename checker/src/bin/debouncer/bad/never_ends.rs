// Known-bad: Go's `in = nil` once the input is closed (so the select
// stops taking the closed channel), and then no `return`: the pending value
// goes out, but the loop waits on two channels that never deliver, for ever.
// The output is never closed.
use checker::channel::{Receiver, after, never, select, unbounded};
use checker::thread;
use std::time::Duration;

/// Starts the debouncer: its thread reads `input` and sends the last value
/// of each burst to the channel it returns, once `quiet` has passed with no
/// newer value; with nothing pending, it sleeps until the next event, with
/// no timer set. When `input` closes, it sends a pending value at once, then
/// ends, which closes the channel it returned.
pub fn debounce<T: Send + 'static>(mut input: Receiver<T>, quiet: Duration) -> Receiver<T> {
    let (out, output) = unbounded();
    thread::spawn(move || {
        let mut pending = None;
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(value) => {
                        pending = Some(value);
                        deadline = after(quiet);
                    }
                    Err(_) => {
                        if let Some(value) = pending.take() {
                            let _ = out.send(value);
                        }
                        input = never();
                    }
                },
                recv(deadline) -> _ => {
                    if let Some(value) = pending.take() {
                        let _ = out.send(value);
                    }
                }
            }
        }
    });
    output
}
