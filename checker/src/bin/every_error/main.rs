// Checks for day 18 (stretch), every_error.
checker::subject!("../../../../exercises/day18_every_error.rs");

use std::time::Duration;

use checker::harness::{self, Check, Kind};
use checker::{Failure, ensure, vtime};
use exercise::Job;
use tokio::time::{Instant, sleep, timeout};

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

/// A job that ends `after_ms` after it starts with `outcome`.
fn ends(after_ms: u64, outcome: Result<u32, &str>) -> Job {
    let outcome = outcome.map_err(str::to_string);
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        outcome
    })
}

/// A job that panics `after_ms` after it starts, with a `&str` message
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

/// Is this `todo!()`'s panic?
fn is_todo(panic: &(dyn std::any::Any + Send)) -> bool {
    let text = panic.downcast_ref::<&str>().copied().or(panic.downcast_ref::<String>().map(String::as_str));
    text.is_some_and(|t| t.starts_with("not yet implemented"))
}

type Answer = Result<Vec<u32>, Vec<String>>;

/// run_all on `jobs`: what it returned and when, a panic out of it as a
/// `panic` verdict, and a task left alive as a `leak`.
async fn call(jobs: Vec<Job>) -> Result<(Answer, u64), Failure> {
    let start = Instant::now();
    let run = timeout(Duration::from_secs(60), exercise::run_all(jobs));
    let got = match checker::vtime::catch_unwind(run).await {
        Ok(Ok(got)) => got,
        Ok(Err(_)) => {
            return Err(Failure::wrong("run_all had not returned 60 s (of virtual time) after its last job was done."));
        }
        Err(panic) => {
            if is_todo(&*panic) {
                // A todo!() left in the code's code: the harness says where.
                std::panic::resume_unwind(panic);
            }
            let message = exercise::panic_error(panic);
            let message = message.trim_start_matches("panicked: ");
            return Err(Failure {
                kind: Kind::Panic,
                message: format!(
                    "A job panicked, and run_all panicked too, at {} ms:\n  {message}\n\
                     One failed job took the whole batch down, and every other job's outcome with it.\n\
                     tokio caught the job's panic on its task and handed it to you as a value: where\n\
                     did you turn it back into a panic?",
                    ms(start.elapsed())
                ),
            }
            .in_fn("run_all"));
        }
    };
    let at = ms(start.elapsed());
    vtime::tasks_end("run_all").await?;
    Ok((got, at))
}

fn all_succeed() -> Result<(), Failure> {
    vtime::run(async {
        let (got, at) = call(vec![ends(100, Ok(1)), ends(300, Ok(3)), ends(200, Ok(2))]).await?;
        ensure!(
            got == Ok(vec![1, 3, 2]) && at == 300,
            "3 jobs, succeeding after 100, 300 and 200 ms with 1, 3 and 2: run_all returned\n\
             {got:?} at {at} ms, but should return Ok([1, 3, 2]) at 300 ms, as soon as the last\n\
             job is done.{}",
            if at >= 600 {
                "\nRun together, the jobs are all done at 300 ms; one after another, they need 600.\n\
                 Does each job run on a task of its own, all started before you wait for any?"
            } else {
                ""
            }
        );
        let (got, _) = call(Vec::new()).await?;
        ensure!(got == Ok(Vec::new()), "run_all with no jobs returned {got:?}, but should return Ok([]).");
        Ok(())
    })
}

fn every_error_in_the_order_of_the_jobs() -> Result<(), Failure> {
    vtime::run(async {
        let jobs =
            vec![ends(100, Ok(1)), ends(300, Err("job 1 failed")), ends(200, Err("job 2 failed")), ends(400, Ok(4))];
        let (got, at) = call(jobs).await?;
        let want: Answer = Err(vec!["job 1 failed".into(), "job 2 failed".into()]);
        ensure!(
            got == want && at == 400,
            "Job 0 succeeds at 100 ms, job 1 fails at 300 ms, job 2 fails at 200 ms, job 3 succeeds\n\
             at 400 ms: run_all returned {got:?} at {at} ms,\n\
             but should return {want:?} at 400 ms.{}",
            match &got {
                _ if at < 400 => "\nThe caller asked for every job's fate: can you answer before the last job is done?",
                Err(errors) if errors.len() < 2 => "\nAn error is missing: the caller asked for every one of them.",
                Err(errors) if errors.first().map(String::as_str) == Some("job 2 failed") =>
                    "\nThe errors go back in the order of the jobs, not in the order they happened: how else\n\
                     could the caller tell which error is whose?",
                _ => "",
            }
        );
        Ok(())
    })
}

fn a_panic_is_one_more_error() -> Result<(), Failure> {
    vtime::run(async {
        let jobs = vec![panics(0, 100, true), ends(200, Err("job 1 failed")), panics(2, 300, false), ends(400, Ok(4))];
        let (got, at) = call(jobs).await?;
        let want: Answer = Err(vec![
            "panicked: the disk is on fire".into(),
            "job 1 failed".into(),
            "panicked: job 2 lost its disk".into(),
        ]);
        ensure!(
            got == want && at == 400,
            "Job 0 panics at 100 ms (\"the disk is on fire\"), job 1 fails at 200 ms, job 2 panics at\n\
             300 ms (\"job 2 lost its disk\"), job 3 succeeds at 400 ms: run_all returned\n\
             {got:?} at {at} ms,\n\
             but should return {want:?} at 400 ms.{}",
            match &got {
                Err(errors) if errors.len() < 3 && at == 400 =>
                    "\nA job that panics has failed: where did its panic go? What does a task's JoinHandle\n\
                     give back in place of the job's Result?",
                _ => "",
            }
        );
        Ok(())
    })
}

fn main() {
    harness::run(&[
        Check { name: "every job succeeds: their values in order, when the last is done", run: all_succeed },
        Check {
            name: "every error, in the order of the jobs, when the last is done",
            run: every_error_in_the_order_of_the_jobs,
        },
        Check { name: "a job's panic is one more error, in its place", run: a_panic_is_one_more_error },
    ])
}
