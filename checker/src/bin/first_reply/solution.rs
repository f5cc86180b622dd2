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
                // Fails if first_reply has returned: nobody wants this reply.
                let _ = replies.send(reply);
            }
        });
    }
    drop(replies);
    let reply = first.recv().expect("no replica answered");
    drop(done); // closes `done`: every replica still working stops
    reply
}
