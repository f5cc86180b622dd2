// Known-bad (expect `race`): acquire waits with `if`, not `while`. A woken
// thread does not look again: the permit that was given back may already
// have been taken by a thread that came in meanwhile.
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
        let mut taken = self.taken.lock().unwrap();
        if *taken == self.permits {
            taken = self.given_back.wait(taken).unwrap();
        }
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
