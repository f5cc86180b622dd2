//! SIGINT, SIGTERM and SIGHUP: whatever lockstep is doing, stop every
//! check's processes, undo what the exit hooks undo (the terminal's mode),
//! and exit. The signals are blocked in every thread and taken by one thread
//! with `sigwait`, so the work runs as ordinary code, not in a handler.

use std::sync::{Mutex, PoisonError};

type Hook = Box<dyn Fn() + Send>;

static HOOKS: Mutex<Vec<(u64, Hook)>> = Mutex::new(Vec::new());
static NEXT: Mutex<u64> = Mutex::new(0);

const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// Call first thing in `main`, before any thread starts: threads inherit
/// the blocked set. Children do not: std clears the mask before exec.
pub fn install() {
    // SAFETY: builds a signal set we own and blocks it in this thread.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in SIGNALS {
            libc::sigaddset(&mut set, s);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    };
    let _ = std::thread::Builder::new().name("lockstep-signals".into()).spawn(move || {
        let mut signal = 0;
        // SAFETY: waits on the set built above.
        while unsafe { libc::sigwait(&set, &mut signal) } != 0 {}
        crate::process::kill_all();
        for (_, hook) in HOOKS.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            hook();
        }
        std::process::exit(128 + signal);
    });
}

/// Runs `hook` if a signal ends lockstep, until the guard is dropped.
#[must_use]
pub fn on_exit(hook: impl Fn() + Send + 'static) -> HookGuard {
    let id = {
        let mut next = NEXT.lock().unwrap_or_else(PoisonError::into_inner);
        *next += 1;
        *next
    };
    HOOKS.lock().unwrap_or_else(PoisonError::into_inner).push((id, Box::new(hook)));
    HookGuard(id)
}

pub struct HookGuard(u64);

impl Drop for HookGuard {
    fn drop(&mut self) {
        HOOKS.lock().unwrap_or_else(PoisonError::into_inner).retain(|(id, _)| *id != self.0);
    }
}
