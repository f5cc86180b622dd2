//! The learner's first start, cold (run: `cargo bench --bench first_start`).
//!
//! A fresh clone of this repository (its committed HEAD, or the commit in
//! `FIRST_START_REV`), a fresh target dir: the time `cargo build` takes to
//! build lockstep, then the time to the first verdict of `cargo run -- run`
//! on day 1 (the dependencies the check needs, the check's build, the
//! check), and the target dir's size after it. Target: the two together
//! under 60 s on an idle machine. Crates already downloaded are reused.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rev = std::env::var("FIRST_START_REV").unwrap_or_else(|_| "HEAD".into());
    let dir = tempfile::tempdir().expect("temp dir");
    let course = dir.path().join("course");
    let target = dir.path().join("target");
    let git = |args: &[&str]| {
        let ok = Command::new("git").args(args).status().expect("git runs").success();
        assert!(ok, "git {args:?}");
    };
    git(&["clone", "--quiet", &repo.to_string_lossy(), &course.to_string_lossy()]);
    git(&["-C", &course.to_string_lossy(), "checkout", "--quiet", &rev]);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let cargo = |args: &[&str]| {
        let mut cmd = Command::new(&cargo);
        cmd.args(args)
            .current_dir(&course)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS")
            .env_remove("LOCKSTEP_COURSE");
        cmd
    };
    println!("first start on a fresh clone ({rev}), fresh target dir, load {}:", load());
    let t = Instant::now();
    assert!(cargo(&["build", "--quiet"]).status().expect("cargo").success(), "lockstep builds");
    let build = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let out = cargo(&["run", "--quiet", "--", "run"]).output().expect("cargo run");
    let first = t.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&out.stdout);
    // Day 1 is unsolved on a fresh clone: exit 1 with its verdict.
    assert_eq!(out.status.code(), Some(1), "{text}{}", String::from_utf8_lossy(&out.stderr));
    println!("  cargo build (lockstep)            {build:6.1} s");
    println!("  cargo run -- run, first verdict   {first:6.1} s   ({})", text.lines().next().unwrap_or(""));
    println!("  together                          {:6.1} s   (target: under 60 s)", build + first);
    println!("  target dir                        {:6.2} GB", size(&target) as f64 / 1e9);
    let t = Instant::now();
    cargo(&["run", "--quiet", "--", "run"]).output().expect("cargo run");
    println!("  cargo run -- run, again           {:6.1} s", t.elapsed().as_secs_f64());
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |l| l.split(' ').next().unwrap_or("?").into())
}

/// Bytes in the files under `dir`.
fn size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}
