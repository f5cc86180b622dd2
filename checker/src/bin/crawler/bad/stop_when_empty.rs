// Known-bad: the main thread waits for the frontier to be empty, then tells the
// workers to stop; a fetch still in flight then adds pages nobody fetches
// (wrong: some URLs never fetched).
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

pub const WORKERS: usize = 3;

struct Crawl {
    frontier: Vec<String>,
    seen: BTreeSet<String>,
    done: bool,
}

pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let state = Crawl { frontier: vec![start.to_string()], seen: BTreeSet::from([start.to_string()]), done: false };
    let shared = Arc::new((Mutex::new(state), Condvar::new()));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (shared, fetch) = (Arc::clone(&shared), Arc::clone(&fetch));
            thread::spawn(move || {
                let (state, changed) = &*shared;
                loop {
                    let s = state.lock().unwrap();
                    let mut s = changed.wait_while(s, |s| s.frontier.is_empty() && !s.done).unwrap();
                    if s.done {
                        return;
                    }
                    let url = s.frontier.pop().unwrap();
                    drop(s);
                    changed.notify_all();
                    let links = fetch(&url);
                    let mut s = state.lock().unwrap();
                    for link in links {
                        if s.seen.insert(link.clone()) {
                            s.frontier.push(link);
                        }
                    }
                    drop(s);
                    changed.notify_all();
                }
            })
        })
        .collect();
    let (state, changed) = &*shared;
    let mut s = changed.wait_while(state.lock().unwrap(), |s| !s.frontier.is_empty()).unwrap();
    s.done = true;
    drop(s);
    changed.notify_all();
    for worker in workers {
        worker.join().unwrap();
    }
    let seen = state.lock().unwrap().seen.clone();
    seen
}
