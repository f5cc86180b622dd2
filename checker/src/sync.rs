//! `std::sync` for the exercises, plus a `WaitGroup` (crossbeam's). Use it
//! exactly like `std::sync`. Timed waits (`Condvar::wait_timeout`,
//! `Receiver::recv_timeout`) run on the course's clock ([`crate::clock`]).

pub use std::sync::*;

/// Like [`crossbeam::sync::WaitGroup`]: clone one per worker, drop the clone
/// when the work is done, and `wait()` until every clone is gone.
pub use crossbeam::sync::WaitGroup;

use std::time::Duration;

/// Like [`std::sync::WaitTimeoutResult`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    /// Did the wait end because the time ran out?
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

/// Like [`std::sync::Condvar`]; the timed waits are on the course's clock.
#[derive(Debug, Default)]
pub struct Condvar {
    inner: std::sync::Condvar,
}

impl Condvar {
    pub const fn new() -> Condvar {
        Condvar { inner: std::sync::Condvar::new() }
    }
    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.inner.wait(guard)
    }
    pub fn wait_while<'a, T, F>(&self, guard: MutexGuard<'a, T>, condition: F) -> LockResult<MutexGuard<'a, T>>
    where
        F: FnMut(&mut T) -> bool,
    {
        self.inner.wait_while(guard, condition)
    }
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let (woke, timed_out) = crate::clock::wait_timeout(&self.inner, dur, || self.inner.wait(guard));
        match woke {
            Ok(g) => Ok((g, WaitTimeoutResult(timed_out))),
            Err(poisoned) => Err(PoisonError::new((poisoned.into_inner(), WaitTimeoutResult(timed_out)))),
        }
    }
    pub fn wait_timeout_while<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        dur: Duration,
        mut condition: F,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)>
    where
        F: FnMut(&mut T) -> bool,
    {
        let until = crate::clock::elapsed().saturating_add(dur);
        let mut poisoned = false;
        loop {
            if !condition(&mut *guard) {
                return wrap((guard, WaitTimeoutResult(false)), poisoned);
            }
            let left = until.saturating_sub(crate::clock::elapsed());
            if left.is_zero() {
                return wrap((guard, WaitTimeoutResult(true)), poisoned);
            }
            guard = match self.wait_timeout(guard, left) {
                Ok((g, _)) => g,
                Err(e) => {
                    poisoned = true;
                    e.into_inner().0
                }
            };
        }
    }
    pub fn notify_one(&self) {
        self.inner.notify_one();
    }
    pub fn notify_all(&self) {
        self.inner.notify_all();
    }
}

fn wrap<G>(value: G, poisoned: bool) -> LockResult<G> {
    if poisoned { Err(PoisonError::new(value)) } else { Ok(value) }
}

/// Like [`std::sync::mpsc`] (which is crossbeam's channel inside, as this
/// is); `recv_timeout` waits on the course's clock.
pub mod mpsc {
    use std::time::Duration;

    pub use std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};

    use crossbeam::channel as cb;

    /// Like [`std::sync::mpsc::channel`].
    pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
        let (tx, rx) = cb::unbounded();
        (Sender { inner: tx }, Receiver { inner: rx })
    }

    /// Like [`std::sync::mpsc::sync_channel`].
    pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        let (tx, rx) = cb::bounded(bound);
        (SyncSender { inner: tx }, Receiver { inner: rx })
    }

    /// Like [`std::sync::mpsc::Sender`].
    pub struct Sender<T> {
        inner: cb::Sender<T>,
    }

    impl<T> Sender<T> {
        pub fn send(&self, t: T) -> Result<(), SendError<T>> {
            crate::gate::before_send();
            self.inner.send(t).map_err(|e| SendError(e.into_inner()))
        }
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

    /// Like [`std::sync::mpsc::SyncSender`].
    pub struct SyncSender<T> {
        inner: cb::Sender<T>,
    }

    impl<T> SyncSender<T> {
        pub fn send(&self, t: T) -> Result<(), SendError<T>> {
            crate::gate::before_send();
            self.inner.send(t).map_err(|e| SendError(e.into_inner()))
        }
        pub fn try_send(&self, t: T) -> Result<(), TrySendError<T>> {
            self.inner.try_send(t).map_err(|e| match e {
                cb::TrySendError::Full(t) => TrySendError::Full(t),
                cb::TrySendError::Disconnected(t) => TrySendError::Disconnected(t),
            })
        }
    }

    impl<T> Clone for SyncSender<T> {
        fn clone(&self) -> Self {
            SyncSender { inner: self.inner.clone() }
        }
    }

    impl<T> std::fmt::Debug for SyncSender<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("SyncSender { .. }")
        }
    }

    /// Like [`std::sync::mpsc::Receiver`].
    pub struct Receiver<T> {
        inner: cb::Receiver<T>,
    }

    impl<T> std::fmt::Debug for Receiver<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Receiver { .. }")
        }
    }

    impl<T> Receiver<T> {
        pub fn recv(&self) -> Result<T, RecvError> {
            self.inner.recv().map_err(|_| RecvError)
        }
        pub fn try_recv(&self) -> Result<T, TryRecvError> {
            self.inner.try_recv().map_err(|e| match e {
                cb::TryRecvError::Empty => TryRecvError::Empty,
                cb::TryRecvError::Disconnected => TryRecvError::Disconnected,
            })
        }
        /// Like std's, on the course's clock.
        pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
            // A value that is there already (or a hang-up) wins over the timer.
            match self.try_recv() {
                Ok(t) => return Ok(t),
                Err(TryRecvError::Disconnected) => return Err(RecvTimeoutError::Disconnected),
                Err(TryRecvError::Empty) => {}
            }
            let (timer, id) = crate::clock::once_after(timeout);
            let got = cb::select_biased! {
                recv(self.inner) -> msg => msg.map_err(|_| RecvTimeoutError::Disconnected),
                recv(timer) -> _ => Err(RecvTimeoutError::Timeout),
            };
            crate::clock::cancel_timer(id);
            got
        }
        pub fn iter(&self) -> Iter<'_, T> {
            Iter { rx: self }
        }
        pub fn try_iter(&self) -> TryIter<'_, T> {
            TryIter { rx: self }
        }
    }

    /// Like [`std::sync::mpsc::Iter`].
    #[derive(Debug)]
    pub struct Iter<'a, T> {
        rx: &'a Receiver<T>,
    }

    impl<T> Iterator for Iter<'_, T> {
        type Item = T;
        fn next(&mut self) -> Option<T> {
            self.rx.recv().ok()
        }
    }

    /// Like [`std::sync::mpsc::TryIter`].
    #[derive(Debug)]
    pub struct TryIter<'a, T> {
        rx: &'a Receiver<T>,
    }

    impl<T> Iterator for TryIter<'_, T> {
        type Item = T;
        fn next(&mut self) -> Option<T> {
            self.rx.try_recv().ok()
        }
    }

    /// Like [`std::sync::mpsc::IntoIter`].
    #[derive(Debug)]
    pub struct IntoIter<T> {
        rx: Receiver<T>,
    }

    impl<T> Iterator for IntoIter<T> {
        type Item = T;
        fn next(&mut self) -> Option<T> {
            self.rx.recv().ok()
        }
    }

    impl<T> IntoIterator for Receiver<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
        fn into_iter(self) -> IntoIter<T> {
            IntoIter { rx: self }
        }
    }

    impl<'a, T> IntoIterator for &'a Receiver<T> {
        type Item = T;
        type IntoIter = Iter<'a, T>;
        fn into_iter(self) -> Iter<'a, T> {
            self.iter()
        }
    }
}
