// Known-bad (expect `wrong`): it keeps the first error, in time, but goes on
// waiting for every job before it reports it, as Go's Wait does. A job that
// never ends (it would have watched ctx.Done() in Go) keeps it waiting forever.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let mut values = vec![0; jobs.len()];
    let mut first_error = None;
    let mut set = JoinSet::new();
    for (i, job) in jobs.into_iter().enumerate() {
        set.spawn(async move { (i, job.await) });
    }
    while let Some(done) = set.join_next().await {
        let failure = match done {
            Ok((i, Ok(value))) => {
                values[i] = value;
                continue;
            }
            Ok((_, Err(why))) => why,
            Err(e) => panic_error(e.into_panic()),
        };
        first_error.get_or_insert(failure);
    }
    match first_error {
        Some(why) => Err(why),
        None => Ok(values),
    }
}

/// A panicked job's error: "panicked: " and the panic's message.
pub fn panic_error(panic: Box<dyn Any + Send>) -> String {
    let message = match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic.downcast_ref::<&str>().map_or("(no message)", |s| s).to_string(),
    };
    format!("panicked: {message}")
}
