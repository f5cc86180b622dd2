// Day 2: closures, `move`, names and join results
//
// The closure you hand to a thread may outlive the function that spawned it,
// so it must own what it uses: `move` moves the captured values into it. A
// `&str` borrowed from your caller can't come along; give each thread its own
// `String` instead. (A Go closure shares the variables it captures with the
// function around it; a `move` closure takes them over, so what the thread
// uses is its own.)
//
// `thread::Builder` spawns a thread with a name. The name shows up in panic
// messages and debuggers, so a failing worker tells you who it was.
//
// A panic ends only the thread it happens on. That thread's `join()` then
// returns `Err(payload)` instead of `Ok(value)`: the panic has become a value
// you can look at, report, and move on from.
//
// This is where Go differs most: an unrecovered panic in any goroutine ends
// the whole program, and `recover()` catches it only in a deferred function
// of the goroutine that panicked. Rust's threads are contained this way
// because panics unwind (the default, `panic = "unwind"`); a program built
// with `panic = "abort"` ends at its first panic, as Go does at an
// unrecovered one.
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
    // TODO: for every name, spawn a named thread and keep its handle:
    //     thread::Builder::new().name(...).spawn(move || ...)
    // Only when all of them are running, join them in order. `Ok(v)` means
    // the worker finished with `v`; `Err(payload)` means it panicked.
    todo!()
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
