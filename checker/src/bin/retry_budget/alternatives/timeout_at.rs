// Day 9 stretch alternative: one deadline fixed at the call; every attempt and pause runs under `timeout_at` it.
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout_at};

/// A backend that sometimes cannot answer.
#[allow(async_fn_in_trait)] // fine here: it is only awaited on one thread
pub trait Backend {
    /// One attempt: `Ok(answer)`, or `Err(Busy)` if it could not answer this time.
    async fn get(&self) -> Result<u32, Busy>;
}

/// The backend could not answer this time; it may next time.
#[derive(Debug)]
pub struct Busy;

/// The pause after the first failed attempt; each next pause is twice as long.
pub const FIRST_PAUSE: Duration = Duration::from_millis(10);

/// Asks `backend` until it answers and returns `Some(answer)`, pausing
/// FIRST_PAUSE, 2x, 4x, ... after each `Busy`; gives up with `None` once
/// `budget` has passed since the call.
pub async fn fetch(backend: &impl Backend, budget: Duration) -> Option<u32> {
    // The deadline is fixed once, so it covers the whole job.
    let deadline = Instant::now() + budget;
    let mut pause = FIRST_PAUSE;
    loop {
        match timeout_at(deadline, backend.get()).await {
            Ok(Ok(answer)) => return Some(answer),
            Ok(Err(Busy)) => {}
            Err(_elapsed) => return None,
        }
        timeout_at(deadline, sleep(pause)).await.ok()?;
        pause = pause.saturating_mul(2);
    }
}
