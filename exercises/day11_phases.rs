// Day 11 (stretch): work in rounds, and a Barrier between them
//
// Some work goes in rounds: every worker does its share of round 0, and
// round 1 needs what *all* of them wrote in round 0 (a simulation's time
// steps, the passes of a parallel sort). Joining the threads after each
// round and spawning new ones would do it, at the price of new threads
// every round. A `Barrier::new(n)` is a meeting point for n threads
// instead: `wait()` blocks until n threads have called it, then lets all n
// go on at once, and is ready for the next round straight away. Of each
// round's n waiters, exactly one gets a result whose `is_leader()` is true:
// a way to have one thread, any one, do something once per round.
//
// Go's standard library has no barrier. You would build one from channels,
// or wait on a `sync.WaitGroup` each round: it may be reused, but a new
// round's `Add` must come after every `Wait` of the last one has returned.
// Rust's `std::sync::Barrier` serves every round by itself, and its threads
// live through all of them.
//
// Scoped threads (day 5) may borrow the barrier, `step` and `publish`
// (`Sync` in their bounds says that threads may share them).
use checker::sync::Barrier;
use checker::thread;

/// Runs `phases` rounds of work on `workers` threads (at least one), one
/// thread per worker. In round `p`, worker `w` calls `step(w, p)`. Once
/// every worker's step of round `p` is done, `publish(p)` runs, once, and
/// only after it has returned may round `p + 1` begin. Returns once every
/// round has been published.
pub fn run_phases(workers: usize, phases: usize, step: impl Fn(usize, usize) + Sync, publish: impl Fn(usize) + Sync) {
    // TODO: one thread per worker, each doing its steps round by round, and
    // a Barrier that keeps every round from starting early.
    todo!()
}
