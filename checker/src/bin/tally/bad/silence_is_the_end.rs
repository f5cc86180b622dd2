// Known-bad (expect `wrong`): the counter treats 50 ms of silence as the end of
// the stream (`recv_timeout`). A slow feed is not a finished one: a vote that
// comes later is lost. (On a fast machine this used to pass; on the course's
// clock the feed holds its last vote back for an hour.)
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;
use std::time::Duration;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        while let Ok(vote) = rx.recv_timeout(Duration::from_millis(50)) {
            *totals.entry(vote).or_insert(0) += 1;
        }
        totals
    });
    for vote in feed {
        tx.send(vote).unwrap();
    }
    drop(tx);
    counter.join().unwrap()
}
