// Another style: `while let` on recv, a guard in the match, one add up front.
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
    let mut count = 0usize;
    let mut waiting: Vec<Sender<()>> = Vec::new();
    while let Ok(msg) = rx.recv() {
        match msg {
            Msg::Add(n) => count += n,
            Msg::Wait(reply) if count == 0 => {
                let _ = reply.send(());
            }
            Msg::Wait(reply) => waiting.push(reply),
            Msg::Done => {
                let Some(left) = count.checked_sub(1) else { panic!("sync: negative WaitGroup counter") };
                count = left;
                if count == 0 {
                    // Dropping each reply channel after its answer.
                    waiting.drain(..).for_each(|reply| reply.send(()).unwrap_or(()));
                }
            }
        }
    }
}


/// Runs each job on a thread of its own, and returns once every job is done.
pub fn run_all(jobs: Vec<Box<dyn FnOnce() + Send>>) {
    let wg = WaitGroup::new();
    wg.add(jobs.len());
    let clones: Vec<WaitGroup> = jobs.iter().map(|_| wg.clone()).collect();
    for (job, wg) in jobs.into_iter().zip(clones) {
        thread::spawn(move || {
            job();
            wg.done();
        });
    }
    wg.wait();
}

