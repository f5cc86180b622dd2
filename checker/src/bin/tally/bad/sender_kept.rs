// Known-bad (expect `deadlock`): sends every vote, then joins the counter while
// still holding the Sender. The channel never closes, so the counter's `for`
// loop waits for another vote, and this thread waits for the counter.
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
        totals
    });
    for vote in feed {
        tx.send(vote).unwrap();
    }
    counter.join().unwrap()
}
