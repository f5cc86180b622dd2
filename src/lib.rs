//! lockstep: a 30-day Rust concurrency course and the watcher that checks it.

pub mod app;
pub mod capture;
pub mod course;
pub mod dev;
pub mod escape;
pub mod invocation;
pub mod load;
pub mod mutants;
pub mod pipes;
pub mod process;
pub mod progress;
pub mod report;
pub mod resize;
pub mod runner;
pub mod sandbox;
pub mod screen;
pub mod seal;
pub mod signals;
pub mod source;
pub mod state;
pub mod streak;
pub mod verdict;
pub mod verify;
pub mod views;
pub mod watch;
