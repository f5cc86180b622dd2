//! `checker::sync` under the model: shuttle's primitives, each operation
//! logged with its value and the caller's line.

use std::ops::{Deref, DerefMut};
use std::panic::Location;

pub use std::sync::{Arc, LockResult, PoisonError, TryLockError};

use super::log;

/// Like [`std::sync::Mutex`].
#[derive(Debug, Default)]
pub struct Mutex<T: ?Sized> {
    inner: shuttle::sync::Mutex<T>,
}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Self {
        Mutex { inner: shuttle::sync::Mutex::new(value) }
    }
    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        log::waits("Mutex::lock", at);
        let r = self.inner.lock();
        log::goes_on();
        log::record("locks the mutex".into(), at);
        match r {
            Ok(g) => Ok(MutexGuard { inner: g }),
            Err(e) => Err(PoisonError::new(MutexGuard { inner: e.into_inner() })),
        }
    }
}

/// Like [`std::sync::MutexGuard`].
pub struct MutexGuard<'a, T: ?Sized> {
    inner: shuttle::sync::MutexGuard<'a, T>,
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

/// Like [`std::sync::atomic`]: every access is a step the model may
/// interleave, and the log shows its value.
pub mod atomic {
    use std::panic::Location;

    pub use std::sync::atomic::Ordering;

    use super::log;

    macro_rules! atomic_int {
        ($name:ident, $t:ty) => {
            #[derive(Debug, Default)]
            pub struct $name {
                inner: shuttle::sync::atomic::$name,
            }

            impl $name {
                pub fn new(v: $t) -> Self {
                    $name { inner: shuttle::sync::atomic::$name::new(v) }
                }
                #[track_caller]
                pub fn load(&self, order: Ordering) -> $t {
                    let v = self.inner.load(order);
                    log::record(format!("loads {v}"), Location::caller());
                    v
                }
                #[track_caller]
                pub fn store(&self, v: $t, order: Ordering) {
                    self.inner.store(v, order);
                    log::record(format!("stores {v}"), Location::caller());
                }
                #[track_caller]
                pub fn swap(&self, v: $t, order: Ordering) -> $t {
                    let old = self.inner.swap(v, order);
                    log::record(format!("swaps {old} for {v}"), Location::caller());
                    old
                }
                #[track_caller]
                pub fn fetch_add(&self, v: $t, order: Ordering) -> $t {
                    let old = self.inner.fetch_add(v, order);
                    log::record(format!("adds {v} to {old}"), Location::caller());
                    old
                }
                #[track_caller]
                pub fn fetch_sub(&self, v: $t, order: Ordering) -> $t {
                    let old = self.inner.fetch_sub(v, order);
                    log::record(format!("subtracts {v} from {old}"), Location::caller());
                    old
                }
                #[track_caller]
                pub fn compare_exchange(
                    &self,
                    current: $t,
                    new: $t,
                    success: Ordering,
                    failure: Ordering,
                ) -> Result<$t, $t> {
                    let r = self.inner.compare_exchange(current, new, success, failure);
                    let what = match r {
                        Ok(_) => format!("swaps {current} for {new}"),
                        Err(seen) => format!("fails to swap {current} for {new} (it was {seen})"),
                    };
                    log::record(what, Location::caller());
                    r
                }
                pub fn into_inner(self) -> $t {
                    self.inner.into_inner()
                }
            }
        };
    }

    atomic_int!(AtomicUsize, usize);
    atomic_int!(AtomicU32, u32);
    atomic_int!(AtomicU64, u64);
    atomic_int!(AtomicI32, i32);
    atomic_int!(AtomicI64, i64);

    /// Like [`std::sync::atomic::AtomicBool`].
    #[derive(Debug, Default)]
    pub struct AtomicBool {
        inner: shuttle::sync::atomic::AtomicBool,
    }

    impl AtomicBool {
        pub fn new(v: bool) -> Self {
            AtomicBool { inner: shuttle::sync::atomic::AtomicBool::new(v) }
        }
        #[track_caller]
        pub fn load(&self, order: Ordering) -> bool {
            let v = self.inner.load(order);
            log::record(format!("loads {v}"), Location::caller());
            v
        }
        #[track_caller]
        pub fn store(&self, v: bool, order: Ordering) {
            self.inner.store(v, order);
            log::record(format!("stores {v}"), Location::caller());
        }
        #[track_caller]
        pub fn swap(&self, v: bool, order: Ordering) -> bool {
            let old = self.inner.swap(v, order);
            log::record(format!("swaps {old} for {v}"), Location::caller());
            old
        }
    }
}
