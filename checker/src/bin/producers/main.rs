// Checks for day 6, producers.
checker::subject!("../../../../exercises/day06_producers.rs");

use checker::harness::{self, Check};
use checker::sync::mpsc::Sender;
use checker::{Failure, ensure, gate};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

const PRODUCERS: u32 = 4;
const ITEMS: u32 = 5;

/// Each producer that was let go: its number, its thread, and how many
/// threads had been spawned by then.
static STARTED: Mutex<Vec<(u32, ThreadId, usize)>> = Mutex::new(Vec::new());

fn started() -> MutexGuard<'static, Vec<(u32, ThreadId, usize)>> {
    STARTED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What producer `p` sends: p01, p02, ... (producer 3 sends 301, 302, ...).
fn items_of(p: u32) -> Vec<u32> {
    (1..=ITEMS).map(|i| p * 100 + i).collect()
}

// A producer sends nothing until the code under test commits to waiting for
// it (a blocking receive, or a join): reading "whatever has arrived so far"
// finds nothing, on every run.
fn producers() -> Vec<exercise::Producer> {
    (1..=PRODUCERS)
        .map(|p| {
            Box::new(move |out: Sender<u32>| {
                gate::hold();
                let spawned = checker::thread::all_spawned().len();
                started().push((p, std::thread::current().id(), spawned));
                for item in items_of(p) {
                    // The receiver may be gone already; that is for the checks to judge.
                    let _ = out.send(item);
                }
            }) as exercise::Producer
        })
        .collect()
}

fn every_item_arrives() -> Result<(), Failure> {
    started().clear();
    let got = exercise::collect_all(producers());
    let sent = (PRODUCERS * ITEMS) as usize;
    ensure!(
        !got.is_empty(),
        "collect_all returned no items, but its {PRODUCERS} producers send {ITEMS} each.\n\
         It stopped receiving before they had sent anything: try_recv and try_iter only take\n\
         what is already in the channel. Receive until the channel closes: `for item in rx`."
    );
    let mut missing: Vec<u32> = Vec::new();
    for p in 1..=PRODUCERS {
        let from_p: Vec<u32> = got.iter().copied().filter(|i| i / 100 == p).collect();
        let want = items_of(p);
        if from_p.len() < want.len() {
            missing.extend(want.iter().filter(|i| !from_p.contains(i)));
            continue;
        }
        ensure!(
            from_p == want,
            "producer {p} sent {want:?}, but collect_all returned its items as {from_p:?}.\n\
             All producers send into one channel, and it keeps each producer's items in order."
        );
    }
    ensure!(
        missing.is_empty(),
        "collect_all returned {} of the {sent} items its producers sent: {missing:?} never made it.\n\
         Do not count on how many items will come: keep receiving until the channel closes,\n\
         which is when every Sender has been dropped (`for item in rx` ends just then).",
        got.len()
    );
    ensure!(got.len() == sent, "collect_all returned {} items, but {sent} were sent: {got:?}", got.len());

    let got = exercise::collect_all(Vec::new());
    ensure!(got.is_empty(), "collect_all with no producers returned {got:?}; there is nothing to collect.");
    Ok(())
}

fn producers_run_together() -> Result<(), Failure> {
    started().clear();
    let _ = exercise::collect_all(producers());
    let started = started();
    let caller = std::thread::current().id();
    for &(p, thread, _) in started.iter() {
        ensure!(
            thread != caller,
            "producer {p} ran on the thread that called collect_all: start each one on a thread of its own."
        );
    }
    let mut threads: Vec<ThreadId> = started.iter().map(|s| s.1).collect();
    threads.sort_by_key(|t| format!("{t:?}"));
    threads.dedup();
    ensure!(
        threads.len() == started.len(),
        "collect_all ran {} producers on {} thread(s): each needs a thread of its own.",
        started.len(),
        threads.len()
    );
    for &(p, _, spawned) in started.iter() {
        ensure!(
            spawned >= PRODUCERS as usize,
            "producer {p} was waited for when only {spawned} of the {PRODUCERS} producer threads had\n\
             been started: collect_all ran them one after another. Start them all, then receive."
        );
    }
    Ok(())
}

fn producers_are_joined() -> Result<(), Failure> {
    let _ = exercise::collect_all(producers());
    harness::no_unjoined_threads("collect_all")
}

/// The producer that panics, and the thread it panicked on.
const FAULTY: u32 = 3;
static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);

fn a_producers_panic_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    let producers = (1..=PRODUCERS)
        .map(|p| {
            Box::new(move |out: Sender<u32>| {
                if p == FAULTY {
                    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
                    panic!("producer {p} failed");
                }
                for item in items_of(p) {
                    let _ = out.send(item);
                }
            }) as exercise::Producer
        })
        .collect();
    harness::panic_reaches_caller("collect_all", &format!("producer {FAULTY}"), &PANICKED, || {
        format!("{:?}", exercise::collect_all(producers))
    })
}

fn main() {
    harness::run(&[
        Check { name: "every item of every producer arrives, in each producer's order", run: every_item_arrives },
        Check { name: "the producers run at the same time, each on its own thread", run: producers_run_together },
        Check { name: "every producer thread is joined", run: producers_are_joined },
        Check {
            name: "a producer's panic reaches the caller of collect_all",
            run: a_producers_panic_reaches_the_caller,
        },
    ])
}
