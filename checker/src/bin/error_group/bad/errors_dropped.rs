// Known-bad (expect `wrong`): a failed job is skipped with `.ok()`, as if it
// had nothing to say: the caller hears Ok, and the error is lost.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let mut values = vec![0; jobs.len()];
    let mut set = JoinSet::new();
    for (i, job) in jobs.into_iter().enumerate() {
        set.spawn(async move { (i, job.await) });
    }
    while let Some(done) = set.join_next().await {
        match done {
            Ok((i, result)) => {
                if let Some(value) = result.ok() {
                    values[i] = value;
                }
            }
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
