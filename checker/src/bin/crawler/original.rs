// Day 23: crawler
//
// TODO(author): the idea this exercise teaches, why it matters, and how the
// Rust maps to the Go idiom it replaces (and where the two differ).
use checker::thread;

/// TODO(author): the contract. Doubles `n` on a thread of its own.
pub fn crawler(n: u32) -> u32 {
    // TODO: spawn a thread that doubles `n`, and wait for its answer.
    todo!()
}
