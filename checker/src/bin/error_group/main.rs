// Checks for day 18, error_group.
checker::subject!("../../../../exercises/day18_error_group.rs");

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use checker::harness::{self, Check, Kind};
use checker::{Failure, ensure, vtime};
use exercise::Job;
use tokio::time::{Instant, sleep, timeout};

/// Every step a job took: (job, ms after the start).
type Steps = Arc<Mutex<Vec<(usize, u64)>>>;

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

fn log(steps: &Steps, id: usize, start: Instant) {
    steps.lock().unwrap_or_else(PoisonError::into_inner).push((id, ms(start.elapsed())));
}

/// Job `id`: one step `after_ms` after it starts, then it succeeds with `value`.
fn succeeds(steps: &Steps, start: Instant, id: usize, after_ms: u64, value: u32) -> Job {
    let steps = Arc::clone(steps);
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        log(&steps, id, start);
        Ok(value)
    })
}

/// Job `id`: one step `after_ms` after it starts, then it fails with `why`.
fn fails(steps: &Steps, start: Instant, id: usize, after_ms: u64, why: &str) -> Job {
    let steps = Arc::clone(steps);
    let why = why.to_string();
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        log(&steps, id, start);
        Err(why)
    })
}

/// Job `id`: a poller, one step every 100 ms, and never done.
fn poller(steps: &Steps, start: Instant, id: usize) -> Job {
    let steps = Arc::clone(steps);
    Box::pin(async move {
        loop {
            sleep(Duration::from_millis(100)).await;
            log(&steps, id, start);
        }
    })
}

/// Job `id`: panics `after_ms` after it starts, with a `&str` message
/// (`literal`) or a `String` one.
fn panics(id: usize, after_ms: u64, literal: bool) -> Job {
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        if literal {
            panic!("the disk is on fire");
        }
        panic!("job {id} lost its disk");
    })
}

/// How long a check waits for run_group, in virtual time, before it decides
/// that run_group waits for something that never comes.
const PATIENCE: Duration = Duration::from_secs(60);

/// What run_group returned, and where: the virtual instant, and how many
/// steps the jobs had taken by then. On the paused clock many things happen
/// at one instant, so "after" is decided by the order of the log.
struct Returned {
    got: Result<Vec<u32>, String>,
    ms: u64,
    seen: usize,
}

/// Calls run_group on `jobs`; `None` if it had not returned after PATIENCE.
async fn call(steps: &Steps, start: Instant, jobs: Vec<Job>) -> Option<Returned> {
    let got = timeout(PATIENCE, exercise::run_group(jobs)).await.ok()?;
    let seen = steps.lock().unwrap_or_else(PoisonError::into_inner).len();
    Some(Returned { got, ms: ms(start.elapsed()), seen })
}

/// Is this `todo!()`'s panic?
fn is_todo(panic: &(dyn std::any::Any + Send)) -> bool {
    let text = panic.downcast_ref::<&str>().copied().or(panic.downcast_ref::<String>().map(String::as_str));
    text.is_some_and(|t| t.starts_with("not yet implemented"))
}

/// Like `call`, for jobs one of which panics at 200 ms: run_group's own
/// panic is a `panic` verdict that says what it did to the group.
async fn call_catching(steps: &Steps, start: Instant, jobs: Vec<Job>) -> Result<Option<Returned>, Failure> {
    match checker::vtime::catch_unwind(call(steps, start, jobs)).await {
        Ok(back) => Ok(back),
        Err(panic) => {
            if is_todo(&*panic) {
                // A todo!() left in run_group's code: the harness says where.
                std::panic::resume_unwind(panic);
            }
            let message = exercise::panic_error(panic);
            let message = message.trim_start_matches("panicked: ");
            Err(Failure {
                kind: Kind::Panic,
                message: format!(
                    "Job 1 panicked at 200 ms, and run_group panicked too, at {} ms:\n  {message}\n\
                     One failed job took the whole group down, and run_group's caller with it, as an\n\
                     unrecovered panic ends a Go program. But tokio caught the job's panic on its task\n\
                     and handed it to you as a value: where did you turn it back into a panic?",
                    ms(start.elapsed())
                ),
            }
            .in_fn("run_group"))
        }
    }
}

/// The failure for a run_group still waiting PATIENCE after `what`.
fn never_returned(what: &str) -> Failure {
    Failure::wrong(format!(
        "{what}, yet run_group had not returned {} s later. One of the other jobs never ends:\n\
         is run_group waiting for every job before it reports? An error is news: what tells you\n\
         that a job has failed the moment it fails, whichever job it is?",
        PATIENCE.as_secs()
    ))
}

/// Steps taken after run_group returned, per job: "job 1 took 36000 steps
/// (at 400, 500, 600, ... ms)".
fn steps_after(steps: &Steps, returned: &Returned) -> Vec<String> {
    let steps = steps.lock().unwrap_or_else(PoisonError::into_inner);
    let late = &steps[returned.seen.min(steps.len())..];
    let mut jobs: Vec<usize> = late.iter().map(|&(id, _)| id).collect();
    jobs.sort();
    jobs.dedup();
    jobs.iter()
        .map(|&id| {
            let at: Vec<u64> = late.iter().filter(|&&(j, _)| j == id).map(|&(_, t)| t).collect();
            let first: Vec<String> = at.iter().take(3).map(|t| t.to_string()).collect();
            let more = if at.len() > 3 { ", ..." } else { "" };
            let n = at.len();
            format!("job {id} took {n} step{} (at {}{more} ms)", if n == 1 { "" } else { "s" }, first.join(", "))
        })
        .collect()
}

/// After run_group returned: its tasks are all gone, and no job took a
/// step after that.
async fn nothing_runs_on(steps: &Steps, returned: &Returned) -> Result<(), Failure> {
    let at = returned.ms;
    let ended = vtime::tasks_end("run_group").await;
    let late = steps_after(steps, returned);
    if let Err(mut leak) = ended {
        if !late.is_empty() {
            leak.message.push_str(&format!("\nAfter run_group returned at {at} ms, {}.", late.join("; ")));
        }
        leak.message.push_str(
            "\nReturning the first error stops the waiting, not the work: the other jobs' tasks\n\
             run on, detached. Which of your tasks are still running when run_group returns?",
        );
        return Err(leak);
    }
    // A task that took a step after run_group returned was still alive
    // then, even if it ended later: it outlived the function that started it.
    if !late.is_empty() {
        let sites = checker::lines::spawn_sites();
        let spawned = if sites.is_empty() { String::new() } else { format!(" (spawned at {})", sites.join(", ")) };
        return Err(Failure::leak(format!(
            "run_group returned at {at} ms, but the other jobs' tasks{spawned} were still running:\n\
             {}.\n\
             Returning the first error stops the waiting, not the work. Once a job has failed,\n\
             the group's answer is known: who stops the rest?",
            late.join("; ")
        ))
        .in_fn("run_group"));
    }
    Ok(())
}

fn all_succeed() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let jobs = vec![
            succeeds(&steps, start, 0, 100, 1),
            succeeds(&steps, start, 1, 300, 3),
            succeeds(&steps, start, 2, 200, 2),
        ];
        let Some(back) = call(&steps, start, jobs).await else {
            return Err(never_returned("3 jobs succeeded by 300 ms"));
        };
        let (got, at) = (&back.got, back.ms);
        ensure!(
            *got == Ok(vec![1, 3, 2]) && at == 300,
            "3 jobs, succeeding after 100, 300 and 200 ms with 1, 3 and 2: run_group returned\n\
             {got:?} at {at} ms, but should return Ok([1, 3, 2]) at 300 ms, as soon as the last\n\
             job is done.{}",
            if *got == Ok(vec![1, 2, 3]) {
                "\nThe values go back in the order of the jobs, not in the order the jobs finished."
            } else if at >= 600 {
                "\nRun together, the jobs are all done at 300 ms; one after another, they need 600.\n\
                 Does each job run on a task of its own, all started before you wait for any?"
            } else {
                ""
            }
        );
        ensure!(
            exercise::run_group(Vec::new()).await == Ok(Vec::new()),
            "run_group with no jobs at all should return Ok([]) at once: nothing can fail."
        );
        Ok(())
    })
}

fn the_first_error_comes_back_at_once() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let jobs = vec![
            succeeds(&steps, start, 0, 1000, 1),
            fails(&steps, start, 1, 200, "the first error"),
            poller(&steps, start, 2),
            fails(&steps, start, 3, 300, "a later error"),
        ];
        let Some(back) = call(&steps, start, jobs).await else {
            return Err(never_returned("Job 1 failed at 200 ms"));
        };
        let (got, at) = (&back.got, back.ms);
        ensure!(
            *got == Err("the first error".to_string()) && at == 200,
            "Job 0 succeeds at 1000 ms, job 1 fails at 200 ms with \"the first error\", job 2 never\n\
             ends, and job 3 would fail at 300 ms with \"a later error\". run_group returned\n\
             {got:?} at {at} ms,\n\
             but should return Err(\"the first error\") at 200 ms, the moment job 1 failed.{}",
            if at > 200 {
                "\nThe first error in time is the one that counts, whatever its place in the list:\n\
                 in what order do you look at the jobs' results?"
            } else {
                ""
            }
        );
        nothing_runs_on(&steps, &back).await
    })
}

fn an_error_is_never_lost() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let jobs = vec![
            succeeds(&steps, start, 0, 100, 1),
            fails(&steps, start, 1, 200, "bad input"),
            succeeds(&steps, start, 2, 300, 3),
        ];
        let Some(back) = call(&steps, start, jobs).await else {
            return Err(never_returned("Job 1 failed at 200 ms"));
        };
        let (got, at) = (&back.got, back.ms);
        ensure!(
            *got == Err("bad input".to_string()) && at == 200,
            "Job 0 succeeds at 100 ms, job 1 fails at 200 ms with \"bad input\", job 2 would succeed\n\
             at 300 ms: run_group returned {got:?} at {at} ms, but should return Err(\"bad input\")\n\
             at 200 ms.{}",
            if got.is_ok() {
                "\nThe caller was told that every job succeeded: job 1's error was lost on the way.\n\
                 Follow job 1's Result from the job to run_group's return: where is it dropped?"
            } else if at > 200 {
                "\nThe error was known at 200 ms, but the caller heard of it only when every job was\n\
                 done. Is run_group waiting for all the jobs before it reports?"
            } else {
                ""
            }
        );
        nothing_runs_on(&steps, &back).await
    })
}

fn a_panic_is_a_failure() -> Result<(), Failure> {
    for literal in [true, false] {
        vtime::run(async {
            let start = Instant::now();
            let steps: Steps = Arc::default();
            let jobs =
                vec![succeeds(&steps, start, 0, 100, 1), panics(1, 200, literal), succeeds(&steps, start, 2, 400, 3)];
            let want = if literal { "panicked: the disk is on fire" } else { "panicked: job 1 lost its disk" };
            let Some(back) = call_catching(&steps, start, jobs).await? else {
                return Err(never_returned("Job 1 panicked at 200 ms"));
            };
            let (got, at) = (&back.got, back.ms);
            ensure!(
                *got == Err(want.to_string()) && at == 200,
                "Job 0 succeeds at 100 ms, job 1 panics at 200 ms (\"{}\"), job 2 would succeed at\n\
                 400 ms: run_group returned {got:?} at {at} ms, but should return\n\
                 Err({want:?}) at 200 ms: a job that panics has failed.{}",
                want.trim_start_matches("panicked: "),
                if got.is_ok() {
                    "\nThe caller was told that every job succeeded. A task's panic does not vanish:\n\
                     what does its JoinHandle give back instead of the job's Result?"
                } else {
                    ""
                }
            );
            nothing_runs_on(&steps, &back).await
        })?;
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "every job succeeds: their values in order, as soon as the last is done", run: all_succeed },
        Check { name: "a job's error is never lost", run: an_error_is_never_lost },
        Check {
            name: "the first error, in time, comes back the moment it happens, and the rest stop",
            run: the_first_error_comes_back_at_once,
        },
        Check {
            name: "a job's panic is its failure, not the group's: an error, and the rest stop",
            run: a_panic_is_a_failure,
        },
    ])
}
