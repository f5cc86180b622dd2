// Known-bad (expect `deadlock`): to leave no thread behind, joins every thread
// before returning, but `done` is still open then: the losers wait for it to
// close, first_reply waits for the losers.
use checker::thread;
use crossbeam::channel::{Receiver, bounded};

pub type Reply = String;

pub type Replica = Box<dyn FnOnce(Receiver<()>) -> Option<Reply> + Send>;

pub fn first_reply(replicas: Vec<Replica>) -> Reply {
    let (replies, first) = bounded(replicas.len());
    let (done, cancelled) = bounded::<()>(0);
    let mut handles = Vec::new();
    for replica in replicas {
        let (replies, cancelled) = (replies.clone(), cancelled.clone());
        handles.push(thread::spawn(move || {
            if let Some(reply) = replica(cancelled) {
                let _ = replies.send(reply);
            }
        }));
    }
    let reply = first.recv().unwrap();
    for h in handles {
        h.join().unwrap();
    }
    drop(done);
    reply
}
