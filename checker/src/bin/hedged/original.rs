// Day 25 (stretch): hedged requests
//
// Asking every replica at once (the search) multiplies the load on the
// backends by the number of replicas. A hedged request asks one replica,
// and asks another only if no reply has come after a delay: most queries
// cost one request, and a slow replica costs at most one delay more.
// The first reply from any replica asked wins, and the others stop. (Jeff
// Dean and Luiz Barroso, "The Tail at Scale".)
//
// In Go: start the first goroutine, then `select` on the replies channel
// and on `time.After(delay)`; when the timer wins, start the next replica
// and select again. Tokio's `timeout(delay, fut)` is that `select`: the
// future's output, or an `Err` once the delay is up; the future itself is
// only dropped (a `JoinSet::join_next()` dropped that way loses no
// task: they stay in the set). A replica here is a future: it is asked
// when it is first polled, and it works in steps (each an `.await`).
//
// The checks pause tokio's clock: they see the exact instant each replica
// is asked, when `hedged` returns, and whether any replica takes one more
// step after that.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A replica's answer.
pub type Reply = String;

/// Asks one replica (when first polled): it answers some day (or never).
pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// Asks `replicas[0]`; each time `delay` passes with no reply, asks the
/// next replica in the list too, while there is one. Returns the first
/// reply from any replica asked, the moment it comes; no replica runs on
/// after that. `replicas` is never empty.
pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    // TODO: ask the first replica on a task of its own. Wait for a reply,
    // but no longer than `delay` while a replica is left to ask: then ask
    // the next one, and wait again.
    todo!()
}
