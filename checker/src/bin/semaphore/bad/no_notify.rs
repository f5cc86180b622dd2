// Known-bad (expect `deadlock`): dropping a permit counts it back but wakes
// nobody. A task that went to sleep waiting for a permit sleeps forever.
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
