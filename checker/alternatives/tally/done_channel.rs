// Day 7 probe: the counter hands its totals back on a done channel, as Go would; it is not joined (rejected as a leak).
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        let mut totals = BTreeMap::new();
        for vote in rx {
            *totals.entry(vote).or_insert(0) += 1;
        }
        let _ = done_tx.send(totals);
    });
    for vote in feed {
        if tx.send(vote).is_err() {
            break;
        }
    }
    drop(tx);
    done_rx.recv().expect("the counter died")
}
