// Known-bad (expect `timeout`), written blind from the exercise text: wait spins on the count with
// yield_now (a Go for-loop on an atomic), never sleeping on the Condvar
// Day 30: rebuild a WaitGroup (the last day of the course)
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

pub struct WaitGroup {
    /// Jobs added and not done yet.
    pub count: Mutex<usize>,
    /// Notified when the count may have reached zero.
    pub zero: Condvar,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        WaitGroup { count: Mutex::new(0), zero: Condvar::new() }
    }

    pub fn add(&self, n: usize) {
        *self.count.lock().unwrap() += n;
    }

    pub fn done(&self) {
        let mut count = self.count.lock().unwrap();
        *count = count.checked_sub(1).expect("sync: negative WaitGroup counter");
        if *count == 0 {
            self.zero.notify_all();
        }
    }

    pub fn wait(&self) {
        while *self.count.lock().unwrap() > 0 {
            thread::yield_now();
        }
    }
}

/// Runs each job on a thread of its own, and returns once every job is done.
pub fn run_all(jobs: Vec<Box<dyn FnOnce() + Send>>) {
    let wg = Arc::new(WaitGroup::new());
    for job in jobs {
        wg.add(1);
        let wg = Arc::clone(&wg);
        thread::spawn(move || {
            job();
            wg.done();
        });
    }
    wg.wait();
}

