// Day 9 (stretch): a time budget for async work
//
// In async Rust a timeout wraps a future: `timeout(d, fut).await` is
// `Ok(output)` if `fut` finished within `d`, else `Err(Elapsed)`, and then
// `fut` is dropped, which cancels it wherever it was waiting. The same race
// by hand is `tokio::select! { out = fut => ..., _ = sleep(d) => ... }`. In
// Go: `select { case r := <-result: ... case <-time.After(d): ... }`, or a
// `context.WithTimeout`.
//
// Where the timer starts, and what it wraps, matters. Retrying a flaky
// backend, the budget is for the whole job (every attempt and every pause
// between them), counted from the call: in Go, one `context.WithTimeout`
// made at the start and handed to every attempt.
//
// The checks run on tokio's paused clock: time moves only while every task
// waits, so they see the exact instant of each attempt and of giving up.
use std::time::Duration;
use tokio::time::{sleep, timeout};

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

/// Asks `backend` until it answers and returns `Some(answer)`. After each
/// `Busy`, it pauses before the next attempt: FIRST_PAUSE, then twice as long
/// each time (10 ms, 20 ms, 40 ms, ...). Once `budget` has passed since the
/// call it gives up and returns `None`, even in the middle of an attempt or
/// of a pause.
pub async fn fetch(backend: &impl Backend, budget: Duration) -> Option<u32> {
    // TODO: write the retry loop, then put the budget around the *whole* loop.
    todo!()
}
