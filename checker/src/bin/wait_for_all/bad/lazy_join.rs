// Known-bad (expect `wrong`): run_all "joins" through an iterator adapter that is
// never consumed. Iterators are lazy: no join ever runs, and run_all returns
// at once. (The compiler warns: unused `Map` that must be used.)
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
    let handles: Vec<_> = jobs.into_iter().map(|job| thread::spawn(job)).collect();
    handles.into_iter().map(|h| h.join());
}
