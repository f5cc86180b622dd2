//! lockstep: a 30-day Rust concurrency course and the watcher that checks it.

pub mod app;
pub mod capture;
pub mod course;
pub mod process;
pub mod runner;
pub mod verdict;
pub mod views;
pub mod state;
pub mod streak;
pub mod dev;
pub mod progress;
pub mod verify;
pub mod watch;
