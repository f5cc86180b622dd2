//! Two lockstep processes on one course: a watcher in a pseudo-terminal and
//! the CLI. Neither loses or invents the other's progress.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};

use common::{Course, Screen, build_lock, target_dir, text};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn a_watcher_sees_a_cli_reset_and_never_undoes_it() {
    let _lock = build_lock();
    let c = Course::copy();
    c.solve("hello_threads", "exercises/day01_hello_threads.rs");
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    let pair =
        native_pty_system().openpty(PtySize { rows: 50, cols: 140, pixel_width: 0, pixel_height: 0 }).expect("a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lockstep"));
    cmd.cwd(c.root());
    cmd.env("CARGO_TARGET_DIR", target_dir());
    cmd.env("TERM", "xterm-256color");
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

    let total = lockstep::course::Course::load(c.root()).expect("the course loads").exercises.len();
    screen.expect("named_workers");
    screen.expect(&format!("1/{total}"));
    press("h");
    screen.expect("Hint 1 of 3");

    // The CLI resets day 1: the watcher reloads and no longer counts it.
    let out = c.lockstep(&["reset", "hello_threads"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    screen.expect(&format!("0/{total}"));
    // Its stale view would have saved day 1 as done with this hint; now the
    // exercise is locked, and nothing is saved.
    press("h");
    screen.expect("is locked");
    press("q");
    let status = child.wait().expect("lockstep exits");
    assert!(status.success(), "{status:?}");
    screen.expect("Your progress is saved");

    let state: serde_json::Value =
        serde_json::from_str(&c.read(".lockstep/state.json")).expect("the state file is readable");
    let ex = &state["exercises"];
    assert!(ex["hello_threads"]["solved_at"].is_null(), "the reset stands: {state:#}");
    assert_eq!(ex["named_workers"]["hints_seen"], 1, "the watcher's own change is kept: {state:#}");
}
