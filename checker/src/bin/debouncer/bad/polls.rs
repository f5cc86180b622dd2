// Known-bad: a poll: every millisecond the thread wakes, takes what the
// input holds, and counts the quiet in naps. The values come out at the
// right times, but the thread never sleeps through a quiet spell: it wakes a
// thousand times a second with nothing to do.
use checker::channel::{Receiver, TryRecvError, unbounded};
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
        let nap = Duration::from_millis(1);
        let mut pending = None;
        let mut waited = Duration::ZERO;
        loop {
            match input.try_recv() {
                Ok(value) => {
                    pending = Some(value);
                    waited = Duration::ZERO;
                    continue;
                }
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {}
            }
            if waited >= quiet {
                if let Some(value) = pending.take() {
                    let _ = out.send(value);
                }
            }
            thread::sleep(nap);
            waited += nap;
        }
        if let Some(value) = pending {
            let _ = out.send(value);
        }
    });
    output
}
