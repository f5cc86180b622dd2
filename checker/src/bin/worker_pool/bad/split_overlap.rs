// Known-bad (expect `wrong`): splits the jobs into one slice per worker, with
// an inclusive range: each slice also takes the first job of the next one,
// so the jobs on the boundaries run twice.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let share = jobs.len().div_ceil(WORKERS);
    let last = jobs.len() - 1;
    let workers: Vec<_> = (0..WORKERS)
        .filter(|w| w * share <= last)
        .map(|w| {
            let mine = jobs[w * share..=((w + 1) * share).min(last)].to_vec();
            thread::spawn(move || mine.into_iter().map(|job| (job, work(job))).collect::<Vec<_>>())
        })
        .collect();
    workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
}
