use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        for vote in rx {
            *totals.entry(vote).or_insert(0) += 1;
        }
        totals // the channel closed: every vote is in
    });
    for vote in feed {
        tx.send(vote).expect("the counter stopped early");
    }
    drop(tx); // closes the channel: the counter's loop ends
    counter.join().expect("the counter panicked")
}
