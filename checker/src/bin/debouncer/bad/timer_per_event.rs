// Known-bad: Go's `time.AfterFunc(quiet, func() { out <- v })` on every event,
// with no `Stop` of the one before: each event gets a sleeper of its own, and
// every one of them fires. A burst comes out whole, one value per event.
use checker::channel::{Receiver, unbounded};
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
        for value in input {
            let out = out.clone();
            thread::spawn(move || {
                thread::sleep(quiet);
                let _ = out.send(value);
            });
        }
    });
    output
}
