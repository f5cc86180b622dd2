//! Nothing a check starts outlives it, nothing it leaves holding a pipe
//! hangs lockstep, and its report comes through the channel lockstep gave
//! it, adding up. Real processes throughout: each test looks for survivors
//! by a sleep duration of its own, in /proc.
//!
//! Each scenario runs with namespaces (the default here) and, where the
//! fallback promises it too, without (`LOCKSTEP_NO_NAMESPACES`).

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::{Course, build_lock, target_dir};
use lockstep::course::Course as Loaded;
use lockstep::process::Cancel;
use lockstep::runner::{Exe, Runner};
use lockstep::verdict::{Kind, Verdict};

const DAY1: &str = "exercises/day01_hello_threads.rs";

/// Limits here only keep a broken build from hanging the suite; no verdict
/// depends on them.
const LIMIT: Duration = Duration::from_secs(300);

/// The pids of `sleep <secs>` processes.
fn sleeps(secs: u32) -> Vec<i32> {
    let wanted = format!("sleep\0{secs}\0");
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            // A zombie has an empty command line: it is gone already.
            cmdline == wanted.as_bytes()
        })
        .collect()
}

/// Kills the `sleep <secs>` processes still around when dropped, so that a
/// failing test leaves nothing behind either.
struct Sweep(Vec<u32>);

impl Drop for Sweep {
    fn drop(&mut self) {
        for &secs in &self.0 {
            for pid in sleeps(secs) {
                // SAFETY: kill(2) with a pid.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
        }
    }
}

/// Waits until `done` holds; how long that took.
fn until(what: &str, mut done: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < LIMIT, "{what}: still not so after {LIMIT:?}");
        std::thread::sleep(Duration::from_millis(2));
    }
    start.elapsed()
}

/// Starts `lockstep args` in the course, its output to files (a pipe of
/// ours could itself be held by a stray).
fn start(c: &Course, args: &[&str], namespaces: bool) -> Child {
    let out = std::fs::File::create(c.path("out.txt")).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lockstep"));
    cmd.args(args)
        .current_dir(c.root())
        .env("CARGO_TARGET_DIR", target_dir())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    if !namespaces {
        cmd.env(lockstep::sandbox::NO_NAMESPACES, "1");
    }
    cmd.spawn().expect("lockstep starts")
}

fn finish(c: &Course, mut child: Child) -> (ExitStatus, String) {
    let mut status = None;
    until("lockstep returns", || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    (status.unwrap(), std::fs::read_to_string(c.path("out.txt")).unwrap_or_default())
}

/// Day 1's learner file: `body` runs first, then greet_all does `rest`.
fn learner(c: &Course, body: &str, rest: &str) {
    c.write(
        DAY1,
        &format!(
            "use checker::thread;\n\
             pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {{\n{body}\n{rest}\n}}\n"
        ),
    );
}

const SOLVED: &str = "let handles: Vec<_> = (0..n).map(|i| thread::spawn(move || greet(i))).collect();\n\
                      handles.into_iter().map(|h| h.join().unwrap()).collect()";
const TODO: &str = "let _ = (n, greet, thread::current); todo!()";

/// Gives day 1 a deadline that cannot pass while a test acts on a check
/// still running.
fn long_deadline(c: &Course) {
    let info = c.read("info.toml").replacen("deadline = \"5s\"", "deadline = \"600s\"", 1);
    c.write("info.toml", &info);
}

/// A child in its own session that holds the check's stdout: `run` returns
/// once the check ends, and the child is gone.
fn setsid_child_holding_the_output(namespaces: bool, secs: u32) {
    let _lock = build_lock();
    let _sweep = Sweep(vec![secs]);
    let c = Course::copy();
    let body = format!("std::process::Command::new(\"setsid\").args([\"sleep\", \"{secs}\"]).spawn().unwrap();");
    learner(&c, &body, TODO);
    let (status, out) = finish(&c, start(&c, &["run", "hello_threads"], namespaces));
    assert_eq!(status.code(), Some(1), "{out}");
    assert_eq!(sleeps(secs), Vec::<i32>::new(), "the setsid child outlived the check:\n{out}");
}

#[test]
fn a_setsid_child_holding_the_output_neither_hangs_run_nor_survives() {
    setsid_child_holding_the_output(true, 1010);
}

#[test]
fn without_namespaces_a_setsid_child_neither_hangs_run_nor_survives() {
    setsid_child_holding_the_output(false, 1020);
}

/// A double fork with null stdio (a daemon), in a check that completes.
fn double_fork_after_a_complete_check(namespaces: bool, secs: u32) {
    let _lock = build_lock();
    let _sweep = Sweep(vec![secs]);
    let c = Course::copy();
    let fork = format!(
        "std::process::Command::new(\"sh\").args([\"-c\", \"sleep {secs} &\"])\
         .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null())\
         .stderr(std::process::Stdio::null()).status().unwrap();"
    );
    learner(&c, &fork, SOLVED);
    let (_, out) = finish(&c, start(&c, &["run", "hello_threads"], namespaces));
    assert!(!out.contains("does not compile"), "{out}");
    assert_eq!(sleeps(secs), Vec::<i32>::new(), "the daemon outlived the check:\n{out}");
}

#[test]
fn a_daemon_does_not_outlive_its_check() {
    double_fork_after_a_complete_check(true, 1011);
}

#[test]
fn without_namespaces_a_daemon_does_not_outlive_its_check() {
    double_fork_after_a_complete_check(false, 1021);
}

/// `lockstep run` with a check that waits on `sleep <in_group>` after
/// starting `setsid sleep <escaped>`; once both run, `signal` goes to lockstep.
fn signal_during_a_check(namespaces: bool, signal: i32, escaped: u32, in_group: u32) -> (ExitStatus, Duration) {
    let _lock = build_lock();
    let _sweep = Sweep(vec![escaped, in_group]);
    let c = Course::copy();
    long_deadline(&c);
    let body = format!(
        "std::process::Command::new(\"setsid\").args([\"sleep\", \"{escaped}\"]).spawn().unwrap();\n\
         std::process::Command::new(\"sleep\").arg(\"{in_group}\").status().unwrap();"
    );
    learner(&c, &body, TODO);
    let mut lockstep = start(&c, &["run", "hello_threads"], namespaces);
    until("the check's children run", || sleeps(escaped).len() == 1 && sleeps(in_group).len() == 1);
    // SAFETY: kill(2) with the pid of our child.
    unsafe {
        libc::kill(lockstep.id() as i32, signal);
    }
    let gone = until("the check's processes are gone", || sleeps(escaped).is_empty() && sleeps(in_group).is_empty());
    let status = lockstep.wait().unwrap();
    if signal != libc::SIGKILL {
        assert_eq!(copies_of(lockstep.id()), Vec::<PathBuf>::new(), "the check binary's copy is left");
    }
    (status, gone)
}

#[test]
fn kill_9_of_lockstep_during_a_check_leaves_nothing_running() {
    let (status, gone) = signal_during_a_check(true, libc::SIGKILL, 1012, 1013);
    assert_eq!(status.signal(), Some(libc::SIGKILL), "lockstep was still running the check: {status:?}");
    eprintln!("from SIGKILL of lockstep to the check's tree gone: {gone:?}");
}

#[test]
fn sigterm_of_lockstep_run_leaves_nothing_running() {
    let (status, gone) = signal_during_a_check(true, libc::SIGTERM, 1014, 1015);
    assert_eq!(status.code(), Some(128 + libc::SIGTERM), "{status:?}");
    eprintln!("from SIGTERM of lockstep to the check's tree gone: {gone:?}");
}

#[test]
fn without_namespaces_sigterm_and_sighup_leave_nothing_running() {
    for (signal, escaped, in_group) in [(libc::SIGTERM, 1022, 1023), (libc::SIGHUP, 1024, 1025)] {
        let (status, _) = signal_during_a_check(false, signal, escaped, in_group);
        assert_eq!(status.code(), Some(128 + signal), "{status:?}");
    }
}

/// A fake check: a shell script run through [`Runner::run`], to test the
/// runner's side of the report channel without building anything.
fn run_fake(script: &str) -> Verdict {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("check");
    std::fs::write(&exe, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&exe, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let root = common::repo();
    let course = Loaded::load(&root).unwrap();
    let ex = course.get("hello_threads").unwrap();
    let runner = Runner::new(&root, false);
    runner.run(&Exe::of(exe, None), ex, Path::new(DAY1), &Cancel::never()).unwrap().expect("not cancelled")
}

/// Two fake checks: the main one, then the model-checked part's.
fn run_fake_with_part(main: &str, part: &str) -> Verdict {
    let dir = tempfile::tempdir().unwrap();
    let [first, second] = [("check", main), ("check_model", part)].map(|(name, script)| {
        let exe = dir.path().join(name);
        std::fs::write(&exe, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&exe, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        exe
    });
    let root = common::repo();
    let course = Loaded::load(&root).unwrap();
    let ex = course.get("hello_threads").unwrap();
    let runner = Runner::new(&root, false);
    let exe = Exe::of(first, Some(Exe::of(second, None)));
    runner.run(&exe, ex, Path::new(DAY1), &Cancel::never()).unwrap().expect("not cancelled")
}

/// A model-checked part (`model_part`) runs once the main checks pass; the
/// verdict counts the checks of both, in order.
#[test]
fn a_model_part_runs_after_the_main_checks_and_counts_with_them() {
    let pass_c = r#"{"verdict":"pass","check":null,"message":"","passed":["c"],"total":1}"#;
    let race_c = r#"{"verdict":"race","check":"c","message":"lost","passed":[],"total":1}"#;
    let v = run_fake_with_part(&report(PASS_2), &report(pass_c));
    assert_eq!(
        (v.kind, v.passed.clone(), v.title.as_str()),
        (Kind::Pass, vec!["a".into(), "b".into(), "c".into()], "all 3 checks passed"),
        "{v:?}"
    );
    let v = run_fake_with_part(&report(PASS_2), &report(race_c));
    assert_eq!(
        (v.kind, v.passed.clone(), v.title.as_str()),
        (Kind::Race, vec!["a".into(), "b".into()], "race (check 3)"),
        "{v:?}"
    );
    assert_eq!(v.message, "lost");
    let todo = r#"{"verdict":"todo","check":"a","message":"not yet","passed":[],"total":2}"#;
    let v = run_fake_with_part(&report(todo), "echo part-ran; exit 9");
    assert_eq!(v.kind, Kind::Todo, "{v:?}");
    assert!(!v.output.contains("part-ran"), "the part runs only after the main checks pass: {v:?}");
}

fn report(line: &str) -> String {
    format!("printf '%s\\n' '{line}' >&\"$LOCKSTEP_REPORT_FD\"")
}

const PASS_2: &str = r#"{"verdict":"pass","check":null,"message":"","passed":["a","b"],"total":2}"#;

#[test]
fn the_report_comes_through_descriptor_3() {
    let script = format!(
        "[ \"$LOCKSTEP_REPORT_FD\" = 3 ] && [ -z \"$LOCKSTEP_REPORT\" ] || exit 9\n{}\n{}",
        report(r#"{"running":"a"}"#),
        report(PASS_2)
    );
    let v = run_fake(&script);
    assert_eq!(v.kind, Kind::Pass, "{v:?}");
    assert_eq!(v.passed, ["a", "b"]);
}

#[test]
fn a_pass_that_does_not_name_every_check_is_not_believed() {
    let short = r#"{"verdict":"pass","check":null,"message":"","passed":["a"],"total":2}"#;
    let none = r#"{"verdict":"pass","check":null,"message":"","passed":[],"total":0}"#;
    for line in [short, none] {
        let v = run_fake(&report(line));
        assert_eq!(v.kind, Kind::Crash, "{line}: {v:?}");
        assert!(v.title.contains("does not add up"), "{v:?}");
    }
}

#[test]
fn a_second_verdict_is_forgery() {
    let todo = r#"{"verdict":"todo","check":"a","message":"not yet","passed":[],"total":2}"#;
    let v = run_fake(&format!("{}\n{}", report(PASS_2), report(todo)));
    assert_eq!(v.kind, Kind::Crash, "{v:?}");
    assert!(v.title.contains("does not add up"), "{v:?}");
}

#[test]
fn a_check_stopped_mid_way_names_the_last_check_that_started() {
    let v = run_fake(&format!("{}\n{}\nkill -SEGV $$", report(r#"{"running":"a"}"#), report(r#"{"running":"b"}"#)));
    assert_eq!(v.kind, Kind::Crash, "{v:?}");
    assert!(v.title.contains("in the check \"b\""), "{v:?}");
    assert!(v.title.contains("segmentation fault"), "the check's signal comes through: {v:?}");
}

#[test]
fn a_report_file_is_not_a_report() {
    // The old channel: a file named by the environment. Nothing reads it now.
    let v = run_fake(&format!(
        "LOCKSTEP_REPORT=${{LOCKSTEP_REPORT:-/tmp/lockstep-forged-report}}\nprintf '%s' '{PASS_2}' > \"$LOCKSTEP_REPORT\"\nexit 0"
    ));
    let _ = std::fs::remove_file("/tmp/lockstep-forged-report");
    assert_eq!(v.kind, Kind::Crash, "{v:?}");
}

#[test]
fn a_stray_holding_the_output_does_not_hold_the_runner() {
    let _sweep = Sweep(vec![1030]);
    let v = run_fake(&format!("setsid sleep 1030 &\necho visible\n{}", report(PASS_2)));
    assert_eq!(v.kind, Kind::Pass, "{v:?}");
    assert!(v.output.contains("visible"), "what the check wrote before it ended is kept: {v:?}");
    assert_eq!(sleeps(1030), Vec::<i32>::new());
}

/// The check sees its own processes in /proc, under the ids it gets from
/// the system calls (the checker's watchdog relies on it).
#[test]
fn the_check_sees_its_own_proc() {
    let v = run_fake(&format!(
        "read -r me rest < /proc/self/stat\n[ \"$me\" = \"$$\" ] || {{ echo \"proc says $me, the shell is $$\"; exit 8; }}\n{}",
        report(PASS_2)
    ));
    assert_eq!(v.kind, Kind::Pass, "{v:?}");
}

/// The namespace is per check: nothing in it comes from lockstep's.
#[test]
fn the_check_runs_in_a_pid_namespace_of_its_own() {
    if !lockstep::sandbox::namespaces() {
        eprintln!("namespaces are refused here: the fallback applies");
        return;
    }
    let v = run_fake(&format!("echo \"pid=$$\"\n{}", report(PASS_2)));
    assert!(v.output.contains("pid=2"), "the check is PID 2, under its init: {v:?}");
}

/// Litter of a lockstep that no longer runs goes at the next build; a
/// running one's stays.
#[test]
fn litter_of_dead_processes_is_removed_and_that_of_live_ones_kept() {
    let _lock = build_lock();
    let c = Course::copy();
    let target = target_dir().join("lockstep");
    std::fs::create_dir_all(target.join("exe")).unwrap();
    std::fs::create_dir_all(target.join("reports")).unwrap();
    // A pid that cannot exist (above pid_max's ceiling) and one that does.
    let dead = [target.join("exe/hello_threads-4999999-0"), target.join("reports/4999999-3.json.running")];
    let live = target.join(format!("exe/hello_threads-{}-0", std::process::id()));
    for f in dead.iter().chain([&live]) {
        std::fs::write(f, "x").unwrap();
    }
    let out = c.lockstep(&["run", "hello_threads"]);
    assert!(out.status.code().is_some(), "{out:?}");
    for f in &dead {
        assert!(!f.exists(), "{} is left", f.display());
    }
    assert!(live.exists(), "the file of a running process was removed");
    std::fs::remove_file(&live).unwrap();
}

/// The copies of check binaries that lockstep process `pid` made.
fn copies_of(pid: u32) -> Vec<PathBuf> {
    let dir = target_dir().join("lockstep/exe");
    let mark = format!("-{pid}-");
    let files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.into_iter().filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(&mark))).collect()
}

/// SIGTERM and SIGHUP of watch mode leave the terminal as it was: canonical
/// mode, echo and signals on, the cursor shown. The key reader holds the
/// terminal in raw mode while it waits, so a signal that ends lockstep
/// without restoring leaves it raw.
#[test]
fn a_signal_to_watch_mode_restores_the_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    use std::sync::{Arc, Mutex};

    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let _lock = build_lock();
        let c = Course::copy();
        let pair = native_pty_system()
            .openpty(PtySize { rows: 50, cols: 140, pixel_width: 0, pixel_height: 0 })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lockstep"));
        cmd.cwd(c.root());
        cmd.env("CARGO_TARGET_DIR", target_dir());
        cmd.env("TERM", "xterm-256color");
        let mut child = pair.slave.spawn_command(cmd).expect("lockstep starts");
        drop(pair.slave);
        let tty = pair.master.tty_name().expect("the pty's name");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let seen = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let termios = || {
            let file = std::fs::File::options().read(true).write(true).open(&tty).expect("the pty opens");
            // SAFETY: tcgetattr fills a termios we own.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                assert_eq!(libc::tcgetattr(std::os::fd::AsRawFd::as_raw_fd(&file), &mut t), 0);
                t
            }
        };
        // Watch mode is up, and its key reader waits in raw mode.
        let header = common::day1_header();
        until("watch mode shows the exercise", || seen.lock().unwrap().contains(&header));
        until("the key reader holds the terminal raw", || termios().c_lflag & libc::ICANON == 0);
        let before = seen.lock().unwrap().len();
        let pid = child.process_id().expect("a pid") as i32;
        // SAFETY: kill(2) with the pid of our child.
        unsafe {
            libc::kill(pid, signal);
        }
        let status = child.wait().expect("lockstep exits");
        assert!(!status.success(), "{status:?}");
        let t = termios();
        for (flag, name) in [(libc::ICANON, "icanon"), (libc::ECHO, "echo"), (libc::ISIG, "isig")] {
            assert!(t.c_lflag & flag != 0, "signal {signal}: -{name} is left on the terminal");
        }
        until("the cursor is shown again", || seen.lock().unwrap()[before..].contains("\x1b[?25h"));
    }
}

/// Not a check of behaviour: prints what a check's start costs. Run it with
/// and without `LOCKSTEP_NO_NAMESPACES=1` to see the namespaces' share.
#[test]
#[ignore]
fn measure_the_cost_of_a_check_start() {
    let start = Instant::now();
    for _ in 0..50 {
        assert_eq!(run_fake(&report(PASS_2)).kind, Kind::Pass);
    }
    eprintln!("namespaces: {}; per fake check: {:?}", lockstep::sandbox::namespaces(), start.elapsed() / 50);
}
