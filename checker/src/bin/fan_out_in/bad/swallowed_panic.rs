// Known-bad (expect `wrong`): joins every worker but throws away what join()
// returns, so a worker's panic is lost and process_all returns a made-up 0
// for the job that failed.
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
                    results.send((i, work(x))).expect("the collector is waiting");
                }
            })
        })
        .collect();
    drop(result_tx);
    for job in inputs.iter().copied().enumerate() {
        job_tx.send(job).expect("the workers are waiting");
    }
    drop(job_tx);
    let mut out = vec![0; inputs.len()];
    for (i, y) in results {
        out[i] = y;
    }
    for w in workers {
        let _ = w.join();
    }
    out
}
