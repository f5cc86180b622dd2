use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// Every replica starts at once, but each backend's answer is taken from
// its replicas' handles in list order.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let deadline = Instant::now() + limit;
    let mut handles = Vec::new();
    for replicas in backends {
        handles.push(replicas.into_iter().map(tokio::spawn).collect::<Vec<_>>());
    }
    let mut results = Vec::new();
    for replicas in &mut handles {
        let mut reply = None;
        for handle in replicas.iter_mut() {
            if let Ok(Ok(r)) = timeout_at(deadline, handle).await {
                reply = Some(r);
                break;
            }
        }
        results.push(reply);
    }
    for handle in handles.iter().flatten() {
        handle.abort();
    }
    results
}
