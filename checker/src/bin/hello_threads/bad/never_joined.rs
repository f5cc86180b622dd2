// Known-bad: waits for the threads through a channel, but never joins them.
use checker::sync::mpsc;
use checker::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let (tx, rx) = mpsc::channel();
    for i in 0..n {
        let tx = tx.clone();
        thread::spawn(move || tx.send((i, greet(i))).unwrap());
    }
    drop(tx);
    let mut got: Vec<(usize, String)> = rx.iter().collect();
    got.sort();
    got.into_iter().map(|(_, g)| g).collect()
}
