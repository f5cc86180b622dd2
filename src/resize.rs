//! Terminal resizes (SIGWINCH) as events. The signal is blocked in every
//! thread and taken by one thread with `sigwait`, as `crate::signals` does
//! for the signals that end lockstep: an ignored-by-default signal left
//! unblocked anywhere would be discarded there instead.

fn set() -> libc::sigset_t {
    // SAFETY: builds a signal set we own.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGWINCH);
        set
    }
}

/// Call first thing in `main`, before any thread starts: threads inherit
/// the blocked set (children do not: std clears the mask before exec).
pub fn block() {
    let set = set();
    // SAFETY: blocks SIGWINCH in this thread.
    unsafe {
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

/// Calls `on_resize` after each resize, on a thread of its own, until it
/// returns false. Needs [`block`] to have run.
pub fn watch(on_resize: impl Fn() -> bool + Send + 'static) {
    let _ = std::thread::Builder::new().name("lockstep-resize".into()).spawn(move || {
        let set = set();
        loop {
            let mut signal = 0;
            // SAFETY: waits on the set built above.
            if unsafe { libc::sigwait(&set, &mut signal) } == 0 && !on_resize() {
                return;
            }
        }
    });
}
