// Known-bad (expect `wrong`): receives one item per producer, as if each sent
// a single result; the rest are never read.
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
    let items = handles.iter().map(|_| rx.recv().unwrap()).collect();
    for handle in handles {
        handle.join().unwrap();
    }
    items
}
