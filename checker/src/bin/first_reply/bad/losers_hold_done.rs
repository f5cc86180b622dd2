// Known-bad (expect `leak`): every thread gets a clone of `done`'s Sender, so
// that the winner can close it. But a channel closes only when its *last*
// Sender is dropped, and each loser holds one while it waits: `done` never
// closes.
use checker::thread;
use crossbeam::channel::{Receiver, bounded};

pub type Reply = String;

pub type Replica = Box<dyn FnOnce(Receiver<()>) -> Option<Reply> + Send>;

pub fn first_reply(replicas: Vec<Replica>) -> Reply {
    let (replies, first) = bounded(replicas.len());
    let (done, cancelled) = bounded::<()>(0);
    for replica in replicas {
        let (replies, done, cancelled) = (replies.clone(), done.clone(), cancelled.clone());
        thread::spawn(move || {
            if let Some(reply) = replica(cancelled) {
                let _ = replies.send(reply);
                drop(done); // the winner cancels the rest
            }
        });
    }
    drop(done);
    first.recv().unwrap()
}
