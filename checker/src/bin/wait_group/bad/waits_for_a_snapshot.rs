// Known-bad (expect `race`): wait works out, when it starts, how many dones
// it needs (every job counted so far), and waits for that many. A job that
// adds a sub-job while the wait is under way is not waited for.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

pub struct WaitGroup {
    pub count: Mutex<usize>,
    pub zero: Condvar,
    /// Every done so far.
    finished: Mutex<usize>,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        WaitGroup { count: Mutex::new(0), zero: Condvar::new(), finished: Mutex::new(0) }
    }

    pub fn add(&self, n: usize) {
        *self.count.lock().unwrap() += n;
    }

    pub fn done(&self) {
        let mut count = self.count.lock().unwrap();
        *count = count.checked_sub(1).expect("sync: negative WaitGroup counter");
        *self.finished.lock().unwrap() += 1;
        self.zero.notify_all();
    }

    pub fn wait(&self) {
        let mut count = self.count.lock().unwrap();
        let target = *self.finished.lock().unwrap() + *count;
        while *self.finished.lock().unwrap() < target {
            count = self.zero.wait(count).unwrap();
        }
    }
}

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
