use std::any::Any;
use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_all(jobs: Vec<Job>) -> Result<Vec<u32>, Vec<String>> {
    // All started before any is awaited. Awaiting them in the order of the
    // list is fine here: the answer waits for the last job anyway.
    let tasks: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(value)) => values.push(value),
            Ok(Err(why)) => errors.push(why),
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
