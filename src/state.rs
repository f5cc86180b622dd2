//! The learner's progress: which exercises are done (and when), hint tiers
//! seen, the current exercise and the solve history behind streaks. Kept in
//! `.lockstep/state.json` in the course.
//!
//! Several lockstep processes may share one course (two watchers, a watcher
//! and `lockstep run`). So every change is made by [`State::update`]: under
//! an exclusive lock on a side file, it re-reads the file, applies the change
//! to what is on disk and writes it back atomically (temp, fsync, rename). A
//! change made by one process is never undone by another's stale copy.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const DIR: &str = ".lockstep";
const FILE: &str = "state.json";
const LOCK: &str = "state.lock";
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
        match State::read(root)? {
            Read::Missing => Ok((State::default(), None)),
            Read::Good(s) => Ok((s, None)),
            Read::Unreadable(reason) => {
                let path = State::path(root);
                let moved_to = path.with_file_name(format!("{FILE}.corrupt-{}", Timestamp::now().as_second()));
                match std::fs::rename(&path, &moved_to) {
                    Ok(()) => Ok((State::default(), Some(SetAside { moved_to, reason }))),
                    // Another lockstep set it aside first: read what it left.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => State::load(root),
                    Err(e) => Err(e).with_context(|| format!("cannot move the unreadable {} aside", path.display())),
                }
            }
        }
    }

    /// The progress on disk now, if it can be read (missing is a fresh
    /// start); `None` leaves an unreadable file for the next update.
    pub fn peek(root: &Path) -> Option<State> {
        match State::read(root).ok()? {
            Read::Missing => Some(State::default()),
            Read::Good(s) => Some(s),
            Read::Unreadable(_) => None,
        }
    }

    /// Reads the file as it is now. Writes are atomic renames, so a reader
    /// never sees half a file.
    fn read(root: &Path) -> Result<Read> {
        let path = State::path(root);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Read::Missing),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Ok(Read::Unreadable(e.to_string())),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        Ok(match serde_json::from_str::<State>(&text) {
            Ok(s) if s.version == VERSION => Read::Good(s),
            Ok(s) => Read::Unreadable(format!("it has version {}, this lockstep reads version {VERSION}", s.version)),
            Err(e) => Read::Unreadable(e.to_string()),
        })
    }

    /// Makes a change to the progress on disk: under the state lock, reads
    /// the file afresh, applies `change` and writes the result atomically.
    /// Returns the new state and what `change` returned.
    ///
    /// `fallback` is the base if the file turned unreadable meanwhile (it is
    /// set aside first): the caller's copy, the last good state it knew.
    pub fn update<R>(root: &Path, fallback: &State, change: impl FnOnce(&mut State) -> R) -> Result<(State, R)> {
        let _lock = StateLock::acquire(root)?;
        let mut state = match State::read(root)? {
            Read::Missing => State::default(),
            Read::Good(s) => s,
            Read::Unreadable(_) => {
                State::load(root)?;
                fallback.clone()
            }
        };
        let out = change(&mut state);
        state.write(root)?;
        Ok((state, out))
    }

    /// Writes the state atomically: a reader sees the old file or the new one.
    fn write(&self, root: &Path) -> Result<()> {
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut text = serde_json::to_string_pretty(self).context("cannot serialise the progress")?;
        text.push('\n');
        write_atomic(&State::path(root), text.as_bytes())
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

/// What reading the state file found.
enum Read {
    Missing,
    Good(State),
    /// Corrupt, binary, or from another version: why.
    Unreadable(String),
}

/// An exclusive `flock` on `.lockstep/state.lock`, held while a process
/// reads, changes and writes the state. (A side file, because the state
/// file itself is replaced by every write.) Released when dropped, or when
/// the process dies.
struct StateLock(#[allow(dead_code)] std::fs::File);

impl StateLock {
    fn acquire(root: &Path) -> Result<StateLock> {
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(LOCK);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        loop {
            // SAFETY: flock on a descriptor we own; released when the file closes.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
                return Ok(StateLock(file));
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder:
/// written, flushed to disk, then renamed over `path`, so a reader (or a
/// crash) sees the old content or the new, never a mix. On failure the
/// temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().context("a file path without a folder")?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is synced.
        std::fs::File::open(dir)?.sync_all()
    };
    write()
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("cannot write {}", path.display()))
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
        s.write(dir.path()).unwrap();
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
            s.write(dir.path()).unwrap();
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
    #[test]
    fn an_update_applies_to_the_file_not_to_a_stale_copy() {
        let dir = tempfile::tempdir().unwrap();
        let t: Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        // Two processes load the same progress.
        let (stale, _) = State::load(dir.path()).unwrap();
        let (other, _) = State::load(dir.path()).unwrap();
        // One records a solve; the other, from its stale copy, records another.
        let (after, _) = State::update(dir.path(), &other, |s| s.record_pass("a", t)).unwrap();
        assert!(after.is_done("a"));
        let (after, _) = State::update(dir.path(), &stale, |s| s.record_pass("b", t)).unwrap();
        assert!(after.is_done("a") && after.is_done("b"), "neither solve is lost: {after:?}");
        // A reset by one is not undone by the other's next change.
        State::update(dir.path(), &after, |s| s.exercises.get_mut("a").unwrap().solved_at = None).unwrap();
        let (after, _) = State::update(dir.path(), &after, |s| s.current = Some("b".into())).unwrap();
        assert!(!after.is_done("a") && after.is_done("b"), "{after:?}");
        assert_eq!(State::load(dir.path()).unwrap().0, after);
    }

    #[test]
    fn an_update_holds_the_lock_while_it_reads_and_writes() {
        let dir = tempfile::tempdir().unwrap();
        let try_lock = || {
            let f = std::fs::File::open(dir.path().join(DIR).join(LOCK)).unwrap();
            // SAFETY: flock on a descriptor we own.
            unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
        };
        State::update(dir.path(), &State::default(), |_| {
            assert!(!try_lock(), "another process cannot take the lock mid-update");
        })
        .unwrap();
        assert!(try_lock(), "released afterwards");
    }

    #[test]
    fn an_update_of_a_file_gone_bad_sets_it_aside_and_builds_on_the_last_good_copy() {
        let dir = tempfile::tempdir().unwrap();
        let t: Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        let (good, _) = State::update(dir.path(), &State::default(), |s| s.record_pass("a", t)).unwrap();
        std::fs::write(State::path(dir.path()), "{ garbage").unwrap();
        let (after, _) = State::update(dir.path(), &good, |s| s.record_pass("b", t)).unwrap();
        assert!(after.is_done("a") && after.is_done("b"), "{after:?}");
        let aside = std::fs::read_dir(dir.path().join(DIR))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("state.json.corrupt-"))
            .count();
        assert_eq!(aside, 1);
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file_and_the_old_content() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty folder where the file should go: the rename fails,
        // after the temporary file was written.
        let target = dir.path().join("state.json");
        std::fs::create_dir_all(target.join("in-the-way")).unwrap();
        let e = write_atomic(&target, b"new").unwrap_err();
        assert!(format!("{e:#}").contains("cannot write"), "{e:#}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")], "no temporary file left");
        assert!(target.join("in-the-way").is_dir());
    }
}
