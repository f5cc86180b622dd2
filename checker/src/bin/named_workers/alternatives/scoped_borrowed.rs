// Day 2 alternative: named scoped threads that borrow their name; join results folded with map_or_else.
use checker::thread;

/// What became of one worker.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// It returned this value.
    Finished(u32),
    /// It panicked with this message.
    Panicked(String),
}

/// Runs `work(name)` for every name, all at the same time, each on a thread
/// named `name`, and reports what became of each worker, in the order of
/// `names`. A worker that panics is reported as `Panicked`: it never stops
/// the others, and it never makes `run_workers` itself panic.
pub fn run_workers(names: &[&str], work: fn(&str) -> u32) -> Vec<(String, Outcome)> {
    thread::scope(|s| {
        // Scoped threads may borrow each `&str`; every handle is joined below,
        // so a panicking worker never makes the scope panic.
        let handles: Vec<_> = names
            .iter()
            .map(|&name| {
                let handle = thread::Builder::new()
                    .name(name.to_string())
                    .spawn_scoped(s, move || work(name))
                    .expect("the OS refused to start a thread");
                (name, handle)
            })
            .collect();
        handles
            .into_iter()
            .map(|(name, handle)| {
                let outcome = handle.join().map_or_else(|p| Outcome::Panicked(panic_message(p)), Outcome::Finished);
                (name.to_string(), outcome)
            })
            .collect()
    })
}

/// The message a thread panicked with. (`panic!` payloads are usually a
/// `&str` or a `String`; `join()` hands them back boxed.)
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}
