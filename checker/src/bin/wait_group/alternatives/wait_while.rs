// Another style: `wait_while`, a `match` on `checked_sub`, one `add` for all
// the jobs up front.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

pub struct WaitGroup {
    pub count: Mutex<usize>,
    pub zero: Condvar,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        WaitGroup { count: Mutex::new(0), zero: Condvar::new() }
    }

    pub fn add(&self, n: usize) {
        let mut count = self.count.lock().unwrap();
        *count += n;
    }

    pub fn done(&self) {
        let mut count = self.count.lock().unwrap();
        match count.checked_sub(1) {
            None => panic!("sync: negative WaitGroup counter"),
            Some(0) => {
                *count = 0;
                drop(count);
                self.zero.notify_all();
            }
            Some(left) => *count = left,
        }
    }

    pub fn wait(&self) {
        let count = self.count.lock().unwrap();
        let _zero = self.zero.wait_while(count, |c| *c > 0).unwrap();
    }
}

pub fn run_all(jobs: Vec<Box<dyn FnOnce() + Send>>) {
    let wg = Arc::new(WaitGroup::new());
    wg.add(jobs.len());
    for job in jobs {
        let wg = Arc::clone(&wg);
        thread::spawn(move || {
            job();
            wg.done();
        });
    }
    wg.wait();
}
