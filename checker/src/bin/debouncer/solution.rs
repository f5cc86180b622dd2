// Day 22 (stretch): the reference solution. One thread owns the pending
// value and its deadline: every event replaces both, so only the last value
// of a burst is left when the deadline of its last event fires. A closed
// input sends what is pending at once and ends the thread, which drops the
// output's Sender: that closes the output.
use checker::channel::{Receiver, after, never, select, unbounded};
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
        // Nothing pending: no deadline (Go's nil channel).
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(value) => {
                        pending = Some(value);
                        // The old deadline is dropped: it can no longer fire.
                        deadline = after(quiet);
                    }
                    // The input closed: nothing newer can come.
                    Err(_) => {
                        if let Some(value) = pending.take() {
                            let _ = out.send(value);
                        }
                        return;
                    }
                },
                // A timer that fired stays empty: no second fire.
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
