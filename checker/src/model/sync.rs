//! `checker::sync` under the model: the model checker's primitives, each
//! operation logged with its value and the caller's line.

use std::ops::{Deref, DerefMut};
use std::panic::Location;

pub use std::sync::{Arc, LockResult, PoisonError, TryLockError};

use super::log;

/// `RwLock`, `Once` and `OnceLock` (shuttle only).
#[cfg(not(feature = "loom"))]
pub use super::once::{Once, OnceLock, OnceState, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Like [`std::sync::Mutex`].
pub struct Mutex<T: ?Sized> {
    inner: crate::model::backend::sync::Mutex<T>,
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Self {
        Mutex { inner: crate::model::backend::sync::Mutex::new(value) }
    }
    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// This mutex, as the log knows it.
    fn key(&self) -> usize {
        self as *const Self as *const u8 as usize
    }

    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        log::waits("Mutex::lock", at);
        log::wants(self.key());
        let r = self.inner.lock();
        log::goes_on();
        log::record(format!("locks {}", the_lock(at)), at);
        log::holds(self.key(), at);
        let key = self.key();
        match r {
            Ok(g) => Ok(MutexGuard { inner: Some(g), key }),
            Err(e) => Err(PoisonError::new(MutexGuard { inner: Some(e.into_inner()), key })),
        }
    }

    /// Like [`std::sync::Mutex::try_lock`]: never waits.
    #[track_caller]
    pub fn try_lock(&self) -> std::sync::TryLockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        let r = self.inner.try_lock();
        let what = if matches!(r, Err(TryLockError::WouldBlock)) { "finds taken" } else { "locks" };
        log::record(format!("{what} {} (try_lock)", the_lock(at)), at);
        let key = self.key();
        match r {
            Ok(g) => {
                log::holds(key, at);
                Ok(MutexGuard { inner: Some(g), key })
            }
            Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
            Err(TryLockError::Poisoned(e)) => {
                log::holds(key, at);
                Err(TryLockError::Poisoned(PoisonError::new(MutexGuard { inner: Some(e.into_inner()), key })))
            }
        }
    }
}

/// "`self.shelf`" as the learner's line names the lock, else "the mutex".
fn the_lock(at: &'static Location<'static>) -> String {
    log::lock_name(at).map_or_else(|| "the mutex".to_string(), |name| format!("`{name}`"))
}

/// Like [`std::sync::MutexGuard`].
pub struct MutexGuard<'a, T: ?Sized> {
    /// Taken only by `Condvar::wait`, which gives the guard back.
    inner: Option<crate::model::backend::sync::MutexGuard<'a, T>>,
    /// Its mutex, as the log knows it.
    key: usize,
}

const GUARD: &str = "a guard always holds its lock outside Condvar::wait";

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.inner.as_ref().expect(GUARD)
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner.as_mut().expect(GUARD)
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        // While a failure unwinds, the holders stay as the failure found them.
        if self.inner.is_some() && !std::thread::panicking() {
            log::lets_go(self.key);
        }
    }
}

/// Like [`std::sync::atomic`]: every access is a step the model may
/// interleave, and the log shows its value.
pub mod atomic {
    use std::panic::Location;

    pub use std::sync::atomic::Ordering;

    use super::log;

    /// The ordering, when it is weaker than SeqCst: what the learner must see.
    fn how(order: Ordering) -> &'static str {
        match order {
            Ordering::Relaxed => " (Relaxed)",
            Ordering::Acquire => " (Acquire)",
            Ordering::Release => " (Release)",
            Ordering::AcqRel => " (AcqRel)",
            _ => "",
        }
    }

    macro_rules! atomic_int {
        ($name:ident, $t:ty) => {
            pub struct $name {
                inner: crate::model::backend::sync::atomic::$name,
            }

            impl Default for $name {
                fn default() -> Self {
                    $name::new(0)
                }
            }

            impl $name {
                pub fn new(v: $t) -> Self {
                    $name { inner: crate::model::backend::sync::atomic::$name::new(v) }
                }
                #[track_caller]
                pub fn load(&self, order: Ordering) -> $t {
                    let v = self.inner.load(order);
                    log::record(format!("loads {v}{}", how(order)), Location::caller());
                    v
                }
                #[track_caller]
                pub fn store(&self, v: $t, order: Ordering) {
                    self.inner.store(v, order);
                    log::record(format!("stores {v}{}", how(order)), Location::caller());
                }
                #[track_caller]
                pub fn swap(&self, v: $t, order: Ordering) -> $t {
                    let old = self.inner.swap(v, order);
                    log::record(format!("swaps {old} for {v}{}", how(order)), Location::caller());
                    old
                }
                #[track_caller]
                pub fn fetch_add(&self, v: $t, order: Ordering) -> $t {
                    let old = self.inner.fetch_add(v, order);
                    log::record(format!("adds {v} to {old}{}", how(order)), Location::caller());
                    old
                }
                #[track_caller]
                pub fn fetch_sub(&self, v: $t, order: Ordering) -> $t {
                    let old = self.inner.fetch_sub(v, order);
                    log::record(format!("subtracts {v} from {old}{}", how(order)), Location::caller());
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
                #[track_caller]
                pub fn compare_exchange_weak(
                    &self,
                    current: $t,
                    new: $t,
                    success: Ordering,
                    failure: Ordering,
                ) -> Result<$t, $t> {
                    let r = self.inner.compare_exchange_weak(current, new, success, failure);
                    let what = match r {
                        Ok(_) => format!("swaps {current} for {new}"),
                        Err(seen) => format!("fails to swap {current} for {new} (it was {seen})"),
                    };
                    log::record(what, Location::caller());
                    r
                }
                #[track_caller]
                pub fn fetch_update<F: FnMut($t) -> Option<$t>>(
                    &self,
                    set: Ordering,
                    fetch: Ordering,
                    f: F,
                ) -> Result<$t, $t> {
                    let r = self.inner.fetch_update(set, fetch, f);
                    let what = match r {
                        Ok(old) => format!("updates {old}{}", how(set)),
                        Err(old) => format!("leaves {old} as it is{}", how(fetch)),
                    };
                    log::record(what, Location::caller());
                    r
                }
                fetch_op!(fetch_max, $t, "takes the max of {} and {}");
                fetch_op!(fetch_min, $t, "takes the min of {} and {}");
                fetch_op!(fetch_and, $t, "ands {} into {}");
                fetch_op!(fetch_or, $t, "ors {} into {}");
                fetch_op!(fetch_xor, $t, "xors {} into {}");
                pub fn into_inner(self) -> $t {
                    self.inner.into_inner()
                }
            }
        };
    }

    /// A read-modify-write, logged as "`what` v old".
    macro_rules! fetch_op {
        ($op:ident, $t:ty, $what:literal) => {
            #[track_caller]
            pub fn $op(&self, v: $t, order: Ordering) -> $t {
                let old = self.inner.$op(v, order);
                log::record(format!(concat!($what, "{}"), v, old, how(order)), Location::caller());
                old
            }
        };
    }

    atomic_int!(AtomicUsize, usize);
    atomic_int!(AtomicU32, u32);
    atomic_int!(AtomicU64, u64);
    atomic_int!(AtomicI32, i32);
    atomic_int!(AtomicI64, i64);

    /// Like [`std::sync::atomic::AtomicBool`].
    #[derive(Default)]
    pub struct AtomicBool {
        inner: crate::model::backend::sync::atomic::AtomicBool,
    }

    impl AtomicBool {
        pub fn new(v: bool) -> Self {
            AtomicBool { inner: crate::model::backend::sync::atomic::AtomicBool::new(v) }
        }
        #[track_caller]
        pub fn load(&self, order: Ordering) -> bool {
            let v = self.inner.load(order);
            log::record(format!("loads {v}{}", how(order)), Location::caller());
            v
        }
        #[track_caller]
        pub fn store(&self, v: bool, order: Ordering) {
            self.inner.store(v, order);
            log::record(format!("stores {v}{}", how(order)), Location::caller());
        }
        #[track_caller]
        pub fn swap(&self, v: bool, order: Ordering) -> bool {
            let old = self.inner.swap(v, order);
            log::record(format!("swaps {old} for {v}{}", how(order)), Location::caller());
            old
        }
        #[track_caller]
        pub fn compare_exchange(
            &self,
            current: bool,
            new: bool,
            success: Ordering,
            failure: Ordering,
        ) -> Result<bool, bool> {
            let r = self.inner.compare_exchange(current, new, success, failure);
            let what = match r {
                Ok(_) => format!("swaps {current} for {new}"),
                Err(seen) => format!("fails to swap {current} for {new} (it was {seen})"),
            };
            log::record(what, Location::caller());
            r
        }
        #[track_caller]
        pub fn compare_exchange_weak(
            &self,
            current: bool,
            new: bool,
            success: Ordering,
            failure: Ordering,
        ) -> Result<bool, bool> {
            let r = self.inner.compare_exchange_weak(current, new, success, failure);
            let what = match r {
                Ok(_) => format!("swaps {current} for {new}"),
                Err(seen) => format!("fails to swap {current} for {new} (it was {seen})"),
            };
            log::record(what, Location::caller());
            r
        }
        fetch_op!(fetch_and, bool, "ands {} into {}");
        fetch_op!(fetch_or, bool, "ors {} into {}");
        fetch_op!(fetch_xor, bool, "xors {} into {}");
        pub fn into_inner(self) -> bool {
            self.inner.into_inner()
        }
    }
}

/// Like [`std::sync::WaitTimeoutResult`]: under the model, never timed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

/// Like [`std::sync::Condvar`].
pub struct Condvar {
    inner: crate::model::backend::sync::Condvar,
}

impl Default for Condvar {
    fn default() -> Self {
        Condvar::new()
    }
}

impl Condvar {
    pub fn new() -> Self {
        Condvar { inner: crate::model::backend::sync::Condvar::new() }
    }
    #[track_caller]
    pub fn wait<'a, T>(&self, mut guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        let at = Location::caller();
        log::record("waits on the condvar".into(), at);
        log::waits("Condvar::wait", at);
        let key = guard.key;
        let inner = guard.inner.take().expect(GUARD);
        log::lets_go(key);
        let r = self.inner.wait(inner);
        log::goes_on();
        log::record("wakes up".into(), at);
        log::holds(key, at);
        match r {
            Ok(g) => Ok(MutexGuard { inner: Some(g), key }),
            Err(e) => Err(PoisonError::new(MutexGuard { inner: Some(e.into_inner()), key })),
        }
    }
    /// Like [`std::sync::Condvar::wait_timeout`], except that under the model
    /// time does not pass: the wait ends only when notified. Code that needs
    /// the timeout to go on is then a deadlock.
    #[track_caller]
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        _dur: std::time::Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        match self.wait(guard) {
            Ok(g) => Ok((g, WaitTimeoutResult(false))),
            Err(e) => Err(PoisonError::new((e.into_inner(), WaitTimeoutResult(false)))),
        }
    }

    /// Like [`std::sync::Condvar::wait_timeout_while`]; see [`Condvar::wait_timeout`].
    #[track_caller]
    pub fn wait_timeout_while<'a, T, F>(
        &self,
        guard: MutexGuard<'a, T>,
        _dur: std::time::Duration,
        condition: F,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)>
    where
        F: FnMut(&mut T) -> bool,
    {
        match self.wait_while(guard, condition) {
            Ok(g) => Ok((g, WaitTimeoutResult(false))),
            Err(e) => Err(PoisonError::new((e.into_inner(), WaitTimeoutResult(false)))),
        }
    }

    #[track_caller]
    pub fn wait_while<'a, T, F>(&self, mut guard: MutexGuard<'a, T>, mut condition: F) -> LockResult<MutexGuard<'a, T>>
    where
        F: FnMut(&mut T) -> bool,
    {
        while condition(&mut *guard) {
            guard = self.wait(guard)?;
        }
        Ok(guard)
    }
    #[track_caller]
    pub fn notify_one(&self) {
        log::record("notifies one".into(), Location::caller());
        self.inner.notify_one();
    }
    #[track_caller]
    pub fn notify_all(&self) {
        log::record("notifies all".into(), Location::caller());
        self.inner.notify_all();
    }
}

/// Like [`std::sync::Barrier`] (shuttle's; loom has none).
#[cfg(not(feature = "loom"))]
pub struct Barrier {
    inner: crate::model::backend::sync::Barrier,
}

/// Like [`std::sync::BarrierWaitResult`].
#[cfg(not(feature = "loom"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarrierWaitResult(bool);

#[cfg(not(feature = "loom"))]
impl BarrierWaitResult {
    /// Is this the one thread of its round that `wait` calls the leader?
    pub fn is_leader(&self) -> bool {
        self.0
    }
}

#[cfg(not(feature = "loom"))]
impl Barrier {
    pub fn new(n: usize) -> Self {
        Barrier { inner: crate::model::backend::sync::Barrier::new(n) }
    }
    #[track_caller]
    pub fn wait(&self) -> BarrierWaitResult {
        let at = Location::caller();
        log::record("waits at the barrier".into(), at);
        log::waits("Barrier::wait", at);
        let r = self.inner.wait();
        log::goes_on();
        log::record("passes the barrier".into(), at);
        BarrierWaitResult(r.is_leader())
    }
}

/// Like [`std::sync::mpsc`].
pub mod mpsc {
    use std::panic::Location;

    pub use std::sync::mpsc::{RecvError, SendError, TryRecvError, TrySendError};

    use super::log;

    #[track_caller]
    pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
        let (tx, rx) = crate::model::backend::sync::mpsc::channel();
        (Sender { inner: tx }, Receiver { inner: rx })
    }

    /// Like [`std::sync::mpsc::sync_channel`] (not under loom).
    #[cfg(not(feature = "loom"))]
    #[track_caller]
    pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        let (tx, rx) = crate::model::backend::sync::mpsc::sync_channel(bound);
        (SyncSender { inner: tx }, Receiver { inner: rx })
    }

    /// Like [`std::sync::mpsc::Sender`].
    pub struct Sender<T> {
        inner: crate::model::backend::sync::mpsc::Sender<T>,
    }

    impl<T> Clone for Sender<T> {
        fn clone(&self) -> Self {
            Sender { inner: self.inner.clone() }
        }
    }

    impl<T> std::fmt::Debug for Sender<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Sender { .. }")
        }
    }

    impl<T: std::fmt::Debug> Sender<T> {
        #[track_caller]
        pub fn send(&self, v: T) -> Result<(), SendError<T>> {
            log::record(format!("sends {v:?}"), Location::caller());
            self.inner.send(v)
        }
    }

    /// Like [`std::sync::mpsc::SyncSender`].
    #[cfg(not(feature = "loom"))]
    pub struct SyncSender<T> {
        inner: crate::model::backend::sync::mpsc::SyncSender<T>,
    }

    #[cfg(not(feature = "loom"))]
    impl<T> Clone for SyncSender<T> {
        fn clone(&self) -> Self {
            SyncSender { inner: self.inner.clone() }
        }
    }

    #[cfg(not(feature = "loom"))]
    impl<T: std::fmt::Debug> SyncSender<T> {
        #[track_caller]
        pub fn send(&self, v: T) -> Result<(), SendError<T>> {
            let at = Location::caller();
            let what = format!("sends {v:?}");
            log::waits("SyncSender::send", at);
            let r = self.inner.send(v);
            log::goes_on();
            log::record(what, at);
            r
        }
        #[track_caller]
        pub fn try_send(&self, v: T) -> Result<(), TrySendError<T>> {
            let what = format!("tries to send {v:?}");
            let r = self.inner.try_send(v);
            log::record(if r.is_ok() { what } else { format!("{what}: refused") }, Location::caller());
            r
        }
    }

    /// Like [`std::sync::mpsc::Receiver`].
    pub struct Receiver<T> {
        inner: crate::model::backend::sync::mpsc::Receiver<T>,
    }

    impl<T: std::fmt::Debug> Receiver<T> {
        #[track_caller]
        pub fn recv(&self) -> Result<T, RecvError> {
            let at = Location::caller();
            log::waits("Receiver::recv", at);
            let r = self.inner.recv();
            log::goes_on();
            match &r {
                Ok(v) => log::record(format!("receives {v:?}"), at),
                Err(_) => log::record("finds the channel closed".into(), at),
            }
            r
        }
        #[track_caller]
        pub fn try_recv(&self) -> Result<T, TryRecvError> {
            let r = self.inner.try_recv();
            if let Ok(v) = &r {
                log::record(format!("receives {v:?}"), Location::caller());
            }
            r
        }
        #[track_caller]
        pub fn iter(&self) -> Iter<'_, T> {
            Iter { rx: self, at: Location::caller() }
        }
    }

    /// Like [`std::sync::mpsc::Iter`].
    pub struct Iter<'a, T> {
        rx: &'a Receiver<T>,
        at: &'static Location<'static>,
    }

    impl<T: std::fmt::Debug> Iterator for Iter<'_, T> {
        type Item = T;
        fn next(&mut self) -> Option<T> {
            receive_at(self.rx, self.at)
        }
    }

    /// Like [`std::sync::mpsc::IntoIter`].
    pub struct IntoIter<T> {
        rx: Receiver<T>,
        at: &'static Location<'static>,
    }

    impl<T: std::fmt::Debug> Iterator for IntoIter<T> {
        type Item = T;
        fn next(&mut self) -> Option<T> {
            receive_at(&self.rx, self.at)
        }
    }

    impl<T: std::fmt::Debug> IntoIterator for Receiver<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
        #[track_caller]
        fn into_iter(self) -> IntoIter<T> {
            IntoIter { rx: self, at: Location::caller() }
        }
    }

    impl<'a, T: std::fmt::Debug> IntoIterator for &'a Receiver<T> {
        type Item = T;
        type IntoIter = Iter<'a, T>;
        #[track_caller]
        fn into_iter(self) -> Iter<'a, T> {
            Iter { rx: self, at: Location::caller() }
        }
    }

    /// A receive for a `for` loop, logged at the loop's line.
    fn receive_at<T: std::fmt::Debug>(rx: &Receiver<T>, at: &'static Location<'static>) -> Option<T> {
        log::waits("Receiver::recv (in a for loop)", at);
        let r = rx.inner.recv();
        log::goes_on();
        match &r {
            Ok(v) => log::record(format!("receives {v:?}"), at),
            Err(_) => log::record("finds the channel closed".into(), at),
        }
        r.ok()
    }
}
