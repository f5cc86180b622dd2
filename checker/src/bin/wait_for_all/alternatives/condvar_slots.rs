// A correct alternative: run_all counts the jobs still running in a
// Mutex<usize>, and waits on a Condvar until the count is 0.
use checker::sync::{Arc, Condvar, Mutex};
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
    let left = Arc::new((Mutex::new(jobs.len()), Condvar::new()));
    for job in jobs {
        let left = Arc::clone(&left);
        thread::spawn(move || {
            job();
            *left.0.lock().unwrap() -= 1;
            left.1.notify_all();
        });
    }
    let (count, all_done) = &*left;
    let _done = all_done.wait_while(count.lock().unwrap(), |n| *n > 0).unwrap();
}
