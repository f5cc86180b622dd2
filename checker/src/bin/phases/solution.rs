// The reference: one barrier, two waits a round. After the first, every
// step of the round is done and the leader publishes; the second holds the
// others until the publishing is done.
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
                    barrier.wait();
                }
            });
        }
    });
}
