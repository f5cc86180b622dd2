// Day 17: cancellation (Go's context)
//
// Go hands long-running work a `context.Context`: `ctx.Done()` is closed when
// the work should stop, and `context.WithCancel(parent)` makes a child
// context, cancelled by its own `cancel()` *or* when its parent is. Cancelling
// a child never touches its parent: contexts form a tree, and cancellation
// flows down it.
//
// Rust's std has no such tree; tokio_util's `CancellationToken` is one:
//   - `parent.child_token()` is `context.WithCancel(parent)`;
//   - `token.cancel()` is `cancel()`;
//   - `token.is_cancelled()` is `ctx.Err() != nil`;
//   - `token.clone()` is the same token, shared (cancel one, all see it);
//   - `token.cancelled()` is `<-ctx.Done()`, but as a future: only async code
//     can wait for it and for something else at once (the stretch exercise).
//
// So a plain thread can only *ask* the token, between two pieces of work. A
// thread blocked in a `recv()` or a `sleep` does not hear the cancel until it
// wakes up, where a goroutine would `select` on `ctx.Done()` and its channel
// together. A thread that must be woken when told watches a done channel
// instead (day 16); one that only needs a flag between steps can use an
// `AtomicBool`. What the token adds is the tree.
//
// Here the work comes in short units, so asking between them is enough.
// Cancellation is cooperative: nothing stops a thread from outside. Whoever
// cancels still has to join: cancelling only asks.
use checker::thread::{self, JoinHandle};
use tokio_util::sync::CancellationToken;

/// A crew of worker threads that run until cancelled.
pub struct Crew {
    /// Cancelling it stops every worker of the crew.
    token: CancellationToken,
    workers: Vec<JoinHandle<()>>,
}

/// Starts `n` worker threads. Worker `id` (0 to n-1) calls `work(id)` again
/// and again, and stops before its next call once the crew is cancelled:
/// by `Crew::stop`, or because the caller cancelled `parent`.
pub fn start(parent: &CancellationToken, n: usize, work: fn(usize)) -> Crew {
    // TODO: make the crew's token, as a child of `parent`. Spawn the workers;
    // each owns a clone of the token and loops while it is not cancelled.
    todo!()
}

impl Crew {
    /// Stops the crew: cancels its workers (and nothing else: `parent`
    /// belongs to the caller), and returns once every one of them has ended.
    /// If a worker panics, the panic reaches the caller: `join()` returns it
    /// as an `Err`; unwrap it.
    pub fn stop(self) {
        // TODO
        todo!()
    }
}
