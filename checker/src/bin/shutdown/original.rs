// Day 10: done signals and graceful shutdown
//
// A worker that serves a job channel forever needs a way to be told "stop".
// It cannot wait for the job channel to close: other parts of the program
// still hold job Senders. So it gets a second channel, `done`, that nobody
// ever sends on: dropping its Sender closes it, and a closed channel is
// always ready to receive (with `Err(RecvError)`), so every `select!` on it
// sees the signal. That is Go's `done` channel:
//
//   Go:    done := make(chan struct{})         ...  close(done)
//          for { select { case j := <-jobs: ...  case <-done: ...; return } }
//   Rust:  let (stop, done) = bounded::<()>(0); ...  drop(stop)
//          loop { select! { recv(jobs) -> job => ..., recv(done) -> _ => ... } }
//
// Graceful means nothing is lost: every job sent before the signal is
// handled before the worker exits, and the worker still exits, though the
// producers keep their job Senders. Think about what the two channels can
// hold at the moment the signal is seen. And the one who stops the worker
// joins it (Go's `wg.Wait()`), so "stopped" means it has really finished.
//
// (`checker::channel` is crossbeam's channel API, with its timers on the
// course's clock.)
use checker::channel::{Receiver, Sender, bounded, select};
use checker::thread::{self, JoinHandle};

/// The worker loop. Handles each job from `jobs` with `work`, in order, until
/// `done` is closed; then handles the jobs still waiting in `jobs` and
/// returns. It also returns if `jobs` is closed (every job Sender is gone).
pub fn run(jobs: Receiver<u32>, done: Receiver<()>, work: impl Fn(u32)) {
    // TODO: loop over a select! on `jobs` and `done`.
    todo!()
}

/// A worker running [`run`] on a thread of its own.
pub struct Service {
    /// Dropping it closes the worker's `done` channel.
    stop: Sender<()>,
    worker: JoinHandle<()>,
}

impl Service {
    /// Starts the worker thread on `jobs`.
    pub fn start(jobs: Receiver<u32>, work: impl Fn(u32) + Send + 'static) -> Service {
        // TODO: make the done channel and spawn a thread that runs `run`.
        todo!()
    }

    /// Shuts the worker down gracefully: it finishes every job sent so far,
    /// then exits. Returns once the worker thread has ended.
    /// If the worker panics, the panic reaches the caller: `join()` returns
    /// it as an `Err`; unwrap it.
    pub fn stop(self) {
        // TODO: signal, then wait.
        todo!()
    }
}
