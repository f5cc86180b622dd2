//! The binary, driven as a learner and a course author would.

mod common;

use common::{Course, build_lock, text};

const DAY1: &str = "exercises/day01_hello_threads.rs";

#[test]
fn run_fails_unsolved_then_passes_solved() {
    let _lock = build_lock();
    let c = Course::copy();
    let out = c.lockstep(&["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("not done yet"), "{}", text(&out));
    assert!(text(&out).contains("exercises/day01_hello_threads.rs:"), "names the learner's line: {}", text(&out));

    c.solve("hello_threads", DAY1);
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("checks passed"), "{}", text(&out));
    assert!(text(&out).contains("Day 1 complete"), "{}", text(&out));

    // Progress is recorded: list shows it, and day 2 is now the current exercise.
    let out = c.lockstep(&["list"]);
    assert!(text(&out).contains("done"), "{}", text(&out));
    let out = c.lockstep(&["run"]);
    assert!(text(&out).contains("not done yet") || text(&out).contains("compile"), "{}", text(&out));

    // verify re-checks the done exercise.
    let out = c.lockstep(&["verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("1 of 1 done exercises pass"), "{}", text(&out));
}

#[test]
fn compile_errors_are_shown_as_cargo_prints_them() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(DAY1, "pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> { n + }\n");
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("does not compile") && t.contains("error") && t.contains("day01_hello_threads.rs"), "{t}");
}

#[test]
fn an_endless_loop_is_stopped_at_the_deadline() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(
        DAY1,
        "pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> { loop { std::hint::spin_loop() } }\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("Still running at the deadline")
            && text(&out).contains("is running at exercises/day01_hello_threads.rs:"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_flood_of_output_is_capped() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(
        DAY1,
        "pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> {\n\
         for _ in 0..2_000_000 { println!(\"flood flood flood flood flood flood flood flood\"); }\n\
         Vec::new() }\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("bytes of output left out"), "{}", &t[..t.len().min(2000)]);
    assert!(t.len() < 200_000, "output is capped, got {} bytes", t.len());
}

#[test]
fn hints_come_in_tiers() {
    let c = Course::copy();
    let first = text(&c.lockstep(&["hint"]));
    assert!(first.contains("Hint 1 of 3 for hello_threads"), "{first}");
    let second = text(&c.lockstep(&["hint"]));
    assert!(second.contains("Hint 2 of 3"), "{second}");
    let third = text(&c.lockstep(&["hint", "hello_threads", "--level", "3"]));
    assert!(third.contains("Hint 3 of 3") && !third.contains("next tier"), "{third}");
    let bad = c.lockstep(&["hint", "hello_threads", "--level", "9"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("hint tiers 1 to 3"), "{}", text(&bad));
}

#[test]
fn reset_restores_the_original_and_keeps_a_backup() {
    let c = Course::copy();
    let original = c.read(DAY1);
    c.write(DAY1, "// my work in progress\n");
    let out = c.lockstep(&["reset", "hello_threads"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(c.read(DAY1), original);
    let t = text(&out);
    let backup = t.lines().find_map(|l| l.strip_prefix("Your version is saved in ")).expect("prints the backup path");
    assert_eq!(std::fs::read_to_string(backup.trim()).unwrap(), "// my work in progress\n");
    // Resetting an untouched file saves nothing.
    let again = text(&c.lockstep(&["reset", "hello_threads"]));
    assert!(again.contains("already had its original text"), "{again}");
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_rebuilt() {
    let _lock = build_lock();
    let c = Course::copy();
    c.solve("hello_threads", DAY1);
    std::fs::create_dir_all(c.path(".lockstep")).unwrap();
    c.write(".lockstep/state.json", "{ this is not json");
    let out = c.lockstep(&["list"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains("could not be read") && t.contains("state.json.corrupt-"), "{t}");
    assert!(t.contains("Rebuilt: 1 exercise(s) pass"), "{t}");
    let kept: Vec<_> = std::fs::read_dir(c.path(".lockstep"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), "{ this is not json");
}

#[test]
fn a_broken_info_toml_names_file_line_and_field() {
    let c = Course::copy();
    let info = c.read("info.toml").replacen("day = 1\n", "day = 1\ndya = 2\n", 1);
    c.write("info.toml", &info);
    let out = c.lockstep(&["list"]);
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("info.toml") && t.contains("line ") && t.contains("column") && t.contains("dya"), "{t}");
}

#[test]
fn every_problem_in_info_toml_is_reported_at_once() {
    let c = Course::copy();
    let info = c.read("info.toml");
    // A duplicate name, a missing file and a day out of order, together.
    let info = info.replacen("name = \"named_workers\"", "name = \"hello_threads\"", 1);
    let info = info.replacen("path = \"exercises/day03", "path = \"exercises/gone03", 1);
    let info = info.replacen("day = 5", "day = 2", 1);
    c.write("info.toml", &info);
    let t = text(&c.lockstep(&["list"]));
    assert!(t.contains("is used twice"), "{t}");
    assert!(t.contains("is missing"), "{t}");
    assert!(t.contains("must be in day order"), "{t}");
}

#[test]
fn stats_shows_streak_and_calendar() {
    let c = Course::copy();
    let out = c.lockstep(&["stats"]);
    let t = text(&out);
    assert!(t.contains("current streak") && t.contains("Mon") && t.contains("Sun"), "{t}");
}

#[test]
fn completions_are_generated() {
    let c = Course::copy();
    let out = c.lockstep(&["completions", "bash"]);
    assert!(text(&out).contains("lockstep"), "{}", text(&out));
}

/// The course author's proof, over the real course: every original fails,
/// every solution passes, every known-bad variant fails with its expected
/// verdict, and each gives the same verdict 100 times in a row.
#[test]
fn dev_check_proves_the_whole_course() {
    let _lock = build_lock();
    let c = Course::copy();
    let out = c.lockstep(&["dev", "check", "--repeat", "100"]);
    let t = text(&out);
    println!("{t}");
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains(" 0 failed"), "{t}");
}

#[test]
fn dev_check_catches_a_solution_that_fails_and_a_stray_file() {
    let _lock = build_lock();
    let c = Course::copy();
    let original = c.read("checker/originals/day01_hello_threads.rs");
    c.write("checker/solutions/hello_threads.rs", &original);
    c.write("exercises/stray.rs", "// nobody uses me\n");
    let out = c.lockstep(&["dev", "check", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("exercises/stray.rs is a stray"), "{t}");
    assert!(t.contains("solution") && t.contains("todo (expected pass)"), "{t}");
}

#[test]
fn a_thread_bomb_hits_the_thread_limit() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(
        DAY1,
        "use checker::thread;\n\
         pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> {\n\
         let mut all = Vec::new();\n\
         loop { all.push(thread::spawn(|| loop { thread::park() })); }\n}\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("cannot start another thread after 1000"), "{t}");
    assert!(t.contains("exercises/day01_hello_threads.rs:4"), "names the learner's line: {t}");
}

#[test]
fn a_memory_blow_up_hits_the_memory_limit() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(
        DAY1,
        "pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> {\n\
         let huge = vec![0u8; 8 << 30];\n\
         vec![format!(\"{}\", huge.len())]\n}\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("out of memory") && t.contains("memory allocation of"), "{t}");
}

#[test]
fn a_deadlock_names_each_waiting_thread_and_its_line() {
    let _lock = build_lock();
    let c = Course::copy();
    let nobody_serves = c.read("checker/bad/ping_pong/nobody_serves.rs");
    c.write("exercises/day03_ping_pong.rs", &nobody_serves);
    let out = c.lockstep(&["run", "ping_pong"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("deadlock") && t.contains("every thread running your code is waiting"), "{t}");
    assert!(
        t.contains("thread \"main\" waits in Receiver::recv (for a message) at exercises/day03_ping_pong.rs:16"),
        "{t}"
    );
    assert!(t.contains("(spawned at exercises/day03_ping_pong.rs:9) waits in IntoIter::next"), "{t}");
    assert!(t.contains("every Sender is dropped) at exercises/day03_ping_pong.rs:10"), "{t}");
}

#[test]
fn std_threads_are_refused_with_the_reason() {
    let c = Course::copy();
    c.write(DAY1, "use std::thread;\npub fn greet_all(n: usize, g: fn(usize) -> String) -> Vec<String> {\n    (0..n).map(|i| thread::spawn(move || g(i)).join().unwrap()).collect()\n}\n");
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("exercises/day01_hello_threads.rs:1 uses std::thread"), "{t}");
    assert!(t.contains("Use `checker::thread` and `checker::sync` instead"), "{t}");
}

/// A model-checked exercise, end to end: the lost update is found on every
/// run and shown as the interleaving in the learner's file; the fix passes.
#[test]
fn a_model_checked_race_shows_its_interleaving() {
    let _lock = build_lock();
    let c = Course::copy();
    c.add_counter_exercise();
    for _ in 0..3 {
        let out = c.lockstep(&["run", "counter"]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(1), "{t}");
        assert!(t.contains("race (check 1)") && t.contains("two increments left the counter at 1, not 2"), "{t}");
        let reads = t.lines().filter(|l| l.contains("loads 0") && l.contains("exercises/day19_counter.rs:4")).count();
        let writes = t.lines().filter(|l| l.contains("stores 1") && l.contains("exercises/day19_counter.rs:5")).count();
        assert_eq!((reads, writes), (2, 2), "both threads read 0, then both wrote 1:\n{t}");
        assert!(!t.contains("checker/src/bin/counter.rs"), "only the learner's steps are shown:\n{t}");
    }
    c.write("exercises/day19_counter.rs", &c.read("checker/solutions/counter.rs"));
    let out = c.lockstep(&["run", "counter"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn a_thread_asleep_in_sleep_is_a_timeout_not_a_deadlock() {
    let _lock = build_lock();
    let c = Course::copy();
    // The caller waits for a thread that sleeps past the deadline: the
    // sleeper can go on by itself, so nobody is deadlocked.
    c.write(
        DAY1,
        "use checker::thread;\n\
         pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> {\n\
         let h = thread::spawn(|| thread::sleep(std::time::Duration::from_secs(3600)));\n\
         h.join().unwrap();\n\
         Vec::new()\n}\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(!t.contains("Deadlock"), "{t}");
    assert!(t.contains("it wakes up by itself") && t.contains("exercises/day01_hello_threads.rs:3"), "{t}");
}

#[test]
fn a_stack_overflow_is_called_one() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(
        DAY1,
        "pub fn greet_all(n: usize, g: fn(usize) -> String) -> Vec<String> {\n\
         let mut v = greet_all(n + 1, g);\n\
         v.push(String::new());\n\
         v\n}\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("stack overflow") && !t.contains("out of memory"), "{t}");
}
