// Known-bad (expect `race`): one wait a round. The leader publishes after
// it, but the others have been let go too, and start the next round while
// the leader is still publishing this one.
use checker::sync::Barrier;
use checker::thread;

/// Runs `phases` rounds of work on `workers` threads (at least one), one
/// thread per worker. In round `p`, worker `w` calls `step(w, p)`. Once
/// every worker's step of round `p` is done, `publish(p)` runs, once, and
/// only after it has returned may round `p + 1` begin. Returns once every
/// round has been published.
pub fn run_phases(workers: usize, phases: usize, step: impl Fn(usize, usize) + Sync, publish: impl Fn(usize) + Sync) {
    let barrier = Barrier::new(workers);
    thread::scope(|s| {
        for w in 0..workers {
            let (barrier, step, publish) = (&barrier, &step, &publish);
            s.spawn(move || {
                for p in 0..phases {
                    step(w, p);
                    if barrier.wait().is_leader() {
                        publish(p);
                    }
                }
            });
        }
    });
}
