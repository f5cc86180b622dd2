//! Watch mode in a pseudo-terminal: edit the file the ways editors save,
//! press keys, read the screen.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use common::{Course, Screen, build_lock, target_dir};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const DAY1: &str = "exercises/day01_hello_threads.rs";
const ENDLESS: &str = "pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> {\n    loop {\n        std::hint::spin_loop()\n    }\n}\n";

fn save_by_rename(c: &Course, text: &str) {
    std::fs::write(c.path("exercises/.save.tmp"), text).unwrap();
    std::fs::rename(c.path("exercises/.save.tmp"), c.path(DAY1)).unwrap();
}

/// Waits for the watch trace to have a line `what`. The limit only keeps a
/// broken build from hanging the suite.
fn wait_for_line(trace: &std::path::Path, what: &str) {
    let limit = std::time::Instant::now() + Duration::from_secs(300);
    loop {
        let text = std::fs::read_to_string(trace).unwrap_or_default();
        if text.lines().any(|l| l.ends_with(what)) {
            return;
        }
        assert!(std::time::Instant::now() < limit, "the trace never had `{what}`:\n{text}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The generation of the first check started after the first `seen` lines.
fn started_after(trace: &std::path::Path, seen: usize) -> u64 {
    let limit = std::time::Instant::now() + Duration::from_secs(300);
    loop {
        let text = std::fs::read_to_string(trace).unwrap_or_default();
        let started = text.lines().skip(seen).find_map(|l| l.split_once(" start ").map(|(_, g)| g.to_string()));
        if let Some(g) = started {
            return g.parse().unwrap();
        }
        assert!(std::time::Instant::now() < limit, "no check started:\n{text}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn watch_mode_checks_on_save_and_answers_keys() {
    let _lock = build_lock();
    let c = Course::copy();
    let pair =
        native_pty_system().openpty(PtySize { rows: 50, cols: 140, pixel_width: 0, pixel_height: 0 }).expect("a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lockstep"));
    cmd.cwd(c.root());
    cmd.env("CARGO_TARGET_DIR", target_dir());
    cmd.env("TERM", "xterm-256color");
    let trace = c.path("trace.log");
    cmd.env("LOCKSTEP_TRACE", &trace);
    let mut child = pair.slave.spawn_command(cmd).expect("lockstep starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut keys = pair.master.take_writer().expect("writer");
    let seen = Arc::new((Mutex::new(String::new()), Condvar::new()));
    let sink = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let (lock, cvar) = &*sink;
            lock.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            cvar.notify_all();
        }
    });
    let mut screen = Screen { seen, from: 0 };
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    };

    screen.expect(&common::day1_header());
    screen.expect("not done yet");

    press("h");
    screen.expect("Hint 1 of 3");
    press("n");
    screen.expect("Make this exercise pass first");

    // An editor that writes a temp file and renames it over the original.
    let solution = c.read("checker/src/bin/hello_threads/solution.rs");
    let original = c.read(DAY1);
    std::fs::write(c.path("exercises/.day01.swp"), &solution).unwrap();
    std::fs::rename(c.path("exercises/.day01.swp"), c.path(DAY1)).unwrap();
    screen.expect("checks passed");
    screen.expect("Day 1 complete");

    // One that deletes and recreates the file.
    std::fs::remove_file(c.path(DAY1)).unwrap();
    std::fs::write(c.path(DAY1), &original).unwrap();
    screen.expect("not done yet");

    // A save while a check runs cancels it and starts over: the endless
    // check comes back cancelled (its processes gone), not timed out. Keys
    // work meanwhile.
    let seen = std::fs::read_to_string(&trace).unwrap().lines().count();
    save_by_rename(&c, ENDLESS);
    let generation = started_after(&trace, seen);
    press("h");
    screen.expect("Hint 2 of 3");
    save_by_rename(&c, &solution);
    wait_for_line(&trace, &format!("superseded {generation} cancelled"));
    screen.expect("checks passed");

    // One that writes in place.
    std::fs::write(c.path(DAY1), &original).unwrap();
    screen.expect("not done yet");
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(c.path(DAY1))
        .unwrap()
        .write_all(solution.as_bytes())
        .unwrap();
    screen.expect("checks passed");

    // Done exercises open the next one; the list shows where you are.
    press("n");
    screen.expect("named_workers");
    press("l");
    screen.expect("Enter open");
    press("\x1b");
    screen.expect("r re-run");

    press("q");
    let status = child.wait().expect("lockstep exits");
    assert!(status.success(), "{status:?}");
    screen.expect("Bye!");
}
