// Checks for day 11, fan_out_in.
checker::subject!("../../../../exercises/day11_fan_out_in.rs");

use checker::harness::{self, Check};
use checker::observe;
use checker::{Failure, ensure};
use exercise::WORKERS;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

/// Twelve distinct inputs: more jobs than workers, not a multiple of WORKERS.
const INPUTS: [u64; 12] = [30, 11, 42, 7, 25, 3, 18, 50, 9, 14, 36, 21];

fn expected(x: u64) -> u64 {
    x * x + 1
}

/// What `work` saw: each call (input, thread), how many calls finished, and
/// the input (if any) that must wait until some other job has finished.
struct Seen {
    calls: Vec<(u64, ThreadId)>,
    finished: usize,
    held: Option<u64>,
}

static SEEN: Mutex<Seen> = Mutex::new(Seen { calls: Vec::new(), finished: 0, held: None });
static FINISHED: Condvar = Condvar::new();

fn seen() -> MutexGuard<'static, Seen> {
    SEEN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn reset(held: Option<u64>) {
    *seen() = Seen { calls: Vec::new(), finished: 0, held };
}

fn work(x: u64) -> u64 {
    let mut s = seen();
    s.calls.push((x, std::thread::current().id()));
    // The held job finishes only after another job has: its result comes in
    // after at least one other, on every run. With WORKERS threads, some
    // other worker is always free to finish another job meanwhile.
    let held = s.held == Some(x);
    while held && s.finished == 0 {
        s = FINISHED.wait(s).unwrap_or_else(PoisonError::into_inner);
    }
    if held {
        // ...and only once every other worker is idle (or gone): by then
        // the results it finished have been sent, so they arrive first.
        drop(s);
        let me = std::thread::current().id();
        observe::settle_spawned(|t| t.id != me);
        s = seen();
    }
    s.finished += 1;
    FINISHED.notify_all();
    expected(x)
}

fn each_input_once(inputs: &[u64]) -> Result<(), Failure> {
    let calls = seen().calls.clone();
    let mut count: BTreeMap<u64, usize> = inputs.iter().map(|&x| (x, 0)).collect();
    for &(x, _) in &calls {
        *count.entry(x).or_default() += 1;
    }
    let never: Vec<u64> = count.iter().filter(|&(_, &n)| n == 0).map(|(&x, _)| x).collect();
    ensure!(
        never.is_empty(),
        "process_all({inputs:?}, work) never called work on {never:?}: {} of the {} jobs were lost.\n\
         Every input must be handed out to some worker. If you split the inputs up front,\n\
         check the arithmetic: {} / {WORKERS} rounds down.",
        never.len(),
        inputs.len(),
        inputs.len()
    );
    let mut twice: Vec<String> =
        count.iter().filter(|&(_, &n)| n > 1).map(|(x, n)| format!("{x} ({n} times)")).collect();
    if twice.len() > 3 {
        let more = format!("and {} more", twice.len() - 3);
        twice.truncate(3);
        twice.push(more);
    }
    ensure!(
        twice.is_empty(),
        "process_all({inputs:?}, work) worked on some inputs more than once:\n  {}.\n\
         Each job must go to exactly one worker: send it once into a channel that all the\n\
         workers share (clones of one Receiver take turns; they do not each get a copy).",
        twice.join(", ")
    );
    Ok(())
}

fn every_input_once_in_order() -> Result<(), Failure> {
    for inputs in [&INPUTS[..], &INPUTS[..3], &[]] {
        reset(None);
        let got = exercise::process_all(inputs, work);
        each_input_once(inputs)?;
        let want: Vec<u64> = inputs.iter().map(|&x| expected(x)).collect();
        ensure!(
            got == want,
            "process_all({inputs:?}, work) returned\n  {got:?}\nbut should return\n  {want:?}\n\
             (work(x) for each x, in the order of the inputs)."
        );
    }
    Ok(())
}

fn exactly_workers_threads() -> Result<(), Failure> {
    ensure!(WORKERS == 5, "WORKERS is {WORKERS}; the pool has 5 workers. Put it back to 5.");
    reset(None);
    let _ = exercise::process_all(&INPUTS, work);
    let spawned = checker::thread::all_spawned();
    ensure!(
        spawned.len() == WORKERS,
        "process_all spawned {} thread(s) for {} inputs; it should spawn exactly WORKERS ({WORKERS}),\n\
         and let them share the jobs: each worker loops, taking jobs from one channel until it closes.",
        spawned.len(),
        INPUTS.len()
    );
    let here = std::thread::current().id();
    let workers: HashSet<ThreadId> = spawned.iter().map(|s| s.id).collect();
    for &(x, t) in &seen().calls {
        ensure!(
            t != here,
            "work({x}) ran on the thread that called process_all: only the workers run jobs;\n\
             the calling thread hands them out and collects the results."
        );
        ensure!(workers.contains(&t), "work({x}) ran on a thread that process_all did not spawn.");
    }
    Ok(())
}

fn results_in_input_order_when_jobs_finish_out_of_order() -> Result<(), Failure> {
    // The first input's job is held until another job has finished, so its
    // result never arrives first.
    reset(Some(INPUTS[0]));
    let got = exercise::process_all(&INPUTS, work);
    each_input_once(&INPUTS)?;
    let want: Vec<u64> = INPUTS.iter().map(|&x| expected(x)).collect();
    ensure!(
        got == want,
        "when the first job ({}) finished after another one, process_all returned\n  {got:?}\n\
         instead of\n  {want:?}\n\
         Results arrive in the order the jobs finish. Send each job with its index, send each\n\
         result back with the same index, and put it in that slot.",
        INPUTS[0]
    );
    Ok(())
}

/// The input whose work panics, and the thread it panicked on.
const FAULTY: u64 = 7;
static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);

fn work_panics_on_faulty(x: u64) -> u64 {
    if x == FAULTY {
        *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
        panic!("work({x}) failed");
    }
    expected(x)
}

fn a_workers_panic_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    harness::panic_reaches_caller("process_all", &format!("work({FAULTY})"), &PANICKED, || {
        format!("{:?}", exercise::process_all(&INPUTS, work_panics_on_faulty))
    })
}

fn workers_are_joined() -> Result<(), Failure> {
    reset(None);
    let _ = exercise::process_all(&INPUTS, work);
    harness::no_unjoined_threads("process_all")
}

fn main() {
    harness::run(&[
        Check { name: "every input is worked on once, results in input order", run: every_input_once_in_order },
        Check { name: "exactly WORKERS worker threads do the work", run: exactly_workers_threads },
        Check {
            name: "results come back in input order when jobs finish out of order",
            run: results_in_input_order_when_jobs_finish_out_of_order,
        },
        Check { name: "the workers are joined", run: workers_are_joined },
        Check { name: "a worker's panic reaches the caller of process_all", run: a_workers_panic_reaches_the_caller },
    ])
}
