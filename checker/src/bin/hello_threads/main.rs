// Checks for day 1, hello_threads.
checker::subject!("../../../../exercises/day01_hello_threads.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure, gate};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

const N: usize = 10;
static RAN_ON: Mutex<Vec<(usize, ThreadId)>> = Mutex::new(Vec::new());
/// For each greeting, how many threads had been spawned when it was let go.
static SPAWNED_WHEN_JOINED: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

// The check's locks never turn a panic in the code under test into another.
fn ran_on() -> MutexGuard<'static, Vec<(usize, ThreadId)>> {
    RAN_ON.lock().unwrap_or_else(PoisonError::into_inner)
}

fn spawned_when_joined() -> MutexGuard<'static, Vec<(usize, usize)>> {
    SPAWNED_WHEN_JOINED.lock().unwrap_or_else(PoisonError::into_inner)
}

// Records which thread ran it, then waits until that thread is joined: a
// greeting is never ready before someone waits for it.
fn greet(i: usize) -> String {
    ran_on().push((i, std::thread::current().id()));
    gate::hold();
    spawned_when_joined().push((i, checker::thread::all_spawned().len()));
    format!("hello from thread {i}")
}

fn expected() -> Vec<String> {
    (0..N).map(|i| format!("hello from thread {i}")).collect()
}

fn greetings_complete_and_in_order() -> Result<(), Failure> {
    ran_on().clear();
    let got = exercise::greet_all(N, greet);
    let ready = got.iter().filter(|g| !g.is_empty()).count();
    ensure!(
        ready == N || got.len() != N,
        "greet_all returned {ready} of {N} greetings; the rest were empty.\n\
         The threads had not finished when the results were read: join each\n\
         thread first, then use what it produced."
    );
    ensure!(got == expected(), "greet_all({N}, greet) returned\n  {got:?}\nbut should return\n  {:?}", expected());
    Ok(())
}

fn each_greeting_on_its_own_thread() -> Result<(), Failure> {
    ran_on().clear();
    let _ = exercise::greet_all(N, greet);
    let ran = ran_on().clone();
    let caller = std::thread::current().id();
    ensure!(!ran.iter().any(|(_, t)| *t == caller), "greet ran on the calling thread: spawn a thread for each id.");
    let mut threads: Vec<_> = ran.iter().map(|(_, t)| *t).collect();
    threads.sort_by_key(|t| format!("{t:?}"));
    threads.dedup();
    ensure!(threads.len() == N, "{N} greetings ran on {} thread(s): each id needs a thread of its own.", threads.len());
    Ok(())
}

fn threads_run_at_the_same_time() -> Result<(), Failure> {
    spawned_when_joined().clear();
    let _ = exercise::greet_all(N, greet);
    let seen = spawned_when_joined().clone();
    if let Some((i, spawned)) = seen.iter().find(|(_, spawned)| *spawned < N) {
        return Err(Failure::wrong(format!(
            "thread {i} was joined when only {spawned} of the {N} threads had been spawned:\n\
             the threads ran one after another. Spawn all of them first (keep the\n\
             JoinHandles in a Vec), and only then join them."
        )));
    }
    Ok(())
}

static LAST_FIRST: checker::order::LastFirst = checker::order::LastFirst::new();

/// Greeting 0 is ready only after every other one: the threads finish out of
/// the order they were started in.
fn greet_last_first(i: usize) -> String {
    LAST_FIRST.finish(i, N);
    format!("hello from thread {i}")
}

fn in_id_order_when_threads_finish_out_of_order() -> Result<(), Failure> {
    LAST_FIRST.reset();
    let got = exercise::greet_all(N, greet_last_first);
    ensure!(
        got == expected(),
        "thread 0 finished last, after the other {}, and greet_all returned\n  {got:?}\nbut should return\n  {:?}\n\
         The greetings came back in the order the threads finished. Keep the JoinHandles in id\n\
         order and take each greeting from its own handle's join().",
        N - 1,
        expected()
    );
    Ok(())
}

fn every_thread_joined() -> Result<(), Failure> {
    let _ = exercise::greet_all(N, greet);
    harness::no_unjoined_threads("greet_all")
}

fn main() {
    harness::run(&[
        Check { name: "greetings are complete and in id order", run: greetings_complete_and_in_order },
        Check { name: "each greeting runs on a thread of its own", run: each_greeting_on_its_own_thread },
        Check { name: "the threads run at the same time", run: threads_run_at_the_same_time },
        Check {
            name: "greetings in id order when the threads finish in another order",
            run: in_id_order_when_threads_finish_out_of_order,
        },
        Check { name: "every thread is joined", run: every_thread_joined },
    ])
}
