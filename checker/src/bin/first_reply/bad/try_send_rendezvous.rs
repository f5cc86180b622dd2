// Known-bad (expect `wrong`): replies go out with try_send on a rendezvous channel, so a reply that comes before first_reply waits in recv is dropped.
// Day 16: thread leaks
//
// First reply wins: ask every replica at once, keep whichever answers first.
// Go's classic version leaks:
//
//     c := make(chan Result)
//     for _, r := range replicas { go func(r Replica) { c <- r.Query() }(r) }
//     return <-c
//
// the losers answer later, and their `c <- ...` blocks forever: nobody
// receives any more. In Rust that send cannot hang: when `first_reply`
// returns, its `Receiver` is dropped, and a send to a channel nobody can
// receive from fails at once: `send` returns an `Err`.
//
// Rust's leak is the other half: a loser still *working*, stuck in a slow
// backend call long after the answer came in. Nobody can stop a thread from
// outside; it has to be told. Go tells it with a `done` channel that is
// closed once the answer is in, and every worker watches it. In Rust,
// closing a channel is dropping its last `Sender`: every `Receiver` of it
// then wakes up. Each replica here watches such a `Receiver`, and gives up
// (returns `None`) when it closes.
use checker::thread;
use crossbeam::channel::{Receiver, bounded};

/// A replica's answer.
pub type Reply = String;

/// Asks one replica. Blocks until it answers (`Some(reply)`), or until the
/// `done` channel whose `Receiver` it was given is closed: then it stops
/// working and returns `None`.
pub type Replica = Box<dyn FnOnce(Receiver<()>) -> Option<Reply> + Send>;

/// Asks every replica at once, each on a thread of its own, and returns the
/// first reply as soon as it arrives, without waiting for the others. Every
/// replica still working then is told to stop.

pub fn first_reply(replicas: Vec<Replica>) -> Reply {
    // Go: make(chan Reply). A loser must never block on it, so it uses try_send.
    let (reply_tx, reply_rx) = bounded::<Reply>(0);
    let (done_tx, done_rx) = bounded::<()>(0);

    for replica in replicas {
        let reply_tx = reply_tx.clone();
        let done_rx = done_rx.clone();
        thread::spawn(move || {
            if let Some(reply) = replica(done_rx) {
                // nobody waiting means somebody already won
                let _ = reply_tx.try_send(reply);
            }
        });
    }
    drop(reply_tx);

    let first = reply_rx.recv().expect("no replica answered");
    drop(done_tx);
    first
}
