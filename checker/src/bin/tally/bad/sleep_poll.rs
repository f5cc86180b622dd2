// Known-bad (expect `wrong`): the counter polls with `try_recv` and a 1 ms
// sleep, and gives up after 20 empty polls in a row. Twenty milliseconds of
// silence is not the end of the stream: the votes that come later are lost.
use checker::sync::mpsc::{self, TryRecvError};
use checker::thread;
use std::collections::BTreeMap;
use std::time::Duration;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        let mut empty = 0;
        loop {
            match rx.try_recv() {
                Ok(vote) => {
                    *totals.entry(vote).or_insert(0) += 1;
                    empty = 0;
                }
                Err(TryRecvError::Empty) if empty < 20 => {
                    empty += 1;
                    thread::sleep(Duration::from_millis(1));
                }
                Err(_) => break,
            }
        }
        totals
    });
    for vote in feed {
        tx.send(vote).unwrap();
    }
    drop(tx);
    counter.join().unwrap()
}
