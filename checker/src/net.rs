//! Real sockets next to the checks: threads blocked on a socket are not on
//! the course's clock (their waits are not futexes, so `observe::settle` and
//! the gates never see them rest). A check of a TCP server orders events by
//! the protocol (replies, EOF) instead, and by one more look: which thread is
//! blocked in `accept()` right now.

/// Is thread `tid` of this process asleep in `accept` / `accept4`? Such a
/// thread has committed: the next connection is the one it takes.
pub fn in_accept(tid: i32) -> bool {
    let Ok(call) = std::fs::read_to_string(format!("/proc/self/task/{tid}/syscall")) else { return false };
    let nr = call.split_whitespace().next().and_then(|n| n.parse::<i64>().ok());
    let accepting = nr == Some(libc::SYS_accept4) || nr == Some(libc::SYS_accept);
    accepting && crate::observe::asleep(tid)
}

/// Waits until a thread spawned through `checker::thread` (since the last
/// `forget_all`) is blocked in `accept`; returns its kernel id. Code that
/// never accepts again leaves the check to its deadline.
#[cfg(not(any(feature = "model", feature = "loom")))]
pub fn wait_accepting() -> i32 {
    loop {
        let found =
            crate::thread::all_spawned().iter().filter(|t| !t.ended).find_map(|t| t.tid.filter(|&tid| in_accept(tid)));
        if let Some(tid) = found {
            return tid;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

#[cfg(all(test, not(any(feature = "model", feature = "loom"))))]
mod tests {
    use std::net::{TcpListener, TcpStream};

    #[test]
    fn a_thread_blocked_in_accept_is_seen_and_one_that_is_not_is_not() {
        let _serial = crate::serial();
        crate::thread::forget_all();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let idle = crate::thread::spawn(move || rx.recv());
        let acceptor = crate::thread::spawn(move || listener.accept().map(|_| ()));
        let tid = super::wait_accepting();
        let idle_tid = crate::thread::all_spawned()[0].tid.unwrap();
        assert!(super::in_accept(tid));
        assert!(!super::in_accept(idle_tid));
        drop(TcpStream::connect(addr).unwrap());
        acceptor.join().unwrap().unwrap();
        drop(tx);
        let _ = idle.join();
        assert!(!super::in_accept(tid));
        crate::thread::forget_all();
    }
}
