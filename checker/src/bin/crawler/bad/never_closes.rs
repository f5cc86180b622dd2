// Known-bad: a job channel the workers feed themselves; each holds a Sender,
// so the channel never closes and every worker waits in recv at the end
// (deadlock: nobody knows the work is done).
use checker::sync::mpsc;
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

pub const WORKERS: usize = 3;

pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let seen = Arc::new(Mutex::new(BTreeSet::from([start.to_string()])));
    let (tx, rx) = mpsc::channel::<String>();
    let rx = Arc::new(Mutex::new(rx));
    tx.send(start.to_string()).unwrap();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (seen, fetch, tx, rx) = (Arc::clone(&seen), Arc::clone(&fetch), tx.clone(), Arc::clone(&rx));
            thread::spawn(move || {
                loop {
                    let next = rx.lock().unwrap().recv();
                    let Ok(url) = next else { return };
                    for link in fetch(&url) {
                        if seen.lock().unwrap().insert(link.clone()) {
                            tx.send(link).unwrap();
                        }
                    }
                }
            })
        })
        .collect();
    drop(tx);
    for worker in workers {
        worker.join().unwrap();
    }
    let seen = seen.lock().unwrap().clone();
    seen
}
