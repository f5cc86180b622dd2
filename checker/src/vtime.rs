//! Async code on tokio's paused clock: time passes only when every task
//! waits, and jumps straight to the next timer. Timeouts, tickers and rate
//! limits are checked exactly, with no wall-clock margin, in microseconds of
//! real time.

use std::future::Future;

/// Awaits `future`, with a panic out of it as an `Err` (as `futures`'
/// `catch_unwind`): a check goes on, on the same runtime, to say what the
/// panic means and to see what it left running.
pub async fn catch_unwind<F: Future>(future: F) -> std::thread::Result<F::Output> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Ok(std::task::Poll::Ready(v)) => std::task::Poll::Ready(Ok(v)),
            Err(panic) => std::task::Poll::Ready(Err(panic)),
        }
    })
    .await
}

/// Runs `future` to completion on a single-threaded runtime whose clock is
/// paused. `tokio::time::Instant::now()` tells the virtual time.
pub fn run<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap_or_else(|e| panic!("cannot build the paused-clock runtime: {e}"))
        .block_on(future)
}

/// How long [`tasks_end`] lets tasks run on before it counts them.
pub const GRACE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Fails with a `leak` verdict if a task spawned on this runtime is still
/// alive after every timer that could end it has fired: the clock is moved
/// on by [`GRACE`] (an hour, in no real time). Call it from inside [`run`],
/// after the function under test returned.
pub async fn tasks_end(function: &str) -> Result<(), crate::Failure> {
    tokio::time::sleep(GRACE).await;
    let alive = tokio::runtime::Handle::current().metrics().num_alive_tasks();
    if alive == 0 {
        return Ok(());
    }
    let sites = crate::lines::spawn_sites();
    let spawned = match sites.as_slice() {
        [] => String::new(),
        [one] => format!("\nIt was spawned at {one}."),
        many => format!("\nThe file spawns tasks at {}: one of these started it.", many.join(", ")),
    };
    Err(crate::Failure::leak(format!(
        "{function} returned, but {alive} task(s) it spawned were still alive an hour (of virtual time) later.{spawned}\n\
         A task nobody cancels or awaits keeps running, or waiting, after its caller has moved on."
    )))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::time::{Instant, interval, sleep, timeout};

    /// A panic after an await comes back as an `Err`; a value as `Ok`.
    #[test]
    fn catch_unwind_turns_a_panic_into_an_err() {
        super::run(async {
            let ok = super::catch_unwind(async { 7 }).await;
            assert_eq!(ok.ok(), Some(7));
            let err = super::catch_unwind(async {
                sleep(Duration::from_millis(5)).await;
                panic!("boom");
            })
            .await;
            let panic = err.expect_err("the panic is caught");
            assert_eq!(panic.downcast_ref::<&str>(), Some(&"boom"));
        });
    }

    #[test]
    fn an_hour_passes_exactly_and_at_once() {
        super::run(async {
            let start = Instant::now();
            sleep(Duration::from_secs(3600)).await;
            assert_eq!(start.elapsed(), Duration::from_secs(3600));
        });
    }

    #[test]
    fn a_timeout_fires_at_its_deadline_not_before() {
        super::run(async {
            let start = Instant::now();
            let slow = sleep(Duration::from_millis(5001));
            assert!(timeout(Duration::from_secs(5), slow).await.is_err());
            assert_eq!(start.elapsed(), Duration::from_secs(5));
            let quick = sleep(Duration::from_millis(4999));
            assert!(timeout(Duration::from_secs(5), quick).await.is_ok());
        });
    }

    #[test]
    fn a_forgotten_task_is_a_leak_and_a_finished_one_is_not() {
        super::run(async {
            let done = tokio::spawn(sleep(Duration::from_secs(60)));
            assert!(super::tasks_end("f").await.is_ok());
            assert!(done.is_finished());
            let (_tx, rx) = tokio::sync::oneshot::channel::<()>();
            let _stuck = tokio::spawn(rx);
            let err = super::tasks_end("f").await.expect_err("the task waits forever");
            assert_eq!(err.kind, crate::Kind::Leak);
            assert!(err.message.contains("1 task(s)"), "{}", err.message);
        });
    }

    #[test]
    fn a_ticker_ticks_on_the_dot() {
        super::run(async {
            let start = Instant::now();
            let mut ticks = interval(Duration::from_millis(250));
            let mut at = Vec::new();
            for _ in 0..5 {
                ticks.tick().await;
                at.push(start.elapsed().as_millis());
            }
            assert_eq!(at, [0, 250, 500, 750, 1000]);
        });
    }
}
