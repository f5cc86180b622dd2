// Checks for day 4 (stretch), feed_and_drain. Feeding every job before
// draining deadlocks on every run: the channels hold at most 8 jobs, and the
// harness reports at once when every thread waits. How far the feeding gets
// ahead of the delivered results is read when the code under test has done
// all it can (`observe::settle_spawned`), so an unbounded channel shows on
// every run too, with no timing involved. And with slow workers (each of
// their sends held until the other threads have done all they can), a feeder
// that only peeks at the results between sends deadlocks on every run.
checker::subject!("../../../../exercises/day04_feed_and_drain.rs");

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::ThreadId;

use checker::harness::{self, Check};
use checker::{Failure, ensure, gate, observe};

/// More jobs than the channels can hold, by far.
const JOBS: u32 = 20;

/// At most this many jobs can be taken from `jobs` and not yet delivered,
/// with every channel bounded by CAPACITY (2): 2 in each queue, 1 in each
/// worker's hand, 2 in `results`, 1 in the feeder's hand and 1 being
/// delivered.
const IN_FLIGHT: usize = 3 * 2 + 4;

/// Runs `run_jobs` on `jobs`; returns the results in the order delivered.
/// With `watch`, every delivery first waits until the other threads have
/// done all they can, and fails if the feeding ran too far ahead.
fn run(jobs: Vec<u32>, watch: bool) -> Result<Vec<u64>, Failure> {
    let fed = Arc::new(AtomicUsize::new(0));
    let source = {
        let fed = Arc::clone(&fed);
        jobs.into_iter().inspect(move |_| {
            fed.fetch_add(1, SeqCst);
        })
    };
    let got = Mutex::new(Vec::new());
    let ahead: Mutex<Option<String>> = Mutex::new(None);
    exercise::run_jobs(source, |result| {
        let mut got = got.lock().unwrap_or_else(PoisonError::into_inner);
        let mut ahead = ahead.lock().unwrap_or_else(PoisonError::into_inner);
        if watch && ahead.is_none() {
            let here = observe::tid();
            observe::settle_spawned(|t| t.tid != Some(here));
            let fed = fed.load(SeqCst);
            let delivered = got.len();
            if fed - delivered > IN_FLIGHT {
                *ahead = Some(format!(
                    "When result #{} reached `deliver`, {fed} jobs had been taken from `jobs` and only {delivered} \
                     results delivered:\n{} jobs were on their way at once. With every channel bounded by \
                     CAPACITY (2), at most {IN_FLIGHT} can be\n(2 in each queue and in `results`, one in each \
                     worker's and the feeder's hand, one being delivered).\n\
                     Is one of the channels unbounded, or do results wait somewhere before they reach `deliver`?",
                    delivered + 1,
                    fed - delivered,
                ));
            }
        }
        got.push(result);
    });
    if let Some(message) = ahead.into_inner().unwrap_or_else(PoisonError::into_inner) {
        return Err(Failure::wrong(message));
    }
    Ok(got.into_inner().unwrap_or_else(PoisonError::into_inner))
}

fn every_result_once(jobs: Vec<u32>, watch: bool) -> Result<(), Failure> {
    let mut got = run(jobs.clone(), watch)?;
    got.sort_unstable();
    let mut want: Vec<u64> = jobs.iter().map(|&j| u64::from(j) * u64::from(j)).collect();
    want.sort_unstable();
    ensure!(
        got == want,
        "run_jobs({jobs:?}, ...) delivered {got:?} (sorted), but the squares of the jobs are {want:?}.\n\
         Each job goes to exactly one worker, and each result to `deliver` once."
    );
    harness::threads_end("run_jobs")
}

fn capacity_is_two() -> Result<(), Failure> {
    ensure!(
        exercise::CAPACITY == 2,
        "CAPACITY is {}; every channel here holds 2 messages. Put it back to 2: the bounds are the point.",
        exercise::CAPACITY
    );
    Ok(())
}

fn a_few_jobs() -> Result<(), Failure> {
    every_result_once(Vec::new(), false)?;
    every_result_once(vec![7], false)?;
    every_result_once(vec![2, 3, 4], false)
}

fn more_jobs_than_the_channels_hold() -> Result<(), Failure> {
    every_result_once((1..=JOBS).collect(), false)
}

fn all_even_jobs() -> Result<(), Failure> {
    every_result_once((1..=JOBS).map(|j| j * 2).collect(), false)
}

fn results_flow_while_jobs_go_in() -> Result<(), Failure> {
    every_result_once((1..=JOBS).rev().collect(), true)
}

/// The workers are slow: each of their sends waits until the other threads
/// have done all they can (`gate::hold_sends`), and then goes on its own,
/// the latest-spawned worker's first. The jobs fill both workers' queues
/// and hands before any result comes out, then go to one worker, then to
/// the other: whichever worker was spawned first, its results meet a
/// `results` channel the other one filled while the feeding waited on it.
fn slow_workers() -> Result<(), Failure> {
    gate::hold_sends();
    let jobs = vec![2, 1, 4, 6, 3, 5, 8, 10, 12, 14, 16, 7, 9, 11, 13, 15];
    // A deadlock is reported as it happens (every thread blocked, none held),
    // naming each wait and its line.
    every_result_once(jobs, false)
}

static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);

/// The job source panics at its third job, on whichever thread feeds.
fn a_panic_in_jobs_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    let jobs = (1..=JOBS).inspect(|&job| {
        if job == 3 {
            *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
            panic!("the job source failed at job 3");
        }
    });
    harness::panic_reaches_caller("run_jobs", "The job source (`jobs`)", &PANICKED, || {
        exercise::run_jobs(jobs, |_| {});
        "normally,"
    })?;
    harness::threads_end("run_jobs")
}

fn main() {
    harness::run(&[
        Check { name: "every channel holds CAPACITY (2)", run: capacity_is_two },
        Check { name: "a few jobs: every result delivered once", run: a_few_jobs },
        Check {
            name: "20 jobs, more than the channels hold: every result delivered once",
            run: more_jobs_than_the_channels_hold,
        },
        Check { name: "20 jobs all for one worker", run: all_even_jobs },
        Check {
            name: "the results are delivered while the jobs go in, never more than 10 ahead",
            run: results_flow_while_jobs_go_in,
        },
        Check { name: "slow workers: results are taken out while a send waits for room", run: slow_workers },
        Check { name: "a panic in the job source reaches the caller", run: a_panic_in_jobs_reaches_the_caller },
    ])
}
