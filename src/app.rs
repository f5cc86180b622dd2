//! The learner's session: the course, their progress and the runner, with the
//! rules that join them (what is open, what a pass records, reset, hints).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::course::{Course, Exercise};
use crate::process::Cancel;
use crate::runner::{Runner, Subject};
use crate::state::{self, State};
use crate::verdict::Verdict;

pub struct App {
    pub course: Course,
    pub state: State,
    pub runner: Runner,
    pub tz: TimeZone,
}

/// What recording a verdict changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub first_solve: bool,
    /// The day whose exercises are now all done, if this pass completed one.
    pub day_done: Option<u32>,
}

impl App {
    /// Opens the course at `root` with its state. A corrupt state file is
    /// moved aside; `notices` says so, and the caller rebuilds progress.
    pub fn open(root: &Path, color: bool) -> Result<(App, Option<state::SetAside>)> {
        let course = Course::load(root)?;
        let (state, aside) = State::load(root)?;
        let tz = TimeZone::try_system().unwrap_or(TimeZone::UTC);
        let app = App { course, state, runner: Runner::new(root, color), tz };
        Ok((app, aside))
    }

    pub fn root(&self) -> &Path {
        &self.course.root
    }

    pub fn save(&self) -> Result<()> {
        self.state.save(self.root())
    }

    /// The first exercise not done yet: the furthest a learner may go.
    /// The next exercise to do: the first open one not done, a core exercise
    /// before any skipped stretch.
    pub fn frontier(&self) -> Option<usize> {
        let todo = |i: &usize| self.may_open(*i) && !self.state.is_done(&self.course.exercises[*i].name);
        let all = 0..self.course.exercises.len();
        all.clone().filter(todo).find(|&i| !self.course.exercises[i].stretch).or_else(|| all.clone().find(todo))
    }

    /// A learner may open an exercise once every exercise before it is done,
    /// stretch exercises apart: they are optional, and never block the way.
    pub fn may_open(&self, index: usize) -> bool {
        index < self.course.exercises.len()
            && self.course.exercises[..index].iter().all(|e| e.stretch || self.state.is_done(&e.name))
    }

    /// The exercise the learner is on: the remembered one if still open to
    /// them, else the frontier (or the last exercise once all are done).
    pub fn current_index(&self) -> usize {
        let remembered = self.state.current.as_deref().and_then(|n| self.course.index_of(n));
        match remembered {
            Some(i) if self.may_open(i) => i,
            _ => self.frontier().unwrap_or(self.course.exercises.len().saturating_sub(1)),
        }
    }

    pub fn set_current(&mut self, index: usize) -> Result<()> {
        if !self.may_open(index) {
            bail!("finish the exercises before it first");
        }
        self.state.current = Some(self.course.exercises[index].name.clone());
        self.save()
    }

    pub fn exercise(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            None => Ok(&self.course.exercises[self.current_index()]),
            Some(n) => self.course.get(n).with_context(|| {
                let names: Vec<_> = self.course.exercises.iter().map(|e| e.name.as_str()).collect();
                format!("no exercise named `{n}`; the exercises are: {}", names.join(", "))
            }),
        }
    }

    /// Checks the learner's file of `ex` (blocking) and records the verdict.
    pub fn check(&mut self, name: &str) -> Result<(Verdict, Recorded)> {
        let ex = self.exercise(Some(name))?.clone();
        let verdict = self.runner.check(&ex, Subject::Learner, &Cancel::never())?.context("the check was cancelled")?;
        let recorded = self.record(&ex.name, &verdict, Timestamp::now())?;
        Ok((verdict, recorded))
    }

    /// Records a verdict of the learner's file of `name`.
    pub fn record(&mut self, name: &str, verdict: &Verdict, now: Timestamp) -> Result<Recorded> {
        if !verdict.passed() {
            return Ok(Recorded::default());
        }
        let first_solve = self.state.record_pass(name, now);
        let day = self.course.get(name).map(|e| e.day);
        // A day is complete when its core exercises are; a stretch solved
        // later does not complete it again.
        let core_done = |d: u32| {
            self.course.exercises.iter().filter(|e| e.day == d && !e.stretch).all(|e| self.state.is_done(&e.name))
        };
        let is_core = self.course.get(name).is_some_and(|e| !e.stretch);
        let day_done = day.filter(|&d| first_solve && is_core && core_done(d));
        self.save()?;
        Ok(Recorded { first_solve, day_done })
    }

    /// Reveals the next hint tier of `name` (or tier `level`, 1-based) and
    /// returns (tier, total, text).
    pub fn hint(&mut self, name: &str, level: Option<usize>) -> Result<(usize, usize, String)> {
        let ex = self.exercise(Some(name))?;
        let total = ex.hints.len();
        let seen = self.state.exercises.get(name).map_or(0, |p| p.hints_seen);
        let tier = match level {
            Some(l) if l == 0 || l > total => bail!("`{name}` has hint tiers 1 to {total}"),
            Some(l) => l,
            None => (seen + 1).min(total),
        };
        let text = ex.hints[tier - 1].clone();
        let progress = self.state.exercises.entry(name.to_string()).or_default();
        progress.hints_seen = progress.hints_seen.max(tier);
        self.save()?;
        Ok((tier, total, text))
    }

    /// Restores the original text of `name`, first saving the learner's
    /// version. Returns the backup's path (`None` if the file was untouched).
    pub fn reset(&mut self, name: &str) -> Result<Option<PathBuf>> {
        let ex = self.exercise(Some(name))?.clone();
        let root = self.root().to_path_buf();
        let original = std::fs::read(root.join(ex.original()))
            .with_context(|| format!("cannot read the original {}", ex.original().display()))?;
        let file = root.join(&ex.path);
        let backup = match std::fs::read(&file) {
            Ok(mine) if mine == original => None,
            Ok(mine) => {
                let dir = root.join(state::DIR).join("backups");
                std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
                let stamp = Timestamp::now().strftime("%Y%m%d-%H%M%S");
                let mut backup = dir.join(format!("{}-{stamp}.rs", ex.name));
                let mut n = 1;
                while backup.exists() {
                    n += 1;
                    backup = dir.join(format!("{}-{stamp}-{n}.rs", ex.name));
                }
                std::fs::write(&backup, &mine).with_context(|| format!("cannot write {}", backup.display()))?;
                Some(backup)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
        };
        write_atomic(&file, &original)?;
        if let Some(p) = self.state.exercises.get_mut(name) {
            p.solved_at = None;
        }
        self.save()?;
        Ok(backup)
    }

    /// Rebuilds progress from what the checks say: every exercise whose file
    /// differs from its original is checked, and the passing ones are done.
    pub fn rebuild_from_checks(&mut self, progress: &dyn Fn(&str)) -> Result<()> {
        let now = Timestamp::now();
        for ex in self.course.exercises.clone() {
            progress(&ex.name);
            let mine = std::fs::read(self.root().join(&ex.path)).ok();
            let original = std::fs::read(self.root().join(ex.original())).ok();
            if mine.is_none() || mine == original {
                continue;
            }
            if let Some(v) = self.runner.check(&ex, Subject::Learner, &Cancel::never())?
                && v.passed()
            {
                self.state.record_pass(&ex.name, now);
            }
        }
        self.save()
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().context("a file path without a folder")?;
    let tmp = dir.join(format!(".{}.lockstep-tmp", path.file_name().unwrap_or_default().to_string_lossy()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn exercise(day: u32, name: &str, stretch: bool) -> Exercise {
        Exercise {
            day,
            name: name.into(),
            path: PathBuf::from(format!("exercises/{name}.rs")),
            scenarios: Vec::new(),
            deadline: Duration::from_secs(1),
            hints: Vec::new(),
            bad: Vec::new(),
            model: None,
            stretch,
            equivalent: Vec::new(),
        }
    }

    /// Day 1 has a core and a stretch exercise, day 2 a core one.
    fn app(root: &Path) -> App {
        let exercises = vec![exercise(1, "core1", false), exercise(1, "extra1", true), exercise(2, "core2", false)];
        App {
            course: Course { root: root.to_path_buf(), days: 2, exercises },
            state: State::default(),
            runner: Runner::new(root, false),
            tz: TimeZone::UTC,
        }
    }

    fn pass() -> Verdict {
        let (title, message, output, passed) = Default::default();
        Verdict { kind: crate::verdict::Kind::Pass, title, message, output, passed }
    }

    #[test]
    fn a_stretch_exercise_is_open_but_never_blocks_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        let now = Timestamp::now();
        assert_eq!((app.frontier(), app.may_open(1), app.may_open(2)), (Some(0), false, false));
        // Day 1's core completes day 1, and opens both its stretch and day 2.
        let rec = app.record("core1", &pass(), now).unwrap();
        assert_eq!(rec.day_done, Some(1));
        assert_eq!((app.may_open(1), app.may_open(2), app.frontier()), (true, true, Some(2)));
        // Skipped, the stretch stays open: it is what is left to do.
        app.record("core2", &pass(), now).unwrap();
        assert_eq!((app.may_open(1), app.frontier()), (true, Some(1)));
        // Solving it later does not complete day 1 again.
        assert_eq!(app.record("extra1", &pass(), now).unwrap().day_done, None);
        assert_eq!(app.frontier(), None);
    }
}
