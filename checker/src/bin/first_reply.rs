// Checks for day 16, first_reply.
checker::subject!("../../../exercises/day16_first_reply.rs");

use checker::harness::{self, Check};
use checker::{Failure, Kind, ensure};
use crossbeam::channel::{Receiver, bounded};
use exercise::{Replica, Reply};

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
    ])
}
