// Day 15: throttling with a ticker
//
// A server that takes one request per 200 ms must never get two closer
// together than that, however many are waiting. Go's tutorials pace such a
// loop with a ticker: `limiter := time.Tick(every)`, then `<-limiter` before
// each request. tokio's ticker is `tokio::time::interval(every)`, and
// `ticks.tick().await` waits for its next tick. (Unlike Go's, its first tick
// comes at once: the first request does not wait.)
//
// Why a ticker, and not `sleep(every)` after each request? Serving takes time
// too, and sleeping a full interval *after* it adds the two: the pace drifts.
// A ticker keeps its own schedule, whatever happens between ticks.
//
// But a schedule is a rate, and the promise here is a gap: no two starts
// less than `every` apart. The tickers differ in what they do with a tick
// nobody took in time:
//   - Go's `time.Ticker` keeps its phase (ticks at start + k·every) and
//     drops the ticks nobody takes, but one waits: after a quiet spell
//     `<-limiter` returns at once, and the next tick comes on the old phase.
//   - tokio's `interval` lets you choose, with `set_missed_tick_behavior`:
//     `Burst` (the default) hands out every missed tick at once, `Skip`
//     keeps the phase like Go, `Delay` counts the next tick from the moment
//     the late one was taken. A tick counts as missed only when it is taken
//     more than 5 ms late (see `poll_tick` in tokio's time/interval.rs);
//     otherwise the schedule stays as it was.
//   - crossbeam's `tick(every)`, a ticker as a channel for threads, keeps no
//     backlog: the next tick is due `every` after the later of when this one
//     was due and when it was asked for.
// So which instant should the wait before a request be counted from?
//
// The time here is tokio's clock. The checks pause it: waiting 200 ms takes
// no time at all, and they see the exact instant each request starts.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::interval;

/// Serves the requests that arrive on `requests`, in order, one at a time
/// (`serve(request).await`). No two requests start less than `every` apart,
/// and each starts as soon as that allows. Returns once the channel is closed
/// (every sender dropped) and the last request has been served.
pub async fn throttle(requests: mpsc::Receiver<u32>, every: Duration, serve: impl AsyncFnMut(u32)) {
    // TODO: make a ticker with `interval(every)`. Then for each request
    // (`requests.recv().await` gives `None` once the channel is closed): wait
    // for a tick, then serve it, so that the next request cannot start less
    // than `every` after this one. (Receiving and serving change `requests`
    // and `serve`: make them `mut`.)
    todo!()
}
