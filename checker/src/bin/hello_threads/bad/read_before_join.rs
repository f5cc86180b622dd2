// Known-bad: collects the greetings through shared state and reads them
// before joining the threads, so some (or all) are missing.
use checker::sync::{Arc, Mutex};
use checker::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let out = Arc::new(Mutex::new(vec![String::new(); n]));
    let mut handles = Vec::new();
    for i in 0..n {
        let out = Arc::clone(&out);
        handles.push(thread::spawn(move || out.lock().unwrap()[i] = greet(i)));
    }
    let result = out.lock().unwrap().clone();
    for h in handles {
        h.join().unwrap();
    }
    result
}
