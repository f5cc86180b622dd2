// Known-bad (expect `timeout`): the counter polls with `try_recv` and goes
// round again on `Empty`. It ends at the right moment (`Disconnected`), but
// while it waits for a vote it spins, burning a whole core, instead of
// sleeping in a blocking receive.
use checker::sync::mpsc::{self, TryRecvError};
use checker::thread;
use std::collections::BTreeMap;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        loop {
            match rx.try_recv() {
                Ok(vote) => *totals.entry(vote).or_insert(0) += 1,
                Err(TryRecvError::Empty) => continue,
                Err(TryRecvError::Disconnected) => break,
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
