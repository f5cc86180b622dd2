//! Containing a check's whole process tree, whatever the learner's code does
//! (`setsid`, a double fork, a daemon).
//!
//! Where the kernel allows it, a check runs in a user, mount and PID
//! namespace of its own, as three processes:
//!
//! ```text
//! outer   the process lockstep spawned and waits for (lockstep's namespace)
//!  └ init PID 1 of the new namespace: mounts its /proc, reaps, reports
//!     └ the check (PID 2)
//! ```
//!
//! When the check ends, init passes its wait status to outer and exits; the
//! kernel then kills everything left in the namespace before init is gone,
//! and outer ends the way the check did. If lockstep dies, even by SIGKILL,
//! outer gets SIGKILL (parent-death signal), then init, and with init the
//! whole namespace. The check is not PID 1 itself: PID 1 ignores signals it
//! has no handler for, so an abort would not end it the usual way.
//!
//! /proc is mounted afresh for the namespace: the checker reads
//! `/proc/self/task` and signals those threads by the ids it gets from
//! `gettid`, and lockstep's /proc would show other ids.
//!
//! Where namespaces are refused (a container's seccomp policy, or a /proc
//! with masked paths), lockstep becomes a child subreaper instead: orphans of
//! a check are re-parented to it, and [`sweep_orphans`] kills them when a
//! check ends. That fallback cannot survive a SIGKILL of lockstep.
//!
//! Everything that runs between fork and exec here makes only system calls:
//! no allocation, no locks (lockstep has other threads).

use std::io;
use std::sync::OnceLock;

/// Set to any value, checks run without namespaces (to test the fallback).
pub const NO_NAMESPACES: &str = "LOCKSTEP_NO_NAMESPACES";

/// Does this machine give a check namespaces of its own? Probed once.
pub fn namespaces() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| std::env::var_os(NO_NAMESPACES).is_none() && probe())
}

/// Makes lockstep a child subreaper (once), for the fallback.
pub fn become_subreaper() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        // SAFETY: prctl with integer arguments only.
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
        }
    });
}

/// Tries the whole setup in a throwaway process: unshare, map the ids, fork
/// PID 1, mount its /proc.
fn probe() -> bool {
    // SAFETY: the forked child makes only system calls, then _exits.
    unsafe {
        match libc::fork() {
            -1 => false,
            0 => {
                if new_namespaces().is_err() {
                    libc::_exit(1);
                }
                match libc::fork() {
                    -1 => libc::_exit(1),
                    0 => libc::_exit(if mount_proc().is_ok() { 0 } else { 1 }),
                    pid => libc::_exit(if exited_zero(wait_for(pid)) { 0 } else { 1 }),
                }
            }
            pid => exited_zero(wait_for(pid)),
        }
    }
}

const SETUP_FAILED: i32 = 0;
const READY: i32 = 1;
const STATUS: i32 = 2;

/// The body of a check's `pre_exec`: builds the namespaces and the process
/// chain described in the module comment. Returns only in the process that
/// goes on to exec the check; an error is a setup that failed.
///
/// # Safety
/// Call only between fork and exec.
pub unsafe fn enter() -> io::Result<()> {
    unsafe {
        new_namespaces()?;
        let mut fds = [0; 2];
        check(libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC))?;
        let (r, w) = (fds[0], fds[1]);
        match libc::fork() {
            -1 => Err(io::Error::last_os_error()),
            0 => {
                libc::close(r);
                init(w)
            }
            init => {
                libc::close(w);
                outer(r, init)
            }
        }
    }
}

/// Unshares user, mount and PID namespaces, mapping our ids to themselves.
unsafe fn new_namespaces() -> io::Result<()> {
    unsafe {
        let (uid, gid) = (libc::geteuid(), libc::getegid());
        check(libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNS | libc::CLONE_NEWPID))?;
        write_file(c"/proc/self/setgroups", b"deny")?;
        write_map(c"/proc/self/uid_map", uid)?;
        write_map(c"/proc/self/gid_map", gid)
    }
}

/// Mounts a /proc that shows the namespace's processes, without letting the
/// mount reach lockstep's namespace.
unsafe fn mount_proc() -> io::Result<()> {
    unsafe {
        let none = std::ptr::null();
        check(libc::mount(c"none".as_ptr(), c"/".as_ptr(), none, libc::MS_REC | libc::MS_PRIVATE, none.cast()))?;
        let flags = libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;
        check(libc::mount(c"proc".as_ptr(), c"/proc".as_ptr(), c"proc".as_ptr(), flags, none.cast()))
    }
}

/// PID 1: sets up, starts the check, reaps until the check ends, reports.
unsafe fn init(w: libc::c_int) -> io::Result<()> {
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        // Outer may have died before that call: then nobody reads `w`.
        let mut poll = libc::pollfd { fd: w, events: 0, revents: 0 };
        if libc::poll(&mut poll, 1, 0) > 0 && poll.revents & libc::POLLERR != 0 {
            libc::_exit(1);
        }
        if let Err(e) = mount_proc() {
            send(w, SETUP_FAILED, e.raw_os_error().unwrap_or(libc::EPERM));
            libc::_exit(1);
        }
        let check_pid = match libc::fork() {
            -1 => {
                send(w, SETUP_FAILED, errno());
                libc::_exit(1);
            }
            0 => return Ok(()), // the check: std execs it
            pid => pid,
        };
        send(w, READY, 0);
        close_all_but(w);
        loop {
            let mut status = 0;
            match libc::waitpid(-1, &mut status, 0) {
                pid if pid == check_pid => {
                    send(w, STATUS, status);
                    // Exiting kills whatever is left in the namespace.
                    libc::_exit(0);
                }
                -1 if errno() != libc::EINTR => libc::_exit(1),
                _ => {}
            }
        }
    }
}

/// The process lockstep waits for: ends the way the check ended.
unsafe fn outer(r: libc::c_int, init: libc::pid_t) -> io::Result<()> {
    unsafe {
        match receive(r) {
            Some((READY, _)) => {}
            Some((SETUP_FAILED, errno)) => {
                wait_for(init);
                return Err(io::Error::from_raw_os_error(errno));
            }
            _ => {
                wait_for(init);
                return Err(io::Error::from_raw_os_error(libc::ECHILD));
            }
        }
        // Keep no copy of lockstep's descriptors (the check's pipes among
        // them): their readers must see the end when the check's tree is gone.
        close_all_but(r);
        let reported = match receive(r) {
            Some((STATUS, status)) => Some(status),
            _ => None,
        };
        let status = reported.unwrap_or_else(|| wait_for(init));
        if reported.is_some() {
            wait_for(init);
        }
        end_like(status)
    }
}

/// Exits with the same status as a process that ended with `status`.
unsafe fn end_like(status: libc::c_int) -> ! {
    unsafe {
        if libc::WIFSIGNALED(status) {
            let signal = libc::WTERMSIG(status);
            let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            libc::signal(signal, libc::SIG_DFL);
            libc::kill(libc::getpid(), signal);
            libc::_exit(128 + signal);
        }
        libc::_exit(if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 1 })
    }
}

fn send(w: libc::c_int, tag: i32, value: i32) {
    let mut msg = [0u8; 8];
    msg[..4].copy_from_slice(&tag.to_ne_bytes());
    msg[4..].copy_from_slice(&value.to_ne_bytes());
    // SAFETY: writes from a buffer we own; 8 bytes to a pipe are atomic.
    unsafe {
        libc::write(w, msg.as_ptr().cast(), msg.len());
    }
}

fn receive(r: libc::c_int) -> Option<(i32, i32)> {
    let mut msg = [0u8; 8];
    loop {
        // SAFETY: reads into a buffer we own.
        let n = unsafe { libc::read(r, msg.as_mut_ptr().cast(), msg.len()) };
        if n == 8 {
            let tag = i32::from_ne_bytes([msg[0], msg[1], msg[2], msg[3]]);
            return Some((tag, i32::from_ne_bytes([msg[4], msg[5], msg[6], msg[7]])));
        }
        if n < 0 && errno() == libc::EINTR {
            continue;
        }
        return None;
    }
}

/// Waits for our child `pid` to end; its wait status.
fn wait_for(pid: libc::pid_t) -> libc::c_int {
    let mut status = 0;
    // SAFETY: waitpid writes only into `status`.
    while unsafe { libc::waitpid(pid, &mut status, 0) } < 0 {
        if errno() != libc::EINTR {
            return 1 << 8;
        }
    }
    status
}

fn exited_zero(status: libc::c_int) -> bool {
    libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
}

/// Closes every descriptor but `keep` (stdio too).
unsafe fn close_all_but(keep: libc::c_int) {
    unsafe {
        if keep > 0 {
            libc::syscall(libc::SYS_close_range, 0u32, (keep - 1) as u32, 0u32);
        }
        libc::syscall(libc::SYS_close_range, (keep + 1) as u32, u32::MAX, 0u32);
    }
}

unsafe fn write_file(path: &std::ffi::CStr, text: &[u8]) -> io::Result<()> {
    unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        check(fd)?;
        let n = libc::write(fd, text.as_ptr().cast(), text.len());
        let result = if n == text.len() as isize { Ok(()) } else { Err(io::Error::last_os_error()) };
        libc::close(fd);
        result
    }
}

/// Writes "id id 1" (the id mapped to itself) without allocating.
unsafe fn write_map(path: &std::ffi::CStr, id: u32) -> io::Result<()> {
    let mut line = [0u8; 32];
    let mut len = 0;
    let mut digits = [0u8; 10];
    let mut n = 0;
    let mut v = id;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in 0..2 {
        for i in (0..n).rev() {
            line[len] = digits[i];
            len += 1;
        }
        line[len] = b' ';
        len += 1;
    }
    line[len] = b'1';
    len += 1;
    // SAFETY: forwarded to the caller's contract.
    unsafe { write_file(path, &line[..len]) }
}

fn check(r: libc::c_int) -> io::Result<()> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

fn errno() -> i32 {
    io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Kills every child of lockstep that `keep` does not name (orphans a check
/// left behind, re-parented to us as subreaper) and all their descendants,
/// and reaps those children. With `whole_trees`, the descendants of `keep`
/// go too (lockstep is exiting). Repeats until none is left alive: a
/// descendant killed in one pass may be re-parented to us, reaped in the next.
pub fn sweep_orphans(keep: &[libc::pid_t], whole_trees: bool) {
    // SAFETY: no preconditions.
    let me = unsafe { libc::getpid() };
    loop {
        let table = processes();
        let strays: Vec<libc::pid_t> =
            table.iter().filter(|p| p.ppid == me && !keep.contains(&p.pid)).map(|p| p.pid).collect();
        let mut doomed = strays.clone();
        if whole_trees {
            doomed.extend(keep);
        }
        let mut i = 0;
        while i < doomed.len() {
            let parent = doomed[i];
            doomed.extend(table.iter().filter(|p| p.ppid == parent).map(|p| p.pid));
            i += 1;
        }
        let alive: Vec<libc::pid_t> =
            doomed.into_iter().filter(|pid| table.iter().any(|p| p.pid == *pid && !p.zombie)).collect();
        if strays.is_empty() && alive.is_empty() {
            return;
        }
        for &pid in &alive {
            // SAFETY: kill(2) with a pid; ESRCH is fine.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
        for pid in strays {
            wait_for(pid);
        }
    }
}

struct Process {
    pid: libc::pid_t,
    ppid: libc::pid_t,
    zombie: bool,
}

/// Every process /proc shows.
fn processes() -> Vec<Process> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<libc::pid_t>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // "pid (comm) state ppid ...": comm may hold anything but ')'.
            let mut rest = stat.rsplit_once(')')?.1.split_whitespace();
            let zombie = matches!(rest.next()?, "Z" | "X");
            Some(Process { pid, ppid: rest.next()?.parse().ok()?, zombie })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_an_id_to_itself() {
        // The text written is checked through a pipe standing in for the file.
        let mut fds = [0; 2];
        // SAFETY: a pipe of our own.
        unsafe {
            assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
            let path = std::ffi::CString::new(format!("/proc/self/fd/{}", fds[1])).unwrap();
            write_map(&path, 1000).unwrap();
            write_map(&path, 0).unwrap();
            let mut buf = [0u8; 64];
            let n = libc::read(fds[0], buf.as_mut_ptr().cast(), buf.len());
            assert_eq!(&buf[..n as usize], b"1000 1000 10 0 1");
            libc::close(fds[0]);
            libc::close(fds[1]);
        }
    }
}
