//! The course's texts keep a promise the README makes: every exercise's top
//! comment says how its Rust maps to the Go idiom it replaces.

use std::path::Path;

use anyhow::{Context, Result};
use lockstep::course::Course;

/// The comment lines an exercise opens with, up to its first line of code.
fn top_comment(text: &str) -> String {
    text.lines().take_while(|line| line.starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_top_comment_maps_its_rust_to_go() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let course = Course::load(root).context("loading info.toml")?;
    let mut without_go = Vec::new();
    for ex in &course.exercises {
        let path = root.join(&ex.path);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        // "Go" as a word: "Good" or "Going" would not be a mapping.
        let comment = top_comment(&text);
        let mentions_go = comment.split(|c: char| !c.is_alphanumeric()).any(|word| word == "Go");
        if !mentions_go {
            without_go.push(ex.path.display().to_string());
        }
    }
    assert!(without_go.is_empty(), "these top comments say nothing about Go: {without_go:?}");
    Ok(())
}
