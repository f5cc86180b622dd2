// Checks for day 17, cancel_threads.
checker::subject!("../../../../exercises/day17_cancel_threads.rs");

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;
use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure};
use crossbeam::channel::{Receiver, Sender, bounded, select, unbounded};
use tokio_util::sync::CancellationToken;

const WORKERS: usize = 3;

/// Gated: each unit of work waits for the check's go-ahead (check 3).
/// Otherwise units return at once.
static GATED: AtomicBool = AtomicBool::new(false);
/// The check has cancelled the caller's token.
static CANCELLED: AtomicBool = AtomicBool::new(false);
/// Units started after the cancel, per worker id.
static AFTER_CANCEL: Mutex<BTreeMap<usize, usize>> = Mutex::new(BTreeMap::new());
/// One go-ahead channel per worker id (gated mode).
static GO: Mutex<Vec<Receiver<()>>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A unit of work seen: which worker, on what thread.
type Unit = (usize, ThreadId);

/// Units seen (free mode). Bounded and never waited on: a worker spinning
/// forever does not fill memory.
static SEEN: LazyLock<(Sender<Unit>, Receiver<Unit>)> = LazyLock::new(|| bounded(64));
/// A gated unit has started and waits for its go-ahead.
static ENTERED: LazyLock<(Sender<usize>, Receiver<usize>)> = LazyLock::new(unbounded);

/// The unit of work handed to the crew.
fn work(id: usize) {
    if !GATED.load(SeqCst) {
        let _ = SEEN.0.try_send((id, std::thread::current().id()));
        std::thread::yield_now();
        return;
    }
    if CANCELLED.load(SeqCst) {
        // Every worker was inside a unit when the token was cancelled, so
        // this one started after the cancel.
        *lock(&AFTER_CANCEL).entry(id).or_default() += 1;
        std::thread::yield_now();
        return;
    }
    let go = lock(&GO).get(id).cloned();
    let _ = ENTERED.0.send(id);
    if let Some(go) = go {
        let _ = go.recv(); // a go-ahead, or the channel closed
    }
}

fn reset(gated: bool) {
    GATED.store(gated, SeqCst);
    CANCELLED.store(false, SeqCst);
    lock(&AFTER_CANCEL).clear();
    while SEEN.1.try_recv().is_ok() {}
    while ENTERED.1.try_recv().is_ok() {}
}

/// Waits until every worker 0..n has done a unit of work; fails if the
/// threads start ended first, or a unit came from the wrong place.
fn every_worker_works(n: usize) -> Result<(), Failure> {
    let mut threads: BTreeMap<usize, ThreadId> = BTreeMap::new();
    let me = std::thread::current().id();
    while threads.len() < n {
        select! {
            recv(SEEN.1) -> unit => {
                let (id, thread) = unit.expect("the check holds a Sender");
                ensure!(id < n, "work({id}) was called, but with {n} workers the ids are 0 to {}.", n - 1);
                ensure!(thread != me, "work({id}) ran on the thread that called start: each worker needs a thread of its own.");
                if let Some(&other) = threads.get(&id) {
                    ensure!(other == thread, "work({id}) was called from two different threads: give each worker its own id.");
                }
                threads.insert(id, thread);
            }
            // Not a timeout: only a pause between looks at the threads.
            default(Duration::from_millis(5)) => {
                let spawned = checker::thread::all_spawned();
                ensure!(
                    !spawned.is_empty(),
                    "start({n} workers) returned without starting any thread. Spawn one thread per worker."
                );
                if spawned.iter().all(|s| s.ended) && SEEN.1.is_empty() {
                    let missing: Vec<usize> = (0..n).filter(|id| !threads.contains_key(id)).collect();
                    return Err(Failure::wrong(format!(
                        "Every thread start spawned has ended, and work was never called for worker(s) {missing:?}.\n\
                         A worker loops, calling work(id), for as long as the crew's token is *not* cancelled."
                    )));
                }
            }
        }
    }
    let mut distinct: Vec<ThreadId> = threads.values().copied().collect();
    distinct.sort_by_key(|t| format!("{t:?}"));
    distinct.dedup();
    ensure!(
        distinct.len() == n,
        "The {n} workers ran on {} thread(s): each worker needs a thread of its own.",
        distinct.len()
    );
    Ok(())
}

fn stop_cancels_and_joins_the_crew() -> Result<(), Failure> {
    reset(false);
    let parent = CancellationToken::new();
    let crew = exercise::start(&parent, WORKERS, work);
    every_worker_works(WORKERS)?;
    crew.stop();
    harness::no_unjoined_threads("stop")
}

fn stop_leaves_the_callers_token_alone() -> Result<(), Failure> {
    reset(false);
    let parent = CancellationToken::new();
    let crew = exercise::start(&parent, WORKERS, work);
    every_worker_works(WORKERS)?;
    crew.stop();
    ensure!(
        !parent.is_cancelled(),
        "After stop(), the caller's token (`parent`) was cancelled too. It belongs to the caller,\n\
         who may have more work running under it: stop() cancels the crew and nothing above it.\n\
         Cancelling a child token never touches its parent; a clone *is* the parent."
    );
    Ok(())
}

const ROUNDS: usize = 3;

fn a_cancelled_parent_stops_every_worker_at_once() -> Result<(), Failure> {
    reset(true);
    let (go, go_ahead): (Vec<_>, Vec<_>) = (0..WORKERS).map(|_| bounded::<()>(1)).unzip();
    *lock(&GO) = go_ahead;
    let parent = CancellationToken::new();
    let crew = exercise::start(&parent, WORKERS, work);
    // Round by round, every worker does one unit; in the last round, the
    // token is cancelled while every worker is inside its unit.
    for round in 1..=ROUNDS {
        let mut entered = [false; WORKERS];
        while entered.iter().any(|e| !e) {
            let id = ENTERED.1.recv().expect("the check holds a Sender");
            ensure!(id < WORKERS, "work({id}) was called, but the ids of {WORKERS} workers are 0 to {}.", WORKERS - 1);
            entered[id] = true;
        }
        if round < ROUNDS {
            for g in &go {
                g.send(()).expect("the check holds a Receiver");
            }
        }
    }
    CANCELLED.store(true, SeqCst);
    parent.cancel();
    drop(go); // every unit in progress ends now
    lock(&GO).clear();
    // Each worker must now see the cancel before its next unit and end.
    harness::threads_end("start")?;
    let after = lock(&AFTER_CANCEL).clone();
    crew.stop();
    let more: Vec<String> = after.iter().map(|(id, n)| format!("worker {id} started {n} more")).collect();
    ensure!(
        more.is_empty(),
        "The caller cancelled `parent` while every worker was inside its unit of work #{ROUNDS}.\n\
         Work went on after the cancel: {}.\n\
         A worker asks its token before *each* unit, and stops as soon as it is cancelled.",
        more.join(", ")
    );
    Ok(())
}

/// A crew started under a parent that is already cancelled: each worker asks
/// before its first unit too, so none is done.
fn an_already_cancelled_parent_means_no_work() -> Result<(), Failure> {
    reset(true);
    CANCELLED.store(true, SeqCst);
    let parent = CancellationToken::new();
    parent.cancel();
    let crew = exercise::start(&parent, WORKERS, work);
    harness::threads_end("start")?;
    let after = lock(&AFTER_CANCEL).clone();
    crew.stop();
    let done: Vec<String> = after.iter().map(|(id, n)| format!("worker {id} did {n}")).collect();
    ensure!(
        done.is_empty(),
        "start was called with a `parent` that was already cancelled, yet work was done: {}.\n\
         A worker asks its token before *each* unit, the first one included: a loop that works first and \
         asks afterwards does one unit too many.",
        done.join(", ")
    );
    Ok(())
}

/// The worker whose unit of work panics, and the thread it panicked on.
const FAULTY: usize = 1;
static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);
/// The faulty worker is about to panic: stop() is called only after, so
/// the panic happens on every run.
static PANICKING: LazyLock<(Sender<()>, Receiver<()>)> = LazyLock::new(unbounded);

fn work_panics_on_faulty(id: usize) {
    if id == FAULTY {
        *lock(&PANICKED) = Some(std::thread::current().id());
        let _ = PANICKING.0.send(());
        panic!("work({id}) failed");
    }
    std::thread::yield_now();
}

fn a_workers_panic_reaches_the_caller() -> Result<(), Failure> {
    *lock(&PANICKED) = None;
    while PANICKING.1.try_recv().is_ok() {}
    let parent = CancellationToken::new();
    let crew = exercise::start(&parent, WORKERS, work_panics_on_faulty);
    // Blocks until worker FAULTY is about to panic (the Sender is static, so never gone).
    let _ = PANICKING.1.recv();
    harness::panic_reaches_caller("Crew::stop", &format!("work({FAULTY})"), &PANICKED, || {
        crew.stop();
        "normally"
    })
}

fn main() {
    harness::run(&[
        Check { name: "the crew works until stop(), which joins every worker", run: stop_cancels_and_joins_the_crew },
        Check { name: "stop() leaves the caller's token alone", run: stop_leaves_the_callers_token_alone },
        Check {
            name: "when the caller cancels `parent`, every worker stops before its next unit of work",
            run: a_cancelled_parent_stops_every_worker_at_once,
        },
        Check {
            name: "under a parent already cancelled, no worker does any work",
            run: an_already_cancelled_parent_means_no_work,
        },
        Check { name: "a worker's panic reaches the caller of Crew::stop", run: a_workers_panic_reaches_the_caller },
    ])
}
