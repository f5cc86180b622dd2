// Known-bad (expect `leak`): Go's first(), with nobody ever told to stop: the
// replicas watch a channel that never closes. The losers are still stuck in
// their slow calls after first_reply returned.
use checker::thread;
use crossbeam::channel::{Receiver, bounded, never};

pub type Reply = String;

pub type Replica = Box<dyn FnOnce(Receiver<()>) -> Option<Reply> + Send>;

pub fn first_reply(replicas: Vec<Replica>) -> Reply {
    let (replies, first) = bounded(replicas.len());
    for replica in replicas {
        let replies = replies.clone();
        thread::spawn(move || {
            if let Some(reply) = replica(never()) {
                let _ = replies.send(reply);
            }
        });
    }
    first.recv().unwrap()
}
