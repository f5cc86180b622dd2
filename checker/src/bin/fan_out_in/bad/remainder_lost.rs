// Known-bad (expect `wrong`): splits the inputs into WORKERS chunks of
// `len / WORKERS` each. The division rounds down: the last `len % WORKERS`
// inputs belong to no chunk and are never worked on.
use checker::thread;
use crossbeam::channel::unbounded;

pub const WORKERS: usize = 5;

pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    let per = inputs.len() / WORKERS;
    let (result_tx, results) = unbounded();
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let mine: Vec<(usize, u64)> = (w * per..(w + 1) * per).map(|i| (i, inputs[i])).collect();
            let results = result_tx.clone();
            thread::spawn(move || {
                for (i, x) in mine {
                    results.send((i, work(x))).unwrap();
                }
            })
        })
        .collect();
    drop(result_tx);
    let mut out = vec![0; inputs.len()];
    for (i, y) in results {
        out[i] = y;
    }
    for w in workers {
        w.join().unwrap();
    }
    out
}
