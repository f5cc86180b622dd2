// Known-bad: clones the WaitGroup but never moves the clone into the thread
// (it is dropped at once), so wait() has nothing to wait for.
use checker::sync::WaitGroup;
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
    let wg = WaitGroup::new();
    for job in jobs {
        let _ = wg.clone();
        thread::spawn(job);
    }
    wg.wait();
}
