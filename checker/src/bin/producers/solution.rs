use checker::sync::mpsc::{self, Sender};
use checker::thread;

pub type Producer = Box<dyn FnOnce(Sender<u32>) + Send + 'static>;

pub fn collect_all(producers: Vec<Producer>) -> Vec<u32> {
    let (tx, rx) = mpsc::channel();
    let handles: Vec<_> = producers
        .into_iter()
        .map(|produce| {
            let tx = tx.clone();
            thread::spawn(move || produce(tx))
        })
        .collect();
    drop(tx); // only the producers' clones are left: the channel closes when they finish
    let items = rx.iter().collect();
    for handle in handles {
        handle.join().expect("a producer panicked");
    }
    items
}
