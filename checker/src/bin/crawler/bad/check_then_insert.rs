// Known-bad: links go on the frontier as found; a worker checks the seen set
// when it takes a URL, and marks it seen in a second locked step. Two workers
// holding the same URL both find it unseen (race: fetched twice).
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

pub const WORKERS: usize = 3;

struct Crawl {
    frontier: Vec<String>,
    busy: usize,
}

pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let shared = Arc::new((Mutex::new(Crawl { frontier: vec![start.to_string()], busy: 0 }), Condvar::new()));
    let seen = Arc::new(Mutex::new(BTreeSet::new()));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (shared, seen, fetch) = (Arc::clone(&shared), Arc::clone(&seen), Arc::clone(&fetch));
            thread::spawn(move || {
                let (state, changed) = &*shared;
                loop {
                    let mut s = state.lock().unwrap();
                    let url = loop {
                        if let Some(url) = s.frontier.pop() {
                            break url;
                        }
                        if s.busy == 0 {
                            return;
                        }
                        s = changed.wait(s).unwrap();
                    };
                    s.busy += 1;
                    drop(s);
                    let new = !seen.lock().unwrap().contains(&url);
                    let links = if new {
                        seen.lock().unwrap().insert(url.clone());
                        fetch(&url)
                    } else {
                        Vec::new()
                    };
                    let mut s = state.lock().unwrap();
                    s.frontier.extend(links);
                    s.busy -= 1;
                    drop(s);
                    changed.notify_all();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let seen = seen.lock().unwrap().clone();
    seen
}
