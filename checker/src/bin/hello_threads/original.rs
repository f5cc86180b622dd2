// Day 1: your first threads
//
// A thread runs a closure alongside the rest of your program. `thread::spawn`
// starts one and hands back a `JoinHandle`; `handle.join()` waits for that
// thread to finish and gives back the value its closure returned.
//
// In Go, `go greet(i)` starts a goroutine, but a goroutine returns nothing
// and has no handle: waiting for it takes a `sync.WaitGroup`, and getting a
// result out of it takes a channel. Rust's `JoinHandle` does both jobs.
//
// `checker::thread` is `std::thread` plus a little bookkeeping the checker
// needs (which thread was spawned where, and who joined it). Use it exactly
// as you would use `std::thread`.
use checker::thread;

/// Runs `greet(0)`, `greet(1)`, ... `greet(n - 1)`, each on a thread of its
/// own, and returns the greetings in id order: `greet(0)`'s first.
pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    // TODO: spawn one thread per id and keep every JoinHandle it returns.
    // Only then join them, in order, collecting what each thread returned.
    // (Joining inside the spawning loop would run the threads one by one.)
    todo!()
}
