// Checks for day 16, first_reply.
checker::subject!("../../../../exercises/day16_first_reply.rs");

use checker::harness::{self, Check};
use checker::{Failure, Kind, clock, ensure, gate};
use crossbeam::channel::{Receiver, bounded, select};
use exercise::{Replica, Reply};
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};

/// Answers at once, without looking at `done`.
fn fast(reply: &str) -> Replica {
    let reply = reply.to_string();
    Box::new(move |_done: Receiver<()>| Some(reply))
}

/// A slow backend: it never answers in time. It watches `done`, and gives up
/// when `done` closes.
fn slow() -> Replica {
    Box::new(|done: Receiver<()>| {
        let _ = done.recv();
        None
    })
}

/// A backend that cannot be cancelled: it ignores `done`, and answers when
/// the check closes `release` (after first_reply has returned).
fn late(reply: &str, release: Receiver<()>) -> Replica {
    let reply = reply.to_string();
    Box::new(move |_done: Receiver<()>| {
        let _ = release.recv();
        Some(reply)
    })
}

/// Set when the patient replica saw `done` close before it could answer.
static TOLD_TO_STOP_EARLY: AtomicBool = AtomicBool::new(false);

/// A replica that answers once the check closes `release`, unless it is told
/// to stop first. The check closes `release` only once first_reply waits, so
/// only a cancel signalled before the first reply was taken stops it.
fn patient(reply: &str, release: Receiver<()>) -> Replica {
    let reply = reply.to_string();
    Box::new(move |done: Receiver<()>| {
        select! {
            recv(release) -> _ => Some(reply),
            recv(done) -> _ => {
                TOLD_TO_STOP_EARLY.store(true, SeqCst);
                None
            }
        }
    })
}

/// Fails with `panic` if a thread first_reply started panicked.
fn no_thread_panicked() -> Result<(), Failure> {
    let Some((at, message)) = harness::thread_panics().into_iter().next() else { return Ok(()) };
    let why = if message.contains("SendError") {
        "\nThat reply came after first_reply had returned: its Receiver is gone, so the send fails.\n\
         That is how Rust spares you Go's leak (a send blocked forever), and it is no error:\n\
         nobody wants that reply any more. Let the send fail quietly."
    } else if message.contains("None") {
        "\nA replica returns None when it was told to stop: that is no error, just no reply."
    } else {
        ""
    };
    Err(Failure {
        kind: Kind::Panic,
        message: format!("A thread started by first_reply panicked at {at}:\n  {message}{why}"),
    })
}

/// Fails with `timeout` if, while first_reply waits for a reply, a timer of
/// the course's clock is set: it sleeps and looks again instead of blocking.
/// Call it once the code under test waits ([`clock::quiesce`] first).
fn no_timer_while_waiting(what: &str) -> Result<(), Failure> {
    clock::quiesce();
    if !clock::timers_pending() {
        return Ok(());
    }
    let sites: Vec<String> = clock::pending_timer_sites()
        .into_iter()
        .filter(|at| harness::under_test(at.file()))
        .map(|at| format!("{}:{}", harness::relative(at.file()), at.line()))
        .collect();
    let at = if sites.is_empty() { String::new() } else { format!(" (set at {})", sites.join(", ")) };
    Err(Failure {
        kind: Kind::Timeout,
        message: format!(
            "{what}, first_reply was waiting with a timer set{at}: it sleeps, then looks again.\n\
             Such a loop never rests: it wakes on every tick while nothing comes, and it sees a reply\n\
             only at its next look, not as soon as the reply arrives. What can it block on until a\n\
             reply is there?"
        ),
    })
}

fn returns_the_first_reply() -> Result<(), Failure> {
    // (Few threads: a leaky solution leaves them blocked for good.)
    for (i, name) in ["alpha", "beta"].into_iter().enumerate() {
        let replicas: Vec<Replica> = (0..2).map(|j| if j == i { fast(name) } else { slow() }).collect();
        let got: Reply = exercise::first_reply(replicas);
        ensure!(
            got == name,
            "Of 2 replicas, only number {i} answers (\"{name}\"); the other one is slow and gives up\n\
             without a reply when told to stop. first_reply returned {got:?}, not {name:?}."
        );
    }
    Ok(())
}

fn every_loser_stops() -> Result<(), Failure> {
    let replicas = vec![slow(), fast("delta"), slow()];
    let got = exercise::first_reply(replicas);
    ensure!(got == "delta", "first_reply returned {got:?}; only \"delta\" answered.");
    // The 2 slow replicas stop only when their `done` channel closes.
    harness::threads_end("first_reply")?;
    no_thread_panicked()
}

fn a_late_reply_is_dropped_quietly() -> Result<(), Failure> {
    let (release, wait) = bounded::<()>(0);
    let replicas = vec![late("zeta", wait), fast("epsilon")];
    // If first_reply waits for the late replica, it waits forever: the
    // replica answers only once first_reply has returned.
    let got = exercise::first_reply(replicas);
    ensure!(got == "epsilon", "first_reply returned {got:?}; only \"epsilon\" answered in time.");
    drop(release); // the late replica answers now
    harness::threads_end("first_reply")?;
    no_thread_panicked()
}

fn no_cancel_before_the_first_reply() -> Result<(), Failure> {
    TOLD_TO_STOP_EARLY.store(false, SeqCst);
    let (release, wait) = bounded::<()>(0);
    let replicas = vec![patient("theta", wait), slow()];
    let call = checker::observe::spawn("first_reply", move || exercise::first_reply(replicas));
    // Once first_reply waits and every replica waits (or has given up), the
    // patient replica may answer.
    call.settle();
    checker::observe::settle_spawned(|_| true);
    no_timer_while_waiting("While no replica had answered yet")?;
    drop(release);
    let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call.join()));
    ensure!(
        !TOLD_TO_STOP_EARLY.load(SeqCst),
        "The replicas were told to stop (their `done` closed) before first_reply had taken any reply:\n\
         the one replica that would have answered (\"theta\") gave up{}.\n\
         Signal the cancel only once the first reply is in: receive it first, then close `done`.",
        match &got {
            Ok(reply) => format!(", and first_reply returned {reply:?}"),
            Err(_) => ", and first_reply panicked without a reply".to_string(),
        }
    );
    let got = match got {
        Ok(reply) => reply,
        Err(payload) => std::panic::resume_unwind(payload),
    };
    ensure!(got == "theta", "first_reply returned {got:?}; only \"theta\" answered.");
    harness::threads_end("first_reply")?;
    no_thread_panicked()
}

/// A replica that answers the moment it starts: each spawn in first_reply
/// waits for the new thread's first steps ([`gate::hold_spawner`]), so this
/// reply is sent before first_reply can be waiting for it, on every run. A
/// reply channel that keeps a reply nobody waits for yet still has it.
fn an_early_reply_is_kept() -> Result<(), Failure> {
    // First the same replicas, the answer held until first_reply waits: a
    // first_reply that cannot take even that reply fails here, as it would
    // in any check.
    let held: Replica = Box::new(|_done: Receiver<()>| {
        gate::hold();
        Some("kappa".to_string())
    });
    let got = exercise::first_reply(vec![held]);
    ensure!(got == "kappa", "first_reply returned {got:?}; only \"kappa\" answered.");
    harness::threads_end("first_reply")?;
    no_thread_panicked()?;
    checker::thread::forget_all();
    gate::reset();
    gate::hold_spawner();
    let replicas = vec![fast("iota"), slow()];
    let call = checker::observe::spawn("first_reply", move || exercise::first_reply(replicas));
    // Until first_reply returns, or it and every thread it started wait (the
    // check keeps running meanwhile, so the course's clock stands still).
    let me = checker::observe::tid();
    while !call.is_finished() && !checker::observe::all_blocked(me) {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    // A first_reply that joins a replica still working waits in that join:
    // the deadlock is reported as such when the check waits for it.
    if !call.is_finished() && checker::thread::join_order().is_empty() {
        if clock::timers_pending() {
            return no_timer_while_waiting("Once every replica had answered or was waiting");
        }
        let answered = checker::thread::all_spawned()
            .into_iter()
            .find(|t| t.ended && harness::under_test(t.at.file()))
            .map(|t| format!(" (on the thread spawned at {}:{})", harness::relative(t.at.file()), t.at.line()))
            .unwrap_or_default();
        return Err(Failure::wrong(format!(
            "One replica answered \"iota\" the moment it started{answered}, before first_reply was\n\
             waiting for a reply, and its thread ended. Yet first_reply still waits for a reply, and the\n\
             other replica waits to be told to stop: the reply was lost on its way. Where can a reply\n\
             wait when it comes before anyone receives it?"
        ))
        .in_fn("first_reply"));
    }
    let got = call.join();
    ensure!(got == "iota", "first_reply returned {got:?}; only \"iota\" answered.");
    harness::threads_end("first_reply")?;
    no_thread_panicked()
}

fn main() {
    harness::run(&[
        Check { name: "a reply that comes before first_reply waits for it is not lost", run: an_early_reply_is_kept },
        Check { name: "first_reply returns the reply that came", run: returns_the_first_reply },
        Check {
            name: "every loser stops once the reply is in (a slow replica stops when its `done` closes)",
            run: every_loser_stops,
        },
        Check {
            name: "first_reply does not wait for a replica that cannot be stopped, and its late reply is dropped quietly",
            run: a_late_reply_is_dropped_quietly,
        },
        Check {
            name: "no replica is told to stop before the first reply is in",
            run: no_cancel_before_the_first_reply,
        },
    ])
}
