// Known-bad (expect `deadlock`): every producer gets a clone, but the original
// Sender is never dropped. The channel stays open after the producers finish,
// so `for item in rx` waits forever for an item nobody will send.
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
    let mut items = Vec::new();
    for item in rx {
        items.push(item);
    }
    for handle in handles {
        handle.join().unwrap();
    }
    items
}
