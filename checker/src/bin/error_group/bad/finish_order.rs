// Known-bad (expect `wrong`): the values are pushed as the tasks finish, so they
// come back in the order the jobs finished, not in the order of the jobs.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let mut values = Vec::new();
    // Dropping the set, on every way out of run_group, aborts each task
    // still in it: an aborted task is never polled again.
    let mut set = JoinSet::new();
    for (i, job) in jobs.into_iter().enumerate() {
        set.spawn(async move { (i, job.await) });
    }
    // join_next gives results in the order the tasks finish: the first
    // error to happen is the first one seen.
    while let Some(done) = set.join_next().await {
        match done {
            Ok((_, Ok(value))) => values.push(value),
            Ok((_, Err(why))) => return Err(why),
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
