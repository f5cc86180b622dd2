// Known-bad: the Go tour's shape, a thread per new link, each joining its
// own; the seen set is right, but nothing bounds the fetches (race: 4 at once).
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

pub const WORKERS: usize = 3;

pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let seen = Arc::new(Mutex::new(BTreeSet::from([start.to_string()])));
    visit(start.to_string(), Arc::clone(&seen), fetch);
    let seen = seen.lock().unwrap().clone();
    seen
}

fn visit(url: String, seen: Arc<Mutex<BTreeSet<String>>>, fetch: Fetch) {
    let mut children = Vec::new();
    for link in fetch(&url) {
        if seen.lock().unwrap().insert(link.clone()) {
            let (seen, fetch) = (Arc::clone(&seen), Arc::clone(&fetch));
            children.push(thread::spawn(move || visit(link, seen, fetch)));
        }
    }
    for child in children {
        child.join().unwrap();
    }
}
