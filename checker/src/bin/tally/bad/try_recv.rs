// Known-bad (expect `wrong`): the counter takes votes while there are some and
// stops at the first `Err`, but `try_recv` also fails with `Empty` when the
// sender is merely slow: the votes that come later are lost.
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;

pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    let (tx, rx) = mpsc::channel::<String>();
    let counter = thread::spawn(move || {
        let mut totals = BTreeMap::new();
        while let Ok(vote) = rx.try_recv() {
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
