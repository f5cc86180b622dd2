// Known-bad: no Condvar. A worker that finds nothing to take while others
// are busy unlocks, yields and looks again: a busy-wait, not a wait.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

pub const WORKERS: usize = 3;

struct State {
    frontier: Vec<String>,
    seen: BTreeSet<String>,
    busy: usize,
}

pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let state = Arc::new(Mutex::new(State { frontier: vec![start.to_string()], seen: BTreeSet::from([start.to_string()]), busy: 0 }));
    let mut handles = Vec::new();
    for _ in 0..WORKERS {
        let state = state.clone();
        let fetch = fetch.clone();
        handles.push(thread::spawn(move || loop {
            let url = {
                let mut s = state.lock().unwrap();
                match s.frontier.pop() {
                    Some(u) => { s.busy += 1; u }
                    None if s.busy == 0 => return,
                    None => { drop(s); thread::yield_now(); continue; }
                }
            };
            let links = fetch(&url);
            let mut s = state.lock().unwrap();
            for l in links {
                if s.seen.insert(l.clone()) { s.frontier.push(l); }
            }
            s.busy -= 1;
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
    let s = state.lock().unwrap().seen.clone();
    s
}
