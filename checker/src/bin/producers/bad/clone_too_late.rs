// Known-bad (expect `compile`): clones the Sender inside the thread's closure.
// The `move` closure takes `tx` itself into the first thread, so there is no
// `tx` left to clone for the second: "use of moved value". Clone first, then
// move the clone in.
use checker::sync::mpsc::{self, Sender};
use checker::thread;

pub type Producer = Box<dyn FnOnce(Sender<u32>) + Send + 'static>;

pub fn collect_all(producers: Vec<Producer>) -> Vec<u32> {
    let (tx, rx) = mpsc::channel();
    let mut handles = Vec::new();
    for produce in producers {
        handles.push(thread::spawn(move || produce(tx.clone())));
    }
    let items = rx.iter().collect();
    for handle in handles {
        handle.join().unwrap();
    }
    items
}
