// Day 15: tasks, `.await` and tokio's channels
//
// An `async fn`, or an `async { .. }` block, gives a *future*: work that
// runs only when awaited (or spawned). `fut.await` runs it until it must wait (a timer, a
// message) and lets other work run meanwhile; two `.await`s in a row run one
// after the other.
//
// `tokio::spawn(fut)` runs a future as a *task* of its own: Go's `go f()`.
// The task runs on its own, whether or not anyone awaits its `JoinHandle`;
// `handle.await` waits for it and gives `Ok(output)`, or `Err(JoinError)` if
// it panicked or was aborted. Unlike a goroutine, a task hands its result
// back. A task must own what it uses (`Send + 'static`, as a thread's
// closure). Never block in async code (`std::thread::sleep`, a blocking
// `recv`): every task on that thread would stop too.
//
// tokio's `mpsc::channel(n)` is Go's `make(chan T, n)` for tasks (`n` is at
// least 1: no rendezvous). `tx.send(v).await` waits while it is full, and
// `rx.recv().await` is `Some(v)`, or `None` once every Sender is dropped and
// nothing is left: the end of Go's `for v := range ch`.
//
// `report` is an async closure (`impl AsyncFnMut(u32)`): `report(v)` makes a
// future, and `.await` runs it. `Mut`: it may change what it captured, so
// calling it needs a `mut` binding, as with `FnMut`.
//
// The checks pause tokio's clock: waiting takes no real time, and they see
// the exact instant of each report.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

/// A job: it waits for a while (its steps are `.await`s), then gives a number.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

/// Takes jobs from `jobs` until the channel is closed, starting each on a
/// task of its own as soon as it arrives, so they all run at once. Reports
/// every result (`report(result).await`) in the order the jobs arrived, and
/// returns once every job is done and reported. If a job panics, so does
/// run_jobs.
pub async fn run_jobs(jobs: mpsc::Receiver<Job>, report: impl AsyncFnMut(u32)) {
    // TODO: receive each job (`jobs.recv().await`), spawn it, and keep its
    // JoinHandle. Once the channel is closed, await each handle in turn and
    // report its result. (Receiving and reporting change `jobs` and
    // `report`: make them `mut`.)
    todo!()
}
