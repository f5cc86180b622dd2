//! At the deadline: where is every thread? Each thread is signalled to record
//! its own stack; the frames are resolved to the learner's file:line. If
//! every thread running the learner's code waits for another, that is a
//! deadlock; if one is still running, or asleep in a timed wait (it wakes up
//! by itself), an endless loop (or simply too slow).
//!
//! The deadline is measured in the time the check could use ([`Usable`]), not
//! in wall time: on a busy machine a check waiting for a core is not timed
//! out. A wall-clock backstop ([`WALL_FACTOR`] deadlines) still ends a check
//! that is starved for good.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

/// The backstop: after this many deadlines of wall time the check is
/// inspected, however busy the machine. lockstep's own backstop is later.
pub const WALL_FACTOR: u32 = 8;

/// How often the usable time is sampled.
const TICK: Duration = Duration::from_millis(20);

const SLOTS: usize = 256;
const DEPTH: usize = 64;

/// One thread's stack, written by that thread in the signal handler.
struct Slot {
    tid: AtomicI32,
    len: AtomicUsize,
    ips: [AtomicUsize; DEPTH],
    ready: AtomicBool,
}

static STACKS: [Slot; SLOTS] = [const {
    Slot {
        tid: AtomicI32::new(0),
        len: AtomicUsize::new(0),
        ips: [const { AtomicUsize::new(0) }; DEPTH],
        ready: AtomicBool::new(false),
    }
}; SLOTS];
static NEXT: AtomicUsize = AtomicUsize::new(0);

extern "C" fn record_stack(_: libc::c_int) {
    let slot = NEXT.fetch_add(1, SeqCst);
    let Some(s) = STACKS.get(slot) else { return };
    // SAFETY: gettid has no preconditions.
    s.tid.store(unsafe { libc::gettid() }, SeqCst);
    let mut n = 0;
    // SAFETY: the unwinder walks this thread's own stack; the watchdog waits
    // for the result instead of racing it.
    unsafe {
        backtrace::trace_unsynchronized(|frame| {
            s.ips[n].store(frame.ip() as usize, SeqCst);
            n += 1;
            n < DEPTH
        });
    }
    s.len.store(n, SeqCst);
    s.ready.store(true, SeqCst);
}

/// What one thread was doing at the deadline.
#[derive(Debug)]
pub struct ThreadState {
    pub name: String,
    /// Running (not asleep in the kernel).
    pub running: bool,
    /// Asleep in a wait that ends by itself: `sleep`, or a wait with a
    /// timeout. Such a thread is never part of a deadlock.
    pub timed: bool,
    /// The innermost frame in the learner's code, as `file:line`.
    pub at: Option<String>,
    /// The call it was in from there, e.g. `Receiver::recv`.
    pub waits_in: Option<String>,
    /// Where the learner spawned it.
    pub spawned_at: Option<String>,
    /// The wait is a receiver's iterator taking its next message, under
    /// `waits_in` (a `for` loop, `collect`, `sum`, ...).
    pub receiver_iter: bool,
}

/// The report [`arm`] was given.
static REPORT: std::sync::OnceLock<fn(Vec<ThreadState>) -> !> = std::sync::OnceLock::new();

/// Inspects every thread and reports now, as at the deadline (the clock
/// calls it when every thread waits and nothing can wake any of them).
/// Does nothing if the watchdog is not armed.
pub fn report_now() {
    if let Some(&report) = REPORT.get() {
        report_once(report);
    }
}

/// The clock's report and the deadline's may meet: only the first reports
/// (they share the stack slots); the other waits for it to end the process.
fn report_once(report: fn(Vec<ThreadState>) -> !) {
    static REPORTING: AtomicBool = AtomicBool::new(false);
    if REPORTING.swap(true, SeqCst) {
        loop {
            std::thread::park();
        }
    }
    report(inspect());
}

/// Spawns the watchdog: at `deadline` it inspects every thread and calls
/// `report(states)`, which is expected to end the process.
pub fn arm(deadline: Duration, report: fn(Vec<ThreadState>) -> !) {
    let _ = REPORT.set(report);
    // SAFETY: installs a handler that only touches atomics and the unwinder.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = record_stack as *const () as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGUSR2, &action, std::ptr::null_mut());
    }
    let _ = std::thread::Builder::new().name("lockstep-watchdog".into()).spawn(move || {
        let armed = Instant::now();
        // SAFETY: no preconditions.
        let mut clock = Usable::new(unsafe { libc::gettid() });
        // Reading the debug info that names file:line takes a few hundred
        // milliseconds (more on a busy machine): do it before the deadline,
        // but not while a quick check (most of them) is still running.
        let warm_up = (deadline / 4).min(Duration::from_millis(250));
        let mut warm = false;
        while clock.used < deadline && armed.elapsed() < deadline * WALL_FACTOR {
            // Reading every thread's schedstat costs: with many threads, look less often.
            let tick = TICK * (1 + clock.waited.len() as u32 / 64);
            std::thread::sleep(tick.min(deadline.saturating_sub(clock.used)));
            clock.tick();
            if !warm && clock.used >= warm_up {
                drop(backtrace::Backtrace::new());
                warm = true;
            }
        }
        report_once(report);
    });
}

/// The time the check could use since it started: wall time, less the time
/// its threads stood in the kernel's run queue waiting for a core (from
/// `/proc/self/task/*/schedstat`). On an idle machine that is the wall time;
/// on a busy one, a thread that got a fifth of a core advanced a fifth as
/// fast. A thread that sleeps (a deadlock) is not waiting for a core: its
/// time counts in full. Without schedstat, wall time.
struct Usable {
    /// The watchdog's own thread: its waits do not hold the check back.
    me: i32,
    at: Instant,
    /// Each thread's run-queue wait so far, in nanoseconds.
    waited: HashMap<i32, u64>,
    used: Duration,
}

impl Usable {
    fn new(me: i32) -> Usable {
        Usable { me, at: Instant::now(), waited: run_queue_waits(), used: Duration::ZERO }
    }

    fn tick(&mut self) {
        let now = Instant::now();
        let waited = run_queue_waits();
        let deltas = waited.iter().filter(|&(&t, _)| t != self.me).map(|(t, &ns)| {
            // A thread new since the last tick waited at most the whole tick.
            Duration::from_nanos(ns.saturating_sub(self.waited.get(t).copied().unwrap_or(0)))
        });
        // A tick the machine held the check back (a disk read, lockstep
        // behind on reading its output) is not the check's time either.
        let held = waited.keys().any(|&t| t != self.me && held_outside(t, &[1, 2]));
        self.used += if held { Duration::ZERO } else { usable(now - self.at, deltas) };
        self.at = now;
        self.waited = waited;
    }
}

/// Of `wall` time, the part no thread of the check spent waiting for a core:
/// the check was held back as long as its longest-waiting thread.
fn usable(wall: Duration, waits: impl Iterator<Item = Duration>) -> Duration {
    wall.saturating_sub(waits.max().unwrap_or(Duration::ZERO))
}

/// Every thread's total wait in the run queue (schedstat's second field).
fn run_queue_waits() -> HashMap<i32, u64> {
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else { return HashMap::new() };
    dir.flatten()
        .filter_map(|e| {
            let tid: i32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("schedstat")).ok()?;
            Some((tid, stat.split_whitespace().nth(1)?.parse().ok()?))
        })
        .collect()
}

/// Is thread `tid` held back by something outside the check: in an
/// uninterruptible wait (a page read from disk), or asleep writing to one of
/// `outputs` (a full pipe: lockstep has not read it yet)?
fn held_outside(tid: i32, outputs: &[u64]) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")) else { return false };
    // The state follows the command name, which ends with the last ')'.
    match stat.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next()) {
        Some('D') => true,
        Some('S') => {
            let Ok(call) = std::fs::read_to_string(format!("/proc/self/task/{tid}/syscall")) else { return false };
            let mut fields = call.split_whitespace();
            let nr = fields.next().and_then(|n| n.parse::<libc::c_long>().ok());
            let fd = fields.next().and_then(|a| u64::from_str_radix(a.trim_start_matches("0x"), 16).ok());
            (nr == Some(libc::SYS_write) || nr == Some(libc::SYS_writev)) && fd.is_some_and(|fd| outputs.contains(&fd))
        }
        _ => false,
    }
}

/// Is thread `tid` asleep in a wait that ends by itself: `sleep`, or a futex
/// wait with a timeout (`recv_timeout`, `wait_timeout`, `park_timeout`)?
fn in_timed_wait(tid: i32) -> bool {
    let Ok(text) = std::fs::read_to_string(format!("/proc/self/task/{tid}/syscall")) else { return false };
    timed_syscall(&text)
}

/// `/proc/*/syscall`: the number, then the arguments in hex.
fn timed_syscall(text: &str) -> bool {
    let mut fields = text.split_whitespace();
    let Some(nr) = fields.next().and_then(|n| n.parse::<libc::c_long>().ok()) else { return false };
    let args: Vec<u64> =
        fields.take(6).filter_map(|a| u64::from_str_radix(a.trim_start_matches("0x"), 16).ok()).collect();
    match nr {
        libc::SYS_nanosleep | libc::SYS_clock_nanosleep => true,
        libc::SYS_futex => {
            let op = args.get(1).copied().unwrap_or(0) as libc::c_int & libc::FUTEX_CMD_MASK;
            let waits = op == libc::FUTEX_WAIT || op == libc::FUTEX_WAIT_BITSET;
            waits && args.get(3).is_some_and(|&timeout| timeout != 0)
        }
        _ => false,
    }
}

/// The clock's fire count when the last inspection began, plus one (0: none).
static FIRES_AT_INSPECT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Did the course's clock fire a timer since the last inspection began? Then
/// a thread seen asleep in a sleep may already be up again: the threads were
/// not all stuck, whatever each looked like when it was looked at.
pub fn clock_moved_since_inspection() -> bool {
    match FIRES_AT_INSPECT.load(SeqCst) {
        0 => false,
        at => crate::clock::fires() + 1 != at,
    }
}

fn inspect() -> Vec<ThreadState> {
    FIRES_AT_INSPECT.store(crate::clock::fires() + 1, SeqCst);
    // SAFETY: no preconditions.
    let (pid, me) = unsafe { (libc::getpid(), libc::gettid()) };
    let tids: Vec<i32> = std::fs::read_dir("/proc/self/task")
        .map(|d| d.flatten().filter_map(|e| e.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default();
    // The checker's own threads (the clock, the watchdog) run no learner
    // code; one may be resolving symbols itself, under the unwinder's locks,
    // where a signal must not interrupt it.
    let ours =
        |t: i32| std::fs::read_to_string(format!("/proc/self/task/{t}/comm")).is_ok_and(|c| c.starts_with("lockstep-"));
    let tids: Vec<i32> = tids.into_iter().filter(|&t| t != me && !ours(t)).collect();
    // Read who is running before the signals wake everyone up.
    let running: Vec<(i32, bool, bool, String)> = tids
        .iter()
        .map(|&t| {
            let stat = std::fs::read_to_string(format!("/proc/self/task/{t}/stat")).unwrap_or_default();
            let state = stat.rsplit(')').next().and_then(|r| r.split_whitespace().next()).unwrap_or("?");
            let name = std::fs::read_to_string(format!("/proc/self/task/{t}/comm")).unwrap_or_default();
            (t, state == "R", state != "R" && in_timed_wait(t), name.trim().to_string())
        })
        .collect();
    for &t in &tids {
        // SAFETY: signals a thread of this process; the handler is installed.
        unsafe {
            libc::syscall(libc::SYS_tgkill, pid, t, libc::SIGUSR2);
        }
    }
    // Usually a few milliseconds; on a loaded machine a thread may wait its turn.
    let until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < until
        && (0..NEXT.load(SeqCst).min(SLOTS)).filter(|&i| STACKS[i].ready.load(SeqCst)).count() < tids.len()
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    let spawned = crate::thread::all_spawned();
    running
        .into_iter()
        .map(|(tid, running, timed, name)| {
            let slot = (0..NEXT.load(SeqCst).min(SLOTS))
                .find(|&i| STACKS[i].ready.load(SeqCst) && STACKS[i].tid.load(SeqCst) == tid);
            let (at, waits_in, receiver_iter) = slot.map(|i| learner_frame(&STACKS[i])).unwrap_or((None, None, false));
            let ours = spawned.iter().find(|s| s.tid == Some(tid));
            let spawned_at = ours.map(|s| format!("{}:{}", crate::harness::relative(s.at.file()), s.at.line()));
            let name = match ours {
                _ if tid == pid => "main".to_string(),
                Some(s) => s.name.clone().unwrap_or_else(|| "unnamed".into()),
                None => name,
            };
            ThreadState { name, running, timed, at, waits_in, spawned_at, receiver_iter }
        })
        .collect()
}

/// The innermost frame in the file under test, the call made from it, and
/// whether a receiver's iterator waits for a message under that call.
fn learner_frame(slot: &Slot) -> (Option<String>, Option<String>, bool) {
    let mut callee: Option<String> = None;
    let mut receiver_iter = false;
    for i in 0..slot.len.load(SeqCst).min(DEPTH) {
        let ip = slot.ips[i].load(SeqCst) as *mut std::ffi::c_void;
        let mut found = None;
        let mut name = None;
        backtrace::resolve(ip, |sym| {
            let file = sym.filename().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            if found.is_none() && crate::harness::under_test(&file) {
                found = Some(format!("{}:{}", crate::harness::relative(&file), sym.lineno().unwrap_or(0)));
            }
            if name.is_none() {
                name = sym.name().map(|n| format!("{n:#}"));
            }
        });
        if let Some(at) = found {
            return (Some(at), callee.map(|c| short_call(&c)), receiver_iter);
        }
        receiver_iter |= name.as_deref().is_some_and(is_receiver_next);
        // A boxed closure's `call_once` is plumbing: name what it calls.
        if let Some(n) = name.filter(|n| !is_closure_plumbing(&short_call(n))) {
            callee = Some(n);
        }
    }
    (None, None, false)
}

/// `<std::sync::mpsc::Iter<T> as Iterator>::next`, crossbeam's and the
/// course's alike: a receiver's iterator taking its next message.
fn is_receiver_next(call: &str) -> bool {
    call.ends_with("Iterator>::next") && call.contains("Iter") && (call.contains("mpsc") || call.contains("channel"))
}

/// `Box<F>::call_once`, `FnOnce::call_once{{vtable.shim}}` and the like.
fn is_closure_plumbing(call: &str) -> bool {
    let method = call.rsplit("::").next().unwrap_or(call);
    method.starts_with("call_once") || method.starts_with("call_mut") || method == "call"
}

/// `std::sync::mpsc::Receiver<T>::recv` -> `Receiver::recv`;
/// `<checker::sync::mpsc::Iter<T> as Iterator>::next` -> `Iter::next`.
fn short_call(path: &str) -> String {
    // `Iterator::next::<Lines<BufReader<TcpStream>>>`: the turbofish goes first.
    if let Some(at) = path.find("::<") {
        let mut depth = 0;
        for (i, c) in path[at + 2..].char_indices() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                let end = at + 2 + i + 1;
                return short_call(&format!("{}{}", &path[..at], &path[end..]));
            }
        }
    }
    // A closure is named after the function it is written in.
    if let Some(outer) = path.strip_suffix("::{{closure}}") {
        return short_call(outer);
    }
    // For a trait method, name the type it is called on.
    let (ty, method) = match path.strip_prefix('<').and_then(|p| p.split_once(" as ")) {
        Some((ty, rest)) => (ty.to_string(), rest.rsplit("::").next().unwrap_or("").to_string()),
        None => match path.rsplit_once("::") {
            Some((ty, method)) => (ty.to_string(), method.to_string()),
            None => (String::new(), path.to_string()),
        },
    };
    let mut depth = 0;
    let ty: String = ty
        .chars()
        .filter(|&c| {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => return depth == 0,
            }
            false
        })
        .collect();
    let last = ty.rsplit("::").find(|p| !p.is_empty() && !p.starts_with('{')).unwrap_or("");
    if last.is_empty() { method } else { format!("{last}::{method}") }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    /// A thread that waited for a core half the tick held the check back
    /// half the tick; threads that slept (no run-queue wait) not at all.
    #[test]
    fn usable_time_leaves_out_the_longest_wait_for_a_core() {
        let ms = Duration::from_millis;
        assert_eq!(super::usable(ms(20), [ms(0), ms(10), ms(4)].into_iter()), ms(10));
        assert_eq!(super::usable(ms(20), std::iter::empty()), ms(20));
        assert_eq!(super::usable(ms(20), [ms(25)].into_iter()), ms(0));
    }

    /// A thread asleep writing to a full pipe is held back from outside; one
    /// asleep in a receive is not, nor is the writer once the pipe is read.
    #[test]
    fn a_writer_blocked_on_a_full_pipe_is_held_outside() {
        use std::io::{Read, Write};
        use std::os::fd::{AsRawFd, FromRawFd};
        let mut fds = [0; 2];
        // SAFETY: pipe fills the array; both ends are owned by Files below.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // SAFETY: the two fds are fresh and owned by nothing else.
        let (mut reader, mut writer) =
            unsafe { (std::fs::File::from_raw_fd(fds[0]), std::fs::File::from_raw_fd(fds[1])) };
        let out = writer.as_raw_fd() as u64;
        let (tid_tx, tid_rx) = std::sync::mpsc::channel();
        let (wait_tx, wait_rx) = std::sync::mpsc::channel::<()>();
        let t = std::thread::spawn(move || {
            // SAFETY: no preconditions.
            tid_tx.send(unsafe { libc::gettid() }).unwrap();
            let _ = wait_rx.recv();
            // Twice what a pipe holds: this blocks until the reader reads.
            writer.write_all(&vec![b'x'; 1 << 17]).unwrap();
        });
        let tid = tid_rx.recv().unwrap();
        // Asleep in `recv`: not held outside.
        while !crate::observe::asleep(tid) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(!super::held_outside(tid, &[out]));
        wait_tx.send(()).unwrap();
        let limit = std::time::Instant::now() + Duration::from_secs(60);
        while !super::held_outside(tid, &[out]) {
            assert!(std::time::Instant::now() < limit, "the writer never blocked");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(!super::held_outside(tid, &[out + 100]), "another fd is not an output");
        let mut all = Vec::new();
        reader.read_to_end(&mut all).unwrap();
        t.join().unwrap();
        assert_eq!(all.len(), 1 << 17);
    }

    /// A thread in `sleep` or in `recv_timeout` wakes up by itself; one in
    /// `recv` does not.
    #[test]
    fn a_sleeping_thread_is_in_a_timed_wait_a_receiving_one_is_not() {
        use std::sync::mpsc;
        let hour = Duration::from_secs(3600);
        let (tids_tx, tids_rx) = mpsc::channel();
        let (keep, never) = (mpsc::channel::<()>(), mpsc::channel::<()>());
        let waits: [Box<dyn FnOnce() + Send>; 3] = [
            // A real sleep cannot be woken: keep it short, so that the
            // process can be quiescent again for the clock's tests.
            Box::new(move || std::thread::sleep(Duration::from_secs(20))),
            Box::new(move || {
                let _ = keep.1.recv_timeout(hour);
            }),
            Box::new(move || {
                let _ = never.1.recv();
            }),
        ];
        for (i, wait) in waits.into_iter().enumerate() {
            let tids_tx = tids_tx.clone();
            std::thread::spawn(move || {
                // SAFETY: no preconditions.
                let _ = tids_tx.send((i, unsafe { libc::gettid() }));
                wait();
            });
        }
        // The threads start in any order: each says which wait it is.
        let mut started: Vec<(usize, i32)> = (0..3).map(|_| tids_rx.recv().unwrap()).collect();
        started.sort();
        let tids: Vec<i32> = started.into_iter().map(|(_, t)| t).collect();
        // Each is in its wait once the kernel shows it asleep in a syscall
        // that sleeps (a futex wake, on the way, does not).
        // A thread may block on the way (a lock inside the channel): its
        // wait is the one it stays in, with no context switch, over 5 looks.
        for &t in &tids {
            let look = || {
                let stat = std::fs::read_to_string(format!("/proc/self/task/{t}/stat")).unwrap_or_default();
                let state = stat.rsplit(')').next().and_then(|r| r.split_whitespace().next()).map(str::to_owned);
                let syscall = std::fs::read_to_string(format!("/proc/self/task/{t}/syscall")).unwrap_or_default();
                let status = std::fs::read_to_string(format!("/proc/self/task/{t}/status")).unwrap_or_default();
                let switches = status.lines().find(|l| l.starts_with("voluntary_ctxt_switches")).map(str::to_owned);
                let nr = syscall.split_whitespace().next().and_then(|n| n.parse::<libc::c_long>().ok());
                let sleeping = [libc::SYS_futex, libc::SYS_nanosleep, libc::SYS_clock_nanosleep];
                (state.as_deref() == Some("S") && nr.is_some_and(|n| sleeping.contains(&n)))
                    .then_some((syscall, switches))
            };
            let mut still = 0;
            let mut last = None;
            while still < 5 {
                let now = look();
                still = if now.is_some() && now == last { still + 1 } else { 0 };
                last = now;
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        assert!(super::in_timed_wait(tids[0]), "sleep");
        assert!(super::in_timed_wait(tids[1]), "recv_timeout");
        assert!(!super::in_timed_wait(tids[2]), "recv");
        drop(never.0);
        drop(keep.0);
    }

    #[test]
    fn timed_syscalls() {
        let nr = |n: libc::c_long| n.to_string();
        assert!(super::timed_syscall(&format!(
            "{} 0x0 0x0 0x7ffd 0x7ffd 0x0 0x0 0x7 0x7",
            nr(libc::SYS_clock_nanosleep)
        )));
        // futex(addr, FUTEX_WAIT_BITSET|PRIVATE, val, timeout, ...)
        assert!(super::timed_syscall(&format!("{} 0x55 0x89 0x0 0x7ffd 0x0 0xffffffff 0x7 0x7", nr(libc::SYS_futex))));
        assert!(!super::timed_syscall(&format!("{} 0x55 0x89 0x0 0x0 0x0 0xffffffff 0x7 0x7", nr(libc::SYS_futex))));
        // FUTEX_WAKE with a count is not a wait.
        assert!(!super::timed_syscall(&format!("{} 0x55 0x81 0x1 0x7ffd 0x0 0x0 0x7 0x7", nr(libc::SYS_futex))));
        assert!(!super::timed_syscall("running"));
    }
    #[test]
    fn short_call_keeps_type_and_method() {
        assert_eq!(super::short_call("std::sync::mpsc::Receiver<T>::recv"), "Receiver::recv");
        assert_eq!(super::short_call("checker::gate::hold"), "gate::hold");
        assert_eq!(super::short_call("<checker::sync::mpsc::Iter<T> as core::iter::Iterator>::next"), "Iter::next");
        assert_eq!(
            super::short_call(
                "core::iter::traits::iterator::Iterator::next::<std::io::Lines<std::io::BufReader<std::net::TcpStream>>>"
            ),
            "Iterator::next"
        );
    }

    #[test]
    fn closure_plumbing_is_skipped() {
        for shim in [
            "<alloc::boxed::Box<F,A> as core::ops::function::FnOnce<Args>>::call_once",
            "core::ops::function::FnOnce::call_once{{vtable.shim}}",
        ] {
            assert!(super::is_closure_plumbing(&super::short_call(shim)), "{shim}");
        }
        assert!(!super::is_closure_plumbing("Receiver::recv"));
        assert_eq!(super::short_call("first_reply::slow::{{closure}}"), "first_reply::slow");
    }
}
