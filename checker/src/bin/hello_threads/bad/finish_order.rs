// Known-bad (expect `wrong`): each thread pushes its greeting into a shared
// Vec, so the greetings come back in the order the threads finish. It joins
// every thread before reading, so while the threads happen to finish in id
// order, it looks right.
use checker::sync::{Arc, Mutex};
use checker::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let out = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let out = Arc::clone(&out);
            thread::spawn(move || {
                let g = greet(i);
                out.lock().unwrap().push(g);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let greetings = out.lock().unwrap().clone();
    greetings
}
