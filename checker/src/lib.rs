//! Support code shared by lockstep's hidden checks.
//!
//! Exercises import [`thread`] and [`sync`] instead of `std::thread` and
//! `std::sync`: the API is std's, plus the bookkeeping the checks need (who
//! spawned which thread, who joined it). Checks are written with [`harness`].

#[cfg(not(any(feature = "model", feature = "loom")))]
pub mod channel;
pub mod clock;
pub mod gate;
pub mod harness;
pub mod lines;
#[cfg(any(feature = "model", feature = "loom"))]
pub mod model;
#[cfg(not(any(feature = "model", feature = "loom")))]
pub mod net;
pub mod observe;
pub mod order;
mod report;
pub mod vtime;
pub mod watchdog;

#[cfg(not(any(feature = "model", feature = "loom")))]
pub mod sync;
#[cfg(not(any(feature = "model", feature = "loom")))]
pub mod thread;
#[cfg(any(feature = "model", feature = "loom"))]
pub use model::{sync, thread};

pub use harness::{Check, Failure, Kind};

/// Tests that use the clock, the gates or the thread registry (all global)
/// take this lock: one at a time.
#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
pub(crate) static TEST_SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
pub(crate) fn serial() -> std::sync::MutexGuard<'static, ()> {
    TEST_SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// For `checker::channel::select!`, which expands to crossbeam's.
#[doc(hidden)]
pub use crossbeam as __crossbeam;

/// Ends the current check with a `wrong` verdict unless `cond` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err($crate::Failure::wrong(format!($($msg)+)));
        }
    };
}

/// Includes the file under test as the module `exercise`: the learner's file
/// normally, or (with the `subject` feature, set by `lockstep dev check`) the
/// file named by `LOCKSTEP_SUBJECT` at compile time.
#[macro_export]
macro_rules! subject {
    ($path:literal) => {
        #[cfg(not(feature = "subject"))]
        #[path = $path]
        #[allow(dead_code, unused_imports, unused_mut, unused_variables)]
        mod exercise;
        #[cfg(feature = "subject")]
        #[allow(dead_code, unused_imports, unused_mut, unused_variables)]
        mod exercise {
            include!(env!("LOCKSTEP_SUBJECT"));
        }
    };
}
