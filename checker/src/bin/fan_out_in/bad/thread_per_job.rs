// Known-bad (expect `wrong`): one thread per input instead of a pool of
// WORKERS. With a million inputs, that is a million threads.
use checker::thread;
use crossbeam::channel::unbounded;

pub const WORKERS: usize = 5;

pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    let handles: Vec<_> = inputs.iter().map(|&x| thread::spawn(move || work(x))).collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}
