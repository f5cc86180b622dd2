//! Child processes in their own process group, with a deadline, cancellation
//! and a clean kill: SIGTERM, a short grace, SIGKILL, and a final sweep of the
//! group so that no process outlives its run (cargo-nextest's model). Checks
//! are contained further (see [`crate::sandbox`]): nothing they start
//! outlives them, even outside their group.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::{report, sandbox};

use crossbeam_channel::{Receiver, Sender, after, bounded, never, select};

/// How long a process group gets between SIGTERM and SIGKILL.
pub const GRACE: Duration = Duration::from_millis(250);

/// Cancels whatever watches its [`Cancel`] when dropped.
#[derive(Debug)]
pub struct CancelHandle(#[allow(dead_code)] Sender<()>);

/// Fires when its handle is dropped.
#[derive(Clone, Debug)]
pub struct Cancel(Receiver<()>);

impl Cancel {
    pub fn new() -> (CancelHandle, Cancel) {
        let (tx, rx) = bounded(0);
        (CancelHandle(tx), Cancel(rx))
    }
    /// A cancel that never fires.
    pub fn never() -> Cancel {
        Cancel(never())
    }
}

/// How a process run ended.
#[derive(Debug)]
pub enum Ending {
    Exited(ExitStatus),
    TimedOut,
    Cancelled,
}

/// The most address space a check process may map: a memory blow-up or a
/// thread bomb fails there (each thread reserves its stack) instead of
/// taking the machine down.
pub const CHECK_MEMORY: u64 = 4 << 30;

/// Starts `cmd` as the leader of a new process group, killed if lockstep
/// itself dies (so a closed terminal leaves nothing running).
pub fn spawn(cmd: &mut Command) -> io::Result<Child> {
    spawn_with(cmd, None, None)
}

/// Starts a check: contained (see [`crate::sandbox`]), with its address
/// space limited to `memory` bytes and `report` as its descriptor
/// [`crate::report::FD`].
pub fn spawn_check(cmd: &mut Command, memory: u64, report: OwnedFd) -> io::Result<Child> {
    spawn_with(cmd, Some(memory), Some(report))
}

fn spawn_with(cmd: &mut Command, memory: Option<u64>, report: Option<OwnedFd>) -> io::Result<Child> {
    let contained = report.is_some() && sandbox::namespaces();
    if report.is_some() && !contained {
        sandbox::become_subreaper();
    }
    let report_fd = report.as_ref().map(|fd| fd.as_raw_fd());
    // SAFETY: the closure runs between fork and exec and only makes
    // system calls (sandbox::enter too).
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(io::Error::last_os_error());
            }
            if contained {
                // Returns in the process that execs the check.
                sandbox::enter()?;
            }
            if let Some(bytes) = memory {
                let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                    return Err(io::Error::last_os_error());
                }
            }
            if let Some(fd) = report_fd {
                // dup2 leaves the copy open across exec; onto itself, it
                // changes nothing, so clear close-on-exec by hand.
                let ok = if fd == report::FD {
                    libc::fcntl(fd, libc::F_SETFD, 0) == 0
                } else {
                    libc::dup2(fd, report::FD) == report::FD
                };
                if !ok {
                    return Err(io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    cmd.process_group(0);
    // A binary just copied may still be open for writing in a child another
    // thread is forking (it holds the descriptor until its own exec): exec
    // then fails with ETXTBSY for a moment. Try again, briefly.
    let mut tries = 0;
    loop {
        let result = {
            let mut live = live();
            if live.closing {
                return Err(io::Error::other("lockstep is stopping"));
            }
            let result = cmd.spawn();
            if let Ok(child) = &result {
                live.pids.push(child.id() as libc::pid_t);
            }
            result
        };
        match result {
            Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) && tries < 100 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            result => return result,
        }
    }
}

/// The children lockstep spawned and has not reaped yet.
struct Live {
    pids: Vec<libc::pid_t>,
    /// Set once lockstep is stopping: nothing new starts.
    closing: bool,
}

fn live() -> MutexGuard<'static, Live> {
    static LIVE: Mutex<Live> = Mutex::new(Live { pids: Vec::new(), closing: false });
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Kills every process group lockstep started, and what they left behind,
/// and lets nothing new start: lockstep is about to exit.
pub fn kill_all() {
    let mut live = live();
    live.closing = true;
    for &pid in &live.pids {
        signal_group(pid, libc::SIGKILL);
    }
    if !sandbox::namespaces() {
        sandbox::sweep_orphans(&live.pids, true);
    }
}

/// Waits for `child` until it exits, `deadline` passes or `cancel` fires; in
/// the last two cases its group is stopped. Either way, every process left in
/// the group is killed before this returns, and the child is reaped.
pub fn wait(mut child: Child, deadline: Option<Duration>, cancel: &Cancel) -> io::Result<Ending> {
    let pid = child.id() as libc::pid_t;
    let exited = exit_watch(pid);
    let timer = deadline.map_or_else(never, after);
    let ending = select! {
        recv(exited) -> _ => None,
        recv(timer) -> _ => Some(Ending::TimedOut),
        recv(cancel.0) -> _ => Some(Ending::Cancelled),
    };
    if ending.is_some() {
        signal_group(pid, libc::SIGTERM);
        select! {
            recv(exited) -> _ => {},
            recv(after(GRACE)) -> _ => {
                signal_group(pid, libc::SIGKILL);
                let _ = exited.recv();
            },
        }
    }
    // The leader has exited but is not reaped yet, so the group id is still
    // ours: sweep whatever it left behind, then reap.
    signal_group(pid, libc::SIGKILL);
    {
        // Without namespaces, orphans that left the group were re-parented
        // to lockstep (a subreaper): end them too.
        let live = live();
        if !sandbox::namespaces() {
            sandbox::sweep_orphans(&live.pids, false);
        }
    }
    let status = child.wait();
    live().pids.retain(|&p| p != pid);
    Ok(ending.unwrap_or(Ending::Exited(status?)))
}

/// Reports (once) when `pid` has exited, without reaping it.
fn exit_watch(pid: libc::pid_t) -> Receiver<()> {
    let (tx, rx) = bounded(1);
    std::thread::spawn(move || {
        loop {
            // SAFETY: waitid only writes into the zeroed siginfo we own.
            let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
            let r = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
            if r == 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                break;
            }
        }
        let _ = tx.send(());
    });
    rx
}

fn signal_group(pid: libc::pid_t, signal: libc::c_int) {
    // SAFETY: kill(2) with a negative pid signals that process group; errors
    // (ESRCH: nothing left) are fine to ignore.
    unsafe {
        libc::kill(-pid, signal);
    }
}
