//! `checker::thread` under the model: the model checker's threads, logged.

use std::panic::Location;

pub use crate::model::backend::thread::{Thread, ThreadId, current, yield_now};
pub use std::thread::Result;

use super::log;

/// Threads are not tracked under the model (it explores every schedule
/// instead of holding workers); these keep the checks' API.
#[derive(Clone, Debug)]
pub struct Spawned {
    pub id: std::thread::ThreadId,
    pub name: Option<String>,
    pub at: &'static Location<'static>,
    pub joined: bool,
    pub tid: Option<i32>,
    pub ended: bool,
}

pub fn all_spawned() -> Vec<Spawned> {
    Vec::new()
}
pub fn unjoined() -> Vec<Spawned> {
    Vec::new()
}
pub fn forget_all() {}
pub fn wait_all_ended() {}

/// Like [`std::thread::spawn`].
#[track_caller]
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    log::record("spawns a thread".into(), Location::caller());
    JoinHandle { inner: crate::model::backend::thread::spawn(f) }
}

/// Like [`std::thread::JoinHandle`].
pub struct JoinHandle<T> {
    inner: crate::model::backend::thread::JoinHandle<T>,
}

impl<T> JoinHandle<T> {
    #[track_caller]
    pub fn join(self) -> Result<T> {
        let at = Location::caller();
        log::waits("JoinHandle::join", at);
        let r = self.inner.join();
        log::goes_on();
        log::record("joins a thread".into(), at);
        r
    }
    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }
}

/// Like [`std::thread::Builder`].
#[derive(Debug, Default)]
pub struct Builder {
    name: Option<String>,
}

impl Builder {
    pub fn new() -> Self {
        Builder::default()
    }
    pub fn name(self, name: String) -> Self {
        Builder { name: Some(name) }
    }
    #[track_caller]
    pub fn spawn<F, T>(self, f: F) -> std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        log::record("spawns a thread".into(), Location::caller());
        let mut b = crate::model::backend::thread::Builder::new();
        if let Some(n) = self.name {
            b = b.name(n);
        }
        Ok(JoinHandle { inner: b.spawn(f)? })
    }
}
