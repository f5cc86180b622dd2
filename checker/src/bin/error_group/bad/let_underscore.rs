// Known-bad (expect `wrong`): each task stores its value and passes its error
// on with `?`, but run_group drains the set with `let _ =` (to quiet the
// unused-Result warning): every task's outcome, errors and panics too, is dropped.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;


pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let values = checker::sync::Arc::new(checker::sync::Mutex::new(vec![0; jobs.len()]));
    let mut set = JoinSet::new();
    for (i, job) in jobs.into_iter().enumerate() {
        let values = values.clone();
        set.spawn(async move {
            let value = job.await?;
            values.lock().unwrap()[i] = value;
            Ok::<(), String>(())
        });
    }
    while let Some(done) = set.join_next().await {
        let _ = done;
    }
    let values = values.lock().unwrap().clone();
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
