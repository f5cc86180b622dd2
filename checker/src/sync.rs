//! `std::sync` for the exercises, plus a `WaitGroup` (crossbeam's). Use it
//! exactly like `std::sync`; the differences are bookkeeping the checks need.

pub use std::sync::*;

/// Like [`crossbeam::sync::WaitGroup`]: clone one per worker, drop the clone
/// when the work is done, and `wait()` until every clone is gone.
pub struct WaitGroup {
    inner: Option<crossbeam::sync::WaitGroup>,
    /// Live clones, this one included (crossbeam does not tell).
    clones: Arc<std::sync::atomic::AtomicUsize>,
}

impl Default for WaitGroup {
    fn default() -> Self {
        WaitGroup { inner: Some(crossbeam::sync::WaitGroup::new()), clones: Arc::new(1.into()) }
    }
}

impl WaitGroup {
    pub fn new() -> Self {
        Self::default()
    }
    /// Blocks until every other clone of this group has been dropped.
    pub fn wait(mut self) {
        use std::sync::atomic::Ordering::SeqCst;
        let others = self.clones.fetch_sub(1, SeqCst) - 1;
        // Waiting on the group waits for the workers that still hold clones.
        // A worker that dropped its clone early is not waited for: it stays
        // held, so the early drop shows on every run.
        if others > 0 {
            crate::gate::release_group();
        }
        if let Some(inner) = self.inner.take() {
            inner.wait();
        }
    }
}

impl Clone for WaitGroup {
    fn clone(&self) -> Self {
        self.clones.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        WaitGroup { inner: self.inner.clone(), clones: Arc::clone(&self.clones) }
    }
}

impl Drop for WaitGroup {
    fn drop(&mut self) {
        if self.inner.is_some() {
            self.clones.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            crate::gate::left_group();
        }
    }
}

impl std::fmt::Debug for WaitGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaitGroup").field("clones", &self.clones).finish()
    }
}

/// Like [`std::sync::mpsc`]. A blocking receive counts as waiting for the
/// workers that will send, so held workers are let go.
pub mod mpsc {
    use std::time::Duration;

    pub use std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, Sender, SyncSender, TryRecvError, TrySendError};

    use crate::gate;

    /// Like [`std::sync::mpsc::channel`].
    pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (tx, Receiver { inner: rx })
    }

    /// Like [`std::sync::mpsc::sync_channel`].
    pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        let (tx, rx) = std::sync::mpsc::sync_channel(bound);
        (tx, Receiver { inner: rx })
    }

    /// Like [`std::sync::mpsc::Receiver`].
    #[derive(Debug)]
    pub struct Receiver<T> {
        inner: std::sync::mpsc::Receiver<T>,
    }

    impl<T> Receiver<T> {
        pub fn recv(&self) -> Result<T, RecvError> {
            gate::release_all();
            self.inner.recv()
        }
        pub fn try_recv(&self) -> Result<T, TryRecvError> {
            self.inner.try_recv()
        }
        pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
            gate::release_all();
            self.inner.recv_timeout(timeout)
        }
        pub fn iter(&self) -> Iter<'_, T> {
            Iter { rx: self }
        }
        pub fn try_iter(&self) -> std::sync::mpsc::TryIter<'_, T> {
            self.inner.try_iter()
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
