// Known-bad (expect `wrong`): Go's `time.After` inside `for { select { ... } }`.
// A fresh `sleep(budget)` is made on every turn of the loop, so the deadline
// moves forward with each attempt and never comes while attempts keep failing.
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

#[allow(async_fn_in_trait)]
pub trait Backend {
    async fn get(&self) -> Result<u32, Busy>;
}

#[derive(Debug)]
pub struct Busy;

pub const FIRST_PAUSE: Duration = Duration::from_millis(10);

pub async fn fetch(backend: &impl Backend, budget: Duration) -> Option<u32> {
    let mut pause = FIRST_PAUSE;
    loop {
        tokio::select! {
            reply = backend.get() => {
                if let Ok(answer) = reply {
                    return Some(answer);
                }
            }
            _ = sleep(budget) => return None,
        }
        sleep(pause).await;
        pause *= 2;
    }
}
