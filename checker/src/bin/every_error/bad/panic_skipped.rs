// Known-bad (expect `wrong`): a panicked job is skipped with `.ok()`, as if
// it had never run: its failure is missing from the errors.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_all(jobs: Vec<Job>) -> Result<Vec<u32>, Vec<String>> {
    let tasks: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for task in tasks {
        if let Some(outcome) = task.await.ok() {
            match outcome {
                Ok(value) => values.push(value),
                Err(why) => errors.push(why),
            }
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
