// Known-bad (expect `wrong`), written blind from the exercise text: starts the timer only when
// nothing is pending ("don't restart a running timer"), so a burst comes out quiet after its FIRST
// value: a throttle, not a debouncer
// Day 22 (stretch): a debouncer
use checker::channel::{Receiver, after, never, select, unbounded};
use checker::thread;
use std::time::Duration;

pub fn debounce<T: Send + 'static>(input: Receiver<T>, quiet: Duration) -> Receiver<T> {
    let (tx, rx) = unbounded();
    thread::spawn(move || {
        let mut pending: Option<T> = None;
        let mut deadline = never();
        loop {
            select! {
                recv(input) -> msg => match msg {
                    Ok(v) => {
                        if pending.is_none() {
                            deadline = after(quiet);
                        }
                        pending = Some(v);
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
