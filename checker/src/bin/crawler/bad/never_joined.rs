// Known-bad (expect `leak`): TODO(author): a real mistake, and why learners make it.
use checker::thread;

pub fn crawler(n: u32) -> u32 {
    let _ = thread::spawn(move || n * 2);
    n * 2
}
