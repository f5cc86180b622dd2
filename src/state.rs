//! The learner's progress: which exercises are done (and when), hint tiers
//! seen, the current exercise and the solve history behind streaks. Kept in
//! `.lockstep/state.json` in the course, written atomically (temp + rename).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const DIR: &str = ".lockstep";
const FILE: &str = "state.json";
const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// When the exercise first passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solved_at: Option<Timestamp>,
    /// How many hint tiers the learner has seen.
    #[serde(default)]
    pub hints_seen: usize,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Solve {
    pub exercise: String,
    pub at: Timestamp,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u32,
    /// The exercise watch mode opens on.
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub exercises: BTreeMap<String, Progress>,
    /// Every solve, for streaks and the calendar.
    #[serde(default)]
    pub solves: Vec<Solve>,
}

impl Default for State {
    fn default() -> Self {
        State { version: VERSION, current: None, exercises: BTreeMap::new(), solves: Vec::new() }
    }
}

/// A state file that could not be read, set aside.
#[derive(Debug)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub reason: String,
}

impl State {
    pub fn path(root: &Path) -> PathBuf {
        root.join(DIR).join(FILE)
    }

    /// Loads the state. A missing file is a fresh start; a corrupt one is
    /// moved aside (and reported) and a fresh state returned in its place.
    pub fn load(root: &Path) -> Result<(State, Option<SetAside>)> {
        let path = State::path(root);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((State::default(), None)),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => String::from("\u{0}"),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let reason = match serde_json::from_str::<State>(&text) {
            Ok(s) if s.version == VERSION => return Ok((s, None)),
            Ok(s) => format!("it has version {}, this lockstep reads version {VERSION}", s.version),
            Err(e) => e.to_string(),
        };
        let moved_to = path.with_file_name(format!("{FILE}.corrupt-{}", Timestamp::now().as_second()));
        std::fs::rename(&path, &moved_to)
            .with_context(|| format!("cannot move the unreadable {} aside", path.display()))?;
        Ok((State::default(), Some(SetAside { moved_to, reason })))
    }

    /// Writes the state atomically: a reader sees the old file or the new one.
    pub fn save(&self, root: &Path) -> Result<()> {
        let path = State::path(root);
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let tmp = dir.join(format!("{FILE}.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(serde_json::to_string_pretty(self).map_err(std::io::Error::other)?.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        write().with_context(|| format!("cannot write {}", path.display()))
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.exercises.get(name).is_some_and(|p| p.solved_at.is_some())
    }

    /// Records a pass of `name` at `now`. Returns true if it is the first.
    pub fn record_pass(&mut self, name: &str, now: Timestamp) -> bool {
        let progress = self.exercises.entry(name.to_string()).or_default();
        let first = progress.solved_at.is_none();
        if first {
            progress.solved_at = Some(now);
        }
        // One solve per exercise per hour is plenty for streaks and the calendar.
        let recent = self
            .solves
            .iter()
            .rev()
            .any(|s| s.exercise == name && now.duration_since(s.at) < jiff::SignedDuration::from_hours(1));
        if !recent {
            self.solves.push(Solve { exercise: name.to_string(), at: now });
        }
        first
    }

    pub fn solve_times(&self) -> Vec<Timestamp> {
        self.solves.iter().map(|s| s.at).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = State { current: Some("hello_threads".into()), ..State::default() };
        s.record_pass("hello_threads", "2026-01-02T03:04:05Z".parse().unwrap());
        s.exercises.get_mut("hello_threads").unwrap().hints_seen = 2;
        s.save(dir.path()).unwrap();
        let (loaded, aside) = State::load(dir.path()).unwrap();
        assert!(aside.is_none());
        assert_eq!(loaded, s);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join(DIR)).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from(FILE)]);
    }

    #[test]
    fn a_missing_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let (s, aside) = State::load(dir.path()).unwrap();
        assert_eq!(s, State::default());
        assert!(aside.is_none());
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_replaced() {
        for junk in ["{\"version\": 1, \"current\": ", "not json at all", "{\"version\": 99}", "\u{0}\u{1}\u{2}"] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
            std::fs::write(State::path(dir.path()), junk).unwrap();
            let (s, aside) = State::load(dir.path()).unwrap();
            assert_eq!(s, State::default());
            let aside = aside.expect("the corrupt file is reported");
            assert_eq!(std::fs::read_to_string(&aside.moved_to).unwrap(), junk, "kept as it was");
            assert!(!State::path(dir.path()).exists());
            // And the next save works.
            s.save(dir.path()).unwrap();
            assert_eq!(State::load(dir.path()).unwrap().0, s);
        }
    }

    #[test]
    fn record_pass_keeps_the_first_solve_time() {
        let mut s = State::default();
        let t1: Timestamp = "2026-01-01T10:00:00Z".parse().unwrap();
        let t2: Timestamp = "2026-01-03T10:00:00Z".parse().unwrap();
        assert!(s.record_pass("a", t1));
        assert!(!s.record_pass("a", t1));
        assert!(!s.record_pass("a", t2));
        assert_eq!(s.exercises["a"].solved_at, Some(t1));
        assert_eq!(s.solves.len(), 2, "one per exercise per hour");
    }
}
