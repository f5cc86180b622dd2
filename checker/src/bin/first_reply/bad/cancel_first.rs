// Known-bad (expect `wrong`): tells the replicas to stop (closes `done`) right
// after starting them, before any reply was taken. A replica that answers at
// once still gets through, but one that is still working gives up, and with
// it the only reply that would have come.
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
                let _ = replies.send(reply);
            }
        });
    }
    drop(replies);
    drop(done); // the losers stop; the winner's reply is on its way
    first.recv().expect("no replica answered")
}
