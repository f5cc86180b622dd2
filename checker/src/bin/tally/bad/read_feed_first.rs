// Known-bad (expect `wrong`): reads the whole feed into a Vec before starting
// the counter. The totals come out right, but nothing is counted while the
// votes come in: the counter only starts once the (slow) feed is over.
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let votes: Vec<String> = feed.collect();
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        for vote in rx {
            *totals.entry(vote).or_insert(0) += 1;
        }
        totals
    });
    for vote in votes {
        tx.send(vote).unwrap();
    }
    drop(tx);
    counter.join().unwrap()
}
