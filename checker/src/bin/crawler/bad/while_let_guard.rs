// Known-bad: the coordinator alternative with `while let Ok(url) =
// rx.lock().unwrap().recv()`: the guard made in a `while let` scrutinee lives
// through the loop's body, so each worker fetches holding the receiver's lock
// (deadlock: fetches never overlap).
//
// The Go Programming Language's crawler: the calling thread owns the seen set
// (no lock), hands URLs to WORKERS threads over one job channel, and gets each
// page's links back over a result channel. It counts the URLs sent and not
// answered yet: at 0 the crawl is over, and dropping the job Sender ends the
// workers' receive loop.
use checker::sync::mpsc;
use checker::sync::{Arc, Mutex};
use checker::thread;
use std::collections::BTreeSet;

/// Fetches a page and returns the URLs it links to. Slow, like a network.
pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

/// How many fetches may run at the same time (and, with that many pages
/// known and not fetched yet, should).
pub const WORKERS: usize = 3;

pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    let (jobs, job_rx) = mpsc::channel::<String>();
    let (results, links_rx) = mpsc::channel::<Vec<String>>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (job_rx, results, fetch) = (Arc::clone(&job_rx), results.clone(), Arc::clone(&fetch));
            thread::spawn(move || {
                while let Ok(url) = job_rx.lock().unwrap().recv() {
                    results.send(fetch(&url)).unwrap();
                }
            })
        })
        .collect();
    let mut seen = BTreeSet::from([start.to_string()]);
    jobs.send(start.to_string()).unwrap();
    let mut pending = 1;
    while pending > 0 {
        let links = links_rx.recv().unwrap();
        pending -= 1;
        for link in links {
            if seen.insert(link.clone()) {
                pending += 1;
                jobs.send(link).unwrap();
            }
        }
    }
    drop(jobs);
    for worker in workers {
        worker.join().unwrap();
    }
    seen
}
