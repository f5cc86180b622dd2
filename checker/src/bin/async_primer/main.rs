// Checks for day 15, async_primer.
checker::subject!("../../../../exercises/day15_async_primer.rs");

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use exercise::Job;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep, sleep_until};

/// A job sent `at_ms` after the start; once started, it is done `takes_ms`
/// later, with `value`.
struct Arrival {
    at_ms: u64,
    takes_ms: u64,
    value: u32,
}

/// What the check saw of one call.
struct Outcome {
    /// The results reported, in order.
    reported: Vec<u32>,
    /// When run_jobs returned, in ms after the start.
    returned_ms: u64,
    /// Tasks run_jobs spawned that were still alive when it returned.
    alive: usize,
    /// A send failed: run_jobs had dropped its Receiver before the channel closed.
    receiver_dropped: bool,
    /// How long run_jobs blocked its thread in the course's (thread) clock.
    blocked_ms: u64,
}

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

/// Runs `run_jobs` on the paused clock: the jobs are sent as told, and the
/// channel is closed `close_ms` after the start.
fn run(sends: &'static [Arrival], close_ms: u64) -> Outcome {
    vtime::run(async move {
        let start = Instant::now();
        let (tx, rx) = mpsc::channel::<Job>(16);
        let dropped = Arc::new(AtomicBool::new(false));
        let feeder = {
            let dropped = Arc::clone(&dropped);
            tokio::spawn(async move {
                for s in sends {
                    sleep_until(start + Duration::from_millis(s.at_ms)).await;
                    let (takes, value) = (Duration::from_millis(s.takes_ms), s.value);
                    let job: Job = Box::pin(async move {
                        sleep(takes).await;
                        value
                    });
                    if tx.send(job).await.is_err() {
                        dropped.store(true, SeqCst);
                    }
                }
                sleep_until(start + Duration::from_millis(close_ms)).await;
                // Dropping `tx` closes the channel: no more jobs.
            })
        };
        let mut reported = Vec::new();
        let thread_clock = checker::clock::elapsed();
        exercise::run_jobs(rx, async |v| reported.push(v)).await;
        let blocked_ms = ms(checker::clock::elapsed() - thread_clock);
        let returned_ms = ms(start.elapsed());
        let all = tokio::runtime::Handle::current().metrics().num_alive_tasks();
        let alive = all - usize::from(!feeder.is_finished());
        Outcome { reported, returned_ms, alive, receiver_dropped: dropped.load(SeqCst), blocked_ms }
    })
}

/// Fails with a `leak` verdict if a task run_jobs spawned outlived it.
fn no_task_left(out: &Outcome) -> Result<(), Failure> {
    if out.alive == 0 {
        return Ok(());
    }
    let sites = checker::lines::spawn_sites();
    let spawned = match sites.as_slice() {
        [] => String::new(),
        [one] => format!(" The file spawns them at {one}."),
        many => format!(" The file spawns tasks at {}.", many.join(", ")),
    };
    Err(Failure::leak(format!(
        "run_jobs returned at {} ms while {} task(s) it spawned were still running.{spawned}\n\
         A task runs on whether or not anyone awaits it, like a goroutine; a result nobody awaits\n\
         is lost. Await every JoinHandle before you return.",
        out.returned_ms, out.alive
    )))
}

/// Why jobs may be missing: an empty channel taken for a closed one.
fn lost_jobs(out: &Outcome, sent: usize) -> &'static str {
    if out.reported.len() >= sent {
        ""
    } else if out.receiver_dropped {
        "\nrun_jobs dropped its Receiver before the channel closed, and a job sent later was lost.\n\
         An empty channel is not a closed one: `recv().await` waits for the next job, and gives\n\
         None only once every Sender is gone."
    } else {
        "\nAn empty channel is not a closed one: `recv().await` waits for the next job, and gives\n\
         None only once every Sender is gone."
    }
}

/// Fails if run_jobs blocked its thread in a thread's sleep.
fn never_blocks(out: &Outcome) -> Result<(), Failure> {
    ensure!(
        out.blocked_ms == 0,
        "run_jobs blocked its thread for {} ms in a thread's sleep (`checker::thread::sleep`). The\n\
         runtime runs every task on that thread: while it sleeps, no task takes a step. In async\n\
         code, wait with `.await`: for a task, on its JoinHandle; for time, `tokio::time::sleep(d).await`.",
        out.blocked_ms
    );
    Ok(())
}

static AT_ONCE: [Arrival; 3] = [
    Arrival { at_ms: 0, takes_ms: 300, value: 1 },
    Arrival { at_ms: 0, takes_ms: 100, value: 2 },
    Arrival { at_ms: 0, takes_ms: 200, value: 3 },
];

fn every_result_in_arrival_order() -> Result<(), Failure> {
    let out = run(&AT_ONCE, 0);
    no_task_left(&out)?;
    never_blocks(&out)?;
    ensure!(
        out.reported == [1, 2, 3],
        "Jobs giving 1, 2 and 3 arrived in that order (done after 300, 100 and 200 ms), and\n\
         run_jobs reported {:?}. Report each job's result once, in the order the jobs arrived\n\
         (not the order they finish), and only then return.{}",
        out.reported,
        if out.reported.is_empty() { "\nNothing was reported: is each `report(..)` future awaited?" } else { "" }
    );
    Ok(())
}

fn the_jobs_run_at_once() -> Result<(), Failure> {
    let out = run(&AT_ONCE, 0);
    ensure!(
        out.returned_ms == 300,
        "Jobs taking 300, 100 and 200 ms all arrived at the start: run_jobs returned at {} ms,\n\
         but run at once they are all done at 300 ms.{}",
        out.returned_ms,
        if out.returned_ms >= 600 {
            "\nOne after the other they take 600 ms: a job awaited (or its task's handle awaited)\n\
             before the next one is started runs alone. Start them all, then await."
        } else {
            ""
        }
    );
    Ok(())
}

static ONE_LATER: [Arrival; 2] =
    [Arrival { at_ms: 0, takes_ms: 300, value: 1 }, Arrival { at_ms: 200, takes_ms: 100, value: 2 }];

fn each_job_starts_as_it_arrives() -> Result<(), Failure> {
    let out = run(&ONE_LATER, 250);
    no_task_left(&out)?;
    ensure!(
        out.reported == [1, 2] && out.returned_ms == 300,
        "A job taking 300 ms arrived at the start, one taking 100 ms at 200 ms, and the channel\n\
         closed at 250 ms: both are done at 300 ms if each starts as it arrives. run_jobs\n\
         reported {:?} and returned at {} ms.{}{}",
        out.reported,
        out.returned_ms,
        if out.returned_ms > 300 {
            "\nA job waiting in a Vec until the channel closes has not started yet."
        } else {
            ""
        },
        lost_jobs(&out, ONE_LATER.len())
    );
    Ok(())
}

static WITH_A_GAP: [Arrival; 2] =
    [Arrival { at_ms: 0, takes_ms: 100, value: 1 }, Arrival { at_ms: 500, takes_ms: 100, value: 2 }];

fn jobs_until_the_channel_closes() -> Result<(), Failure> {
    let out = run(&WITH_A_GAP, 700);
    no_task_left(&out)?;
    ensure!(
        out.reported == [1, 2] && out.returned_ms == 700,
        "One job arrived at the start, another at 500 ms, and the channel closed at 700 ms:\n\
         run_jobs reported {:?} and returned at {} ms, but should report [1, 2] and return at\n\
         700 ms, once the channel is closed.{}",
        out.reported,
        out.returned_ms,
        lost_jobs(&out, WITH_A_GAP.len())
    );
    Ok(())
}

/// Job 2 of 2; it panics after 50 ms.
fn fails() -> u32 {
    panic!("job 2 failed")
}

fn a_panicking_job_reaches_the_caller() -> Result<(), Failure> {
    let outcome = std::panic::catch_unwind(|| {
        vtime::run(async {
            let (tx, rx) = mpsc::channel::<Job>(2);
            let ok: Job = Box::pin(async {
                sleep(Duration::from_millis(100)).await;
                1
            });
            let failing: Job = Box::pin(async {
                sleep(Duration::from_millis(50)).await;
                fails()
            });
            for job in [ok, failing] {
                tx.send(job).await.expect("the channel has room for both jobs");
            }
            drop(tx);
            let mut reported = Vec::new();
            exercise::run_jobs(rx, async |v| reported.push(v)).await;
            reported
        })
    });
    match outcome {
        Err(_) => Ok(()),
        Ok(reported) => Err(Failure::wrong(format!(
            "Job 2 panicked, yet run_jobs returned (having reported {reported:?}) as if every job had\n\
             been done. Awaiting its JoinHandle gave an Err that holds the panic: pass it on to the\n\
             caller instead of dropping it."
        ))),
    }
}

fn main() {
    harness::run(&[
        Check { name: "every result, in the order the jobs arrived", run: every_result_in_arrival_order },
        Check { name: "the jobs run at the same time", run: the_jobs_run_at_once },
        Check { name: "each job starts as soon as it arrives", run: each_job_starts_as_it_arrives },
        Check { name: "jobs are taken until the channel closes", run: jobs_until_the_channel_closes },
        Check { name: "a job's panic reaches the caller", run: a_panicking_job_reaches_the_caller },
    ])
}
