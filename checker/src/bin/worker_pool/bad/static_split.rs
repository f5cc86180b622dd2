// Known-bad (expect `wrong`): five threads, each handed a fixed slice of the
// jobs up front. Every job runs once, but a worker stuck on a slow job holds
// up the rest of its slice while the others have nothing left to do.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let share = jobs.len().div_ceil(WORKERS).max(1);
    let workers: Vec<_> = jobs
        .chunks(share)
        .map(|slice| {
            let mine = slice.to_vec();
            thread::spawn(move || mine.into_iter().map(|job| (job, work(job))).collect::<Vec<_>>())
        })
        .collect();
    workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
}
