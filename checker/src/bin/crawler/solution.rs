// The reference solution. TODO(author): yours.
use checker::thread;

pub fn crawler(n: u32) -> u32 {
    thread::spawn(move || n * 2).join().expect("the thread panicked")
}
