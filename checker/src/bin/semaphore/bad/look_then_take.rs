// Known-bad (expect `race`): acquire looks for a free permit under one lock
// and takes it under another. In between, another thread can see the same
// free permit: both take it, and four tasks run at once.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

pub const LIMIT: usize = 3;

pub struct Semaphore {
    permits: usize,
    taken: Mutex<usize>,
    given_back: Condvar,
}

pub struct Permit<'a> {
    sem: &'a Semaphore,
}

impl Semaphore {
    pub fn new(permits: usize) -> Semaphore {
        Semaphore { permits, taken: Mutex::new(0), given_back: Condvar::new() }
    }

    pub fn acquire(&self) -> Permit<'_> {
        loop {
            // Is a permit free? ...then take it (two locks: another thread
            // can take the same permit in between).
            let free = *self.taken.lock().unwrap() < self.permits;
            if free {
                *self.taken.lock().unwrap() += 1;
                return Permit { sem: self };
            }
            thread::yield_now();
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.sem.taken.lock().unwrap() -= 1;
        self.sem.given_back.notify_one();
    }
}

pub type Task = Box<dyn FnOnce() + Send + 'static>;

pub fn run_limited(tasks: Vec<Task>) {
    let sem = Arc::new(Semaphore::new(LIMIT));
    let threads: Vec<_> = tasks
        .into_iter()
        .map(|task| {
            let sem = Arc::clone(&sem);
            thread::spawn(move || {
                let _permit = sem.acquire();
                task();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}
