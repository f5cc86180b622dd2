//! Gates hold a worker until the code under test commits to waiting for it.
//!
//! A check hands the exercise work that calls [`hold`]. The worker then blocks
//! until its thread is joined (or its scope ends, or a `WaitGroup` is waited
//! on). Code that reads results before joining therefore sees them missing on
//! every run, not only when the scheduler happens to be unkind.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

struct Gates {
    released: Vec<ThreadId>,
    all: bool,
    /// Someone waits on a `WaitGroup` that workers still hold clones of.
    group_waited: bool,
    /// Threads that dropped their `WaitGroup` clone: the group no longer
    /// waits for them, so its wait does not let them go.
    left_group: Vec<ThreadId>,
}

static GATES: Mutex<Gates> =
    Mutex::new(Gates { released: Vec::new(), all: false, group_waited: false, left_group: Vec::new() });
static OPENED: Condvar = Condvar::new();

fn gates() -> MutexGuard<'static, Gates> {
    GATES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Blocks the calling worker until someone waits for its thread. Threads not
/// spawned through [`crate::thread`] (the caller's own) are never held.
#[doc(hidden)]
pub fn hold() {
    let me = std::thread::current().id();
    if !crate::thread::all_spawned().iter().any(|s| s.id == me) {
        return;
    }
    let mut g = gates();
    while !may_go(&g, me) {
        g = OPENED.wait(g).unwrap_or_else(PoisonError::into_inner);
    }
}

/// Has someone committed to waiting for `me`?
fn may_go(g: &Gates, me: ThreadId) -> bool {
    let waited_by_group = g.group_waited && !g.left_group.contains(&me);
    g.all || g.released.contains(&me) || waited_by_group
}

/// Someone is now waiting for `id`: let it finish.
#[cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]
pub(crate) fn release(id: ThreadId) {
    gates().released.push(id);
    OPENED.notify_all();
}

/// A `WaitGroup` with live clones is waited on: let go the workers that
/// still belong to it.
#[cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]
pub(crate) fn release_group() {
    gates().group_waited = true;
    OPENED.notify_all();
}

/// The calling thread dropped its `WaitGroup` clone.
#[cfg_attr(any(feature = "model", feature = "loom"), allow(dead_code))]
pub(crate) fn left_group() {
    gates().left_group.push(std::thread::current().id());
}

/// Lets every held worker finish (a check calls this once the function under
/// test has returned, so that no thread is left blocked).
#[doc(hidden)]
pub fn release_all() {
    gates().all = true;
    OPENED.notify_all();
}

/// Closes every gate again, for the next check.
#[doc(hidden)]
pub fn reset() {
    let mut g = gates();
    g.all = false;
    g.released.clear();
    g.group_waited = false;
    g.left_group.clear();
}
