// Day 18 alternative: plain tasks, a watcher per task that sends its outcome
// on a channel (fan-in, in the order they finish), and abort handles that
// stop every task on the way out.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

/// Aborts every job's task when dropped: on every way out of run_group.
struct AbortAll(Vec<AbortHandle>);

impl Drop for AbortAll {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let n = jobs.len();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut tasks = AbortAll(Vec::with_capacity(n));
    for (i, job) in jobs.into_iter().enumerate() {
        let task = tokio::spawn(job);
        tasks.0.push(task.abort_handle());
        let tx = tx.clone();
        // The watcher ends when its job's task does: done, failed, panicked
        // or aborted. After run_group returns, nobody listens: its send fails.
        tokio::spawn(async move {
            let _ = tx.send((i, task.await));
        });
    }
    let mut values = vec![0; n];
    for _ in 0..n {
        let Some((i, outcome)) = rx.recv().await else { unreachable!("run_group holds a sender") };
        match outcome {
            Ok(Ok(value)) => values[i] = value,
            Ok(Err(why)) => return Err(why),
            Err(e) => return Err(panic_error(e.into_panic())),
        }
    }
    Ok(values)
}

/// A panicked job's error: "panicked: " and the panic's message.
pub fn panic_error(panic: Box<dyn Any + Send>) -> String {
    let message = match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic.downcast_ref::<&str>().map_or("(no message)", |s| s).to_string(),
    };
    format!("panicked: {message}")
}
