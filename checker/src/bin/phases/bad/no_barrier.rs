// Known-bad (expect `race`): no barrier: each worker runs all its rounds
// straight through, and the rounds are published at the end. A fast worker
// is in round 1 while a slow one has not finished round 0.
use checker::sync::Barrier;
use checker::thread;

/// Runs `phases` rounds of work on `workers` threads (at least one), one
/// thread per worker. In round `p`, worker `w` calls `step(w, p)`. Once
/// every worker's step of round `p` is done, `publish(p)` runs, once, and
/// only after it has returned may round `p + 1` begin. Returns once every
/// round has been published.
pub fn run_phases(workers: usize, phases: usize, step: impl Fn(usize, usize) + Sync, publish: impl Fn(usize) + Sync) {
    thread::scope(|s| {
        for w in 0..workers {
            let step = &step;
            s.spawn(move || {
                for p in 0..phases {
                    step(w, p);
                }
            });
        }
    });
    for p in 0..phases {
        publish(p);
    }
}
