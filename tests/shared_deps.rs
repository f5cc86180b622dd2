//! The learner's first `cargo run` builds lockstep and, through
//! `course-deps`, the checks' dependencies too, so the first check builds
//! only the checker itself. That holds while every crate in both builds is
//! resolved with the same features in each (course-deps/Cargo.toml).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Each package in `package`'s build (normal and build dependencies, the
/// proc macros' too), with the feature sets it is built with.
fn features(package: &str) -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "-q", "-p", package, "-e", "normal,build", "--prefix", "none", "--no-dedupe"])
        .args(["--format", "{p}|{f}"])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Some((pkg, feats)) = line.split_once('|') else { continue };
        // Workspace members carry their path; only registry crates are shared.
        if pkg.contains(" (/") {
            continue;
        }
        let pkg = pkg.trim_end_matches(" (*)").trim_end_matches(" (proc-macro)").to_string();
        map.entry(pkg).or_default().insert(feats.trim_end_matches(" (*)").to_string());
    }
    map
}

#[test]
fn the_checks_dependencies_are_built_once_for_lockstep_and_the_checks() {
    let lockstep = features("lockstep");
    let checker = features("checker");
    let mut differ = Vec::new();
    for (pkg, feats) in &checker {
        match lockstep.get(pkg) {
            None => differ.push(format!("{pkg}: not in lockstep's build (add it to course-deps)")),
            // A crate lockstep also builds for itself with more features
            // (syn for its own parsing) is fine as long as the checks' set
            // is one of lockstep's.
            Some(l) if !feats.is_subset(l) => differ.push(format!("{pkg}: checks {feats:?}, lockstep {l:?}")),
            Some(_) => {}
        }
    }
    assert!(differ.is_empty(), "built twice (once for lockstep, once for the checks):\n{}", differ.join("\n"));
}
