// Known-bad (expect `wrong`): measure_all copies the results out of shared state
// before joining its threads, so it returns before the work has finished.
use checker::sync::{Arc, Mutex, WaitGroup};
use checker::thread;

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub fn measure_all(texts: &[&str], measure: fn(&str) -> usize) -> Vec<usize> {
    let results = Arc::new(Mutex::new(vec![0; texts.len()]));
    let mut handles = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let text = text.to_string();
        let results = Arc::clone(&results);
        handles.push(thread::spawn(move || results.lock().unwrap()[i] = measure(&text)));
    }
    let measured = results.lock().unwrap().clone();
    for handle in handles {
        handle.join().unwrap();
    }
    measured
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
