// Known-bad (expect `deadlock`): done wakes one waiter at zero. With two
// threads in wait, the other sleeps forever.
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
            self.zero.notify_one();
        }
    }

    pub fn wait(&self) {
        let mut count = self.count.lock().unwrap();
        while *count > 0 {
            count = self.zero.wait(count).unwrap();
        }
    }
}

/// Runs each job on a thread of its own, and returns once every job is done,
/// with a `WaitGroup` (no `join`, as in Go).
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
