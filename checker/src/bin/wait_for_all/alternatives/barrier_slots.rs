// A correct alternative: run_all waits for its jobs with a Barrier (one seat
// per job, plus one for the caller), not a WaitGroup.
use checker::sync::{Arc, Barrier};
use checker::thread;

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub fn measure_all(texts: &[&str], measure: fn(&str) -> usize) -> Vec<usize> {
    let mut results = vec![0; texts.len()];
    thread::scope(|s| {
        for (slot, text) in results.iter_mut().zip(texts) {
            s.spawn(move || *slot = measure(text));
        }
    });
    results
}

pub fn run_all(jobs: Vec<Job>) {
    let all_done = Arc::new(Barrier::new(jobs.len() + 1));
    for job in jobs {
        let all_done = Arc::clone(&all_done);
        thread::spawn(move || {
            job();
            all_done.wait();
        });
    }
    all_done.wait();
}
