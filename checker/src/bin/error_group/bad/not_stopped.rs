// Known-bad (expect `leak`): each task sends its result on a channel, and the
// first error goes back at once, but nothing stops the other tasks: their
// JoinHandles are dropped, which detaches them, and they run on.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let n = jobs.len();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for (i, job) in jobs.into_iter().enumerate() {
        let tx = tx.clone();
        let task = tokio::spawn(job);
        tokio::spawn(async move {
            let result = match task.await {
                Ok(result) => result,
                Err(e) => Err(panic_error(e.into_panic())),
            };
            let _ = tx.send((i, result));
        });
    }
    let mut values = vec![0; n];
    for _ in 0..n {
        let Some((i, result)) = rx.recv().await else { break };
        values[i] = result?;
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
