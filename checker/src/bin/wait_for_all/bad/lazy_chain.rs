// Known-bad (expect `wrong`): measure_all spawns and joins in one iterator chain.
// Iterators are lazy, so it spawns one thread, joins it, then spawns the next:
// the texts are measured one after another, never at the same time.
use checker::sync::WaitGroup;
use checker::thread;

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub fn measure_all(texts: &[&str], measure: fn(&str) -> usize) -> Vec<usize> {
    thread::scope(|s| texts.iter().map(|text| s.spawn(move || measure(text))).map(|h| h.join().unwrap()).collect())
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
