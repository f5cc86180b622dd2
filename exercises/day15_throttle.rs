// Day 15: throttling with a ticker
//
// A server that takes one request per 200 ms must never get two closer
// together than that, however many are waiting. Go paces its loop with a
// ticker: `limiter := time.Tick(every)`, then `<-limiter` before each
// request. tokio's ticker is `tokio::time::interval(every)`, and
// `ticks.tick().await` waits for its next tick. (Unlike Go's, its first tick
// comes at once: the first request does not wait.) With plain threads,
// crossbeam's `tick(every)` is the same ticker as a channel, for `select!`;
// tokio's is used here because its clock can be paused and checked exactly.
//
// Why a ticker, and not `sleep(every)` after each request? Serving takes time
// too, and sleeping a full interval *after* it adds the two: the pace drifts.
// A ticker keeps its own schedule, whatever happens between ticks.
//
// One catch: when no request comes for a while, nobody waits for the ticks,
// and they are missed. By default `interval` then catches up, handing out
// every missed tick at once: a burst, the very thing a throttle is for.
// `ticks.set_missed_tick_behavior(..)` chooses what happens instead.
//
// The time here is tokio's clock. The checks pause it: waiting 200 ms takes
// no time at all, and they see the exact instant each request starts.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};

/// Serves the requests that arrive on `requests`, in order, one at a time
/// (`serve(request).await`). No two requests start less than `every` apart,
/// and each starts as soon as that allows. Returns once the channel is closed
/// (every sender dropped) and the last request has been served.
pub async fn throttle(requests: mpsc::Receiver<u32>, every: Duration, serve: impl AsyncFnMut(u32)) {
    // TODO: make a ticker with `interval(every)`, and decide what it does
    // with the ticks it misses. Then for each request (`requests.recv().await`
    // gives `None` once the channel is closed): wait for a tick, then serve it.
    // (Receiving and serving change `requests` and `serve`: make them `mut`.)
    todo!()
}
