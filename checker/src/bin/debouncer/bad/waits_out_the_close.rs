// Known-bad: on a close, Go's `in = nil` and a wait for the timer: the
// pending value comes out at its deadline, not at the close, and only then
// does the thread end. Nothing newer could come: the wait is for nothing.
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
        let mut closed = false;
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(value) => {
                        pending = Some(value);
                        deadline = after(quiet);
                    }
                    Err(_) => {
                        if pending.is_none() {
                            return;
                        }
                        input = never();
                        closed = true;
                    }
                },
                recv(deadline) -> _ => {
                    if let Some(value) = pending.take() {
                        let _ = out.send(value);
                    }
                    if closed {
                        return;
                    }
                }
            }
        }
    });
    output
}
