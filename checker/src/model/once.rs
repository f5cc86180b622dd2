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

impl<T: ?Sized> RwLock<T> {
    #[track_caller]
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {
        let at = Location::caller();
        waits("RwLock::read", at);
        let r = self.inner.read();
        log::goes_on();
        log::record("takes a read lock".into(), at);
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
        log::record("takes the write lock".into(), at);
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
