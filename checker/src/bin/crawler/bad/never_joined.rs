// Known-bad: the workers are never joined; crawl waits on the Condvar until
// nothing is left and nothing is in flight, and returns while the workers may
// still be running (Go's `go` with no WaitGroup for the goroutines): leak.
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
    for _ in 0..WORKERS {
        let (shared, fetch) = (Arc::clone(&shared), Arc::clone(&fetch));
        thread::spawn(move || work(&shared.0, &shared.1, &*fetch));
    }
    let s = shared.0.lock().unwrap();
    let s = shared.1.wait_while(s, |s| !s.frontier.is_empty() || s.busy > 0).unwrap();
    s.seen.clone()
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
