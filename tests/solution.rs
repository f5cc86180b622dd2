//! After a pass, the reference solution; and `file:line` links only on a terminal.

mod common;

use common::{Course, build_lock, text};

const DAY1: &str = "exercises/day01_hello_threads.rs";

#[test]
fn the_solution_opens_once_the_exercise_passes() {
    let _lock = build_lock();
    let c = Course::copy();
    let out = c.lockstep(&["solution", "hello_threads"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("opens once your version passes"), "{}", text(&out));
    c.solve("hello_threads", DAY1);
    assert!(c.lockstep(&["run"]).status.success());
    let out = c.lockstep(&["solution", "hello_threads"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), c.read("checker/src/bin/hello_threads/solution.rs"));
}

#[test]
fn piped_output_has_no_hyperlinks() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(DAY1, "pub fn greet_all(");
    // No NO_COLOR: only the pipe turns links off.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .arg("run")
        .current_dir(c.root())
        .env("CARGO_TARGET_DIR", common::target_dir())
        .env_remove("NO_COLOR")
        .output()
        .expect("lockstep runs");
    let t = text(&out);
    assert!(t.contains("exercises/day01_hello_threads.rs:1"), "{t}");
    assert!(!t.contains("\x1b]8;"), "{t:?}");
}
