// Checks for day 12, worker_pool.
checker::subject!("../../../../exercises/day12_worker_pool.rs");

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

use checker::harness::{self, Check};
use checker::{Failure, ensure};

const JOBS: u32 = 100;

/// What the pool did: every call of the work function, as (job, thread).
struct Record {
    runs: Vec<(u32, ThreadId)>,
    /// Threads that ran a job and have since ended.
    ended: Vec<ThreadId>,
    /// Set by the slow job if it saw the other workers stop before the rest
    /// of the jobs were done: (jobs done by then, threads that had ended).
    held_up: Option<(usize, usize)>,
}

static RECORD: Mutex<Record> = Mutex::new(Record { runs: Vec::new(), ended: Vec::new(), held_up: None });
static CHANGED: Condvar = Condvar::new();

fn record() -> MutexGuard<'static, Record> {
    RECORD.lock().unwrap_or_else(PoisonError::into_inner)
}

fn reset() {
    let mut r = record();
    r.runs.clear();
    r.ended.clear();
    r.held_up = None;
}

/// Notes, when its thread ends, that a thread which ran jobs has ended.
struct EndNote(ThreadId);

impl Drop for EndNote {
    fn drop(&mut self) {
        record().ended.push(self.0);
        CHANGED.notify_all();
    }
}

thread_local! {
    static END_NOTE: RefCell<Option<EndNote>> = const { RefCell::new(None) };
}

fn value(job: u32) -> u64 {
    u64::from(job) * 7 + 1
}

/// The work handed to the pool: records which thread ran which job.
fn work(job: u32) -> u64 {
    let me = std::thread::current().id();
    END_NOTE.with(|n| {
        n.borrow_mut().get_or_insert_with(|| EndNote(me));
    });
    record().runs.push((job, me));
    CHANGED.notify_all();
    value(job)
}

/// Job 0 is slow: it finishes only once every other job is done. In a pool,
/// the other workers take the rest meanwhile. If instead every other thread
/// that ran jobs has ended first, jobs were waiting behind this one: note it
/// and finish, so the check can say so.
fn job_0_waits_for_the_others(job: u32) -> u64 {
    if job != 0 {
        return work(job);
    }
    let me = std::thread::current().id();
    let mut r = record();
    loop {
        let others: HashSet<ThreadId> = r.runs.iter().map(|&(_, t)| t).filter(|&t| t != me).collect();
        let done = r.runs.len();
        if done == JOBS as usize - 1 {
            break;
        }
        if others.len() >= exercise::WORKERS - 1 && others.iter().all(|t| r.ended.contains(t)) {
            r.held_up = Some((done, others.len()));
            break;
        }
        r = CHANGED.wait(r).unwrap_or_else(PoisonError::into_inner);
    }
    drop(r);
    work(job)
}

fn constants_unchanged() -> Result<(), Failure> {
    ensure!(
        exercise::WORKERS == 5 && exercise::QUEUE == 10,
        "WORKERS is {} and QUEUE is {}: the pool should have 5 workers and a queue of 10 jobs.\n\
         Put them back to 5 and 10.",
        exercise::WORKERS,
        exercise::QUEUE
    );
    Ok(())
}

/// Runs the pool on `n` jobs and checks that every job ran exactly once and
/// came back exactly once, with its value.
fn each_job_once(n: u32, work: fn(u32) -> u64) -> Result<(), Failure> {
    reset();
    let jobs: Vec<u32> = (0..n).collect();
    let pairs = exercise::run_pool(jobs, work);
    let caller = std::thread::current().id();
    let r = record();
    let mut runs: BTreeMap<u32, usize> = BTreeMap::new();
    for &(job, thread) in &r.runs {
        *runs.entry(job).or_default() += 1;
        ensure!(
            thread != caller,
            "job {job} ran on the thread that called run_pool: the workers should run the jobs,\n\
             the calling thread only feeds the queue."
        );
    }
    let twice: Vec<String> =
        runs.iter().filter(|&(_, &k)| k > 1).map(|(job, k)| format!("job {job} ran {k} times")).collect();
    ensure!(
        twice.is_empty(),
        "run_pool on {n} jobs: {}.\nEach job must run exactly once: every worker should take its jobs from the\n\
         one shared queue, so that a job taken by one worker is gone for the others.",
        twice.join(", ")
    );
    let never: Vec<u32> = (0..n).filter(|j| !runs.contains_key(j)).collect();
    ensure!(
        never.is_empty(),
        "run_pool on {n} jobs returned, but {} job(s) never ran: {never:?}.\n\
         Every job sent must be taken by a worker: a worker should keep taking jobs\n\
         until the queue is closed and empty (`for job in rx`), not stop after a fixed count.",
        never.len()
    );
    let mut back: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
    for &(job, v) in &pairs {
        back.entry(job).or_default().push(v);
    }
    for job in 0..n {
        match back.get(&job).map(Vec::as_slice) {
            Some([v]) if *v == value(job) => {}
            Some([v]) => {
                return Err(Failure::wrong(format!(
                    "run_pool returned ({job}, {v}), but work({job}) returned {}.",
                    value(job)
                )));
            }
            None => {
                return Err(Failure::wrong(format!(
                    "job {job} ran, but run_pool did not return its pair: it returned {} pair(s) for {n} jobs.\n\
                     Gather what every worker did before returning.",
                    pairs.len()
                )));
            }
            Some(vs) => {
                return Err(Failure::wrong(format!(
                    "run_pool returned job {job}'s pair {} times; each job's pair should come back once.",
                    vs.len()
                )));
            }
        }
    }
    let strays: Vec<u32> = back.keys().copied().filter(|&j| j >= n).collect();
    ensure!(strays.is_empty(), "run_pool on jobs 0..{n} returned pairs for jobs it was not given: {strays:?}.");
    Ok(())
}

fn every_job_runs_once() -> Result<(), Failure> {
    constants_unchanged()?;
    each_job_once(JOBS, work)
}

fn any_number_of_jobs() -> Result<(), Failure> {
    for n in [103, 7, 3, 1, 0] {
        each_job_once(n, work)?;
    }
    Ok(())
}

fn five_workers() -> Result<(), Failure> {
    each_job_once(JOBS, work)?;
    let spawned = checker::thread::all_spawned();
    let mut sites: Vec<String> =
        spawned.iter().map(|s| format!("{}:{}", harness::relative(s.at.file()), s.at.line())).collect();
    sites.sort();
    sites.dedup();
    ensure!(
        spawned.len() == exercise::WORKERS,
        "run_pool started {} threads for {JOBS} jobs (spawned at {}); the pool has WORKERS (5).\n\
         A pool starts its workers once, before the jobs, and each worker runs many jobs:\n\
         no thread per job, and no thread besides the workers (the calling thread feeds the queue).",
        spawned.len(),
        sites.join(", ")
    );
    let workers: HashSet<ThreadId> = spawned.iter().map(|s| s.id).collect();
    let r = record();
    let outside: Vec<u32> = r.runs.iter().filter(|(_, t)| !workers.contains(t)).map(|&(j, _)| j).collect();
    ensure!(outside.is_empty(), "jobs {outside:?} did not run on the pool's worker threads.");
    Ok(())
}

fn a_slow_job_holds_up_no_other() -> Result<(), Failure> {
    each_job_once(JOBS, job_0_waits_for_the_others)?;
    if let Some((done, ended)) = record().held_up {
        return Err(Failure::wrong(format!(
            "Job 0 was slow. While it ran, the other {ended} workers ran out of work and ended,\n\
             after only {done} of the other {} jobs: the rest were waiting behind job 0.\n\
             Handing each worker a fixed share of the jobs up front is not a pool: let the\n\
             workers take jobs from one shared queue, so a worker busy with a slow job takes\n\
             no more and the others take the rest.",
            JOBS - 1
        )));
    }
    Ok(())
}

/// The job whose work panics, and the thread it panicked on.
const FAULTY: u32 = 42;
static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);

fn work_panics_on_faulty(job: u32) -> u64 {
    if job == FAULTY {
        *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
        panic!("work({job}) failed");
    }
    value(job)
}

fn a_workers_panic_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    harness::panic_reaches_caller("run_pool", &format!("work({FAULTY})"), &PANICKED, || {
        format!("{} pairs", exercise::run_pool((0..JOBS).collect(), work_panics_on_faulty).len())
    })
}

fn work_always_panics(job: u32) -> u64 {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
    panic!("work({job}) failed")
}

/// Every job panics, so each worker dies on its first job, with far more jobs
/// left than the queue holds. A feeder that waits on the full queue waits
/// forever (a deadlock, reported at once): nobody is left to empty it.
fn every_worker_dies() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    harness::panic_reaches_caller("run_pool", "every worker's first job", &PANICKED, || {
        format!("{} pairs", exercise::run_pool((0..JOBS).collect(), work_always_panics).len())
    })
}

fn workers_joined() -> Result<(), Failure> {
    each_job_once(JOBS, work)?;
    harness::no_unjoined_threads("run_pool")
}

/// The feeder must wait for the workers: the check holds every worker on its
/// first job, so the queue fills. Once every thread is blocked, a feeder with
/// a queue of QUEUE jobs is still in its send (job WORKERS + QUEUE + 1 has no
/// room); one that has gone on to join ran ahead of the workers.
struct Hold {
    /// The held jobs, in the order taken.
    taken: Vec<u32>,
    released: bool,
    /// Set by the first held job once everything else is blocked: what the
    /// feeder did wrong, if anything.
    verdict: Option<String>,
}

static HOLD: Mutex<Hold> = Mutex::new(Hold { taken: Vec::new(), released: false, verdict: None });
static RELEASED: Condvar = Condvar::new();

fn hold() -> MutexGuard<'static, Hold> {
    HOLD.lock().unwrap_or_else(PoisonError::into_inner)
}

/// More jobs than the workers' hands and the queue hold together, by one.
const FILL: usize = exercise::WORKERS + exercise::QUEUE + 1;

/// Every worker waits on its first job until the check has looked; the first
/// one to arrive looks once every other thread is blocked.
fn held_work(job: u32) -> u64 {
    let mut h = hold();
    if h.released {
        drop(h);
        return work(job);
    }
    h.taken.push(job);
    if h.taken.len() > 1 {
        while !h.released {
            h = RELEASED.wait(h).unwrap_or_else(PoisonError::into_inner);
        }
        drop(h);
        return work(job);
    }
    drop(h);
    // The other workers take their jobs and wait; the feeder sends all it can.
    checker::clock::quiesce();
    let joins = checker::thread::join_order();
    let mut h = hold();
    let taken = h.taken.len();
    if let Some((_, at)) = joins.first() {
        h.verdict = Some(format!(
            "run_pool got {FILL} jobs: the {} workers took one each and the check held them there,\n\
             so {} jobs had to wait in the queue, one more than QUEUE ({}). Yet the calling thread\n\
             did not wait: it sent every job and went on to join the workers, at {}:{}.\n\
             Its sends never waited for a worker to take a job: the queue held everything it was given.\n\
             The pool promises a queue of QUEUE jobs, so that the feeder waits for the workers instead of\n\
             running ahead. How many jobs can your queue hold, and when does `send` wait?",
            exercise::WORKERS,
            FILL - exercise::WORKERS,
            exercise::QUEUE,
            harness::relative(at.file()),
            at.line(),
        ));
    } else if taken != exercise::WORKERS {
        h.verdict = Some(format!(
            "run_pool got {FILL} jobs, and each job held its worker. When every thread had done all it\n\
             could, {taken} job(s) had been taken, not one per worker ({}): the other workers were not\n\
             taking jobs from the queue while it was full. Is every worker looping on the queue on its own?",
            exercise::WORKERS,
        ));
    }
    h.released = true;
    drop(h);
    RELEASED.notify_all();
    work(job)
}

fn the_feeder_waits_for_the_workers() -> Result<(), Failure> {
    *hold() = Hold { taken: Vec::new(), released: false, verdict: None };
    each_job_once(FILL as u32, held_work)?;
    if let Some(message) = hold().verdict.take() {
        return Err(Failure::wrong(message));
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "every job runs exactly once and comes back", run: every_job_runs_once },
        Check { name: "any number of jobs: 103, 7, 3, 1, 0", run: any_number_of_jobs },
        Check { name: "the pool has exactly 5 worker threads", run: five_workers },
        Check { name: "a slow job holds up no other job", run: a_slow_job_holds_up_no_other },
        Check { name: "every worker is joined", run: workers_joined },
        Check { name: "a worker's panic reaches the caller of run_pool", run: a_workers_panic_reaches_the_caller },
        Check {
            name: "when every worker has died, the feeder stops waiting and the panic reaches the caller",
            run: every_worker_dies,
        },
        Check {
            name: "the feeder waits for the workers: the queue holds QUEUE jobs",
            run: the_feeder_waits_for_the_workers,
        },
    ])
}
