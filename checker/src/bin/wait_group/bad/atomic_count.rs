// Known-bad (expect `deadlock`): the count is an atomic, changed outside the
// lock, and done notifies without taking it. The waiter can read 1, then the
// last done counts 0 and notifies before the waiter is asleep: nobody is
// there to hear it, and the waiter sleeps forever (a lost wakeup).
use checker::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

pub struct WaitGroup {
    pub count: AtomicUsize,
    pub zero: Condvar,
    lock: Mutex<()>,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        WaitGroup { count: AtomicUsize::new(0), zero: Condvar::new(), lock: Mutex::new(()) }
    }

    pub fn add(&self, n: usize) {
        self.count.fetch_add(n, SeqCst);
    }

    pub fn done(&self) {
        let before = self.count.fetch_sub(1, SeqCst);
        assert!(before > 0, "sync: negative WaitGroup counter");
        if before == 1 {
            self.zero.notify_all();
        }
    }

    pub fn wait(&self) {
        let mut guard = self.lock.lock().unwrap();
        while self.count.load(SeqCst) > 0 {
            guard = self.zero.wait(guard).unwrap();
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
