// Known-bad (expect `wrong`): when the channel is empty, the counter sleeps a
// little and looks once more; empty twice means "done". A sender that is
// slower than the nap loses its later votes.
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;
use std::time::Duration;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        loop {
            let vote = match rx.try_recv() {
                Ok(vote) => vote,
                Err(_) => {
                    thread::sleep(Duration::from_millis(10));
                    match rx.try_recv() {
                        Ok(vote) => vote,
                        Err(_) => break,
                    }
                }
            };
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
