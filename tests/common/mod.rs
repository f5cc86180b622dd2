//! A throwaway copy of the course for tests that edit files and run checks.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

/// Course copies share the repository's target dir (dependencies build once),
/// so their check binaries share paths: one test builds and runs at a time.
static BUILDS: Mutex<()> = Mutex::new(());

pub fn build_lock() -> MutexGuard<'static, ()> {
    BUILDS.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the watch screen's header says the learner is on day 1, as the
/// course in the repository stands (it grows as days are written).
pub fn day1_header() -> String {
    let course = lockstep::course::Course::load(&repo()).expect("the course loads");
    if course.fully_written() {
        format!("day 1 of {}", course.days)
    } else {
        format!("day 1 · {} of {} days written", course.written_days(), course.days)
    }
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo().join("target"))
}

pub struct Course {
    pub dir: tempfile::TempDir,
}

impl Course {
    /// Copies what a fresh clone of this repository holds.
    pub fn copy() -> Course {
        Course::copy_from(&repo())
    }

    /// Copies what a fresh clone of the course at `from` holds: its files,
    /// not target/ or progress, and each exercise with its original text,
    /// whatever state the learner's own files are in.
    pub fn copy_from(from: &Path) -> Course {
        let dir = tempfile::tempdir().expect("temp dir");
        for item in ["Cargo.toml", "Cargo.lock", "info.toml", "src", "checker", "course-deps", "benches", "tests"] {
            copy_tree(&from.join(item), &dir.path().join(item));
        }
        let course = lockstep::course::Course::load(dir.path()).expect("the course loads");
        for ex in &course.exercises {
            let original = std::fs::read(dir.path().join(ex.original())).expect("the original");
            let file = dir.path().join(&ex.path);
            std::fs::create_dir_all(file.parent().expect("exercises/")).expect("exercises/ made");
            std::fs::write(file, original).expect("exercise written");
        }
        Course { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("readable")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("folder made");
        }
        std::fs::write(path, text).expect("writable")
    }

    /// Replaces the learner's file of `name` with its reference solution.
    pub fn solve(&self, name: &str, path: &str) {
        let solution =
            std::fs::read_to_string(self.path(&format!("checker/src/bin/{name}/solution.rs"))).expect("solution");
        self.write(path, &solution);
    }

    /// Records every exercise before `name` as done, as a learner who got
    /// that far: `name` is then open to `run`.
    pub fn reach(&self, name: &str) {
        let course = lockstep::course::Course::load(self.root()).expect("the course loads");
        let before: Vec<String> = course.exercises.iter().map(|e| e.name.clone()).take_while(|n| n != name).collect();
        let now = jiff::Timestamp::now();
        lockstep::state::State::update(self.root(), &Default::default(), |s| {
            for n in &before {
                s.record_pass(n, now);
            }
        })
        .expect("progress saved");
    }

    /// Adds the model-checked counter exercise of `tests/fixtures/counter`,
    /// with the racy learner's file in place.
    pub fn add_counter_exercise(&self) {
        let fixture =
            |f: &str| std::fs::read_to_string(repo().join("tests/fixtures/counter").join(f)).expect("fixture");
        let info = self.read("info.toml") + &fixture("info.toml");
        self.write("info.toml", &info);
        self.write("exercises/day19_counter.rs", &fixture("racy.rs"));
        self.write("checker/src/bin/counter/original.rs", &fixture("racy.rs"));
        self.write("checker/src/bin/counter/solution.rs", &fixture("fixed.rs"));
        self.write("checker/src/bin/counter/main.rs", &fixture("check.rs"));
        let manifest = self.read("checker/Cargo.toml")
            + "\n[[example]]\nname = \"day19_counter\"\npath = \"../exercises/day19_counter.rs\"\n\
               crate-type = [\"lib\"]\ntest = false\n\n[[bin]]\nname = \"counter\"\nrequired-features = [\"checks\"]\n";
        self.write("checker/Cargo.toml", &manifest);
        // As a course author would: seal the new check.
        let out = self.lockstep(&["dev", "seal"]);
        assert!(out.status.success(), "{}", text(&out));
    }

    pub fn lockstep(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_lockstep"))
            .args(args)
            .current_dir(self.root())
            .env("CARGO_TARGET_DIR", target_dir())
            .env("NO_COLOR", "1")
            .output()
            .expect("lockstep runs")
    }
}

pub fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("readdir") {
            let entry = entry.expect("entry");
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        std::fs::copy(from, to).expect("copy");
    }
}

/// Everything a pseudo-terminal received, and where the test has read up to.
pub struct Screen {
    pub seen: std::sync::Arc<(Mutex<String>, std::sync::Condvar)>,
    pub from: usize,
}

impl Screen {
    /// Waits until `text` appears after what was already matched. The limit
    /// only keeps a broken build from hanging the suite; no timing is asserted.
    pub fn expect(&mut self, text: &str) {
        let (lock, cvar) = &*self.seen;
        let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner());
        let limit = std::time::Instant::now() + std::time::Duration::from_secs(300);
        loop {
            if let Some(at) = seen[self.from..].find(text) {
                self.from += at + text.len();
                return;
            }
            let left = limit.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "never saw {text:?}; the screen had:\n{}", &seen[self.from..]);
            seen = cvar.wait_timeout(seen, left).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}
