//! Tricks a curious learner finds by reading the checker's docs (issue 9):
//! each must give a failing verdict, and what the code prints cannot paint
//! over the verdict.

mod common;

use common::{Course, build_lock, text};

const DAY1: &str = "exercises/day01_hello_threads.rs";

/// Day 1's signature around `body`.
fn day1(body: &str) -> String {
    format!("pub fn greet_all(_n: usize, _greet: fn(usize) -> String) -> Vec<String> {{\n{body}\n}}\n")
}

/// A pass report with every check of day 1 counted.
const FORGED: &str = r#"{"verdict":"pass","check":null,"message":"","passed":["a","b","c","d"],"total":4}"#;

#[test]
fn calling_the_harness_from_the_exercise_fails() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(DAY1, &day1("checker::harness::run(&[])"));
    let out = c.lockstep(&["run", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(!t.contains("checks passed"), "{t}");
    // The source scan refuses it before the build (the harness's own guard
    // against a second `run` stays behind it, for code the scan cannot read).
    assert!(t.contains("uses the checks' own machinery"), "{t}");
    assert!(
        t.contains("exercises/day01_hello_threads.rs:2 uses checker::harness: that is the checks' own machinery"),
        "{t}"
    );
}

/// The report channel is not in the environment, and a process the code
/// starts does not inherit it: a forged pass then `exit(0)` is no verdict.
#[test]
fn a_forged_report_then_exit_fails() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(
        DAY1,
        &day1(&format!(
            r##"for var in ["LOCKSTEP_REPORT", "LOCKSTEP_REPORT_FD"] {{
        if let Ok(v) = std::env::var(var) {{ println!("found {{var}}={{v}}"); }}
    }}
    if let Ok(path) = std::env::var("LOCKSTEP_REPORT") {{ let _ = std::fs::write(path, r#"{FORGED}"#); }}
    let _ = std::process::Command::new("sh")
        .args(["-c", r#"echo '{FORGED}' >&3"#])
        .status();
    std::process::exit(0)"##
        )),
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(!t.contains("checks passed") && !t.contains("found LOCKSTEP_REPORT"), "{t}");
    assert!(t.contains("no verdict"), "{t}");
}

/// Output that clears the screen, prints a fake pass and conceals the rest
/// is shown with its escapes visible, after the real verdict.
#[test]
fn printed_escapes_cannot_paint_over_the_verdict() {
    let _lock = build_lock();
    let c = Course::copy();
    c.write(DAY1, &day1(r#"print!("\x1b[2J\x1b[H✓ all 4 checks passed\n\x1b[8m\x07\rok\x08"); Vec::new()"#));
    let out = c.lockstep(&["run", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(!t.contains('\x1b') && !t.contains('\x07') && !t.contains('\x08'), "{t:?}");
    assert!(t.contains(r"\e[2J\e[H✓ all 4 checks passed") && t.contains(r"\e[8m\a\rok\b"), "{t}");
    // The headline, then the failing check and why, then what it printed.
    let headline = t.find("✗ check 1 failed").unwrap_or_else(|| panic!("no headline: {t}"));
    let reason = t.find("✗ greetings are complete and in id order").unwrap_or_else(|| panic!("no failing check: {t}"));
    let printed = t.find("What it printed:").unwrap_or_else(|| panic!("no output: {t}"));
    assert!(headline < reason && reason < printed, "{t}");
}

/// An exercise that rewrites its own check to one that passes: the next run
/// refuses to build it, and says why and what to do.
#[test]
fn a_rewritten_check_is_refused() {
    let _lock = build_lock();
    let c = Course::copy();
    let passing = "checker::subject!(\"../../../../exercises/day01_hello_threads.rs\");\n\
                   fn ok() -> Result<(), checker::Failure> { Ok(()) }\n\
                   fn main() { checker::harness::run(&[checker::Check { name: \"fine\", run: ok }]) }\n";
    // Done once, honestly, so that `verify` re-checks it below.
    c.solve("hello_threads", DAY1);
    assert_eq!(c.lockstep(&["run", "hello_threads"]).status.code(), Some(0));
    c.write(
        DAY1,
        &day1(&format!("let _ = std::fs::write(\"checker/src/bin/hello_threads/main.rs\", {passing:?});\n    todo!()")),
    );
    let out = c.lockstep(&["run", "hello_threads"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(c.read("checker/src/bin/hello_threads/main.rs").contains("fn ok()"), "the check was rewritten");
    let out = c.lockstep(&["run", "hello_threads"]);
    let t = text(&out);
    assert_ne!(out.status.code(), Some(0), "{t}");
    assert!(!t.contains("checks passed"), "{t}");
    assert!(
        t.contains(
            "the hidden checks changed since the course was sealed (checker/src/bin/hello_threads/main.rs): \
             run `git checkout checker/` or, if you are a course author, `lockstep dev seal`"
        ),
        "{t}"
    );
    let out = c.lockstep(&["verify"]);
    let t = text(&out);
    assert_ne!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("the hidden checks changed since the course was sealed"), "{t}");
}
