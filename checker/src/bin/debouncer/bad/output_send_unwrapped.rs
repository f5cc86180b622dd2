// Known-bad (expect `panic`): the output send is unwrapped: once the reader drops the output, the next value due makes the thread panic instead of ending on its own.
// Day 22 (stretch): a debouncer
//
// A burst of events (keystrokes, saves, config pushes) often wants one
// answer, not one per event. A debouncer passes on only the LAST value of a
// burst, once `quiet` has passed with no newer value: with a quiet of 50 ms,
// values 1, 2, 3 sent at 0, 30 and 60 ms come out as one 3, at 110 ms.
//
// In Go it is a goroutine looping over a `select` on the input and a timer:
//
//     case v, ok := <-in:  // !ok: the input was closed
//     case <-timer:        // quiet has passed: out <- last
//
// where `timer` is a `time.After(quiet)` channel, or nil while nothing is
// pending (a nil channel is never ready). Here it is a thread looping over
// `select!`, with `after(d)` as today's timer and `never()` as Go's nil
// channel (day 8). Go's `ok == false` is `recv`'s `Err`: every Sender of the
// input was dropped. (Go's other idiom, `time.AfterFunc`, runs the send on
// a goroutine of its own, which must then share the value under a lock;
// here one thread owns it.)
//
// When the input closes, nothing newer can come: a pending value goes out at
// once, not at its deadline, and the thread ends. Ending drops the output's
// Sender, which closes the output, as Go's `defer close(out)` does. No one
// joins the thread (no one joins a goroutine), so it must end on its own.
use checker::channel::{Receiver, after, never, select, unbounded};
use checker::thread;
use std::time::Duration;

/// Starts the debouncer: its thread reads `input` and sends the last value
/// of each burst to the channel it returns, once `quiet` has passed with no
/// newer value; with nothing pending, it sleeps until the next event, with
/// no timer set. When `input` closes, it sends a pending value at once, then
/// ends, which closes the channel it returned.

pub fn debounce<T: Send + 'static>(input: Receiver<T>, quiet: Duration) -> Receiver<T> {
    let (out, rx) = unbounded();
    thread::spawn(move || {
        let mut pending: Option<T> = None;
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
                            out.send(value).unwrap();
                        }
                        return;
                    }
                },
                recv(deadline) -> _ => {
                    if let Some(value) = pending.take() {
                        out.send(value).unwrap();
                    }
                    deadline = never();
                }
            }
        }
    });
    rx
}
