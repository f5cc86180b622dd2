// Known-bad: joins each thread right after spawning it, so the threads run
// one after another (right answer, no concurrency).
use checker::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..n {
        out.push(thread::spawn(move || greet(i)).join().unwrap());
    }
    out
}
