// Checks for day 17, cancel_tasks.
checker::subject!("../../../../exercises/day17_cancel_tasks.rs");

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use exercise::Job;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// Every step a job took: (job, ms after the start).
type Steps = Arc<Mutex<Vec<(usize, u64)>>>;

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

/// Job `id`: one step `after_ms` after it starts, then it is done with `value`.
fn quick(steps: &Steps, start: Instant, id: usize, after_ms: u64, value: u32) -> Job {
    let steps = Arc::clone(steps);
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        steps.lock().unwrap_or_else(PoisonError::into_inner).push((id, ms(start.elapsed())));
        value
    })
}

/// Job `id`: a poller, one step every 100 ms, and never done.
fn poller(steps: &Steps, start: Instant, id: usize) -> Job {
    let steps = Arc::clone(steps);
    Box::pin(async move {
        loop {
            sleep(Duration::from_millis(100)).await;
            steps.lock().unwrap_or_else(PoisonError::into_inner).push((id, ms(start.elapsed())));
        }
    })
}

/// Where run_all returned: the virtual instant, and how many steps the jobs
/// had taken by then. On the paused clock many things happen at one instant,
/// so "after" is decided by the order of the log, not by the time.
#[derive(Clone, Copy)]
struct Returned {
    ms: u64,
    seen: usize,
}

fn returned(steps: &Steps, start: Instant) -> Returned {
    Returned { ms: ms(start.elapsed()), seen: steps.lock().unwrap_or_else(PoisonError::into_inner).len() }
}

/// Steps taken after run_all returned, per job: "job 1 took 36000 steps (at
/// 400, 500, 600, ... ms)".
fn steps_after(steps: &Steps, returned: Returned) -> Vec<String> {
    let steps = steps.lock().unwrap_or_else(PoisonError::into_inner);
    let late = &steps[returned.seen.min(steps.len())..];
    let mut jobs: Vec<usize> = late.iter().map(|&(id, _)| id).collect();
    jobs.sort();
    jobs.dedup();
    let more = jobs.len().saturating_sub(3);
    let mut lines: Vec<String> = jobs
        .iter()
        .take(3)
        .map(|&id| {
            let at: Vec<u64> = late.iter().filter(|&&(j, _)| j == id).map(|&(_, t)| t).collect();
            let first: Vec<String> = at.iter().take(3).map(|t| t.to_string()).collect();
            let more = if at.len() > 3 { ", ..." } else { "" };
            let n = at.len();
            format!("job {id} took {n} step{} (at {}{more} ms)", if n == 1 { "" } else { "s" }, first.join(", "))
        })
        .collect();
    if more > 0 {
        lines.push(format!("and {more} more job{} likewise", if more == 1 { "" } else { "s" }));
    }
    lines
}

/// After run_all returned at `returned_ms`: its tasks are all gone, and no
/// job took a step after that.
async fn nothing_runs_on(steps: &Steps, returned: Returned) -> Result<(), Failure> {
    let returned_ms = returned.ms;
    let ended = vtime::tasks_end("run_all").await;
    let late = steps_after(steps, returned);
    if let Err(mut leak) = ended {
        if !late.is_empty() {
            leak.message.push_str(&format!("\nAfter run_all returned at {returned_ms} ms, {}.", late.join("; ")));
        }
        leak.message.push_str(
            "\nStopping the wait is not stopping the work: each task must drop its job when the token\n\
             it watches is cancelled (a `select!` against its `cancelled()`), and run_all must cancel it.",
        );
        return Err(leak);
    }
    ensure!(
        late.is_empty(),
        "run_all returned at {returned_ms} ms, but its jobs went on working: {}.\n\
         Stopping the wait is not stopping the work: each task must drop its job when it is\n\
         cancelled (a `select!` against the token's `cancelled()`).",
        late.join("; ")
    );
    Ok(())
}

fn all_done_in_time() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let token = CancellationToken::new();
        let jobs =
            vec![quick(&steps, start, 0, 100, 1), quick(&steps, start, 1, 300, 3), quick(&steps, start, 2, 200, 2)];
        let got = exercise::run_all(&token, jobs, Duration::from_millis(500)).await;
        let at = ms(start.elapsed());
        ensure!(
            got == Some(vec![1, 3, 2]) && at == 300,
            "3 jobs, done after 100, 300 and 200 ms with 1, 3 and 2, and a limit of 500 ms:\n\
             run_all returned {got:?} at {at} ms, but should return Some([1, 3, 2]) at 300 ms,\n\
             as soon as the last job is done.{}",
            if at >= 500 {
                "\nRun together, the jobs are all done at 300 ms; one after another, they need 600.\n\
                 Does each job run on a task of its own (tokio::spawn), all started before you wait?"
            } else {
                ""
            }
        );
        Ok(())
    })
}

fn the_limit_stops_every_task() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let token = CancellationToken::new();
        let jobs = vec![quick(&steps, start, 0, 100, 1), poller(&steps, start, 1), quick(&steps, start, 2, 1000, 3)];
        let got = exercise::run_all(&token, jobs, Duration::from_millis(350)).await;
        let back = returned(&steps, start);
        let at = back.ms;
        ensure!(
            got.is_none() && at == 350,
            "Jobs done after 100 ms, never, and after 1000 ms, with a limit of 350 ms: run_all\n\
             returned {got:?} at {at} ms, but should return None at 350 ms.{}",
            if at > 350 {
                "\nThe limit counts from the call, for all the jobs together: a fresh timeout for each\n\
                 job you wait for starts counting only when you start waiting for it."
            } else {
                ""
            }
        );
        nothing_runs_on(&steps, back).await
    })
}

fn a_cancelled_caller_stops_every_task() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let token = CancellationToken::new();
        let caller = token.clone();
        tokio::spawn(async move {
            sleep(Duration::from_millis(150)).await;
            caller.cancel();
        });
        let jobs = vec![poller(&steps, start, 0), poller(&steps, start, 1), quick(&steps, start, 2, 1000, 3)];
        let got = exercise::run_all(&token, jobs, Duration::from_millis(500)).await;
        let back = returned(&steps, start);
        let at = back.ms;
        ensure!(
            got.is_none() && at == 150,
            "The caller cancelled `token` at 150 ms (the limit was 500 ms): run_all returned {got:?}\n\
             at {at} ms, but should return None at 150 ms. Do the tasks' tokens hear of the\n\
             caller's cancel? A child token is cancelled with its parent."
        );
        nothing_runs_on(&steps, back).await
    })
}

fn the_callers_token_is_left_alone() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let token = CancellationToken::new();
        let _ = exercise::run_all(&token, vec![poller(&steps, start, 0)], Duration::from_millis(250)).await;
        ensure!(
            !token.is_cancelled(),
            "After run_all timed out, the caller's `token` was cancelled. It belongs to the caller,\n\
             who may run more work under it: cancel a child of it, never the token itself\n\
             (a clone *is* the token)."
        );
        Ok(())
    })
}

/// Tasks due at the very instant of the limit: enough that a task choosing
/// at random between its job and its token picks the token every time with
/// odds of 2^-64 (tokio's select! cannot be seeded without `tokio_unstable`).
const AT_THE_LIMIT: usize = 64;

fn a_job_due_at_the_limit_is_not_resumed() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let token = CancellationToken::new();
        // Each poller is due for a step at 100, 200, 300 ms: the last at the
        // limit. The timer wakes run_all before the tasks (the runtime polls
        // its main future first), so run_all returns, then each task runs
        // with its job ready and its token cancelled.
        let jobs = (0..AT_THE_LIMIT).map(|id| poller(&steps, start, id)).collect();
        let got = exercise::run_all(&token, jobs, Duration::from_millis(300)).await;
        let back = returned(&steps, start);
        ensure!(
            got.is_none() && back.ms == 300,
            "{AT_THE_LIMIT} jobs that are never done, with a limit of 300 ms: run_all returned {got:?} at\n\
             {} ms, but should return None at 300 ms.",
            back.ms
        );
        nothing_runs_on(&steps, back).await.map_err(|mut f| {
            f.message.push_str(
                "\nEvery job was due for a step at 300 ms, the very instant the limit passed. run_all\n\
                 returned first; when a task ran next, its job was ready, and so was its cancelled token.\n\
                 Which of the two does your task look at first, and is that always the same one?",
            );
            f
        })
    })
}

/// Job `id`: panics `after_ms` after it starts.
fn failing(id: usize, after_ms: u64) -> Job {
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        panic!("job {id} failed");
    })
}

fn a_jobs_panic_reaches_the_caller() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let token = CancellationToken::new();
        let jobs = vec![quick(&steps, start, 0, 100, 1), failing(1, 200), poller(&steps, start, 2)];
        let run = exercise::run_all(&token, jobs, Duration::from_millis(1000));
        match checker::vtime::catch_unwind(run).await {
            Ok(got) => Err(Failure::wrong(format!(
                "Job 1 panicked at 200 ms, yet run_all returned {got:?} at {} ms. The caller cannot tell\n\
                 a failed job from a cancelled one (or from a result): the panic must reach the caller.\n\
                 A task's panic comes out of its JoinHandle as an Err(JoinError): what does that error\n\
                 hold, and how do you throw it on?",
                ms(start.elapsed())
            ))),
            // The panic reached the caller: the other jobs must be stopped too.
            Err(_) => {
                let returned = returned(&steps, start);
                nothing_runs_on(&steps, returned).await.map_err(|mut f| {
                    f.message.push_str(
                        "\n(Here job 1 panicked at 200 ms and run_all passed the panic on, as it should: \
                         but the way out of a panic must stop the other tasks too.)",
                    );
                    f
                })
            }
        }
    })
}

fn main() {
    harness::run(&[
        Check { name: "all jobs done in time: their results, as soon as the last is done", run: all_done_in_time },
        Check { name: "at the limit: None, and every task stops", run: the_limit_stops_every_task },
        Check {
            name: "when the caller cancels: None at once, and every task stops",
            run: a_cancelled_caller_stops_every_task,
        },
        Check { name: "run_all leaves the caller's token alone", run: the_callers_token_is_left_alone },
        Check {
            name: "a job due at the very instant of the limit takes no step after",
            run: a_job_due_at_the_limit_is_not_resumed,
        },
        Check {
            name: "a job's panic reaches the caller, and the other jobs stop",
            run: a_jobs_panic_reaches_the_caller,
        },
    ])
}
