// Day 6: channel ends as types; producers and a consumer
//
// A channel has two ends, and in Rust they are two types: a `Sender<T>` can
// only send, a `Receiver<T>` can only receive. Go says the same with channel
// directions: a function that takes `chan<- T` may only send, one that takes
// `<-chan T` may only receive. Here a `Producer` is handed a `Sender`, so
// all it can ever do with the channel is put items in.
//
// Many producers, one consumer ("mpsc"): `tx.clone()` makes another Sender
// into the same channel. Give every producer a clone of its own; there is
// only one Receiver, and this thread reads it.
//
// Go closes a channel with one `close(ch)`, and with many producers someone
// must decide when to call it (usually after a `WaitGroup` says all are
// done). Rust has no `close`: a channel closes when the last of its Senders
// is dropped, however many clones were made and wherever they live. That is
// the moment `for item in rx` ends, and not before.
use checker::sync::mpsc::{self, Sender};
use checker::thread;

/// A producer: it sends its items through the Sender it is given, then
/// returns. (In Go: `func(out chan<- uint32)`.)
pub type Producer = Box<dyn FnOnce(Sender<u32>) + Send + 'static>;

/// Runs every producer on a thread of its own, all at the same time, and
/// collects on this thread everything they send, in the order it arrives.
/// Returns once every producer has finished and its thread has been joined.
/// If a producer panics, the panic reaches the caller: `join()` returns it
/// as an `Err`; unwrap it.
pub fn collect_all(producers: Vec<Producer>) -> Vec<u32> {
    // TODO: make one channel. Start each producer on a thread, with its own
    // clone of the Sender. Then receive on this thread until the channel
    // closes (what must happen first?), and join the producers.
    todo!()
}
