// Known-bad (expect `wrong`): the errors are collected as the jobs finish,
// so they come back in the order they happened, and the caller cannot tell
// which error is whose.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_all(jobs: Vec<Job>) -> Result<Vec<u32>, Vec<String>> {
    let mut set = tokio::task::JoinSet::new();
    let n = jobs.len();
    for (i, job) in jobs.into_iter().enumerate() {
        set.spawn(async move { (i, job.await) });
    }
    let mut values = vec![0; n];
    let mut errors = Vec::new();
    while let Some(done) = set.join_next().await {
        match done {
            Ok((i, Ok(value))) => values[i] = value,
            Ok((_, Err(why))) => errors.push(why),
            Err(e) => errors.push(panic_error(e.into_panic())),
        }
    }
    if errors.is_empty() { Ok(values) } else { Err(errors) }
}

/// A panicked job's error: "panicked: " and the panic's message.
pub fn panic_error(panic: Box<dyn Any + Send>) -> String {
    let message = match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic.downcast_ref::<&str>().map_or("(no message)", |s| s).to_string(),
    };
    format!("panicked: {message}")
}
