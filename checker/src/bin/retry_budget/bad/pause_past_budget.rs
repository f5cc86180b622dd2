// Known-bad (expect `wrong`): each attempt gets what is left of the budget, but
// the pause after a failure is not bounded by it: a pause that runs past the
// budget makes fetch give up late.
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
    let start = Instant::now();
    let mut pause = FIRST_PAUSE;
    loop {
        let left = budget.saturating_sub(start.elapsed());
        match timeout(left, backend.get()).await {
            Ok(Ok(answer)) => return Some(answer),
            Ok(Err(Busy)) => {}
            Err(_) => return None,
        }
        sleep(pause).await;
        pause *= 2;
    }
}
