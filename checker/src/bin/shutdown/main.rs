// Checks for day 10, shutdown.
checker::subject!("../../../../exercises/day10_shutdown.rs");

use checker::channel::{Receiver, bounded, select, unbounded};
use checker::harness::{self, Check};
use checker::{Failure, Kind, ensure};
use std::sync::{Arc, Mutex, PoisonError};

/// Jobs handled so far, in order, with the thread that handled each.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<(u32, std::thread::ThreadId)>>>);

impl Log {
    fn work(&self) -> impl Fn(u32) + Send + 'static {
        let log = self.clone();
        move |job| log.0.lock().unwrap_or_else(PoisonError::into_inner).push((job, std::thread::current().id()))
    }
    fn jobs(&self) -> Vec<u32> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).iter().map(|&(j, _)| j).collect()
    }
    fn threads(&self) -> Vec<std::thread::ThreadId> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).iter().map(|&(_, t)| t).collect()
    }
}

/// Runs `exercise::run` on a fresh thread named "worker": a fresh thread's
/// `select!` makes the same random picks on every run.
fn spawn_run(
    jobs: Receiver<u32>,
    done: Receiver<()>,
    work: impl Fn(u32) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("worker".into())
        .spawn(move || exercise::run(jobs, done, work))
        .expect("cannot start the worker thread")
}

/// Joins the worker; a panic in it fails the check with a `panic` verdict.
fn join(worker: std::thread::JoinHandle<()>) -> Result<(), Failure> {
    let Err(panic) = worker.join() else { return Ok(()) };
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    if text.starts_with("not yet implemented") {
        return Err(Failure { kind: Kind::Todo, message: "Not done yet: run reached a `todo!()`.".into() });
    }
    Err(Failure { kind: Kind::Panic, message: format!("run panicked on the worker thread:\n  {text}") })
}

fn run_handles_jobs_until_done() -> Result<(), Failure> {
    let (jobs_tx, jobs) = unbounded();
    let (done_tx, done) = bounded::<()>(0);
    let (ack_tx, ack) = unbounded();
    let (returned_tx, returned) = bounded::<()>(0);
    // The feeder sends jobs one at a time, each once the one before it was
    // handled, then closes done. run itself runs on this thread.
    let feeder = std::thread::Builder::new()
        .name("feeder".into())
        .spawn(move || -> Result<(), String> {
            let early = |job| {
                format!(
                    "run returned too early: job {job} had been sent, done was still open and the job\n\
                     Sender still alive. The worker must keep waiting for jobs until it is told to stop: an empty\n\
                     channel is not a stop signal."
                )
            };
            for job in 1..=3 {
                jobs_tx.send(job).map_err(|_| early(job))?;
                select! {
                    recv(ack) -> got => match got {
                        Ok(j) if j == job => {}
                        Ok(j) => return Err(format!("job {job} was sent to run, and work was called with {j}.")),
                        Err(_) => return Err(early(job)),
                    },
                    recv(returned) -> _ => return Err(early(job)),
                }
            }
            // close(done), once run waits for the next job (every other thread
            // is blocked): a worker that looks at done only between jobs misses
            // it on every run. The job Sender stays alive until run returns:
            // the producers are still around.
            checker::clock::quiesce();
            drop(done_tx);
            let _ = returned.recv();
            drop(jobs_tx);
            Ok(())
        })
        .expect("cannot start the feeder thread");
    // A worker that never sees the signal (or waits for more jobs after it)
    // blocks here: deadlock.
    exercise::run(jobs, done, move |job| {
        let _ = ack_tx.send(job);
    });
    drop(returned_tx);
    feeder.join().expect("the feeder does not panic").map_err(Failure::wrong)
}

fn run_drains_before_it_returns() -> Result<(), Failure> {
    const JOBS: u32 = 20;
    let (jobs_tx, jobs) = unbounded();
    let (done_tx, done) = bounded::<()>(0);
    for job in 1..=JOBS {
        jobs_tx.send(job).expect("the check holds the job Receiver");
    }
    // Done is closed before the worker even starts: both arms are ready from
    // the first select! on, and select! picks among them at random.
    drop(done_tx);
    let log = Log::default();
    let worker = spawn_run(jobs, done, log.work());
    join(worker)?;
    let handled = log.jobs();
    let want: Vec<u32> = (1..=JOBS).collect();
    ensure!(
        handled == want,
        "{JOBS} jobs were waiting when done was closed; run handled {} of them ({handled:?}) and returned.\n\
         Graceful means the jobs already sent are not lost: when the done arm wins, take the jobs\n\
         still in the channel (without waiting for new ones) and handle them before returning.",
        handled.len()
    );
    drop(jobs_tx);
    Ok(())
}

fn run_returns_when_the_jobs_channel_closes() -> Result<(), Failure> {
    let (jobs_tx, jobs) = unbounded();
    let (_done_tx, done) = bounded::<()>(0);
    jobs_tx.send(1).expect("the check holds the job Receiver");
    jobs_tx.send(2).expect("the check holds the job Receiver");
    drop(jobs_tx);
    let log = Log::default();
    // On this thread: a loop that ignores Err(RecvError) spins here (timeout).
    exercise::run(jobs, done, log.work());
    let handled = log.jobs();
    ensure!(handled == [1, 2], "jobs 1 and 2 were sent, then every job Sender was dropped; run handled {handled:?}.");
    Ok(())
}

fn stop_finishes_the_jobs_and_joins_the_worker() -> Result<(), Failure> {
    const JOBS: u32 = 10;
    let (jobs_tx, jobs) = unbounded();
    let log = Log::default();
    let service = exercise::Service::start(jobs, log.work());
    for job in 1..=JOBS {
        jobs_tx.send(job).expect("the worker holds the job Receiver");
    }
    // The job Sender stays alive: stopping must not depend on the producers leaving.
    service.stop();
    harness::no_unjoined_threads("Service::stop")?;
    let spawned = checker::thread::all_spawned().len();
    ensure!(spawned == 1, "Service::start and stop spawned {spawned} threads; the service has one worker thread.");
    let handled = log.jobs();
    let want: Vec<u32> = (1..=JOBS).collect();
    ensure!(
        handled == want,
        "jobs 1 to {JOBS} were sent, then stop was called; when stop returned, the worker had handled\n\
         {handled:?}. stop returns only after the worker has finished the jobs already sent."
    );
    let here = std::thread::current().id();
    ensure!(
        log.threads().iter().all(|&t| t != here),
        "jobs were handled on the thread that called start/stop: run them on the worker thread."
    );
    drop(jobs_tx);
    Ok(())
}

fn stop_after_the_worker_returned_on_its_own() -> Result<(), Failure> {
    let (jobs_tx, jobs) = unbounded();
    let log = Log::default();
    let service = exercise::Service::start(jobs, log.work());
    jobs_tx.send(1).expect("the worker holds the job Receiver");
    // Every job Sender is gone: the worker handles job 1 and returns on its
    // own. The check waits until its thread has ended (the threads'
    // bookkeeping, no time involved), and only then calls stop.
    drop(jobs_tx);
    harness::threads_end("Service::start")?;
    let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| service.stop()));
    if let Err(payload) = stopped {
        let (at, said) = harness::panics_here().pop().unwrap_or_default();
        if said.starts_with("not yet implemented") {
            std::panic::resume_unwind(payload);
        }
        return Err(Failure {
            kind: Kind::Panic,
            message: format!(
                "Every job Sender was dropped, so the worker handled job 1 and returned on its own, as run \
                 does when `jobs` is closed. Then Service::stop was called, and it panicked at {at}:\n  \
                 {said}\nThe worker was already gone: nobody receives on `done` any more. What signal \
                 reaches a worker that has already returned as well as one still serving?"
            ),
        });
    }
    harness::no_unjoined_threads("Service::stop")?;
    let handled = log.jobs();
    ensure!(
        handled == [1],
        "job 1 was sent, then every job Sender was dropped, and stop was called once the worker had\n\
         returned; the worker had handled {handled:?}."
    );
    Ok(())
}

/// The job whose work panics, and the thread it panicked on.
const FAULTY: u32 = 2;
static PANICKED: Mutex<Option<std::thread::ThreadId>> = Mutex::new(None);

fn a_workers_panic_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    let (jobs_tx, jobs) = unbounded();
    let service = exercise::Service::start(jobs, |job| {
        if job == FAULTY {
            *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
            panic!("work({job}) failed");
        }
    });
    for job in 1..=3 {
        // The worker may be gone already, ended by the panic.
        let _ = jobs_tx.send(job);
    }
    let stopped = harness::panic_reaches_caller("Service::stop", &format!("work({FAULTY})"), &PANICKED, || {
        service.stop();
        "normally"
    });
    drop(jobs_tx);
    stopped
}

fn main() {
    harness::run(&[
        Check { name: "run handles jobs as they come, until done is closed", run: run_handles_jobs_until_done },
        Check { name: "run handles the jobs still waiting before it returns", run: run_drains_before_it_returns },
        Check { name: "run returns when every job Sender is gone", run: run_returns_when_the_jobs_channel_closes },
        Check {
            name: "stop lets the worker finish the jobs sent, and joins it",
            run: stop_finishes_the_jobs_and_joins_the_worker,
        },
        Check {
            name: "stop works after the worker returned because every job Sender was gone",
            run: stop_after_the_worker_returned_on_its_own,
        },
        Check { name: "a worker's panic reaches the caller of Service::stop", run: a_workers_panic_reaches_the_caller },
    ])
}
