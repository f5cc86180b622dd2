// Checks for day 16, first_reply.
checker::subject!("../../../../exercises/day16_first_reply.rs");

use checker::harness::{self, Check};
use checker::{Failure, Kind, ensure};
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

fn main() {
    harness::run(&[
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
