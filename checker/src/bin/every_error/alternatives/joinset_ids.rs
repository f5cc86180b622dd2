// Day 18 stretch alternative: a JoinSet, results taken as they finish and put
// back in place by each task's id (a panicked task's JoinError knows its id).
use std::collections::HashMap;
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_all(jobs: Vec<Job>) -> Result<Vec<u32>, Vec<String>> {
    let mut set = JoinSet::new();
    let mut place = HashMap::new();
    for (i, job) in jobs.into_iter().enumerate() {
        place.insert(set.spawn(job).id(), i);
    }
    let mut outcomes = vec![Ok(0); place.len()];
    while let Some(done) = set.join_next_with_id().await {
        let (id, outcome) = match done {
            Ok((id, outcome)) => (id, outcome),
            Err(e) => (e.id(), Err(panic_error(e.into_panic()))),
        };
        outcomes[place[&id]] = outcome;
    }
    let (values, errors): (Vec<_>, Vec<_>) = outcomes.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(values.into_iter().flatten().collect())
    } else {
        Err(errors.into_iter().filter_map(Result::err).collect())
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
