// Known-bad (expect `deadlock`): the original result Sender is never dropped.
// The collecting loop ends only when every Sender is gone, and this one lives
// on the collecting thread itself: the loop waits forever.
use checker::thread;
use crossbeam::channel::unbounded;

pub const WORKERS: usize = 5;

pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    let (job_tx, jobs) = unbounded();
    let (result_tx, results) = unbounded();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (jobs, results) = (jobs.clone(), result_tx.clone());
            thread::spawn(move || {
                for (i, x) in jobs {
                    results.send((i, work(x))).unwrap();
                }
            })
        })
        .collect();
    for job in inputs.iter().copied().enumerate() {
        job_tx.send(job).unwrap();
    }
    drop(job_tx);
    let mut out = vec![0; inputs.len()];
    for (i, y) in results {
        out[i] = y;
    }
    for w in workers {
        w.join().unwrap();
    }
    out
}
