// Known-bad (expect `wrong`): TODO(author): a real mistake, and why learners make it.
use checker::thread;

pub fn crawler(n: u32) -> u32 {
    thread::spawn(move || n).join().expect("the thread panicked")
}
