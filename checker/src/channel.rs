//! crossbeam's channels (`crossbeam::channel`) on the course's clock.
//!
//! Everything is crossbeam's own (the same `Sender`, `Receiver`, `never`,
//! `select!`), except the timers: `after`, `at` and `tick` deliver on the
//! course's clock ([`crate::clock`]), and `select!`'s `default(timeout)` arm
//! waits on it too. So "gave up too early" and "waited too long" are decided
//! exactly, in no real time.
//!
//! Still on the real clock, so not for checked code: `Receiver::recv_timeout`
//! and `recv_deadline`, `Sender::send_timeout` and `send_deadline`,
//! `Select::select_timeout` and `ready_timeout`, `select_biased!`'s
//! `default(timeout)`. Use `select!` with `recv(after(d))` instead.

use std::time::{Duration, Instant};

pub use crossbeam::channel::*;

#[doc(inline)]
pub use crate::__select as select;

/// Like crossbeam's `after`: a channel that delivers the time once, when `d`
/// has passed on the course's clock.
pub fn after(d: Duration) -> Receiver<Instant> {
    match crate::clock::from_now(d) {
        Some(at) => crate::clock::once_at(at),
        None => never(),
    }
}

/// Like crossbeam's `at`: a channel that delivers the time once, at `when`
/// on the course's clock (take `when` from [`crate::clock::now`]).
pub fn at(when: Instant) -> Receiver<Instant> {
    crate::clock::once_at(crate::clock::at_instant(when))
}

/// Like crossbeam's `tick`: a channel that delivers the time every `d` on the
/// course's clock. A tick nobody takes is dropped, and the next one comes a
/// period after it is taken, as with crossbeam's.
pub fn tick(d: Duration) -> Receiver<Instant> {
    match crate::clock::from_now(d) {
        Some(first) => crate::clock::ticks(first, d),
        None => never(),
    }
}

/// crossbeam's `select!`, with a `default(timeout)` arm on the course's
/// clock (it becomes `recv(after(timeout)) -> _`). Use it as
/// `checker::channel::select!`. Each `recv` and `send` arm's body first
/// calls [`crate::gate::after_select`] (a no-op unless a check asked for
/// [`crate::gate::hold_next_select`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __select {
    // Every arm is rewritten: hand them to crossbeam.
    (@arms [$($done:tt)*]) => {
        $crate::__crossbeam::channel::select! { $($done)* }
    };
    // `default(timeout) => body`: a timer on the course's clock instead.
    (@arms [$($done:tt)*] default($timeout:expr $(,)?) => $($rest:tt)*) => {
        $crate::__select!(@arms [$($done)*] recv($crate::channel::after($timeout)) -> _ => $($rest)*)
    };
    // `default => body` stays as it is (it is the last arm).
    (@arms [$($done:tt)*] default => $($rest:tt)*) => {
        $crate::__crossbeam::channel::select! { $($done)* default => $($rest)* }
    };
    // A `recv` or `send` arm: its body first passes the gate.
    (@arms [$($done:tt)*] $op:ident ($($args:tt)*) -> $res:pat => $body:block , $($rest:tt)*) => {
        $crate::__select!(@arms [$($done)* $op($($args)*) -> $res => { $crate::gate::after_select(); $body },] $($rest)*)
    };
    (@arms [$($done:tt)*] $op:ident ($($args:tt)*) -> $res:pat => $body:block $($rest:tt)*) => {
        $crate::__select!(@arms [$($done)* $op($($args)*) -> $res => { $crate::gate::after_select(); $body },] $($rest)*)
    };
    (@arms [$($done:tt)*] $op:ident ($($args:tt)*) -> $res:pat => $body:expr , $($rest:tt)*) => {
        $crate::__select!(@arms [$($done)* $op($($args)*) -> $res => { $crate::gate::after_select(); $body },] $($rest)*)
    };
    (@arms [$($done:tt)*] $op:ident ($($args:tt)*) -> $res:pat => $body:expr) => {
        $crate::__select!(@arms [$($done)* $op($($args)*) -> $res => { $crate::gate::after_select(); $body },])
    };
    // Anything else (`default()`, say) goes to crossbeam as it is, unhooked.
    (@arms [$($done:tt)*] $($rest:tt)+) => {
        $crate::__crossbeam::channel::select! { $($done)* $($rest)+ }
    };
    ($($arms:tt)*) => {
        $crate::__select!(@arms [] $($arms)*)
    };
}
