// Day 23: a web crawler (reference solution)
//
// WORKERS threads share one Mutex: the frontier (URLs seen and not fetched
// yet), the set of URLs seen, and how many fetches are in flight. The crawl is
// over when the frontier is empty *and* no fetch is in flight: a fetch still
// running may find more pages. The worker that ends the last fetch wakes the
// others, and they all see it.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

/// Fetches a page and returns the URLs it links to. Slow, like a network.
pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

/// How many fetches may run at the same time (and, with that many pages
/// known and not fetched yet, should).
pub const WORKERS: usize = 3;

/// What the workers share.
struct Crawl {
    /// Seen, and not taken by a worker yet.
    frontier: Vec<String>,
    /// Every URL ever put on the frontier: each goes on it once.
    seen: BTreeSet<String>,
    /// Fetches in flight: each may add to the frontier.
    busy: usize,
}

/// Fetches `start` and every page reachable from it by links, each exactly
/// once, up to WORKERS at a time. Returns the URLs it fetched, once the last
/// fetch has finished and every thread it started has ended.
pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let state = Crawl { frontier: vec![start.to_string()], seen: BTreeSet::from([start.to_string()]), busy: 0 };
    let shared = Arc::new((Mutex::new(state), Condvar::new()));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (shared, fetch) = (Arc::clone(&shared), Arc::clone(&fetch));
            thread::spawn(move || work(&shared.0, &shared.1, &*fetch))
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    shared.0.lock().unwrap().seen.clone()
}

/// Takes URLs and fetches them until the frontier is empty and nothing is in
/// flight.
fn work(state: &Mutex<Crawl>, changed: &Condvar, fetch: &(dyn Fn(&str) -> Vec<String> + Send + Sync)) {
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
        let links = fetch(&url);
        let mut s = state.lock().unwrap();
        for link in links {
            if s.seen.insert(link.clone()) {
                s.frontier.push(link);
            }
        }
        s.busy -= 1;
        drop(s);
        changed.notify_all();
    }
}
