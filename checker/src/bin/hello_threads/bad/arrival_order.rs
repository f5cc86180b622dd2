// Known-bad (expect `wrong`): each thread sends its greeting on a channel, and
// greet_all collects them in the order they arrive: the order the threads
// happen to finish, not the order of `i`. (It passed whenever the threads
// finished in spawn order; the checks let them finish latest first.)
use checker::sync::mpsc;
use checker::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let (tx, rx) = mpsc::channel();
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let tx = tx.clone();
            thread::spawn(move || tx.send(greet(i)).unwrap())
        })
        .collect();
    drop(tx);
    let greetings: Vec<String> = rx.iter().collect();
    for h in handles {
        h.join().unwrap();
    }
    greetings
}
