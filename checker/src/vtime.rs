//! Async code on tokio's paused clock: time passes only when every task
//! waits, and jumps straight to the next timer. Timeouts, tickers and rate
//! limits are checked exactly, with no wall-clock margin, in microseconds of
//! real time.

use std::future::Future;

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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::time::{Instant, interval, sleep, timeout};

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
