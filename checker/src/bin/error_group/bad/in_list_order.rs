// Known-bad (expect `wrong`): the tasks run together, but their results are
// awaited in the order of the list, so an error from a later job waits until
// every job before it is done: the first error in time comes back late.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let mut tasks: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut values = Vec::new();
    for i in 0..tasks.len() {
        match (&mut tasks[i]).await {
            Ok(Ok(value)) => values.push(value),
            Ok(Err(why)) => {
                // Stop the others before reporting.
                for other in &tasks[i..] {
                    other.abort();
                }
                return Err(why);
            }
            Err(e) => {
                for other in &tasks[i..] {
                    other.abort();
                }
                return Err(panic_error(e.into_panic()));
            }
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
