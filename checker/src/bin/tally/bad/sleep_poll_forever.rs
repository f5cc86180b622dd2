// Known-bad (expect `timeout`): the counter polls with `try_recv` and naps 1 ms
// on `Empty`, until `Disconnected`. The totals would come out right, but it
// never blocks: it wakes a thousand times a second to look (on the course's
// clock, the feed's hour-long pause is 3.6 million naps).
use checker::sync::mpsc::{self, TryRecvError};
use checker::thread;
use std::collections::BTreeMap;
use std::time::Duration;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        loop {
            match rx.try_recv() {
                Ok(vote) => *totals.entry(vote).or_insert(0) += 1,
                Err(TryRecvError::Empty) => thread::sleep(Duration::from_millis(1)),
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
