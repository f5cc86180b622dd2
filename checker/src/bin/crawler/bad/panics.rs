// Known-bad (expect `panic`): TODO(author): a real mistake, and why learners make it.
use checker::thread;

pub fn crawler(n: u32) -> u32 {
    thread::spawn(move || n.checked_mul(2).filter(|_| false).expect("no answer")).join().unwrap()
}
