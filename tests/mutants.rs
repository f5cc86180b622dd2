//! `lockstep dev mutants`: the checks proven against mutants of each solution.

mod common;

use common::{Course, build_lock, text};

/// Every mutant of every solution that compiles fails its checks, or is
/// listed as equivalent in info.toml.
/// It takes a few minutes on two cores.
#[test]
fn dev_mutants_kills_every_mutant_of_the_course() {
    let _lock = build_lock();
    let c = Course::copy();
    let out = c.lockstep(&["dev", "mutants"]);
    let t = text(&out);
    println!("{t}");
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains(" 0 survived, 0 could not be checked"), "{t}");
}

const SOLUTION: &str = "checker/src/bin/hello_threads/solution.rs";

/// A solution with a `drop` no check can notice: removing it, or moving it
/// past the next statement, gives mutants that survive.
fn with_a_spare_drop(c: &Course) {
    let solution = c
        .read(SOLUTION)
        .replace("Vec<String> {\n", "Vec<String> {\n    let spare = String::new();\n    drop(spare);\n");
    assert!(solution.contains("drop(spare)"));
    c.write(SOLUTION, &solution);
}

#[test]
fn a_surviving_mutant_is_shown_as_a_diff_until_it_is_listed_as_equivalent() {
    let _lock = build_lock();
    let c = Course::copy();
    with_a_spare_drop(&c);
    let out = c.lockstep(&["dev", "mutants", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("drop@5:5") && t.contains("SURVIVED (passed on run 1)"), "{t}");
    assert!(t.contains("-    drop(spare);"), "the survivor's diff: {t}");
    assert!(t.contains("join@7:35") && t.contains("killed: wrong"), "{t}");
    assert!(t.contains("  1/3    33.3%   0 equivalent"), "the score: {t}");

    let info = c.read("info.toml").replacen(
        "name = \"hello_threads\"\n",
        "name = \"hello_threads\"\nequivalent = [\n    { id = \"drop@5:5\", why = \"spare is dropped at the end anyway\" },\n    \
         { id = \"widen@5:5\", why = \"spare is dropped one statement later\" },\n]\n",
        1,
    );
    c.write("info.toml", &info);
    let out = c.lockstep(&["dev", "mutants", "hello_threads"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("1/1   100.0%   2 equivalent"), "{t}");
}

#[test]
fn an_equivalent_entry_that_names_no_mutant_fails() {
    let c = Course::copy();
    let info = c.read("info.toml").replacen(
        "name = \"merge\"\n",
        "name = \"merge\"\nequivalent = [{ id = \"drop@99:5\", why = \"the line moved\" }]\n",
        1,
    );
    c.write("info.toml", &info);
    let out = c.lockstep(&["dev", "mutants", "merge"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("`equivalent` lists `drop@99:5`, which is no mutant of the solution now"), "{t}");

    c.write("info.toml", &info.replace("drop@99:5", "dropped"));
    let out = c.lockstep(&["dev", "mutants", "merge"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("is not a mutant id like"), "{}", text(&out));
}

#[test]
fn list_shows_each_mutant_without_building() {
    let c = Course::copy();
    let out = c.lockstep(&["dev", "mutants", "--list", "tally"]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("tally drop@17:5") && t.contains("-    drop(tx); // closes the channel"), "{t}");
    assert!(!t.contains("killed"), "{t}");
}
