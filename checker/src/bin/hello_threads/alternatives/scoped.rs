// Day 1 alternative: scoped threads; every handle is joined inside the scope, in id order.
use checker::thread;

/// Runs `greet(0)`, `greet(1)`, ... `greet(n - 1)`, each on a thread of its
/// own, and returns the greetings in id order: `greet(0)`'s first.
pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    thread::scope(|s| {
        let handles: Vec<_> = (0..n).map(|i| s.spawn(move || greet(i))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    })
}
