// Day 6 alternative: scoped producer threads; the original Sender is dropped before receiving.
use checker::sync::mpsc::{self, Sender};
use checker::thread;

/// A producer: it sends its items through the Sender it is given, then
/// returns. (In Go: `func(out chan<- uint32)`.)
pub type Producer = Box<dyn FnOnce(Sender<u32>) + Send + 'static>;

/// Runs every producer on a thread of its own, all at the same time, and
/// collects on this thread everything they send, in the order it arrives.
/// Returns once every producer has finished and its thread has been joined.
pub fn collect_all(producers: Vec<Producer>) -> Vec<u32> {
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        for producer in producers {
            let tx = tx.clone();
            s.spawn(move || producer(tx));
        }
        // Only the producers' clones may keep the channel open.
        drop(tx);
        rx.iter().collect()
    })
}
