// Known-bad (expect `leak`): collects every item, but never joins the producer
// threads ("the channel closed, so they must be done").
use checker::sync::mpsc::{self, Sender};
use checker::thread;

pub type Producer = Box<dyn FnOnce(Sender<u32>) + Send + 'static>;

pub fn collect_all(producers: Vec<Producer>) -> Vec<u32> {
    let (tx, rx) = mpsc::channel();
    for produce in producers {
        let tx = tx.clone();
        thread::spawn(move || produce(tx));
    }
    drop(tx);
    rx.iter().collect()
}
