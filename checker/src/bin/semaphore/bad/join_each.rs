// Known-bad (expect `deadlock`): run_limited joins each thread before it
// spawns the next. Never more than 3 at once, true: never more than one.
// The tasks wait until 3 of them run together, which never happens.
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
        let taken = self.taken.lock().unwrap();
        // Checked and counted under the same lock: no other thread can take
        // the last permit in between.
        let mut taken = self.given_back.wait_while(taken, |t| *t == self.permits).unwrap();
        *taken += 1;
        Permit { sem: self }
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
    for task in tasks {
        let sem = Arc::clone(&sem);
        let t = thread::spawn(move || {
            let _permit = sem.acquire();
            task();
        });
        t.join().unwrap();
    }
}
