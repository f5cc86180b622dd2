// Known-bad (expect `wrong`): a fresh scope of threads each round, joined, then
// publish: right results, but new threads every round, where the exercise asks for
// one thread per worker that lives through every round (what a Barrier is for).
use checker::sync::Barrier;
use checker::thread;

pub fn run_phases(workers: usize, phases: usize, step: impl Fn(usize, usize) + Sync, publish: impl Fn(usize) + Sync) {
    let _unused: Option<Barrier> = None;
    for p in 0..phases {
        thread::scope(|s| {
            for w in 0..workers {
                let step = &step;
                s.spawn(move || step(w, p));
            }
        });
        publish(p);
    }
}
