// Known-bad (expect `wrong`): an unbuffered output, bounded(0): while the reader is slow, the thread waits in its send and neither reads the input nor keeps time, so the next value comes out late.
// Day 22 (stretch): a debouncer
use checker::channel::{Receiver, after, bounded, never, select};
use checker::thread;
use std::time::Duration;

pub fn debounce<T: Send + 'static>(input: Receiver<T>, quiet: Duration) -> Receiver<T> {
    let (tx, rx) = bounded(0);
    thread::spawn(move || {
        let mut pending: Option<T> = None;
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(v) => {
                        pending = Some(v);
                        deadline = after(quiet);
                    }
                    Err(_) => {
                        if let Some(v) = pending.take() {
                            let _ = tx.send(v);
                        }
                        return;
                    }
                },
                recv(deadline) -> _ => {
                    if let Some(v) = pending.take() {
                        let _ = tx.send(v);
                    }
                    deadline = never();
                }
            }
        }
    });
    rx
}
