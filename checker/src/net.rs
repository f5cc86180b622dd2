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

/// Is a socket listening on TCP port `port` (IPv4, any address)?
pub fn listening(port: u16) -> bool {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    table.lines().skip(1).any(|line| {
        let mut fields = line.split_whitespace().skip(1);
        let local = fields.next().unwrap_or("");
        let state = fields.nth(1).unwrap_or("");
        let local_port = local.rsplit(':').next().and_then(|p| u16::from_str_radix(p, 16).ok());
        state == "0A" && local_port == Some(port)
    })
}

/// Thread `tid`'s syscall number and voluntary context switches, if it lives.
fn syscall_and_switches(tid: i32) -> Option<(i64, u64)> {
    let call = std::fs::read_to_string(format!("/proc/self/task/{tid}/syscall")).ok()?;
    let nr = call.split_whitespace().next()?.parse().ok()?;
    let status = std::fs::read_to_string(format!("/proc/self/task/{tid}/status")).ok()?;
    let switches = status.lines().find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))?.trim().parse().ok()?;
    Some((nr, switches))
}

/// Has thread `tid` ended, or does it rest in a futex wait (a join, a lock,
/// a channel): asleep there on three looks a millisecond apart, with no
/// context switch between them?
fn ended_or_resting(tid: i32) -> bool {
    if !std::path::Path::new(&format!("/proc/self/task/{tid}")).exists() {
        return true;
    }
    // A running thread's syscall file reads "running": not resting.
    let Some(first) = syscall_and_switches(tid) else { return false };
    if first.0 != libc::SYS_futex || !crate::observe::asleep(tid) {
        return false;
    }
    (0..2).all(|_| {
        std::thread::sleep(std::time::Duration::from_millis(1));
        syscall_and_switches(tid) == Some(first) && crate::observe::asleep(tid)
    })
}

/// Waits until the listener on `port` is closed (true), or until thread
/// `tid` (the acceptor) has ended or rests in a futex wait while the
/// listener is still open (false): it moved on without closing it, and new
/// clients queue up with no one to take them.
pub fn wait_closed(port: u16, tid: i32) -> bool {
    loop {
        if !listening(port) {
            return true;
        }
        if ended_or_resting(tid) {
            return !listening(port);
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

    /// A listener closed before its thread waits is seen closed; one kept
    /// open while the thread waits is seen open.
    #[test]
    fn a_listener_closed_or_kept_open_while_its_thread_waits() {
        let _serial = crate::serial();
        crate::thread::forget_all();
        for close_first in [true, false] {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let port = listener.local_addr().unwrap().port();
            assert!(super::listening(port));
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let (tid_tx, tid_rx) = std::sync::mpsc::channel();
            let waiter = std::thread::spawn(move || {
                tid_tx.send(crate::observe::tid()).unwrap();
                if close_first {
                    drop(listener);
                    let _ = rx.recv();
                } else {
                    let _ = rx.recv();
                    drop(listener);
                }
            });
            let tid = tid_rx.recv().unwrap();
            assert_eq!(super::wait_closed(port, tid), close_first);
            drop(tx);
            waiter.join().unwrap();
            assert!(!super::listening(port));
        }
        crate::thread::forget_all();
    }
}
