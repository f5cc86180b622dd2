// Day 16 alternative: a reply channel with room for every replica, and the done Sender dropped explicitly.
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
    // Room for every reply: a loser's send never waits, whenever it comes.
    let (reply_tx, replies) = bounded::<Reply>(replicas.len().max(1));
    let (stop, done) = bounded::<()>(0);
    for replica in replicas {
        let (reply_tx, done) = (reply_tx.clone(), done.clone());
        thread::spawn(move || {
            if let Some(reply) = replica(done) {
                let _ = reply_tx.send(reply);
            }
        });
    }
    // Only the replicas' clones remain: if none answers, recv fails instead of hanging.
    drop((reply_tx, done));
    let first = replies.recv();
    // Closing `done` tells every replica still working to stop.
    drop(stop);
    first.expect("no replica answered")
}
