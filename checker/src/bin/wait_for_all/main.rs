// Checks for day 5, wait_for_all.
checker::subject!("../../../../exercises/day05_wait_for_all.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure, gate};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

const TEXTS: [&str; 5] = ["one", "three", "fifteen", "", "twenty-two"];
const JOBS: usize = 5;

/// One piece of work that finished: which (text or job), on what thread,
/// and how many threads had been spawned when it was let finish.
struct Done {
    what: String,
    thread: ThreadId,
    spawned_then: usize,
}

static DONE: Mutex<Vec<Done>> = Mutex::new(Vec::new());

fn done() -> MutexGuard<'static, Vec<Done>> {
    DONE.lock().unwrap_or_else(PoisonError::into_inner)
}

// Work never finishes before the code under test waits for its thread (join,
// end of scope, WaitGroup::wait): returning early is caught on every run.
fn finish(what: String) {
    gate::hold();
    let spawned_then = checker::thread::all_spawned().len();
    done().push(Done { what, thread: std::thread::current().id(), spawned_then });
}

fn measure(text: &str) -> usize {
    finish(format!("measure({text:?})"));
    text.len()
}

fn jobs() -> Vec<exercise::Job> {
    (0..JOBS).map(|i| Box::new(move || finish(format!("job {i}"))) as exercise::Job).collect()
}

fn each_on_its_own_thread_at_once(function: &str, n: usize) -> Result<(), Failure> {
    let done = done();
    let caller = std::thread::current().id();
    for d in done.iter() {
        ensure!(
            d.thread != caller,
            "{} ran on the thread that called {function}: give each one a thread of its own.",
            d.what
        );
    }
    let mut threads: Vec<_> = done.iter().map(|d| d.thread).collect();
    threads.sort_by_key(|t| format!("{t:?}"));
    threads.dedup();
    ensure!(
        threads.len() == done.len(),
        "{function} ran {} pieces of work on {} thread(s): each needs a thread of its own.",
        done.len(),
        threads.len()
    );
    for d in done.iter() {
        ensure!(
            d.spawned_then >= n,
            "{} was waited for when only {} of the {n} threads had been started:\n\
             {function} ran them one after another. Start every thread first, and only\n\
             then wait. (Careful with iterators: they are lazy, so a chain like\n\
             .map(spawn).map(join) spawns one, joins it, then spawns the next.)",
            d.what,
            d.spawned_then
        );
    }
    Ok(())
}

fn measure_all_returns_every_result() -> Result<(), Failure> {
    done().clear();
    let got = exercise::measure_all(&TEXTS, measure);
    let want: Vec<usize> = TEXTS.iter().map(|t| t.len()).collect();
    let finished = done().len();
    ensure!(
        finished == TEXTS.len(),
        "measure_all returned while {} of {} measurements were still running, and gave back {got:?}.\n\
         Wait for every thread before reading the results: a thread::scope waits for all of\n\
         its threads when it ends.",
        TEXTS.len() - finished,
        TEXTS.len()
    );
    let (mut sorted_got, mut sorted_want) = (got.clone(), want.clone());
    sorted_got.sort();
    sorted_want.sort();
    let reordered = sorted_got == sorted_want;
    let unread = !reordered && got.len() == want.len() && got.iter().zip(&want).any(|(g, w)| *g == 0 && *w != 0);
    ensure!(
        got == want,
        "measure_all({TEXTS:?}, measure) returned\n  {got:?}\nbut should return\n  {want:?}{}",
        if reordered {
            "\nEvery result is there, in another order: the order the threads finished in?\n\
             Give each thread its own slot (results.iter_mut() zipped with the texts)."
        } else if unread {
            "\nThe 0s were read before their thread had finished: wait for every thread\n\
             first (a thread::scope waits for all of its threads when it ends), then read."
        } else {
            ""
        }
    );
    Ok(())
}

fn measure_all_runs_them_together() -> Result<(), Failure> {
    done().clear();
    let _ = exercise::measure_all(&TEXTS, measure);
    each_on_its_own_thread_at_once("measure_all", TEXTS.len())
}

static LAST_FIRST: checker::order::LastFirst = checker::order::LastFirst::new();

/// The first text's measurement finishes only after every other one.
fn measure_last_first(text: &str) -> usize {
    let i = TEXTS.iter().position(|t| *t == text).unwrap_or(0);
    LAST_FIRST.finish(i, TEXTS.len());
    text.len()
}

fn measure_all_in_order_when_threads_finish_out_of_order() -> Result<(), Failure> {
    LAST_FIRST.reset();
    let got = exercise::measure_all(&TEXTS, measure_last_first);
    let want: Vec<usize> = TEXTS.iter().map(|t| t.len()).collect();
    ensure!(
        got == want,
        "measure({:?}) finished last, after the others, and measure_all returned\n  {got:?}\n\
         but should return\n  {want:?}\n\
         The results came back in the order the threads finished. Give each thread its own\n\
         slot (results.iter_mut() zipped with the texts) or join the handles in text order.",
        TEXTS[0]
    );
    Ok(())
}

fn measure_all_joins_its_threads() -> Result<(), Failure> {
    let _ = exercise::measure_all(&TEXTS, measure);
    harness::no_unjoined_threads("measure_all")
}

fn run_all_waits_for_every_job() -> Result<(), Failure> {
    done().clear();
    exercise::run_all(jobs());
    let finished = done().len();
    ensure!(
        finished == JOBS,
        "run_all returned while {} of its {JOBS} jobs had not finished.\n\
         It must wait for them: hand each job's thread a clone of a WaitGroup, drop\n\
         the clone after the job has run, and call wg.wait() before returning\n\
         (or keep every JoinHandle and join them all).",
        JOBS - finished
    );
    Ok(())
}

fn run_all_runs_them_together() -> Result<(), Failure> {
    done().clear();
    exercise::run_all(jobs());
    each_on_its_own_thread_at_once("run_all", JOBS)
}

fn main() {
    harness::run(&[
        Check { name: "measure_all returns every result, in order", run: measure_all_returns_every_result },
        Check { name: "measure_all measures the texts at the same time", run: measure_all_runs_them_together },
        Check {
            name: "measure_all keeps the texts' order when the threads finish in another order",
            run: measure_all_in_order_when_threads_finish_out_of_order,
        },
        Check { name: "measure_all joins its threads", run: measure_all_joins_its_threads },
        Check { name: "run_all returns only after every job finished", run: run_all_waits_for_every_job },
        Check { name: "run_all runs the jobs at the same time", run: run_all_runs_them_together },
    ])
}
