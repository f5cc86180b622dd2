// Checks for day 2, named_workers.
checker::subject!("../../../../exercises/day02_named_workers.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure, gate};
use exercise::Outcome;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

const NAMES: [&str; 4] = ["ada", "grace", "linus", "ken"];
const FAULTY: &str = "faulty";

/// What one call of `work` saw.
struct Ran {
    name: String,
    thread: ThreadId,
    thread_name: Option<String>,
    /// How many threads had been spawned when this worker was let finish.
    spawned_then: usize,
}

static RAN: Mutex<Vec<Ran>> = Mutex::new(Vec::new());

fn ran() -> MutexGuard<'static, Vec<Ran>> {
    RAN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn value_for(name: &str) -> u32 {
    name.len() as u32 * 10
}

fn panic_text(name: &str) -> String {
    format!("{name} tripped over a cable")
}

// Waits until its thread is joined (so the check sees how many workers were
// running by then), records where it ran, and panics for FAULTY.
fn work(name: &str) -> u32 {
    gate::hold();
    let me = std::thread::current();
    ran().push(Ran {
        name: name.to_string(),
        thread: me.id(),
        thread_name: me.name().map(str::to_owned),
        spawned_then: checker::thread::all_spawned().len(),
    });
    if name == FAULTY {
        panic!("{}", panic_text(name));
    }
    value_for(name)
}

fn expected(names: &[&str]) -> Vec<(String, Outcome)> {
    names
        .iter()
        .map(|&n| {
            let outcome = if n == FAULTY { Outcome::Panicked(panic_text(n)) } else { Outcome::Finished(value_for(n)) };
            (n.to_string(), outcome)
        })
        .collect()
}

fn every_result_reported_in_order() -> Result<(), Failure> {
    ran().clear();
    let got = exercise::run_workers(&NAMES, work);
    let want = expected(&NAMES);
    ensure!(
        got.len() == want.len(),
        "run_workers got {} names but reported {} workers.\nReport every worker once, in the order of `names`.",
        want.len(),
        got.len()
    );
    ensure!(got == want, "run_workers({NAMES:?}, work) returned\n  {got:?}\nbut should return\n  {want:?}");
    Ok(())
}

fn each_worker_on_a_thread_named_after_it() -> Result<(), Failure> {
    ran().clear();
    let _ = exercise::run_workers(&NAMES, work);
    let caller = std::thread::current().id();
    for r in ran().iter() {
        ensure!(
            r.thread != caller,
            "work(\"{}\") ran on the calling thread: give every worker a thread of its own.",
            r.name
        );
        let on = match &r.thread_name {
            Some(n) => format!("a thread named {n:?}"),
            None => "a thread without a name".to_string(),
        };
        ensure!(
            r.thread_name.as_deref() == Some(r.name.as_str()),
            "worker \"{}\" ran on {on}; its thread should be named \"{}\".\n\
             `thread::spawn` makes unnamed threads; name one with\n  thread::Builder::new().name(name.to_string()).spawn(...)",
            r.name,
            r.name
        );
    }
    Ok(())
}

fn workers_run_at_the_same_time() -> Result<(), Failure> {
    ran().clear();
    let _ = exercise::run_workers(&NAMES, work);
    for r in ran().iter() {
        ensure!(
            r.spawned_then >= NAMES.len(),
            "when worker \"{}\" was joined, only {} of the {} workers had been started:\n\
             the workers ran one after another. Spawn every worker first (keep the\n\
             handles in a Vec), and only then join them.",
            r.name,
            r.spawned_then,
            NAMES.len()
        );
    }
    Ok(())
}

fn a_panicking_worker_is_reported() -> Result<(), Failure> {
    ran().clear();
    let names = ["ann", FAULTY, "bob"];
    let got = exercise::run_workers(&names, work);
    let want = expected(&names);
    ensure!(
        got.len() == want.len(),
        "run_workers({names:?}, work) reported {} worker(s): {got:?}\n\
         Worker \"{FAULTY}\" panics; it must still be reported (as Outcome::Panicked),\n\
         and the workers after it must still be joined and reported.",
        got.len()
    );
    if let Some((_, outcome)) = got.iter().find(|(n, _)| n == FAULTY) {
        ensure!(
            matches!(outcome, Outcome::Panicked(_)),
            "worker \"{FAULTY}\" panicked, but run_workers reported it as {outcome:?}.\n\
             A panicked thread's join() returns Err(payload): report that as\n\
             Outcome::Panicked(panic_message(payload)) instead of making up a value."
        );
        ensure!(
            *outcome == Outcome::Panicked(panic_text(FAULTY)),
            "worker \"{FAULTY}\" was reported as {outcome:?}, but it panicked with {:?}.\n\
             Pass join()'s Err(payload) to panic_message to get the message.",
            panic_text(FAULTY)
        );
    }
    ensure!(got == want, "run_workers({names:?}, work) returned\n  {got:?}\nbut should return\n  {want:?}");
    Ok(())
}

fn every_thread_joined() -> Result<(), Failure> {
    let _ = exercise::run_workers(&["ann", FAULTY, "bob"], work);
    harness::no_unjoined_threads("run_workers")
}

fn main() {
    harness::run(&[
        Check { name: "every worker's result is reported, in order", run: every_result_reported_in_order },
        Check { name: "each worker runs on a thread named after it", run: each_worker_on_a_thread_named_after_it },
        Check { name: "the workers run at the same time", run: workers_run_at_the_same_time },
        Check {
            name: "a panicking worker is reported, and the others still finish",
            run: a_panicking_worker_is_reported,
        },
        Check { name: "every worker thread is joined", run: every_thread_joined },
    ])
}
