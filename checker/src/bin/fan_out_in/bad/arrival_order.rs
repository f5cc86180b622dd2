// Known-bad (expect `wrong`): fan-in collects the results in the order they
// arrive, which is the order the jobs finish, not the order of the inputs.
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
                for x in jobs {
                    results.send(work(x)).unwrap();
                }
            })
        })
        .collect();
    drop(result_tx);
    for &x in inputs {
        job_tx.send(x).unwrap();
    }
    drop(job_tx);
    let out = results.iter().collect();
    for w in workers {
        w.join().unwrap();
    }
    out
}
