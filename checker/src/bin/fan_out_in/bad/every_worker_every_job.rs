// Known-bad (expect `wrong`): "fan-out" read as "send every job to every
// worker": each worker has its own channel and gets a copy of each job, so
// every input is worked on WORKERS times. The results look right; the work
// was done five times over.
use checker::thread;
use crossbeam::channel::unbounded;

pub const WORKERS: usize = 5;

pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    let (result_tx, results) = unbounded();
    let mut job_txs = Vec::new();
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let (job_tx, jobs) = unbounded();
        job_txs.push(job_tx);
        let results = result_tx.clone();
        workers.push(thread::spawn(move || {
            for (i, x) in jobs {
                results.send((i, work(x))).unwrap();
            }
        }));
    }
    drop(result_tx);
    for job in inputs.iter().copied().enumerate() {
        for job_tx in &job_txs {
            job_tx.send(job).unwrap();
        }
    }
    drop(job_txs);
    let mut out = vec![0; inputs.len()];
    for (i, y) in results {
        out[i] = y;
    }
    for w in workers {
        w.join().unwrap();
    }
    out
}
