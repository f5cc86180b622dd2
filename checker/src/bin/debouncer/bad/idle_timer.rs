// Known-bad: one select with a `default(quiet)` arm on every turn (Go's
// `case <-time.After(quiet):` in the loop). The values come out right, but
// with nothing pending the thread still wakes every `quiet` to look: a slow
// poll, for as long as the input stays open.
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
        let mut pending = None;
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(value) => pending = Some(value),
                    Err(_) => {
                        if let Some(value) = pending.take() {
                            let _ = out.send(value);
                        }
                        return;
                    }
                },
                default(quiet) => {
                    if let Some(value) = pending.take() {
                        let _ = out.send(value);
                    }
                }
            }
        }
    });
    output
}
