// Day 30, stretch: a WaitGroup from channels only
//
// "Don't communicate by sharing memory; share memory by communicating." The
// same WaitGroup, with no Mutex, no Condvar and no atomic: the count lives
// on one thread, the counter, and nothing else can touch it. `add`, `done`
// and `wait` are messages to it. `wait` sends a channel of its own along
// (Go's `chan struct{}` in a request) and blocks until the counter answers
// on it.
//
// Go shares a `*WaitGroup`; here a `WaitGroup` is a `Sender` to the counter,
// cloned for each thread. The counter's `for msg in rx` ends when the last
// clone is dropped (Go: when the channel is closed), and its thread too.
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
    // TODO: count up and down as the messages come; answer every waiter
    // once the count is zero (at once, if it already is). A `Done` with the
    // count at zero is the caller's bug: panic, as Go's does.
    todo!()
}

/// Runs each job on a thread of its own, and returns once every job is done.
pub fn run_all(jobs: Vec<Box<dyn FnOnce() + Send>>) {
    // TODO: one WaitGroup, a clone for each job's thread.
    todo!()
}
