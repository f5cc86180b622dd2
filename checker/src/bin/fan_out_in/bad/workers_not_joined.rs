// Known-bad (expect `leak`): Go habit, goroutines are never joined. Every
// result is in, so the workers are "done"; but nobody waited for their
// threads to end.
use checker::thread;
use crossbeam::channel::unbounded;

pub const WORKERS: usize = 5;

pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    let (job_tx, jobs) = unbounded();
    let (result_tx, results) = unbounded();
    for _ in 0..WORKERS {
        let (jobs, results) = (jobs.clone(), result_tx.clone());
        thread::spawn(move || {
            for (i, x) in jobs {
                results.send((i, work(x))).unwrap();
            }
        });
    }
    drop(result_tx);
    for job in inputs.iter().copied().enumerate() {
        job_tx.send(job).unwrap();
    }
    drop(job_tx);
    let mut out = vec![0; inputs.len()];
    for (i, y) in results {
        out[i] = y;
    }
    out
}
