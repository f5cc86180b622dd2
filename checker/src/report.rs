//! The report channel to lockstep: a pipe lockstep hands the check as the
//! file descriptor named by `LOCKSTEP_REPORT_FD`. The harness takes it before
//! any code under test runs: that code finds no path or variable to forge a
//! report with, and a process it starts does not inherit the descriptor.
//!
//! The check writes JSON lines: `{"running":"<check>"}` as each check starts,
//! then one verdict line (the harness's report plus `total`, the number of
//! checks in the table), after which the channel is closed.

use std::fs::File;
use std::io::Write;
use std::os::fd::{FromRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

/// The variable lockstep names the descriptor in.
const FD_VAR: &str = "LOCKSTEP_REPORT_FD";

static CHANNEL: Mutex<Option<File>> = Mutex::new(None);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
static STARTED: AtomicBool = AtomicBool::new(false);

/// True the first time only: the harness runs once per process.
pub(crate) fn first_run() -> bool {
    !STARTED.swap(true, Ordering::SeqCst)
}

/// Takes the descriptor lockstep gave (if any) for this table of `total`
/// checks. Run by hand, there is none, and nothing is reported.
pub(crate) fn open(total: usize) {
    TOTAL.store(total, Ordering::SeqCst);
    let Ok(value) = std::env::var(FD_VAR) else { return };
    // SAFETY: called at the start of `harness::run`, before the harness or
    // the code under test starts any thread, so nothing reads the
    // environment concurrently.
    unsafe { std::env::remove_var(FD_VAR) };
    let Ok(fd) = value.parse::<RawFd>() else {
        eprintln!("lockstep checker: {FD_VAR}={value} is not a file descriptor");
        return;
    };
    // SAFETY: fcntl only reads and sets the descriptor's flags; on a number
    // that is not open it fails, and nothing is taken.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFD, flags | libc::FD_CLOEXEC) } < 0 {
        eprintln!("lockstep checker: the report descriptor {fd} is not open");
        return;
    }
    // SAFETY: lockstep opened this descriptor for the report alone; from
    // here the harness is its only owner.
    *channel() = Some(unsafe { File::from_raw_fd(fd) });
}

fn channel() -> std::sync::MutexGuard<'static, Option<File>> {
    CHANNEL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Notes which check is running, for a verdict the process cannot give
/// itself (stopped at the deadline, or crashed).
pub(crate) fn running(name: &str) {
    if let Some(f) = channel().as_mut() {
        let _ = writeln!(f, "{}", serde_json::json!({ "running": name }));
    }
}

/// The verdict line, with the number of checks in the table. It is the last
/// line: the channel closes, so a later verdict (the watchdog's, racing the
/// end of a check) is not sent.
pub(crate) fn verdict(report: &impl Serialize) {
    #[derive(Serialize)]
    struct Line<'a, R: Serialize> {
        #[serde(flatten)]
        report: &'a R,
        total: usize,
    }
    let Some(mut f) = channel().take() else { return };
    let line = Line { report, total: TOTAL.load(Ordering::SeqCst) };
    let json = serde_json::to_string(&line).unwrap_or_default();
    if let Err(e) = writeln!(f, "{json}") {
        eprintln!("lockstep checker: cannot send the report: {e}");
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct R {
        verdict: &'static str,
    }

    #[test]
    fn the_verdict_line_carries_the_total() {
        use std::io::Read;
        use std::os::fd::FromRawFd;
        let mut fds = [0; 2];
        // SAFETY: pipe fills the two descriptors, which the files below own.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (mut read, write) = unsafe { (std::fs::File::from_raw_fd(fds[0]), std::fs::File::from_raw_fd(fds[1])) };
        super::TOTAL.store(4, std::sync::atomic::Ordering::SeqCst);
        *super::channel() = Some(write);
        super::running("first");
        super::verdict(&R { verdict: "pass" });
        super::verdict(&R { verdict: "wrong" }); // the channel is closed: not sent
        let mut got = String::new();
        read.read_to_string(&mut got).expect("readable");
        assert_eq!(got, "{\"running\":\"first\"}\n{\"verdict\":\"pass\",\"total\":4}\n");
    }
}
