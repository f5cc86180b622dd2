// Known-bad: a busy poll: the thread never waits, it spins on `try_recv`
// and reads the time on every turn. It burns a core for as long as it lives,
// and on the course's clock, which moves only when every thread waits, time
// never moves at all.
use checker::channel::{Receiver, TryRecvError, unbounded};
use checker::thread;
use std::time::{Duration, Instant};

/// Starts the debouncer: its thread reads `input` and sends the last value
/// of each burst to the channel it returns, once `quiet` has passed with no
/// newer value; with nothing pending, it sleeps until the next event, with
/// no timer set. When `input` closes, it sends a pending value at once, then
/// ends, which closes the channel it returned.
pub fn debounce<T: Send + 'static>(input: Receiver<T>, quiet: Duration) -> Receiver<T> {
    let (out, output) = unbounded();
    thread::spawn(move || {
        let mut pending = None;
        let mut last = Instant::now();
        loop {
            match input.try_recv() {
                Ok(value) => {
                    pending = Some(value);
                    last = Instant::now();
                }
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {}
            }
            if pending.is_some() && last.elapsed() >= quiet {
                if let Some(value) = pending.take() {
                    let _ = out.send(value);
                }
            }
        }
        if let Some(value) = pending {
            let _ = out.send(value);
        }
    });
    output
}
