//! `lockstep dev new DAY NAME`: every file and entry a new exercise needs,
//! as a skeleton that `dev check` proves, so the author starts from a course
//! that works and replaces the parts marked `TODO(author)`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::course::Course;

/// What only an author can write; `dev check` lists each one left.
pub const AUTHOR_TODO: &str = "TODO(author)";

/// Creates the exercise `name` on `day`: the learner's file, its folder
/// under checker/src/bin (checks, solution, original, three known-bad
/// variants), its `[[exercises]]` entry in info.toml (after the entries of
/// its day) and its two entries in checker/Cargo.toml. Returns the files
/// written, relative to the course.
pub fn new_exercise(course: &Course, day: u32, name: &str) -> Result<Vec<PathBuf>> {
    let root = &course.root;
    if !is_ident(name) {
        bail!("`{name}` cannot be an exercise name: use lowercase letters, digits and `_`, starting with a letter");
    }
    if !(1..=course.days).contains(&day) {
        bail!("day {day} is outside the course: info.toml has days = {}", course.days);
    }
    if course.get(name).is_some() {
        bail!("an exercise named `{name}` exists already");
    }
    let path = PathBuf::from(format!("exercises/day{day:02}_{name}.rs"));
    let folder = Path::new("checker/src/bin").join(name);
    for taken in [&path, &folder] {
        if root.join(taken).exists() {
            bail!("{} exists already: pick another name", taken.display());
        }
    }

    let learner = learner_file(day, name);
    let files: Vec<(PathBuf, String)> = vec![
        (path.clone(), learner.clone()),
        (folder.join("original.rs"), learner),
        (folder.join("main.rs"), checks(name, &path)),
        (folder.join("solution.rs"), solution(name)),
        (folder.join("bad/wrong_answer.rs"), bad_wrong(name)),
        (folder.join("bad/never_joined.rs"), bad_leak(name)),
        (folder.join("bad/panics.rs"), bad_panic(name)),
    ];

    // The edits to shared files are made in memory first: nothing is
    // written unless every one of them can be.
    let info_path = root.join("info.toml");
    let info = std::fs::read_to_string(&info_path).with_context(|| format!("cannot read {}", info_path.display()))?;
    let info = insert_entry(&info, day, &entry(day, name, &path));
    let manifest_path = root.join("checker/Cargo.toml");
    let mut manifest =
        std::fs::read_to_string(&manifest_path).with_context(|| format!("cannot read {}", manifest_path.display()))?;
    manifest.push_str(&manifest_entries(name, &path));

    for (rel, text) in &files {
        let file = root.join(rel);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;
    }
    crate::state::write_atomic(&info_path, info.as_bytes())?;
    crate::state::write_atomic(&manifest_path, manifest.as_bytes())?;
    let mut written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    written.extend([PathBuf::from("info.toml"), PathBuf::from("checker/Cargo.toml")]);
    Ok(written)
}

fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Puts `entry` after the last `[[exercises]]` of `day` or an earlier day,
/// so the course stays in day order.
fn insert_entry(info: &str, day: u32, entry: &str) -> String {
    let starts: Vec<usize> = info.match_indices("[[exercises]]").map(|(i, _)| i).collect();
    let day_of = |start: usize| -> Option<u32> {
        let block = &info[start..];
        let block = &block[..block[1..].find("[[exercises]]").map_or(block.len(), |e| e + 1)];
        block.lines().find_map(|l| l.trim().strip_prefix("day")?.trim().strip_prefix('=')?.trim().parse().ok())
    };
    let at = starts.iter().copied().find(|&s| day_of(s).is_some_and(|d| d > day));
    match at {
        // Before the first later day's entry (and the comment lines above it).
        Some(at) => {
            let mut cut = at;
            while let Some(prev) = info[..cut].trim_end_matches('\n').rfind('\n') {
                let line = info[prev + 1..cut].trim();
                if line.starts_with('#') {
                    cut = prev + 1;
                } else {
                    break;
                }
            }
            format!("{}{entry}\n{}", &info[..cut], &info[cut..])
        }
        None => format!("{}\n\n{entry}", info.trim_end_matches('\n')),
    }
}

fn entry(day: u32, name: &str, path: &Path) -> String {
    format!(
        r#"[[exercises]]
day = {day}
name = "{name}"
path = "{path}"
scenarios = ["leak"]
deadline = "5s"
hints = [
    """{AUTHOR_TODO}: a nudge, a question that points at the idea (never the answer).""",
    """{AUTHOR_TODO}: the idea, in words.""",
    """{AUTHOR_TODO}: the structure of the code, ending in a question.""",
]
bad = [
    {{ file = "wrong_answer.rs", expect = "wrong" }},
    {{ file = "never_joined.rs", expect = "leak" }},
    {{ file = "panics.rs", expect = "panic" }},
]
"#,
        path = path.display()
    )
}

fn manifest_entries(name: &str, path: &Path) -> String {
    let example = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    format!(
        "\n[[example]]\nname = \"{example}\"\npath = \"../{}\"\ncrate-type = [\"lib\"]\ntest = false\n\n\
         [[bin]]\nname = \"{name}\"\nrequired-features = [\"checks\"]\n",
        path.display()
    )
}

fn learner_file(day: u32, name: &str) -> String {
    format!(
        r#"// Day {day}: {name}
//
// {AUTHOR_TODO}: the idea this exercise teaches, why it matters, and how the
// Rust maps to the Go idiom it replaces (and where the two differ).
use checker::thread;

/// {AUTHOR_TODO}: the contract. Doubles `n` on a thread of its own.
pub fn {name}(n: u32) -> u32 {{
    // TODO: spawn a thread that doubles `n`, and wait for its answer.
    todo!()
}}
"#
    )
}

fn solution(name: &str) -> String {
    format!(
        r#"// The reference solution. {AUTHOR_TODO}: yours.
use checker::thread;

pub fn {name}(n: u32) -> u32 {{
    thread::spawn(move || n * 2).join().expect("the thread panicked")
}}
"#
    )
}

fn bad_wrong(name: &str) -> String {
    format!(
        r#"// Known-bad (expect `wrong`): {AUTHOR_TODO}: a real mistake, and why learners make it.
use checker::thread;

pub fn {name}(n: u32) -> u32 {{
    thread::spawn(move || n).join().expect("the thread panicked")
}}
"#
    )
}

fn bad_leak(name: &str) -> String {
    format!(
        r#"// Known-bad (expect `leak`): {AUTHOR_TODO}: a real mistake, and why learners make it.
use checker::thread;

pub fn {name}(n: u32) -> u32 {{
    let _ = thread::spawn(move || n * 2);
    n * 2
}}
"#
    )
}

fn bad_panic(name: &str) -> String {
    format!(
        r#"// Known-bad (expect `panic`): {AUTHOR_TODO}: a real mistake, and why learners make it.
use checker::thread;

pub fn {name}(n: u32) -> u32 {{
    thread::spawn(move || n.checked_mul(2).filter(|_| false).expect("no answer")).join().unwrap()
}}
"#
    )
}

fn checks(name: &str, path: &Path) -> String {
    format!(
        r#"// Checks for {name}. {AUTHOR_TODO}: checks that catch every known-bad
// variant, every run: force interleavings with gates and channels, explore
// them with `model`, and put time on the course's clock.
checker::subject!("../../../../{path}");

use checker::harness::{{self, Check}};
use checker::{{Failure, ensure}};

fn the_answer_is_twice_n() -> Result<(), Failure> {{
    for n in [0, 1, 21] {{
        let got = exercise::{name}(n);
        ensure!(got == 2 * n, "{name}({{n}}) returned {{got}}, not {{}}.", 2 * n);
    }}
    Ok(())
}}

fn every_thread_is_joined() -> Result<(), Failure> {{
    let _ = exercise::{name}(1);
    harness::no_unjoined_threads("{name}")
}}

fn main() {{
    harness::run(&[
        Check {{ name: "the answer is twice n", run: the_answer_is_twice_n }},
        Check {{ name: "every thread is joined", run: every_thread_is_joined }},
    ])
}}
"#,
        path = path.display()
    )
}

/// The `TODO(author)` markers left in an exercise's files and hints, as
/// "file: line N" (or "info.toml: hint N of `name`").
pub fn author_todos(course: &Course) -> Vec<String> {
    let mut left = Vec::new();
    for ex in &course.exercises {
        let mut files = vec![ex.path.clone(), ex.check_source(), ex.solution()];
        files.extend(ex.model_part_source());
        files.extend(ex.bad.iter().map(|b| ex.bad_variant(b)));
        for file in files {
            let Ok(text) = std::fs::read_to_string(course.root.join(&file)) else { continue };
            for (i, line) in text.lines().enumerate() {
                if line.contains(AUTHOR_TODO) {
                    left.push(format!("{}:{}: {AUTHOR_TODO} left", file.display(), i + 1));
                }
            }
        }
        for (i, hint) in ex.hints.iter().enumerate() {
            if hint.contains(AUTHOR_TODO) {
                left.push(format!("info.toml: hint {} of `{}`: {AUTHOR_TODO} left", i + 1, ex.name));
            }
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_goes_after_its_day_and_before_the_next() {
        let info = "days = 3\n\n[[exercises]]\nday = 1\nname = \"a\"\n\n# ---- day 3 ----\n[[exercises]]\nday = 3\nname = \"c\"\n";
        let out = insert_entry(info, 2, "[[exercises]]\nday = 2\nname = \"b\"\n");
        let (a, b, c) = (out.find("\"a\"").unwrap(), out.find("\"b\"").unwrap(), out.find("\"c\"").unwrap());
        assert!(a < b && b < c, "{out}");
        assert!(out.find("# ---- day 3").unwrap() > b, "the comment stays with day 3:\n{out}");
        let out = insert_entry(info, 3, "[[exercises]]\nday = 3\nname = \"d\"\n");
        assert!(out.trim_end().ends_with("name = \"d\""), "{out}");
    }

    #[test]
    fn names_are_identifiers() {
        assert!(is_ident("rw_map2"));
        assert!(!is_ident("2map") && !is_ident("Map") && !is_ident("rw-map") && !is_ident(""));
    }
}
