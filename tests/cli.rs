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
    // A duplicate name, a missing hidden file and a day out of order, together.
    let info = info.replacen("name = \"named_workers\"", "name = \"hello_threads\"", 1);
    let info = info.replacen("day = 5", "day = 2", 1);
    c.write("info.toml", &info);
    std::fs::remove_file(c.path("checker/src/bin/ping_pong/solution.rs")).expect("removed");
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
    assert_eq!(out.status.code(), Some(0), "{}", failures(&t));
    assert!(t.contains(" 0 failed"), "{}", failures(&t));
    // Learners' checks refuse to run on a stale seal: keep it current.
    assert!(t.contains("✓ seal: checker/seal.toml matches the hidden files"), "run `lockstep dev seal`:\n{t}");
}

/// `dev check` with `flags` over a copy of the course: every subject gives
/// its expected verdict, and the output says how the machine was made busy.
fn proves_the_course(flags: &[&str], says: &str) {
    let _lock = build_lock();
    let c = Course::copy();
    let out = c.lockstep(&[&["dev", "check"], flags].concat());
    let t = text(&out);
    println!("{t}");
    assert_eq!(out.status.code(), Some(0), "{}", failures(&t));
    assert!(t.contains(says) && t.contains(" 0 failed"), "{}", failures(&t));
}

/// The failed subjects of a `dev check` output with their details: what a
/// failing test should show first, since a long log may be cut.
fn failures(t: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for l in t.lines() {
        if l.starts_with('✗') {
            inside = true;
        } else if !l.starts_with("    ") {
            inside = false;
        }
        if inside || l.starts_with("dev check:") {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// The same proof with every core busy with other work: a correct solution
/// must not fail because its check gets little CPU, and no wrong one may pass.
#[test]
fn dev_check_proves_the_whole_course_with_every_core_busy() {
    proves_the_course(&["--load", "--repeat", "10"], "CPU hogs ran alongside");
}

/// And with lockstep, cargo and every check pinned to one core.
#[test]
fn dev_check_proves_the_whole_course_pinned_to_one_core() {
    proves_the_course(&["--pin", "--repeat", "10"], "pinned to one core");
}

#[test]
fn dev_check_catches_a_solution_that_fails_and_a_stray_file() {
    let _lock = build_lock();
    let c = Course::copy();
    let original = c.read("checker/src/bin/hello_threads/original.rs");
    c.write("checker/src/bin/hello_threads/solution.rs", &original);
    c.write("exercises/stray.rs", "// nobody uses me\n");
    let out = c.lockstep(&["dev", "check", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("exercises/stray.rs is a stray"), "{t}");
    assert!(t.contains("solution") && t.contains("todo (expected pass)"), "{t}");
}

/// `dev new` scaffolds every file and entry; `dev check` proves the
/// skeleton and lists only what an author must still write.
#[test]
fn dev_new_scaffolds_an_exercise_that_dev_check_proves() {
    let _lock = build_lock();
    let c = Course::copy();
    let out = c.lockstep(&["dev", "new", "18", "sample_group"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(c.read("info.toml").contains("name = \"sample_group\""));
    assert!(c.read("checker/Cargo.toml").contains("name = \"sample_group\"\nrequired-features = [\"checks\"]"));
    assert_eq!(c.read("exercises/day18_sample_group.rs"), c.read("checker/src/bin/sample_group/original.rs"));
    let out = c.lockstep(&["dev", "check", "sample_group"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("exercises/day18_sample_group.rs:3: TODO(author) left"), "{t}");
    assert!(t.contains("info.toml: hint 1 of `sample_group`: TODO(author) left"), "{t}");
    for (subject, verdict) in [
        ("original (unsolved)", "todo (expected fail)"),
        ("solution", "pass (expected pass)"),
        ("bad/wrong_answer.rs", "wrong (expected wrong)"),
        ("bad/never_joined.rs", "leak (expected leak)"),
        ("bad/panics.rs", "panic (expected panic)"),
    ] {
        assert!(t.lines().any(|l| l.contains(subject) && l.contains(verdict)), "{subject}: {verdict}\n{t}");
    }
    // A taken name, a day outside the course, a name that is no identifier.
    for (args, says) in [
        (["dev", "new", "3", "ping_pong"], "exists already"),
        (["dev", "new", "31", "later"], "outside the course"),
        (["dev", "new", "5", "Bad-Name"], "cannot be an exercise name"),
    ] {
        let out = c.lockstep(&args);
        assert!(!out.status.success() && text(&out).contains(says), "{args:?}: {}", text(&out));
    }
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
    let nobody_serves = c.read("checker/src/bin/ping_pong/bad/nobody_serves.rs");
    c.write("exercises/day03_ping_pong.rs", &nobody_serves);
    c.reach("ping_pong");
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

    // `collect` over a receiver waits as the `for` loop does, and says so.
    let collects = nobody_serves.replacen(
        "for ball in from_ping {",
        "for _ in from_ping.iter().collect::<Vec<u32>>() {}\n        for ball in from_ping {",
        1,
    );
    c.write("exercises/day03_ping_pong.rs", &collects);
    let t = text(&c.lockstep(&["run", "ping_pong"]));
    assert!(t.contains("waits in Iterator::collect (it takes a receiver's messages one by one"), "{t}");
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
    c.reach("counter");
    for _ in 0..3 {
        let out = c.lockstep(&["run", "counter"]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(1), "{t}");
        assert!(t.contains("race (check 1)") && t.contains("two increments left the counter at 1, not 2"), "{t}");
        let reads = t.lines().filter(|l| l.contains("loads 0") && l.contains("exercises/day19_counter.rs:4")).count();
        let writes = t.lines().filter(|l| l.contains("stores 1") && l.contains("exercises/day19_counter.rs:5")).count();
        assert_eq!((reads, writes), (2, 2), "both threads read 0, then both wrote 1:\n{t}");
        assert!(!t.contains("checker/src/bin/counter/main.rs"), "only the learner's steps are shown:\n{t}");
    }
    c.write("exercises/day19_counter.rs", &c.read("checker/src/bin/counter/solution.rs"));
    let out = c.lockstep(&["run", "counter"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

/// Issue 10: the suite passes on a learner's clone with exercises solved.
/// Course copies start from the originals, whatever the learner's files
/// hold, and `dev check` does not count a solved file against the course.
#[test]
fn the_suite_passes_on_a_clone_with_exercises_solved() {
    let _lock = build_lock();
    let clone = Course::copy();
    let solved = [
        ("hello_threads", DAY1),
        ("named_workers", "exercises/day02_named_workers.rs"),
        ("ping_pong", "exercises/day03_ping_pong.rs"),
        ("backpressure", "exercises/day04_backpressure.rs"),
    ];
    for (name, path) in solved {
        clone.solve(name, path);
    }
    // What `run_fails_unsolved_then_passes_solved` needs: day 1 unsolved in the copy.
    let c = Course::copy_from(clone.root());
    for (name, path) in solved {
        let original = format!("checker/src/bin/{name}/original.rs");
        assert_eq!(c.read(path), c.read(&original), "{path} starts from its original");
    }
    let out = c.lockstep(&["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("not done yet"), "{}", text(&out));
    // `dev check` in the solved clone itself: solved files are the learner's business.
    let course = lockstep::course::Course::load(clone.root()).expect("the course loads");
    assert_eq!(lockstep::dev::file_problems(&course), Vec::<String>::new());
    let out = clone.lockstep(&["dev", "check", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains(" 0 failed") && !t.contains("copy your edit"), "{t}");
}

/// In a git checkout, the committed exercise must be its original (a fresh
/// clone starts from it); the learner's uncommitted work may differ.
#[test]
fn dev_check_compares_the_committed_exercise_with_its_original() {
    let c = Course::copy();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(c.root())
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", text(&out));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "course"]);
    let problems = || {
        let course = lockstep::course::Course::load(c.root()).expect("the course loads");
        lockstep::dev::file_problems(&course)
    };
    c.solve("hello_threads", DAY1);
    assert_eq!(problems(), Vec::<String>::new(), "a solved working file is fine");
    git(&["commit", "-qam", "an edit to the exercise, not to its original"]);
    let p = problems();
    assert!(p.len() == 1 && p[0].contains("day01_hello_threads.rs as committed differs"), "{p:?}");
    assert!(!p[0].contains("copy your edit"), "{p:?}");
}

/// Issue 9: a failed save shows the verdict, says progress was not saved,
/// and leaves no temporary file.
#[test]
fn a_failed_save_still_shows_the_verdict_and_says_it() {
    let _lock = build_lock();
    let c = Course::copy();
    c.solve("hello_threads", DAY1);
    // Something in the way of the state's lock file: any save fails, for root too.
    std::fs::create_dir_all(c.path(".lockstep/state.lock/in-the-way")).unwrap();
    let out = c.lockstep(&["run", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("checks passed"), "the verdict is shown: {t}");
    assert!(t.contains("progress was NOT saved") && t.contains("state.lock"), "and the failed save: {t}");
    let out = c.lockstep(&["hint", "hello_threads"]);
    assert!(text(&out).contains("Hint 1 of 3") && text(&out).contains("NOT saved"), "{}", text(&out));
    std::fs::remove_dir_all(c.path(".lockstep/state.lock")).unwrap();
    assert!(!c.path(".lockstep/state.json").exists());
    // A read-only .lockstep/, where permissions bind (not for root).
    std::fs::write(c.path(".lockstep/state.lock"), "").unwrap();
    set_mode(&c.path(".lockstep"), 0o555);
    if std::fs::write(c.path(".lockstep/probe"), "").is_err() {
        let out = c.lockstep(&["run", "hello_threads"]);
        let t = text(&out);
        assert!(t.contains("checks passed") && t.contains("progress was NOT saved"), "{t}");
    }
    set_mode(&c.path(".lockstep"), 0o755);
    let _ = std::fs::remove_file(c.path(".lockstep/probe"));
    let names: Vec<_> = std::fs::read_dir(c.path(".lockstep"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "state.lock")
        .collect();
    assert_eq!(names, Vec::<String>::new(), "no temporary file left behind");
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Issue 9: `run NAME` past the frontier is refused before any build, and
/// records nothing; `hint` of a locked exercise gives nothing away.
#[test]
fn an_exercise_past_the_frontier_is_locked() {
    let c = Course::copy();
    c.solve("ping_pong", "exercises/day03_ping_pong.rs");
    for args in [&["run", "ping_pong"][..], &["hint", "ping_pong"], &["hint", "ping_pong", "--level", "1"]] {
        let out = c.lockstep(args);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {t}");
        assert!(t.contains("`ping_pong` is locked: it opens once `hello_threads` passes"), "{t}");
        assert!(!t.contains("Hint 1"), "{t}");
    }
    assert!(!c.path(".lockstep/state.json").exists(), "nothing recorded");
}

/// Issue 10 item 7: with --level, "again" would repeat the tier: name the next one.
#[test]
fn hint_with_a_level_names_the_next_tier() {
    let c = Course::copy();
    let t = text(&c.lockstep(&["hint", "hello_threads", "--level", "1"]));
    assert!(t.contains("Hint 1 of 3") && t.contains("hint hello_threads --level 2"), "{t}");
    assert!(!t.contains("run it again"), "{t}");
}

/// Issue 9: an info.toml without exercises is a clear error, not a panic.
#[test]
fn a_course_without_exercises_is_a_clear_error() {
    let c = Course::copy();
    c.write("info.toml", "days = 30\n");
    for args in [&["run"][..], &["hint"], &["list"], &["watch"], &["dev", "check"]] {
        let out = c.lockstep(args);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {t}");
        assert!(t.contains("info.toml has 1 problem") && t.contains("no exercises"), "{args:?}: {t}");
        assert!(!t.contains("panicked"), "{t}");
    }
}

/// Issue 9: a deleted exercise file blocks nothing but its own check, which
/// names the file and the way back; `reset` brings it back.
#[test]
fn a_deleted_exercise_file_is_named_and_reset_brings_it_back() {
    let c = Course::copy();
    let original = c.read(DAY1);
    std::fs::remove_file(c.path(DAY1)).unwrap();
    for args in [&["run"][..], &["run", "hello_threads"]] {
        let out = c.lockstep(args);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(2), "{t}");
        assert!(
            t.contains("exercises/day01_hello_threads.rs is missing: `cargo run -- reset hello_threads` restores"),
            "{t}"
        );
    }
    assert_eq!(c.lockstep(&["list"]).status.code(), Some(0));
    let out = c.lockstep(&["reset", "hello_threads"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("which was missing"), "{}", text(&out));
    assert_eq!(c.read(DAY1), original);
}

/// Issue 9: type errors and unknown fields are reported together, each
/// with line and column; a duplicate name adds no "missing" lines.
#[test]
fn every_type_error_and_unknown_field_in_info_toml_is_reported_at_once() {
    let c = Course::copy();
    let info = c.read("info.toml");
    let info = info.replacen("day = 1\n", "day = \"one\"\n", 1);
    let info = info.replacen("deadline = \"5s\"", "deadline = 5\nspeed = 3", 1);
    let info = info.replacen("day = 4\n", "day = 4\ndya = 4\n", 1);
    let info = info.replacen("name = \"named_workers\"", "name = \"hello_threads\"", 1);
    c.write("info.toml", &info);
    let out = c.lockstep(&["list"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    for want in ["`day`: invalid type: string \"one\"", "`deadline`: invalid type: integer", "`speed`", "`dya`"] {
        let line = t.lines().find(|l| l.contains(want)).unwrap_or_else(|| panic!("no {want:?} in:\n{t}"));
        assert!(line.contains("line ") && line.contains(", column "), "{line}");
    }
    assert!(t.contains("is used twice") && !t.contains("is missing"), "{t}");
    assert!(t.contains("has 5 problems"), "{t}");
}

/// Issue 9: printing into a closed pipe (`lockstep list | head -0`) ends
/// quietly, not with a panic.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::ExitStatusExt;
    let c = Course::copy();
    for args in [&["list"][..], &["completions", "bash"], &["stats"]] {
        let mut fds = [0; 2];
        // SAFETY: pipe fills two descriptors, which the OwnedFds then own.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        drop(read); // the reader is gone before lockstep writes a byte
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_lockstep"))
            .args(args)
            .current_dir(c.root())
            .stdout(std::process::Stdio::from(write))
            .output()
            .expect("lockstep runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
        let quiet = out.status.success() || out.status.signal() == Some(libc::SIGPIPE);
        assert!(quiet, "{args:?}: {:?}", out.status);
    }
}

/// Naming std's error types is not using std's threads: day 4's solution,
/// written with `std::sync::mpsc::TrySendError` in a `match` and a block
/// comment that mentions `std::thread`, passes the scan and the checks.
#[test]
fn std_error_types_and_comments_pass_the_scan() {
    let _lock = build_lock();
    let c = Course::copy();
    c.reach("backpressure");
    let day4 = "exercises/day04_backpressure.rs";
    let solution = c.read("checker/src/bin/backpressure/solution.rs");
    let offer = "        if queue.try_send(job).is_err() {\n            return jobs[i..].to_vec();\n        }\n";
    assert!(solution.contains(offer), "the solution's offer loop changed:\n{solution}");
    let matched = "        match queue.try_send(job) {\n            Ok(()) => {}\n            \
                   Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => return jobs[i..].to_vec(),\n        }\n";
    let file = format!(
        "use std::sync::mpsc::TrySendError;\n/* Not std::thread::spawn:\n   checker::thread sees the producer. */\n{}",
        solution.replace(offer, matched)
    );
    c.write(day4, &file);
    let out = c.lockstep(&["run", "backpressure"]);
    let t = text(&out);
    assert!(!t.contains("cannot see"), "{t}");
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("checks passed"), "{t}");
}

/// The checks' bookkeeping is theirs: a learner's call to it is refused
/// before the build, with the line and the reason.
#[test]
fn the_checks_bookkeeping_is_refused() {
    let c = Course::copy();
    c.write(
        DAY1,
        "use checker::thread as t;\n\npub fn greet_all(n: usize, g: fn(usize) -> String) -> Vec<String> {\n    \
         let out = (0..n).map(|i| t::spawn(move || g(i))).map(|h| h.join().unwrap()).collect();\n    \
         checker::thread::forget_all();\n    out\n}\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("uses the checks' own machinery"), "{t}");
    assert!(
        t.contains(
            "exercises/day01_hello_threads.rs:5 uses checker::thread::forget_all: that is the checks' own bookkeeping"
        ),
        "{t}"
    );
    assert!(!t.contains("does not compile"), "refused before the build: {t}");
}

#[test]
fn a_thread_asleep_in_sleep_is_a_timeout_not_a_deadlock() {
    let _lock = build_lock();
    let c = Course::copy();
    // The caller waits for a thread that sleeps again and again: the course's
    // clock moves on each time (a single long sleep simply ends, in no real
    // time), and at the deadline the sleeper is still going on by itself, so
    // nobody is deadlocked.
    c.write(
        DAY1,
        "use checker::thread;\n\
         pub fn greet_all(_n: usize, _g: fn(usize) -> String) -> Vec<String> {\n\
         let h = thread::spawn(|| loop { thread::sleep(std::time::Duration::from_secs(1)) });\n\
         h.join().unwrap();\n\
         Vec::new()\n}\n",
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(!t.contains("Deadlock") && !t.contains("deadlock ("), "{t}");
    assert!(t.contains("still running at the deadline"), "{t}");
    assert!(t.contains("exercises/day01_hello_threads.rs:3"), "{t}");
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

/// Issue 13: day 27 shows the speed-up it measured after a pass, as
/// information: a failing run does not show it, and it never decides.
#[test]
fn a_pass_shows_what_it_measured_and_a_failure_does_not() {
    let _lock = build_lock();
    let c = Course::copy();
    c.reach("parallel_sum");
    c.write("exercises/day27_parallel_sum.rs", &c.read("checker/src/bin/parallel_sum/bad/join_in_loop.rs"));
    let out = c.lockstep(&["run", "parallel_sum"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(!t.contains("Measured on this machine"), "{t}");
    c.write("exercises/day27_parallel_sum.rs", &c.read("checker/src/bin/parallel_sum/solution.rs"));
    let out = c.lockstep(&["run", "parallel_sum"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    let info = t.lines().find(|l| l.starts_with("ℹ ")).unwrap_or_default();
    assert!(
        info.contains("(information, not part of the verdict)")
            && (info.contains("× as fast") || info.contains("one thread at a time")),
        "{t}"
    );
}
