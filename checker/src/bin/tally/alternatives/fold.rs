// Day 7 alternative: the counter folds the channel into a map; the feed is sent with try_for_each.
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;

/// Counts votes as they come in: candidate -> number of votes.
pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        rx.into_iter().fold(BTreeMap::new(), |mut totals, vote| {
            *totals.entry(vote).or_insert(0) += 1;
            totals
        })
    });
    // A failed send means the counter is gone; its join below says why.
    let mut feed = feed;
    let _ = feed.try_for_each(|vote| tx.send(vote));
    drop(tx);
    counter.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}
