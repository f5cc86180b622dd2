// Known-bad (expect `panic`): unwraps the send of every reply. A reply that
// comes after first_reply has returned has no receiver: the send fails, and
// the thread panics. In Go that send would block forever; in Rust it fails,
// and failing is fine: nobody wants that reply.
use checker::thread;
use crossbeam::channel::{Receiver, bounded};

pub type Reply = String;

pub type Replica = Box<dyn FnOnce(Receiver<()>) -> Option<Reply> + Send>;

pub fn first_reply(replicas: Vec<Replica>) -> Reply {
    let (replies, first) = bounded(replicas.len());
    let (done, cancelled) = bounded::<()>(0);
    for replica in replicas {
        let (replies, cancelled) = (replies.clone(), cancelled.clone());
        thread::spawn(move || {
            if let Some(reply) = replica(cancelled) {
                replies.send(reply).unwrap();
            }
        });
    }
    let reply = first.recv().unwrap();
    drop(done);
    reply
}
