// Known-bad: std's threads, which the checks cannot see (no gate holds them),
// and the results read before joining: without the source check this would
// pass or fail by luck.
use std::sync::{Arc, Mutex};
use std::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let out = Arc::new(Mutex::new(vec![String::new(); n]));
    for i in 0..n {
        let out = Arc::clone(&out);
        thread::spawn(move || out.lock().unwrap()[i] = greet(i));
    }
    let result = out.lock().unwrap().clone();
    result
}
