// Known-bad (expect `wrong`), written blind from the exercise text: guards the decrement with 'if
// count > 0' to avoid the usize underflow, so a done too many is silently ignored instead of Go's
// panic
// Day 30, stretch: a WaitGroup from channels only
use checker::sync::mpsc::{self, Receiver, Sender};
use checker::thread;

#[derive(Debug)]
pub enum Msg {
    Add(usize),
    Done,
    /// Answer on this channel once the count is zero.
    Wait(Sender<()>),
}

#[derive(Clone)]
pub struct WaitGroup {
    to_counter: Sender<Msg>,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        let (to_counter, rx) = mpsc::channel();
        thread::spawn(move || counter(rx));
        WaitGroup { to_counter }
    }
    pub fn add(&self, n: usize) {
        self.to_counter.send(Msg::Add(n)).unwrap();
    }
    pub fn done(&self) {
        self.to_counter.send(Msg::Done).unwrap();
    }
    pub fn wait(&self) {
        let (reply, answer) = mpsc::channel();
        self.to_counter.send(Msg::Wait(reply)).unwrap();
        answer.recv().expect("the counter dropped a waiter's reply channel");
    }
}

/// The counter: it owns the count and the waiters' reply channels.
fn counter(rx: Receiver<Msg>) {
    let mut count: usize = 0;
    let mut waiters: Vec<Sender<()>> = Vec::new();
    for msg in rx {
        match msg {
            Msg::Add(n) => count += n,
            Msg::Done => {
                if count > 0 {
                    count -= 1;
                }
            }
            Msg::Wait(reply) => waiters.push(reply),
        }
        if count == 0 {
            for w in waiters.drain(..) {
                let _ = w.send(());
            }
        }
    }
}

/// Runs each job on a thread of its own, and returns once every job is done.
pub fn run_all(jobs: Vec<Box<dyn FnOnce() + Send>>) {
    let wg = WaitGroup::new();
    for job in jobs {
        wg.add(1);
        let wg = wg.clone();
        thread::spawn(move || {
            job();
            wg.done();
        });
    }
    wg.wait();
}

