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
    /// The progress as this process last read or wrote it.
    pub state: State,
    pub runner: Runner,
    pub tz: TimeZone,
    /// Changes whose save failed: re-applied, in order, at the next save.
    pending: Vec<Change>,
    /// Why the last save failed, while `pending` is not on disk.
    unsaved: Option<String>,
}

/// What recording a verdict changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub first_solve: bool,
    /// The day whose exercises are now all done, if this pass completed one.
    pub day_done: Option<u32>,
    /// The exercise is locked (an exercise before it is not done): the pass
    /// was not recorded.
    pub locked: bool,
    /// Why the progress could not be saved, if it could not.
    pub not_saved: Option<String>,
    /// This pass finished the course: its last core exercise is now done.
    pub course_done: bool,
}

/// One change to the progress. Changes are applied to the state as it is
/// on disk when they are saved, never by writing back a whole stale copy.
#[derive(Clone, Debug, PartialEq)]
enum Change {
    Pass { name: String, at: Timestamp },
    HintSeen { name: String, tier: usize },
    Current(String),
    Reset(String),
}

/// Applies `change` to `state`. For a pass: `Some(first solve)`, or `None`
/// if the exercise is locked in `state` and nothing was recorded.
fn apply(course: &Course, state: &mut State, change: &Change) -> Option<bool> {
    match change {
        Change::Pass { name, at } => {
            let index = course.index_of(name)?;
            if !may_open_in(course, state, index) && !state.is_done(name) {
                return None;
            }
            Some(state.record_pass(name, *at))
        }
        Change::HintSeen { name, tier } => {
            let progress = state.exercises.entry(name.clone()).or_default();
            progress.hints_seen = progress.hints_seen.max(*tier);
            Some(false)
        }
        Change::Current(name) => {
            state.current = Some(name.clone());
            Some(false)
        }
        Change::Reset(name) => {
            if let Some(p) = state.exercises.get_mut(name) {
                p.solved_at = None;
            }
            Some(false)
        }
    }
}

/// A learner may open an exercise once every exercise before it is done,
/// stretch exercises apart: they are optional, and never block the way.
fn may_open_in(course: &Course, state: &State, index: usize) -> bool {
    index < course.exercises.len() && course.exercises[..index].iter().all(|e| e.stretch || state.is_done(&e.name))
}

impl App {
    /// Opens the course at `root` with its state. A corrupt state file is
    /// moved aside; `notices` says so, and the caller rebuilds progress.
    pub fn open(root: &Path, color: bool) -> Result<(App, Option<state::SetAside>)> {
        let course = Course::load(root)?;
        let (state, aside) = State::load(root)?;
        let tz = TimeZone::try_system().unwrap_or(TimeZone::UTC);
        Ok((App::new(course, state, Runner::new(root, color), tz), aside))
    }

    pub fn new(course: Course, state: State, runner: Runner, tz: TimeZone) -> App {
        App { course, state, runner, tz, pending: Vec::new(), unsaved: None }
    }

    pub fn root(&self) -> &Path {
        &self.course.root
    }

    /// Why some progress of this session is not saved (the last save failed).
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    /// Makes `change` (after any earlier ones whose save failed) to the
    /// progress on disk and takes the result as this process's state. If
    /// the save fails, the change is made in memory only, kept for the next
    /// save, and `unsaved` says why.
    fn commit(&mut self, change: Change) -> Option<bool> {
        self.pending.push(change.clone());
        let (course, pending) = (&self.course, &self.pending);
        let saved =
            State::update(&self.course.root, &self.state, |s| pending.iter().fold(None, |_, c| apply(course, s, c)));
        match saved {
            Ok((state, out)) => {
                self.state = state;
                self.pending.clear();
                self.unsaved = None;
                out
            }
            Err(e) => {
                self.unsaved = Some(format!("{e:#}"));
                apply(&self.course, &mut self.state, &change)
            }
        }
    }

    /// Picks up changes other lockstep processes made to the progress.
    /// Returns true if anything changed. An unreadable file is left for the
    /// next save to set aside.
    pub fn reload(&mut self) -> bool {
        let Some(mut state) = State::peek(self.root()) else { return false };
        for c in &self.pending {
            apply(&self.course, &mut state, c);
        }
        let changed = state != self.state;
        self.state = state;
        changed
    }

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
        may_open_in(&self.course, &self.state, index)
    }

    /// Refuses an exercise past the frontier: a learner may check, and get
    /// hints for, the exercises open to them and the ones they have done.
    pub fn require_open(&self, name: &str) -> Result<()> {
        let index = self.course.index_of(name).with_context(|| format!("no exercise named `{name}`"))?;
        if self.may_open(index) || self.state.is_done(name) {
            return Ok(());
        }
        let first = self.frontier().map_or("the exercises before it", |i| self.course.exercises[i].name.as_str());
        bail!(
            "`{name}` is locked: it opens once `{first}` passes. Exercises open in order; \
             check the current one with `run` (no name)"
        )
    }

    /// The reference solution of an exercise the learner has solved; refused
    /// before that, so it never gives the answer away.
    pub fn solution(&self, name: &str) -> Result<String> {
        let ex = self.exercise(Some(name))?;
        if !self.state.is_done(&ex.name) {
            bail!("the reference solution of `{}` opens once your version passes", ex.name);
        }
        let path = self.root().join(ex.solution());
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    }

    /// Fails with the way out if the learner's file of `ex` is missing.
    pub fn require_file(&self, ex: &Exercise) -> Result<()> {
        if self.root().join(&ex.path).is_file() {
            return Ok(());
        }
        let reset = crate::invocation::command(&format!("reset {}", ex.name));
        bail!("{} is missing: `{reset}` restores its original text", ex.path.display())
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

    /// Makes `index` the current exercise (a failed save is in `unsaved`).
    pub fn set_current(&mut self, index: usize) -> Result<()> {
        if !self.may_open(index) {
            bail!("finish the exercises before it first");
        }
        self.commit(Change::Current(self.course.exercises[index].name.clone()));
        Ok(())
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
    /// A locked exercise or a missing file is refused before any build.
    pub fn check(&mut self, name: &str) -> Result<(Verdict, Recorded)> {
        let ex = self.exercise(Some(name))?.clone();
        self.require_open(&ex.name)?;
        self.require_file(&ex)?;
        let verdict = self.runner.check(&ex, Subject::Learner, &Cancel::never())?.context("the check was cancelled")?;
        let recorded = self.record(&ex.name, &verdict, Timestamp::now());
        Ok((verdict, recorded))
    }

    /// Records a verdict of the learner's file of `name`. A pass of an
    /// exercise that is locked in the progress on disk records nothing.
    pub fn record(&mut self, name: &str, verdict: &Verdict, now: Timestamp) -> Recorded {
        if !verdict.passed() {
            return Recorded::default();
        }
        let was_complete = self.course_complete();
        let Some(first_solve) = self.commit(Change::Pass { name: name.to_string(), at: now }) else {
            return Recorded { locked: true, not_saved: self.unsaved.clone(), ..Recorded::default() };
        };
        let day = self.course.get(name).map(|e| e.day);
        // A day is complete when its core exercises are; a stretch solved
        // later does not complete it again.
        let core_done = |d: u32| {
            self.course.exercises.iter().filter(|e| e.day == d && !e.stretch).all(|e| self.state.is_done(&e.name))
        };
        let is_core = self.course.get(name).is_some_and(|e| !e.stretch);
        let day_done = day.filter(|&d| first_solve && is_core && core_done(d));
        let course_done = first_solve && !was_complete && self.course_complete();
        Recorded { first_solve, day_done, locked: false, not_saved: self.unsaved.clone(), course_done }
    }

    /// Every day of the course is written and every core exercise is done.
    pub fn course_complete(&self) -> bool {
        self.course.fully_written()
            && self.course.exercises.iter().filter(|e| !e.stretch).all(|e| self.state.is_done(&e.name))
    }

    /// Reveals the next hint tier of `name` (or tier `level`, 1-based) and
    /// returns (tier, total, text). A locked exercise has no hints yet.
    pub fn hint(&mut self, name: &str, level: Option<usize>) -> Result<(usize, usize, String)> {
        self.require_open(name)?;
        let ex = self.exercise(Some(name))?;
        let total = ex.hints.len();
        let seen = self.state.exercises.get(name).map_or(0, |p| p.hints_seen);
        let tier = match level {
            Some(l) if l == 0 || l > total => bail!("`{name}` has hint tiers 1 to {total}"),
            Some(l) => l,
            None => (seen + 1).min(total),
        };
        let text = ex.hints[tier - 1].clone();
        self.commit(Change::HintSeen { name: name.to_string(), tier });
        Ok((tier, total, text))
    }

    /// Restores the original text of `name` (a deleted file too), first
    /// saving the learner's version. Returns the backup's path (`None` if the
    /// file was untouched or missing).
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
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        state::write_atomic(&file, &original)?;
        self.commit(Change::Reset(name.to_string()));
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
                self.commit(Change::Pass { name: ex.name.clone(), at: now });
            }
        }
        Ok(())
    }
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
            hints: vec!["a nudge".into(), "the idea".into(), "the shape".into()],
            bad: Vec::new(),
            model: None,
            model_part: None,
            stretch,
            equivalent: Vec::new(),
        }
    }

    /// Day 1 has a core and a stretch exercise, day 2 a core one.
    fn app(root: &Path) -> App {
        let exercises = vec![exercise(1, "core1", false), exercise(1, "extra1", true), exercise(2, "core2", false)];
        let course = Course { root: root.to_path_buf(), days: 2, exercises };
        App::new(course, State::default(), Runner::new(root, false), TimeZone::UTC)
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
        let rec = app.record("core1", &pass(), now);
        assert_eq!(rec.day_done, Some(1));
        assert_eq!((app.may_open(1), app.may_open(2), app.frontier()), (true, true, Some(2)));
        // Skipped, the stretch stays open: it is what is left to do.
        app.record("core2", &pass(), now);
        assert_eq!((app.may_open(1), app.frontier()), (true, Some(1)));
        // Solving it later does not complete day 1 again.
        assert_eq!(app.record("extra1", &pass(), now).day_done, None);
        assert_eq!(app.frontier(), None);
    }
    #[test]
    fn the_last_core_exercise_finishes_the_course_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        let day = |d: &str| -> Timestamp { format!("2026-11-{d}T10:00:00Z").parse().unwrap() };
        assert!(!app.record("core1", &pass(), day("02")).course_done);
        // The stretch exercise is not needed to finish.
        let rec = app.record("core2", &pass(), day("03"));
        assert!(rec.course_done && app.course_complete(), "{rec:?}");
        assert!(!app.record("core2", &pass(), day("04")).course_done, "only the first time");
        let page = crate::views::stats(&app, day("05"), 20);
        assert!(page.contains("lockstep complete: all 2 days"), "{page}");
        assert!(page.contains("You began on Mon 2 Nov 2026 and finished on Tue 3 Nov 2026: 2 days"), "{page}");
        assert!(page.contains("Stretch exercises still open, for another day: extra1."), "{page}");
        assert!(page.contains("course days      ✓✓  2/2"), "{page}");
        assert!(!app.record("extra1", &pass(), day("05")).course_done);
        let page = crate::views::stats(&app, day("05"), 20);
        assert!(page.contains("★✓  2/2") && page.contains("nothing left to solve"), "{page}");
    }

    #[test]
    fn a_course_still_being_written_is_never_complete() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        app.course.days = 3;
        app.record("core1", &pass(), Timestamp::now());
        let rec = app.record("core2", &pass(), Timestamp::now());
        assert!(!rec.course_done && !app.course_complete());
        let page = crate::views::stats(&app, Timestamp::now(), 20);
        assert!(page.contains("Your lockstep") && page.contains("✓✓-  2/3"), "{page}");
    }

    /// Two apps on one course folder, as two lockstep processes.
    fn two(root: &Path) -> (App, App) {
        for name in ["core1", "extra1", "core2"] {
            let ex = exercise(1, name, false);
            for file in [ex.path.clone(), ex.original()] {
                std::fs::create_dir_all(root.join(&file).parent().unwrap()).unwrap();
                std::fs::write(root.join(file), "// original\n").unwrap();
            }
        }
        (app(root), app(root))
    }

    #[test]
    fn two_processes_never_erase_each_others_progress() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, mut b) = two(dir.path());
        let now = Timestamp::now();
        // A solves core1; B, which never saw that, opens the list and takes a hint.
        assert!(a.record("core1", &pass(), now).first_solve);
        b.hint("core1", Some(2)).unwrap();
        assert!(b.state.is_done("core1"), "B's save built on A's: {:?}", b.state);
        let (on_disk, _) = State::load(dir.path()).unwrap();
        assert!(on_disk.is_done("core1") && on_disk.exercises["core1"].hints_seen == 2, "{on_disk:?}");
        // A stale copy does not undo a reset either: B resets core1, A takes a hint.
        b.reset("core1").unwrap();
        a.hint("core2", None).unwrap();
        assert!(!a.state.is_done("core1") && !State::load(dir.path()).unwrap().0.is_done("core1"));
        assert!(a.unsaved().is_none() && b.unsaved().is_none());
    }

    #[test]
    fn a_stale_process_reloads_and_never_records_a_locked_exercise() {
        let dir = tempfile::tempdir().unwrap();
        let (mut watcher, mut cli) = two(dir.path());
        let now = Timestamp::now();
        watcher.record("core1", &pass(), now);
        cli.reload();
        assert!(cli.state.is_done("core1"));
        // The CLI resets core1: the watcher notices.
        cli.reset("core1").unwrap();
        assert!(watcher.reload(), "the change on disk is seen");
        assert!(!watcher.state.is_done("core1") && !watcher.reload());
        // A pass of core2 from the stale screen is not recorded: core1 is not done.
        watcher.state.exercises.entry("core1".into()).or_default().solved_at = Some(now);
        let rec = watcher.record("core2", &pass(), now);
        assert!(rec.locked && !rec.first_solve, "{rec:?}");
        let (on_disk, _) = State::load(dir.path()).unwrap();
        assert!(!on_disk.is_done("core1") && !on_disk.is_done("core2"), "{on_disk:?}");
    }

    #[test]
    fn a_locked_exercise_gives_no_hints_and_is_not_checked() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, _) = two(dir.path());
        let e = a.hint("core2", None).unwrap_err().to_string();
        assert!(e.contains("`core2` is locked") && e.contains("once `core1` passes"), "{e}");
        assert!(a.check("core2").unwrap_err().to_string().contains("locked"));
        assert_eq!(State::load(dir.path()).unwrap().0, State::default(), "nothing recorded");
        // Open once core1 is done; a done exercise stays open after a reset before it.
        a.record("core1", &pass(), Timestamp::now());
        a.hint("core2", None).unwrap();
        a.record("core2", &pass(), Timestamp::now());
        a.reset("core1").unwrap();
        assert!(a.require_open("core2").is_ok(), "revisiting a done exercise");
    }

    #[test]
    fn a_failed_save_is_reported_and_made_good_by_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, _) = two(dir.path());
        // Something in the way of the lock file: every save fails.
        let lock = dir.path().join(state::DIR).join("state.lock");
        std::fs::create_dir_all(lock.join("x")).unwrap();
        let rec = a.record("core1", &pass(), Timestamp::now());
        assert!(rec.first_solve && rec.day_done == Some(1), "the verdict still counts here: {rec:?}");
        let why = rec.not_saved.expect("says it was not saved");
        assert!(why.contains("state.lock"), "{why}");
        assert!(a.unsaved().is_some() && a.state.is_done("core1"));
        assert!(!State::path(dir.path()).exists());
        // Once saving works again, the pending pass is saved with the next change.
        std::fs::remove_dir_all(&lock).unwrap();
        a.hint("core2", None).unwrap();
        assert!(a.unsaved().is_none());
        let (on_disk, _) = State::load(dir.path()).unwrap();
        assert!(on_disk.is_done("core1") && on_disk.exercises["core2"].hints_seen == 1, "{on_disk:?}");
        let litter: Vec<_> = std::fs::read_dir(dir.path().join(state::DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("tmp"))
            .collect();
        assert!(litter.is_empty(), "{litter:?}");
    }

    #[test]
    fn reset_brings_back_a_deleted_file() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, _) = two(dir.path());
        std::fs::remove_file(dir.path().join("exercises/core1.rs")).unwrap();
        let e = a.require_file(&a.course.exercises[0]).unwrap_err().to_string();
        assert!(e.contains("exercises/core1.rs is missing") && e.contains("reset core1` restores"), "{e}");
        assert_eq!(a.reset("core1").unwrap(), None);
        assert_eq!(std::fs::read_to_string(dir.path().join("exercises/core1.rs")).unwrap(), "// original\n");
    }
}
