// Known-bad (expect `deadlock`): closes `done`, then joins every thread. A
// replica that does not watch `done` (a backend that cannot be cancelled)
// keeps first_reply waiting, long after the first reply was in.
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
    drop(done);
    for h in handles {
        h.join().unwrap();
    }
    reply
}
