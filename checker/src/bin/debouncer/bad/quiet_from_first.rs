// Known-bad: the timer starts with a burst's first event and is not
// restarted by the ones after it: the value comes out `quiet` after the
// FIRST event, while the burst may still be going on.
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
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(value) => {
                        if pending.is_none() {
                            deadline = after(quiet);
                        }
                        pending = Some(value);
                    }
                    Err(_) => {
                        if let Some(value) = pending.take() {
                            let _ = out.send(value);
                        }
                        return;
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
