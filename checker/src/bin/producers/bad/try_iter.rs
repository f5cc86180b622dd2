// Known-bad (expect `wrong`): reads "everything in the channel" with try_iter,
// which takes only what has already arrived and never waits: the producers
// have not sent yet, so it returns with nothing.
use checker::sync::mpsc::{self, Sender};
use checker::thread;

pub type Producer = Box<dyn FnOnce(Sender<u32>) + Send + 'static>;

pub fn collect_all(producers: Vec<Producer>) -> Vec<u32> {
    let (tx, rx) = mpsc::channel();
    let mut handles = Vec::new();
    for produce in producers {
        let tx = tx.clone();
        handles.push(thread::spawn(move || produce(tx)));
    }
    drop(tx);
    let items = rx.try_iter().collect();
    for handle in handles {
        handle.join().unwrap();
    }
    items
}
