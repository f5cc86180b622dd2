// Known-bad: each thread drops its WaitGroup clone *before* running the job,
// so wait() returns while the jobs may still be running.
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
        let wg = wg.clone();
        thread::spawn(move || {
            drop(wg);
            job();
        });
    }
    wg.wait();
}
