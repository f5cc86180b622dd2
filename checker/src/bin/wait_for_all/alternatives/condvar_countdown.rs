// Day 5 alternative: scoped handles joined in order; run_all waits on a Mutex+Condvar countdown.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

/// A piece of work to run on a thread.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// Computes `measure(text)` for every text, all at the same time, each on a
/// thread of its own, and returns the results in the order of `texts`.
pub fn measure_all(texts: &[&str], measure: fn(&str) -> usize) -> Vec<usize> {
    thread::scope(|s| {
        let handles: Vec<_> = texts.iter().map(|&t| s.spawn(move || measure(t))).collect();
        handles.into_iter().map(|h| h.join().expect("a measuring thread panicked")).collect()
    })
}

/// Starts every job on a thread of its own, all at the same time, and returns
/// only once every job has finished.
pub fn run_all(jobs: Vec<Job>) {
    // Jobs still running; each thread counts itself out after its job.
    let left = Arc::new((Mutex::new(jobs.len()), Condvar::new()));
    for job in jobs {
        let left = Arc::clone(&left);
        thread::spawn(move || {
            job();
            let (count, done) = &*left;
            *count.lock().unwrap() -= 1;
            done.notify_all();
        });
    }
    let (count, done) = &*left;
    let _all_done = done.wait_while(count.lock().unwrap(), |n| *n > 0).unwrap();
}
