//! The seal of the course's hidden material: a hash of every file the checks
//! are built from, and of the reference files `dev check` proves them with,
//! written by `lockstep dev seal` to `checker/seal.toml`. Before building a
//! check of the learner's file, lockstep verifies the files that check needs,
//! so an exercise that rewrites its own check cannot pass by it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::course::{Course, Exercise};

/// Where the seal lives, relative to the course.
pub const SEAL_FILE: &str = "checker/seal.toml";

/// The advice after a broken seal.
const ADVICE: &str = "run `git checkout checker/` or, if you are a course author, `lockstep dev seal`";

#[derive(Default, Serialize, Deserialize)]
struct Seal {
    /// File (relative to the course, `/`-separated) to its SHA-256, in hex.
    files: BTreeMap<String, String>,
}

/// The hidden checks differ from the seal: no verdict is given.
#[derive(Debug, thiserror::Error)]
pub enum Broken {
    #[error("the hidden checks are not sealed ({SEAL_FILE}: {0}): {ADVICE}")]
    Unsealed(String),
    #[error("the hidden checks changed since the course was sealed ({0}): {ADVICE}")]
    Changed(String),
}

/// What `dev check` says about the seal.
#[derive(Debug, PartialEq, Eq)]
pub enum Status {
    Current,
    Missing,
    /// The files that differ from the seal (changed, added or gone).
    Stale(Vec<String>),
}

/// Writes the seal of every hidden file of `course`; returns how many.
pub fn write(course: &Course) -> Result<usize> {
    let files = hashes(&course.root, &hidden_files(course))?;
    let n = files.len();
    let text = format!(
        "# The seal of the hidden checks, written by `lockstep dev seal`: lockstep\n\
         # refuses to run a check whose files differ from it. Run it again after\n\
         # changing anything under checker/, and commit this file.\n\n{}",
        toml::to_string(&Seal { files }).context("cannot write the seal")?
    );
    let path = course.root.join(SEAL_FILE);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(n)
}

/// Compares every hidden file of `course` with the seal.
pub fn status(course: &Course) -> Result<Status> {
    let Some(seal) = load(&course.root)? else { return Ok(Status::Missing) };
    let now = hashes(&course.root, &hidden_files(course))?;
    let mut differ: Vec<String> =
        now.iter().filter(|(f, h)| seal.files.get(*f) != Some(h)).map(|(f, _)| f.clone()).collect();
    differ.extend(seal.files.keys().filter(|f| !now.contains_key(*f)).cloned());
    differ.sort();
    Ok(if differ.is_empty() { Status::Current } else { Status::Stale(differ) })
}

/// Verifies the files the check of `ex` is built from: the checker's
/// manifest, its library, and that exercise's check.
pub fn verify(root: &Path, ex: &Exercise) -> Result<()> {
    let seal = load(root)?.ok_or_else(|| Broken::Unsealed("missing".into()))?;
    let needed = check_files(root, ex);
    for (file, hash) in hashes(root, &needed)? {
        if seal.files.get(&file) != Some(&hash) {
            return Err(Broken::Changed(file).into());
        }
    }
    // A sealed file the check needs that is gone (a deleted module, say).
    let own = ex.check_source();
    let gone = seal.files.keys().find(|f| {
        let f = Path::new(f.as_str());
        let used = f == Path::new("checker/Cargo.toml") || in_library(f) || f == own;
        used && !needed.iter().any(|n| n == f)
    });
    match gone {
        Some(f) => Err(Broken::Changed(f.clone()).into()),
        None => Ok(()),
    }
}

fn load(root: &Path) -> Result<Option<Seal>> {
    let path = root.join(SEAL_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let seal = toml::from_str(&text).map_err(|e| Broken::Unsealed(format!("unreadable: {}", e.message())))?;
    Ok(Some(seal))
}

/// Every hidden file: what the checks are built from, and each exercise's
/// solution, known-bad variants and original.
fn hidden_files(course: &Course) -> Vec<PathBuf> {
    let mut files = built_from(&course.root);
    for ex in &course.exercises {
        files.push(ex.solution());
        files.push(ex.original());
        files.extend(ex.bad.iter().map(|b| ex.bad_variant(b)));
    }
    files.sort();
    files.dedup();
    files
}

/// The checker's manifest, build script (if any) and every file under its src/.
fn built_from(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("checker/Cargo.toml")];
    if root.join("checker/build.rs").exists() {
        files.push(PathBuf::from("checker/build.rs"));
    }
    files.extend(files_under(root, Path::new("checker/src")));
    files
}

/// The files the check of `ex` is built from: other exercises' checks aside.
fn check_files(root: &Path, ex: &Exercise) -> Vec<PathBuf> {
    let own = ex.folder();
    built_from(root).into_iter().filter(|f| !f.starts_with("checker/src/bin") || f.starts_with(&own)).collect()
}

/// Under checker/src, not one of the check binaries.
fn in_library(f: &Path) -> bool {
    f.starts_with("checker/src") && !f.starts_with("checker/src/bin")
}

/// Files under `dir` (relative to `root`), relative to `root`.
fn files_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return out };
    for e in entries.flatten() {
        let rel = dir.join(e.file_name());
        match e.file_type() {
            Ok(t) if t.is_dir() => out.extend(files_under(root, &rel)),
            Ok(_) => out.push(rel),
            Err(_) => {}
        }
    }
    out
}

fn hashes(root: &Path, files: &[PathBuf]) -> Result<BTreeMap<String, String>> {
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(root.join(f)).with_context(|| format!("cannot read {}", f.display()))?;
            let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            Ok((f.to_string_lossy().replace('\\', "/"), hex))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed seal matches the course (else: `lockstep dev seal`).
    #[test]
    fn the_committed_seal_is_current() {
        let course = Course::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the course loads");
        assert_eq!(status(&course).expect("readable"), Status::Current, "run `lockstep dev seal`");
        for ex in &course.exercises {
            verify(&course.root, ex).expect("each check's files are sealed");
        }
    }

    /// Only the exercise's own check and the library count for its run: an
    /// author's edit to another check does not stop this one.
    #[test]
    fn a_check_needs_its_own_binary_and_the_library() {
        let course = Course::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the course loads");
        let files = check_files(&course.root, &course.exercises[0]);
        assert!(files.contains(&course.exercises[0].check_source()));
        assert!(!files.contains(&course.exercises[1].check_source()));
        assert!(files.contains(&PathBuf::from("checker/src/harness.rs")));
        assert!(files.contains(&PathBuf::from("checker/Cargo.toml")));
    }
}
