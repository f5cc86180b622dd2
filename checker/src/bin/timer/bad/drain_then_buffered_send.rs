// Known-bad (expect `race`, from a blind round): reset drains fired() first, then posts the
// new deadline on a buffered channel and returns at once. If the thread has just taken the old
// deadline's fire from its timer channel, it passes it on after reset returned.
use checker::channel::{Receiver, Sender, after, bounded, select};
use checker::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub fn sleep(d: Duration) {
    let _ = after(d).recv();
}

pub struct Timer {
    resets: Option<Sender<Duration>>,
    fired: Receiver<Instant>,
    handle: Option<JoinHandle<()>>,
}

impl Timer {
    pub fn new(d: Duration) -> Timer {
        let (resets_tx, resets) = bounded::<Duration>(1);
        let (fire_tx, fired) = bounded::<Instant>(1);
        let handle = thread::spawn(move || {
            let mut deadline = after(d);
            loop {
                select! {
                    recv(resets) -> msg => match msg {
                        Ok(d) => deadline = after(d),
                        Err(_) => return,
                    },
                    recv(deadline) -> at => {
                        if let Ok(at) = at { let _ = fire_tx.try_send(at); }
                    }
                }
            }
        });
        Timer { resets: Some(resets_tx), fired, handle: Some(handle) }
    }

    pub fn fired(&self) -> &Receiver<Instant> {
        &self.fired
    }

    pub fn reset(&mut self, d: Duration) {
        while self.fired.try_recv().is_ok() {}
        if let Some(tx) = &self.resets {
            let _ = tx.send(d);
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        drop(self.resets.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

