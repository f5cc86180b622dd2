// Known-bad (expect `timeout`): join_next() returning None (no replica left) is taken for "nothing finished yet": with a backend that has no replicas, the loop spins without ever awaiting, and the paused clock never reaches the limit.
// Day 25: a search simulator
//
// Rob Pike's "Google Search" (Go Concurrency Patterns) asks several backends
// (web, images, video) at once, and each backend has replicas: the same
// query goes to every replica of a backend, and its first reply wins. The
// whole search has one time limit: what has come in by then is the answer,
// and a backend that has not replied by then is left out.
//
// Go writes the limit as `ctx, cancel := context.WithTimeout(ctx, 80*ms)`,
// or as `timeout := time.After(80 * ms)` taken once before the `select`
// loop. Either way it is an instant, fixed when the search starts.
// Tokio's counterparts: `Instant::now() + limit`, and
// `tokio::time::timeout_at(instant, fut)`, which races `fut` against that
// instant (`timeout(limit, fut)` counts `limit` from the moment it is
// called).
//
// In Go, the replicas that lose keep running until their goroutines notice
// `ctx.Done()`, and `defer cancel()` is what tells them. A tokio task can be
// stopped from outside instead (day 17): `abort()`, or dropping the
// `JoinSet` that spawned it. A replica is a future here: it works in steps
// (each an `.await`), so it stops at its next `.await` once dropped.
//
// The checks pause tokio's clock: they see the exact instant `search`
// returns, and whether any replica takes one more step after that.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout_at};

/// A replica's answer.
pub type Reply = String;

/// Asks one replica: it answers some day (or never).
pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// A backend: its replicas all answer the same query.
pub type Backend = Vec<Replica>;

/// Asks every replica of every backend at once. Returns one slot per
/// backend, in the order of `backends`: the first reply from any of its
/// replicas, or `None` if none came within `limit` of the call. Returns as
/// soon as every backend has a reply, and at the latest when `limit` is up.
/// No replica runs on after `search` returns.

pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let deadline = Instant::now() + limit;
    let mut slots: Vec<Option<Reply>> = vec![None; backends.len()];
    let mut missing = backends.len();

    let mut set = JoinSet::new();
    for (i, backend) in backends.into_iter().enumerate() {
        for replica in backend {
            set.spawn(async move { (i, replica.await) });
        }
    }

    while missing > 0 {
        match timeout_at(deadline, set.join_next()).await {
            Ok(Some(Ok((i, reply)))) => {
                if slots[i].is_none() {
                    slots[i] = Some(reply);
                    missing -= 1;
                }
            }
            // a replica that crashed, or nothing ready yet: keep waiting
            Ok(Some(Err(_))) | Ok(None) => continue,
            Err(_) => break,
        }
    }
    slots
}
