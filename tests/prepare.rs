//! `lockstep run` asks cargo to build the checker's dependencies only when
//! something they depend on changed: asking costs 0.3 s on every run.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Course, build_lock, target_dir, text};

#[test]
fn dependencies_are_prepared_once_until_the_manifests_change() {
    let _lock = build_lock();
    let c = Course::copy();
    // A cargo that logs each call, then runs the real one.
    let log = c.path("cargo.log");
    let wrapper = c.path("cargo-logged");
    let real = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    std::fs::write(&wrapper, format!("#!/bin/sh\necho \"$*\" >> '{}'\nexec '{real}' \"$@\"\n", log.display())).unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    // The stamps live in the shared target dir: start without them.
    let stamps = target_dir().join("lockstep");
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_lockstep"))
            .arg("run")
            .current_dir(c.root())
            .env("CARGO_TARGET_DIR", target_dir())
            .env("CARGO", &wrapper)
            .env("NO_COLOR", "1")
            .output()
            .expect("lockstep runs");
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let calls = std::fs::read_to_string(&log).unwrap_or_default();
        std::fs::remove_file(&log).ok();
        calls.lines().filter(|l| l.contains("--lib")).count()
    };
    for entry in std::fs::read_dir(&stamps).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with("prepared-") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    // Day 1's feature set only: the model checkers build when first needed.
    assert_eq!(run(), 1, "the first run prepares plain threads' dependencies");
    assert_eq!(run(), 0, "nothing changed: no preparing");
    let manifest = c.read("Cargo.toml") + "\n# changed\n";
    c.write("Cargo.toml", &manifest);
    assert_eq!(run(), 1, "a changed manifest prepares again");
}

/// Two copies of the course that share a target dir share the checker's
/// artifacts, and cargo judges them by file times: a copy whose files are
/// older than the other's last build would take that build. The build takes
/// over under the target's lock, so the binary it returns is this copy's on
/// the first try (a binary from another copy exits with `EXIT_OTHER_COURSE`,
/// which `run` reports as an error).
#[test]
fn a_copy_that_shares_the_target_dir_builds_its_own_checks() {
    use lockstep::process::Cancel;
    use lockstep::runner::{Built, Runner, Subject, is_other_course};
    let _lock = build_lock();
    // Both copied before either builds: each one's files are older than the
    // other's build.
    let copies = [Course::copy(), Course::copy()];
    for c in &copies {
        std::os::unix::fs::symlink(target_dir(), c.path("target")).unwrap();
    }
    for c in [&copies[0], &copies[1], &copies[0], &copies[1]] {
        let course = lockstep::course::Course::load(c.root()).unwrap();
        let ex = course.exercises.iter().find(|e| e.name == "hello_threads").unwrap();
        let runner = Runner::new(c.root(), false);
        let Built::Exe(exe) = runner.build(ex, Subject::Learner, &Cancel::never()).unwrap() else {
            panic!("the check builds");
        };
        match runner.run(&exe, ex, &ex.path, &Cancel::never()) {
            Ok(Some(v)) => assert_eq!(v.kind, lockstep::verdict::Kind::Todo, "{}", v.title),
            Ok(None) => panic!("cancelled"),
            Err(e) => panic!("{}: {e:#}", if is_other_course(&e) { "another copy's binary" } else { "error" }),
        }
    }
}
