// Known-bad (expect `wrong`): the core exercise's answer: it stops at the first
// error and reports only that one; the caller never hears of the others.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_all(jobs: Vec<Job>) -> Result<Vec<u32>, Vec<String>> {
    let tasks: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut values = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(value)) => values.push(value),
            Ok(Err(why)) => return Err(vec![why]),
            Err(e) => return Err(vec![panic_error(e.into_panic())]),
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
