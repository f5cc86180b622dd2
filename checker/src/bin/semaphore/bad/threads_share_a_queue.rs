// Known-bad: run_limited starts only LIMIT threads that share a queue of tasks and never uses the Semaphore; the limit holds, but tasks no longer get a thread of their own (wrong).
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
        let mut taken = self.given_back.wait_while(self.taken.lock().unwrap(), |t| *t >= self.permits).unwrap();
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
    // LIMIT threads, never more: the limit holds by construction.
    let queue = Arc::new(Mutex::new(tasks));
    let mut handles = Vec::new();
    for _ in 0..LIMIT {
        let queue = Arc::clone(&queue);
        handles.push(thread::spawn(move || {
            loop {
                let next = queue.lock().unwrap().pop();
                match next {
                    Some(task) => task(),
                    None => break,
                }
            }
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
}
