// Known-bad (expect `wrong`): the scope's threads push their results into a
// shared Vec, in the order they finish, not in the order of the texts.
use checker::sync::{Mutex, WaitGroup};
use checker::thread;

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub fn measure_all(texts: &[&str], measure: fn(&str) -> usize) -> Vec<usize> {
    let results = Mutex::new(Vec::new());
    thread::scope(|s| {
        for text in texts {
            let results = &results;
            s.spawn(move || {
                let n = measure(text);
                results.lock().unwrap().push(n);
            });
        }
    });
    results.into_inner().unwrap()
}

pub fn run_all(jobs: Vec<Job>) {
    let wg = WaitGroup::new();
    for job in jobs {
        let wg = wg.clone();
        thread::spawn(move || {
            job();
            drop(wg);
        });
    }
    wg.wait();
}
