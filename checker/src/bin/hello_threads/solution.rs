use checker::thread;

pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    let handles: Vec<_> = (0..n).map(|i| thread::spawn(move || greet(i))).collect();
    handles.into_iter().map(|h| h.join().expect("a greeting thread panicked")).collect()
}
