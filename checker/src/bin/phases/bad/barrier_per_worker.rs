// Known-bad (expect `deadlock`): each worker makes its own barrier (one
// that moves into its closure easily): nobody else ever waits on it.
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
            let (step, publish) = (&step, &publish);
            s.spawn(move || {
                let barrier = Barrier::new(workers);
                for p in 0..phases {
                    step(w, p);
                    if barrier.wait().is_leader() {
                        publish(p);
                    }
                    barrier.wait();
                }
            });
        }
    });
}
