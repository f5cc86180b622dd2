// Checks for day 12 (stretch), thread_pool.
checker::subject!("../../../../exercises/day12_thread_pool.rs");

use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

use checker::harness::{self, Check};
use checker::{Failure, ensure, gate};
use exercise::{Job, Pool};

/// Every job that ran: (job, thread).
static RUNS: Mutex<Vec<(usize, ThreadId)>> = Mutex::new(Vec::new());

fn runs() -> MutexGuard<'static, Vec<(usize, ThreadId)>> {
    RUNS.lock().unwrap_or_else(PoisonError::into_inner)
}

fn job(id: usize) -> Job {
    Box::new(move || runs().push((id, std::thread::current().id())))
}

/// A job that cannot finish before someone waits for its worker (joins
/// it): a pool that stops taking jobs once it is told to shut down shows it
/// on every run.
fn held_job(id: usize) -> Job {
    Box::new(move || {
        gate::hold();
        runs().push((id, std::thread::current().id()));
    })
}

/// Each of jobs 0..n ran exactly once.
fn each_ran_once(n: usize, when: &str) -> Result<(), Failure> {
    let mut count: BTreeMap<usize, usize> = BTreeMap::new();
    for &(id, _) in runs().iter() {
        *count.entry(id).or_default() += 1;
    }
    let twice: Vec<usize> = count.iter().filter(|&(_, &k)| k > 1).map(|(&id, _)| id).collect();
    ensure!(twice.is_empty(), "jobs {twice:?} ran more than once {when}; each job submitted must run once.");
    let never: Vec<usize> = (0..n).filter(|id| !count.contains_key(id)).collect();
    ensure!(
        never.is_empty(),
        "{} of the {n} jobs submitted had not run {when}: jobs {never:?}.\n\
         Dropping the pool must let the workers finish every job already in the queue\n\
         before they end: close the queue (drop the Sender) and let each worker's loop\n\
         run until the queue is empty, then join them.",
        never.len()
    );
    Ok(())
}

fn dropping_joins_the_workers() -> Result<(), Failure> {
    runs().clear();
    let pool = Pool::new(3, 4);
    for id in 0..10 {
        pool.submit(job(id));
    }
    drop(pool);
    harness::no_unjoined_threads("dropping the Pool")
}

fn queued_jobs_still_run() -> Result<(), Failure> {
    runs().clear();
    // 2 workers, each held in its first job, and 4 jobs waiting in the queue.
    let pool = Pool::new(2, 4);
    for id in 0..6 {
        pool.submit(held_job(id));
    }
    drop(pool);
    each_ran_once(6, "when the drop of the pool returned")
}

fn jobs_run_on_the_workers() -> Result<(), Failure> {
    for (workers, capacity) in [(3, 2), (1, 0), (4, 1)] {
        runs().clear();
        let before = checker::thread::all_spawned().len();
        let pool = Pool::new(workers, capacity);
        for id in 0..12 {
            pool.submit(job(id));
        }
        drop(pool);
        each_ran_once(12, "when the drop of the pool returned")?;
        let spawned = checker::thread::all_spawned().split_off(before);
        ensure!(
            spawned.len() == workers,
            "Pool::new({workers}, {capacity}) and 12 jobs started {} threads; the pool should start\n\
             its {workers} worker(s) in `new`, and no other thread.",
            spawned.len()
        );
        let pool_threads: HashSet<ThreadId> = spawned.iter().map(|s| s.id).collect();
        let elsewhere: Vec<usize> =
            runs().iter().filter(|(_, t)| !pool_threads.contains(t)).map(|&(id, _)| id).collect();
        ensure!(elsewhere.is_empty(), "jobs {elsewhere:?} did not run on the pool's workers.");
    }
    Ok(())
}

/// Job 0 waits until job 1 has started: with two workers that take jobs from
/// the queue side by side, job 1 starts while job 0 waits. A pool whose
/// workers run a job while one holds the queue (its lock) runs one job at a
/// time: job 1 never starts, and the check ends in a deadlock, every run.
fn two_jobs_run_at_the_same_time() -> Result<(), Failure> {
    runs().clear();
    let (started, wait) = std::sync::mpsc::channel::<()>();
    let pool = Pool::new(2, 2);
    pool.submit(Box::new(move || {
        // Job 0: needs job 1 running at the same time.
        let _ = wait.recv();
        runs().push((0, std::thread::current().id()));
    }));
    pool.submit(Box::new(move || {
        let _ = started.send(());
        runs().push((1, std::thread::current().id()));
    }));
    drop(pool);
    each_ran_once(2, "when the drop of the pool returned")
}

/// The job that panics, and the thread it panicked on.
const FAULTY: usize = 2;
static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);

fn a_workers_panic_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    // 2 workers: the one left takes the jobs after the faulty one, so submit never waits on a dead pool.
    let pool = Pool::new(2, 4);
    for id in 0..4 {
        if id == FAULTY {
            pool.submit(Box::new(|| {
                *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
                panic!("job {FAULTY} failed");
            }));
        } else {
            pool.submit(job(id));
        }
    }
    harness::panic_reaches_caller("dropping the Pool", &format!("job {FAULTY}"), &PANICKED, || {
        drop(pool);
        "normally"
    })
}

/// The jobs that panicked, and the thread each panicked on.
static PANICKERS: Mutex<Vec<(usize, ThreadId)>> = Mutex::new(Vec::new());

fn panickers() -> MutexGuard<'static, Vec<(usize, ThreadId)>> {
    PANICKERS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Two workers and two jobs that both panic: a worker dies with its first
/// job, so each takes one and both die, on every run. Whichever is joined
/// first returns an `Err`: a `drop` that passes it on at once never joins the
/// other. The panic that goes on must be the one the first `join()` returned
/// (the order of the joins is recorded, so which worker took which job does
/// not matter).
fn every_worker_is_joined_when_jobs_panic() -> Result<(), Failure> {
    panickers().clear();
    let pool = Pool::new(2, 2);
    for id in 0..2 {
        pool.submit(Box::new(move || {
            panickers().push((id, std::thread::current().id()));
            panic!("job {id} failed")
        }));
    }
    let passed_on = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(pool)));
    let Err(payload) = passed_on else {
        return Err(Failure::wrong(
            "a job panicked on each of the 2 workers, yet dropping the Pool returned normally.\n\
             A worker's panic must reach the code that drops the pool: `join()` returns it as an Err.",
        ));
    };
    let left = checker::thread::unjoined();
    if !left.is_empty() {
        let sites: Vec<String> =
            left.iter().map(|s| format!("{}:{}", harness::relative(s.at.file()), s.at.line())).collect();
        return Err(Failure::leak(format!(
            "a job panicked on each of the 2 workers. Dropping the Pool passed a panic on, but left {} worker(s)\n\
             unjoined (spawned at {}): the first `join()` that returned an Err ended the loop.\n\
             Join every worker first, keep the first Err, and pass it on once all are joined\n\
             (`std::panic::resume_unwind` carries a panic on).",
            left.len(),
            sites.join(", ")
        )));
    }
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    let panickers = panickers().clone();
    // The joins of the two panicked workers, in the order drop called them.
    let joins: Vec<(usize, String)> = checker::thread::join_order()
        .into_iter()
        .filter_map(|(t, at)| {
            let job = panickers.iter().find(|&&(_, p)| p == t)?.0;
            Some((job, format!("{}:{}", harness::relative(at.file()), at.line())))
        })
        .collect();
    if let Some((first, at)) = joins.first() {
        let want = format!("job {first} failed");
        ensure!(
            message == want,
            "a job panicked on each of the 2 workers. Dropping the Pool joined them both, and the first `join()`\n\
             (at {at}) returned the panic of job {first}, yet the panic that reached the caller was {}.\n\
             The contract passes the first panic on: when a later join returns another Err, which of the\n\
             two should your `drop` keep?",
            if message.is_empty() { "another one".to_string() } else { format!("\"{message}\"") }
        );
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "dropping the pool joins every worker", run: dropping_joins_the_workers },
        Check { name: "the jobs still queued run before the drop returns", run: queued_jobs_still_run },
        Check { name: "the jobs run on the pool's workers, each once", run: jobs_run_on_the_workers },
        Check { name: "two workers run two jobs at the same time", run: two_jobs_run_at_the_same_time },
        Check {
            name: "a worker's panic reaches the code that drops the pool",
            run: a_workers_panic_reaches_the_caller,
        },
        Check {
            name: "when jobs panic, dropping the pool joins every worker before passing the panic on",
            run: every_worker_is_joined_when_jobs_panic,
        },
    ])
}
