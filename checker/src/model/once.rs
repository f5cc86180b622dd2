//! `RwLock`, `Once` and `OnceLock` under the model (shuttle only): the model
//! checker's primitives, each operation logged with the caller's line, so a
//! double initialization shows as an interleaving and a reader waiting on a
//! writer shows where it waits.

use std::ops::{Deref, DerefMut};
use std::panic::Location;

use std::sync::{LockResult, PoisonError};

use super::log;
use crate::model::backend::sync as b;

/// The calling thread waits in `call` at `at`. Each wait ends with
/// `log::goes_on()`, but not when the wait ends in the model checker's
/// deadlock panic: the report needs it. An initializer that runs is no
/// longer a wait (it calls `goes_on` first), so its panic leaves none behind.
fn waits(call: &str, at: &'static Location<'static>) {
    log::waits(call, at);
}

/// Like [`std::sync::RwLock`]: any number of readers at once, or one writer.
pub struct RwLock<T: ?Sized> {
    inner: b::RwLock<T>,
}

impl<T: Default> Default for RwLock<T> {
    fn default() -> Self {
        RwLock::new(T::default())
    }
}

impl<T> RwLock<T> {
    pub fn new(value: T) -> Self {
        RwLock { inner: b::RwLock::new(value) }
    }
    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

/// " on `self.config`", as the learner's line names the lock.
fn on(at: &'static Location<'static>) -> String {
    log::lock_name(at).map(|name| format!(" on `{name}`")).unwrap_or_default()
}

impl<T: ?Sized> RwLock<T> {
    #[track_caller]
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {
        let at = Location::caller();
        waits("RwLock::read", at);
        let r = self.inner.read();
        log::goes_on();
        log::record(format!("takes a read lock{}", on(at)), at);
        match r {
            Ok(g) => Ok(RwLockReadGuard { inner: g }),
            Err(e) => Err(PoisonError::new(RwLockReadGuard { inner: e.into_inner() })),
        }
    }
    #[track_caller]
    pub fn write(&self) -> LockResult<RwLockWriteGuard<'_, T>> {
        let at = Location::caller();
        waits("RwLock::write", at);
        let r = self.inner.write();
        log::goes_on();
        log::record(format!("takes the write lock{}", on(at)), at);
        match r {
            Ok(g) => Ok(RwLockWriteGuard { inner: g }),
            Err(e) => Err(PoisonError::new(RwLockWriteGuard { inner: e.into_inner() })),
        }
    }
    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.inner.get_mut()
    }
}

/// Like [`std::sync::RwLockReadGuard`].
pub struct RwLockReadGuard<'a, T: ?Sized> {
    inner: b::RwLockReadGuard<'a, T>,
}

impl<T: ?Sized> Deref for RwLockReadGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

/// Like [`std::sync::RwLockWriteGuard`].
pub struct RwLockWriteGuard<'a, T: ?Sized> {
    inner: b::RwLockWriteGuard<'a, T>,
}

impl<T: ?Sized> Deref for RwLockWriteGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T: ?Sized> DerefMut for RwLockWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

pub use b::OnceState;

/// Like [`std::sync::Once`]: `call_once` runs its closure once; a closure
/// that panics poisons it, and every later `call_once` panics.
pub struct Once {
    inner: b::Once,
}

impl Default for Once {
    fn default() -> Self {
        Once::new()
    }
}

impl Once {
    pub const fn new() -> Once {
        Once { inner: b::Once::new() }
    }
    #[track_caller]
    pub fn call_once<F: FnOnce()>(&self, f: F) {
        let at = Location::caller();
        waits("Once::call_once", at);
        let mut ran = false;
        self.inner.call_once(|| {
            ran = true;
            log::goes_on();
            log::record("runs the Once's closure".into(), at);
            f()
        });
        log::goes_on();
        if !ran {
            log::record("finds the Once done".into(), at);
        }
    }
    #[track_caller]
    pub fn call_once_force<F: FnOnce(&OnceState)>(&self, f: F) {
        let at = Location::caller();
        waits("Once::call_once_force", at);
        let mut ran = false;
        self.inner.call_once_force(|state| {
            ran = true;
            log::goes_on();
            log::record("runs the Once's closure".into(), at);
            f(state)
        });
        log::goes_on();
        if !ran {
            log::record("finds the Once done".into(), at);
        }
    }
    pub fn is_completed(&self) -> bool {
        self.inner.is_completed()
    }
}

/// Like [`std::sync::OnceLock`]: set at most once. `get_or_init` runs one
/// initializer while the others wait for its value; one that panics leaves
/// the cell empty, and the next call initializes it.
pub struct OnceLock<T> {
    /// Set once the value is there: each look at it is a step of the model.
    done: b::atomic::AtomicBool,
    /// Decides who initializes, and makes the others wait.
    once: b::Once,
    value: std::sync::OnceLock<T>,
}

impl<T> Default for OnceLock<T> {
    fn default() -> Self {
        OnceLock::new()
    }
}

impl<T> OnceLock<T> {
    pub fn new() -> OnceLock<T> {
        OnceLock { done: b::atomic::AtomicBool::new(false), once: b::Once::new(), value: std::sync::OnceLock::new() }
    }

    #[track_caller]
    pub fn get(&self) -> Option<&T> {
        let at = Location::caller();
        if self.done.load(std::sync::atomic::Ordering::SeqCst) {
            log::record("finds the OnceLock set".into(), at);
            self.value.get()
        } else {
            log::record("finds the OnceLock empty".into(), at);
            None
        }
    }

    /// Stores `value` unless the cell is set: then it hands `value` back.
    #[track_caller]
    pub fn set(&self, value: T) -> Result<(), T> {
        let at = Location::caller();
        let mut value = Some(value);
        waits("OnceLock::set", at);
        self.once.call_once_force(|_| {
            log::goes_on();
            self.store(value.take().expect("taken once"))
        });
        log::goes_on();
        match value {
            None => {
                log::record("sets the OnceLock".into(), at);
                Ok(())
            }
            Some(v) => {
                log::record("finds the OnceLock already set".into(), at);
                Err(v)
            }
        }
    }

    #[track_caller]
    pub fn get_or_init<F: FnOnce() -> T>(&self, f: F) -> &T {
        let at = Location::caller();
        waits("OnceLock::get_or_init", at);
        let mut ran = false;
        self.once.call_once_force(|_| {
            ran = true;
            log::goes_on();
            log::record("initializes the OnceLock".into(), at);
            self.store(f());
        });
        log::goes_on();
        if !ran {
            log::record("gets the OnceLock's value".into(), at);
        }
        self.value.get().expect("a completed Once stored the value")
    }

    fn store(&self, value: T) {
        let _ = self.value.set(value);
        self.done.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn into_inner(self) -> Option<T> {
        self.value.into_inner()
    }
}

/// The proof on the run-once and read-mostly bugs: each is found, every
/// time, with its verdict; each fix passes.
#[cfg(test)]
mod tests {
    use super::{OnceLock, RwLock};
    use crate::harness::Kind;
    use crate::model::require;
    use crate::model::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use crate::model::sync::{Arc, Condvar, Mutex};
    use crate::model::thread;

    fn explore(iterations: usize, f: impl Fn() + Send + Sync + 'static) -> Result<(), crate::Failure> {
        crate::harness::set_test_file("checker/src/model/mod.rs");
        crate::model::explore(iterations, f)
    }

    /// Two threads initialize one cell: with `get_or_init`, or by looking,
    /// then setting (the bug).
    fn two_first_callers(look_then_set: bool) -> Result<(), crate::Failure> {
        explore(100, move || {
            let cell = Arc::new(OnceLock::new());
            let loads = Arc::new(AtomicUsize::new(0));
            let ts: Vec<_> = (0..2)
                .map(|_| {
                    let (cell, loads) = (Arc::clone(&cell), Arc::clone(&loads));
                    thread::spawn(move || {
                        let load = || loads.fetch_add(1, SeqCst);
                        if look_then_set {
                            if cell.get().is_none() {
                                let _ = cell.set(load());
                            }
                            *cell.get().unwrap()
                        } else {
                            *cell.get_or_init(load)
                        }
                    })
                })
                .collect();
            let got: Vec<usize> = ts.into_iter().map(|t| t.join().unwrap()).collect();
            let n = loads.load(SeqCst);
            require(n == 1 && got == [0, 0], || format!("{n} loads, values {got:?}"));
        })
    }

    #[test]
    fn look_then_set_is_a_race_and_get_or_init_is_not() {
        let failure = two_first_callers(true).unwrap_err();
        assert_eq!(failure.kind, Kind::Race);
        assert!(failure.message.contains("2 loads"), "{}", failure.message);
        two_first_callers(false).unwrap();
    }

    #[test]
    fn an_initializer_that_panics_leaves_the_cell_empty() {
        explore(1, || {
            let cell = OnceLock::new();
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| *cell.get_or_init(|| panic!("down"))));
            require(r.is_err() && cell.get().is_none(), || "the panic left a value".into());
            require(*cell.get_or_init(|| 7) == 7, || "the second initializer did not run".into());
            require(cell.set(8) == Err(8), || "set on a full cell stored".into());
        })
        .unwrap();
    }

    #[test]
    fn a_poisoned_once_panics_on_the_next_call() {
        let failure = explore(1, || {
            let once = super::Once::new();
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| once.call_once(|| panic!("down"))));
            once.call_once(|| {});
        })
        .unwrap_err();
        assert_eq!(failure.kind, Kind::Panic);
        assert!(failure.message.contains("poisoned"), "{}", failure.message);
    }

    /// Two readers that each wait inside until both are in. (No writer
    /// waits meanwhile: shuttle lets readers pass a waiting writer, and
    /// std's RwLock on Linux does not.)
    #[test]
    fn readers_hold_the_lock_together() {
        explore(50, || {
            let lock = Arc::new(RwLock::new(1));
            let room = Arc::new((Mutex::new(0), Condvar::new()));
            let ts: Vec<_> = (0..2)
                .map(|_| {
                    let (lock, room) = (Arc::clone(&lock), Arc::clone(&room));
                    thread::spawn(move || {
                        let v = lock.read().unwrap();
                        let mut n = room.0.lock().unwrap();
                        *n += 1;
                        room.1.notify_all();
                        while *n < 2 {
                            n = room.1.wait(n).unwrap();
                        }
                        *v
                    })
                })
                .collect();
            let seen: Vec<i32> = ts.into_iter().map(|t| t.join().unwrap()).collect();
            *lock.write().unwrap() += 1;
            require(seen == [1, 1] && *lock.read().unwrap() == 2, || format!("{seen:?}"));
        })
        .unwrap();
    }

    #[test]
    fn reading_under_ones_own_write_guard_is_a_deadlock() {
        let failure = explore(1, || {
            let lock = RwLock::new(0);
            let _w = lock.write().unwrap();
            let _r = lock.read().unwrap();
        })
        .unwrap_err();
        assert_eq!(failure.kind, Kind::Deadlock);
        assert!(failure.message.contains("main waits in RwLock::read"), "{}", failure.message);
        assert!(failure.message.contains("an RwLock it already holds"), "{}", failure.message);
    }
}
