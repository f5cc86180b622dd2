//! Checking an exercise: build its check binary with cargo, run it under the
//! exercise's deadline, and turn what happened into a [`Verdict`].

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use anyhow::{Context, Result, bail};

use crate::capture::HeadTail;
use crate::course::{Exercise, Model};
use crate::pipes::{Lines, Readers};
use crate::process::{self, Cancel, Ending};
use crate::report::{self, Outcome, Report};
use crate::verdict::{Kind, Verdict};

/// How much of a check's output is kept: this much of the head and of the tail.
const OUTPUT_HALF: usize = 32 * 1024;

/// Which file a check binary is built against.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    /// The learner's file (the check's normal build).
    Learner,
    /// Another file: a solution, an original or a known-bad variant (`dev check`).
    File(&'a Path),
}

#[derive(Clone, Debug)]
pub struct Runner {
    pub root: PathBuf,
    pub target_dir: PathBuf,
    /// Ask cargo for coloured diagnostics.
    pub color: bool,
}

/// The result of a build.
#[derive(Debug)]
pub enum Built {
    Exe(Exe),
    /// The compiler's diagnostics, as cargo prints them.
    Failed(String),
    Cancelled,
}

/// A private copy of a check binary, removed when dropped. Course copies
/// that share a target dir share each binary's path, and a later build may
/// replace the file while a check still needs it.
#[derive(Debug)]
pub struct Exe {
    path: PathBuf,
    /// The check binary of the exercise's model-checked part (`model_part`),
    /// run once this one passes.
    part: Option<Box<Exe>>,
}

impl std::ops::Deref for Exe {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl Exe {
    /// A check binary built elsewhere (tests), with the binary of its
    /// model-checked part, if any; removed when dropped, as a copy is.
    pub fn of(path: PathBuf, part: Option<Exe>) -> Exe {
        let mut exe = Exe::new(path);
        exe.part = part.map(Box::new);
        exe
    }

    fn new(path: PathBuf) -> Exe {
        static HOOK: OnceLock<()> = OnceLock::new();
        // A signal that ends lockstep skips the drops: remove the copies then.
        HOOK.get_or_init(|| {
            std::mem::forget(crate::signals::on_exit(|| {
                for path in live_copies().drain(..) {
                    let _ = std::fs::remove_file(path);
                }
            }))
        });
        live_copies().push(path.clone());
        Exe { path, part: None }
    }
}

impl Drop for Exe {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        live_copies().retain(|p| *p != self.path);
    }
}

fn live_copies() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

static COPIES: AtomicU64 = AtomicU64::new(0);

/// Removes what lockstep processes that no longer run left in `target`:
/// copies of check binaries (`<bin>-<pid>-<n>`) and the report files of
/// older versions (`<pid>-<n>.json*`). Another lockstep's files stay.
fn clean_litter(target: &Path) {
    let dir = target.join("lockstep");
    // Both kinds of name end in "-<pid>-<n>" (then ".json…" for reports).
    let owner = |name: &str| name.rsplit('-').nth(1).and_then(|p| p.parse::<libc::pid_t>().ok());
    for sub in ["exe", "reports"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries.flatten() {
            if owner(&entry.file_name().to_string_lossy()).is_some_and(|pid| !alive(pid)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(dir.join("reports"));
}

fn alive(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    pid == std::process::id() as libc::pid_t
        || unsafe { libc::kill(pid, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// An exclusive lock on a target dir, held from a build until its binaries
/// are copied out, so two lockstep processes never take each other's.
struct BuildLock(#[allow(dead_code)] std::fs::File);

impl BuildLock {
    fn acquire(target: &Path) -> Result<BuildLock> {
        let dir = target.join("lockstep");
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let file = std::fs::File::create(dir.join("build.lock")).context("cannot create the build lock")?;
        // SAFETY: flock on a descriptor we own; released when the file closes.
        if unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&file), libc::LOCK_EX) } != 0 {
            return Err(std::io::Error::last_os_error()).context("cannot take the build lock");
        }
        Ok(BuildLock(file))
    }
}

/// How long a check's watchdog has, after the deadline, to say where each
/// thread is before the process is stopped from outside.
const WATCHDOG_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// The check's watchdog measures the deadline in the time the check could
/// use (a check starved by a busy machine is not timed out), with a backstop
/// of 8 deadlines of wall time; the outside backstop comes after it.
const BACKSTOP_DEADLINES: u32 = 10;

/// The check binary's exit code when it was built from another copy of the
/// course (see `checker::harness::EXIT_OTHER_COURSE`).
const EXIT_OTHER_COURSE: i32 = 3;

/// Two copies of a course that share a target dir share the checker's
/// artifacts (see [`Runner::refresh`]).
#[derive(Debug, thiserror::Error)]
#[error(
    "the check binary was built from another copy of the course that shares this target dir \
     (is another lockstep running on it?)"
)]
struct OtherCourse;

/// Did a run fail because its binary came from another copy of the course?
/// [`Runner::check`] then rebuilds.
pub fn is_other_course(e: &anyhow::Error) -> bool {
    e.is::<OtherCourse>()
}

/// A feature set's name in the files lockstep keeps in a target dir.
fn features_key(subject: Subject<'_>, model: Option<Model>) -> String {
    match (subject, model) {
        (Subject::Learner, None) => "plain".to_string(),
        (Subject::Learner, Some(m)) => m.feature().to_string(),
        (Subject::File(_), None) => "subject".to_string(),
        (Subject::File(_), Some(m)) => format!("subject-{}", m.feature()),
    }
}

impl Runner {
    pub fn new(root: &Path, color: bool) -> Runner {
        let target_dir =
            std::env::var_os("CARGO_TARGET_DIR").map(|d| root.join(d)).unwrap_or_else(|| root.join("target"));
        Runner { root: root.to_path_buf(), target_dir, color }
    }

    fn cargo(&self, subject: Subject<'_>, model: Option<Model>) -> Command {
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.current_dir(&self.root)
            .arg("build")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(self.root.join("Cargo.toml"))
            .args(["--package", "checker"])
            .arg(if self.color { "--message-format=json-diagnostic-rendered-ansi" } else { "--message-format=json" })
            .env_remove("RUSTFLAGS")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Every check binary requires `checks` (see checker/Cargo.toml).
        let mut features = vec!["checks"];
        match subject {
            Subject::Learner => {
                cmd.arg("--target-dir").arg(&self.target_dir);
            }
            Subject::File(file) => {
                cmd.arg("--target-dir").arg(self.dev_target_dir()).env("LOCKSTEP_SUBJECT", self.root.join(file));
                features.push("subject");
            }
        }
        if let Some(m) = model {
            features.push(m.feature());
        }
        cmd.args(["--features", &features.join(",")]);
        cmd
    }

    /// Where `dev check` builds: apart from the learner's builds, so the two
    /// never rebuild each other's artifacts.
    pub fn dev_target_dir(&self) -> PathBuf {
        self.target_dir.join("lockstep-dev")
    }

    /// Builds the checker's dependencies (crossbeam, tokio, ...) once, up
    /// front, reporting each finished unit to `progress`.
    /// Skipped when a stamp says it was done for the same lock file,
    /// manifests, features and toolchain: asking cargo costs 0.3 s even when
    /// nothing is left to build.
    pub fn prepare(&self, subject: Subject<'_>, model: Option<Model>, progress: &dyn Fn(&str)) -> Result<()> {
        let (path, stamp) = self.stamp(subject, model);
        if stamp.is_some() && std::fs::read(&path).ok() == stamp {
            return Ok(());
        }
        self.prepare_now(subject, model, progress)?;
        if let (Some(dir), Some(stamp)) = (path.parent(), stamp) {
            // Without the stamp the next start only asks cargo again.
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(&path, stamp);
        }
        Ok(())
    }

    /// Are the dependencies of this feature set built (as far as the stamp knows)?
    pub fn prepared(&self, subject: Subject<'_>, model: Option<Model>) -> bool {
        let (path, stamp) = self.stamp(subject, model);
        stamp.is_some() && std::fs::read(path).ok() == stamp
    }

    /// Where the stamp of a feature set lives, and what it should say.
    fn stamp(&self, subject: Subject<'_>, model: Option<Model>) -> (PathBuf, Option<Vec<u8>>) {
        let target = match subject {
            Subject::Learner => self.target_dir.clone(),
            Subject::File(_) => self.dev_target_dir(),
        };
        let features = features_key(subject, model);
        let stamp = self.prepare_stamp(&features);
        (target.join("lockstep").join(format!("prepared-{features}")), stamp)
    }

    /// The target dir a subject builds in.
    fn target_of(&self, subject: Subject<'_>) -> PathBuf {
        match subject {
            Subject::Learner => self.target_dir.clone(),
            Subject::File(_) => self.dev_target_dir(),
        }
    }

    /// The file that names the copy of the course that last built a feature
    /// set in a target dir.
    fn built_from(&self, subject: Subject<'_>, model: Option<Model>) -> PathBuf {
        self.target_of(subject).join("lockstep").join(format!("built-from-{}", features_key(subject, model)))
    }

    /// Cargo gives the checker crate of every copy of the course the same
    /// artifacts and judges them fresh by file times, so a build right after
    /// another copy's could take that copy's. Called under the build lock
    /// before a cargo run: if another copy built this feature set last,
    /// [`Runner::refresh`] makes cargo rebuild the library (and every check
    /// on it) from this one. Returns what [`Runner::built_here`] marks.
    fn take_over(&self, subject: Subject<'_>, model: Option<Model>) -> Result<PathBuf> {
        let mark = self.built_from(subject, model);
        match std::fs::read(&mark) {
            Ok(from) if from != self.root.as_os_str().as_encoded_bytes() => self.refresh(None)?,
            // No mark: nothing was built here since lockstep began marking.
            _ => {}
        }
        Ok(mark)
    }

    /// After a cargo run that ended, under the build lock: this copy built last.
    fn built_here(&self, mark: &Path) {
        if let Some(dir) = mark.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // Without the mark, the next copy's build cannot tell it must rebuild;
        // a binary run then reports `OtherCourse`, and `check` rebuilds.
        let _ = std::fs::write(mark, self.root.as_os_str().as_encoded_bytes());
    }

    /// What the dependencies' build depends on, hashed; None if a file
    /// cannot be read (then prepare always asks cargo).
    fn prepare_stamp(&self, features: &str) -> Option<Vec<u8>> {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        for file in ["Cargo.lock", "Cargo.toml", "checker/Cargo.toml"] {
            let text = std::fs::read(self.root.join(file)).ok()?;
            hash.update((text.len() as u64).to_le_bytes());
            hash.update(text);
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let toolchain = std::env::var_os("RUSTUP_TOOLCHAIN").unwrap_or_default();
        for part in [features.as_ref(), cargo.as_os_str(), toolchain.as_os_str(), self.root.as_os_str()] {
            let bytes = part.as_encoded_bytes();
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        }
        Some(format!("{:x}\n", hash.finalize()).into_bytes())
    }

    fn prepare_now(&self, subject: Subject<'_>, model: Option<Model>, progress: &dyn Fn(&str)) -> Result<()> {
        let _lock = BuildLock::acquire(&self.target_of(subject))?;
        let mark = self.take_over(subject, model)?;
        let mut cmd = self.cargo(subject, model);
        cmd.arg("--lib");
        let Cargo { child, lines, stderr, readers } = spawn_cargo(&mut cmd)?;
        // Cargo's messages are read here as they come; the wait (and then
        // the end of reading) runs beside.
        let waiter = std::thread::spawn(move || {
            let ending = process::wait(child, None, &Cancel::never());
            readers.finish();
            ending
        });
        let mut ok = false;
        for line in lines {
            let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            match msg["reason"].as_str() {
                // Only what cargo compiled: a unit already built is "fresh".
                Some("compiler-artifact") if msg["fresh"].as_bool() != Some(true) => {
                    progress(msg["target"]["name"].as_str().unwrap_or(""))
                }
                Some("build-finished") => ok = msg["success"].as_bool() == Some(true),
                _ => {}
            }
        }
        waiter.join().map_err(|_| anyhow::anyhow!("waiting for cargo failed"))??;
        if !ok {
            bail!("building the checker's dependencies failed:\n{}", text_of(&stderr));
        }
        self.built_here(&mark);
        Ok(())
    }

    /// Builds the check binary of `ex` against `subject`.
    pub fn build(&self, ex: &Exercise, subject: Subject<'_>, cancel: &Cancel) -> Result<Built> {
        Ok(self.build_bins(&[ex], subject, cancel)?.pop().unwrap_or(Built::Cancelled))
    }

    /// Builds the check binaries of several exercises in one cargo run (cargo
    /// compiles them in parallel); one that fails does not stop the others.
    pub fn build_many(&self, exercises: &[&Exercise]) -> Result<Vec<Built>> {
        // One cargo run per feature set: exercises checked by a model need `model`.
        let mut built: Vec<Option<Built>> = exercises.iter().map(|_| None).collect();
        for model in [None, Some(Model::Shuttle), Some(Model::Loom)] {
            let (index, group): (Vec<usize>, Vec<&Exercise>) =
                exercises.iter().enumerate().filter(|(_, e)| e.model == model).map(|(i, e)| (i, *e)).unzip();
            if group.is_empty() {
                continue;
            }
            for (i, b) in index.into_iter().zip(self.build_bins(&group, Subject::Learner, &Cancel::never())?) {
                built[i] = Some(b);
            }
        }
        Ok(built.into_iter().map(|b| b.unwrap_or(Built::Cancelled)).collect())
    }

    /// Builds check binaries that share a feature set (`exercises[0].model`).
    fn build_bins(&self, exercises: &[&Exercise], subject: Subject<'_>, cancel: &Cancel) -> Result<Vec<Built>> {
        let target = self.target_of(subject);
        // The learner's checks are built only from the sealed hidden files.
        if let Subject::Learner = subject {
            for ex in exercises {
                crate::seal::verify(&self.root, ex)?;
            }
        }
        let _lock = BuildLock::acquire(&target)?;
        let model = exercises.first().and_then(|e| e.model);
        let names: Vec<String> = exercises.iter().map(|e| e.name.clone()).collect();
        let cancelled = || exercises.iter().map(|_| Built::Cancelled).collect();
        let Some(mut built) = self.build_targets(&names, model, subject, &target, cancel)? else {
            return Ok(cancelled());
        };
        // The model-checked parts (`model_part`) of those that built: one
        // cargo run per model.
        for part in [Model::Shuttle, Model::Loom] {
            let index: Vec<usize> = (0..exercises.len())
                .filter(|&i| exercises[i].model_part == Some(part) && matches!(built[i], Built::Exe(_)))
                .collect();
            if index.is_empty() {
                continue;
            }
            let names: Vec<String> = index.iter().map(|&i| exercises[i].model_part_bin()).collect();
            let Some(parts) = self.build_targets(&names, Some(part), subject, &target, cancel)? else {
                return Ok(cancelled());
            };
            for (i, p) in index.into_iter().zip(parts) {
                built[i] = match (std::mem::replace(&mut built[i], Built::Cancelled), p) {
                    (Built::Exe(mut exe), Built::Exe(p)) => {
                        exe.part = Some(Box::new(p));
                        Built::Exe(exe)
                    }
                    (_, other) => other,
                };
            }
        }
        Ok(built)
    }

    /// Builds the binaries `names` of the checker package in one cargo run
    /// with `model`'s feature set, and copies them out; `None` if cancelled.
    fn build_targets(
        &self,
        names: &[String],
        model: Option<Model>,
        subject: Subject<'_>,
        target: &Path,
        cancel: &Cancel,
    ) -> Result<Option<Vec<Built>>> {
        let mark = self.take_over(subject, model)?;
        let mut cmd = self.cargo(subject, model);
        cmd.arg("--keep-going");
        for name in names {
            cmd.args(["--bin", name]);
        }
        let Cargo { child, lines, stderr, readers } = spawn_cargo(&mut cmd)?;
        let bins = names.to_vec();
        let messages = std::thread::spawn(move || read_build_messages(lines, &bins));
        let ending = process::wait(child, None, cancel);
        readers.finish();
        let per_bin = messages.join().map_err(|_| anyhow::anyhow!("reading cargo's messages failed"))?;
        if !matches!(ending?, Ending::Exited(_)) {
            return Ok(None);
        }
        self.built_here(&mark);
        clean_litter(target);
        let private = target.join("lockstep").join("exe");
        std::fs::create_dir_all(&private).with_context(|| format!("cannot create {}", private.display()))?;
        per_bin
            .into_iter()
            .map(|(exe, diagnostics)| {
                Ok(match exe {
                    Some(exe) => {
                        let n = COPIES.fetch_add(1, Ordering::Relaxed);
                        let name = exe.file_name().unwrap_or_default().to_string_lossy().into_owned();
                        let copy = private.join(format!("{name}-{}-{n}", std::process::id()));
                        std::fs::copy(&exe, &copy).with_context(|| format!("cannot copy {}", exe.display()))?;
                        Built::Exe(Exe::new(copy))
                    }
                    None if diagnostics.is_empty() => Built::Failed(text_of(&stderr)),
                    None => Built::Failed(tidy_paths(&diagnostics)),
                })
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }

    /// Runs a built check of `ex`, whose file under test is `file` (relative
    /// to the course), under the exercise's deadline: its binary, then, if
    /// that passes, its model-checked part's. The verdict counts the checks
    /// of both.
    pub fn run(&self, exe: &Exe, ex: &Exercise, file: &Path, cancel: &Cancel) -> Result<Option<Verdict>> {
        let Some(first) = self.run_binary(exe, ex, file, cancel, 0)? else { return Ok(None) };
        let Some(part) = exe.part.as_deref() else { return Ok(Some(first)) };
        if first.kind != Kind::Pass {
            return Ok(Some(first));
        }
        let Some(mut second) = self.run_binary(part, ex, file, cancel, first.passed.len())? else {
            return Ok(None);
        };
        second.passed.splice(0..0, first.passed);
        second.output = first.output + &second.output;
        Ok(Some(second))
    }

    /// Runs one check binary; `before` checks passed in an earlier one.
    fn run_binary(
        &self,
        exe: &Path,
        ex: &Exercise,
        file: &Path,
        cancel: &Cancel,
        before: usize,
    ) -> Result<Option<Verdict>> {
        let deadline = ex.deadline;
        let (report_r, report_w) = crate::pipes::pipe().context("cannot create the check's report channel")?;
        let mut cmd = Command::new(exe);
        cmd.current_dir(&self.root)
            .env_remove("LOCKSTEP_REPORT")
            .env("LOCKSTEP_REPORT_FD", report::FD.to_string())
            .env("LOCKSTEP_CHECKER_DIR", self.root.join("checker"))
            .env("LOCKSTEP_DEADLINE_MS", deadline.as_millis().to_string())
            .env("LOCKSTEP_FILE_UNDER_TEST", file)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = process::spawn_check(&mut cmd, process::CHECK_MEMORY, report_w)
            .with_context(|| format!("cannot start {}", exe.display()))?;
        // Both streams go to one capture, so their lines stay in order.
        let output = Arc::new(Mutex::new(HeadTail::new(OUTPUT_HALF)));
        let channel = Arc::new(Mutex::new(Vec::new()));
        let mut readers = Readers::new().context("cannot read the check's output")?;
        readers.read(child.stdout.take().context("the check's stdout")?, sink(&output));
        readers.read(child.stderr.take().context("the check's stderr")?, sink(&output));
        let into = Arc::clone(&channel);
        readers.read(report_r, move |b: &[u8]| {
            let mut c = into.lock().unwrap_or_else(PoisonError::into_inner);
            let room = report::LIMIT.saturating_sub(c.len());
            c.extend_from_slice(&b[..b.len().min(room)]);
        });
        // The check's own watchdog reports at the deadline; this is the backstop.
        let ending = process::wait(child, Some(deadline * BACKSTOP_DEADLINES + WATCHDOG_GRACE), cancel);
        // Its processes are all gone now: what they wrote is in the pipes.
        readers.finish();
        let ending = ending?;
        let output = output.lock().unwrap_or_else(PoisonError::into_inner).text();
        let reported = report::read(&channel.lock().unwrap_or_else(PoisonError::into_inner));
        let running = reported.running.map(|name| format!(" in the check \"{name}\"")).unwrap_or_default();
        let verdict = match (ending, reported.outcome) {
            (Ending::Cancelled, _) => return Ok(None),
            (Ending::Exited(status), Outcome::Nothing) if status.code() == Some(EXIT_OTHER_COURSE) => {
                return Err(OtherCourse.into());
            }
            (Ending::TimedOut, _) => Verdict {
                kind: Kind::Timeout,
                title: format!(
                    "timed out after {}{running}: probable deadlock or endless loop",
                    humanize(deadline * BACKSTOP_DEADLINES)
                ),
                message: String::new(),
                output,
                passed: Vec::new(),
            },
            (Ending::Exited(_), Outcome::Verdict(r)) => from_report(r, output, before),
            (Ending::Exited(_), Outcome::DoesNotAddUp(why)) => Verdict {
                kind: Kind::Crash,
                title: "the check's report does not add up".into(),
                message: format!("The check's report cannot be believed: {why}"),
                output,
                passed: Vec::new(),
            },
            (Ending::Exited(status), Outcome::Nothing) => Verdict {
                kind: Kind::Crash,
                title: format!("the check crashed{running} ({})", describe(status, &output)),
                message: String::new(),
                output,
                passed: Vec::new(),
            },
        };
        Ok(Some(verdict))
    }

    /// Builds and runs the check of `ex`; `None` if cancelled.
    pub fn check(&self, ex: &Exercise, subject: Subject<'_>, cancel: &Cancel) -> Result<Option<Verdict>> {
        match self.check_once(ex, subject, cancel) {
            Err(e) if is_other_course(&e) => {
                // Touched here, outside the build lock, another copy's build
                // could come between; a mark that names no copy makes the
                // build itself take over, under the lock.
                for model in std::iter::once(ex.model).chain(ex.model_part.map(Some)) {
                    let mark = self.built_from(subject, model);
                    std::fs::write(&mark, "").with_context(|| format!("cannot write {}", mark.display()))?;
                }
                self.check_once(ex, subject, cancel)
            }
            other => other,
        }
    }

    /// Marks the checker library (and `ex`'s check) as changed, so cargo
    /// rebuilds them from this copy of the course. Cargo gives the checker
    /// crate of every copy of the workspace the same artifacts, and judges
    /// them fresh by file times: a copy whose files are older than another
    /// copy's last build would otherwise use that build.
    pub fn refresh(&self, ex: Option<&Exercise>) -> Result<()> {
        let mut files = vec![self.root.join("checker/src/lib.rs")];
        files.extend(ex.map(|ex| self.root.join(ex.check_source())));
        files.extend(ex.and_then(Exercise::model_part_source).map(|f| self.root.join(f)));
        for file in files {
            std::fs::File::options()
                .write(true)
                .open(&file)
                .and_then(|f| f.set_modified(std::time::SystemTime::now()))
                .with_context(|| format!("cannot touch {}", file.display()))?;
        }
        Ok(())
    }

    fn check_once(&self, ex: &Exercise, subject: Subject<'_>, cancel: &Cancel) -> Result<Option<Verdict>> {
        let file = match subject {
            Subject::Learner => ex.path.as_path(),
            Subject::File(file) => file,
        };
        let text = std::fs::read_to_string(self.root.join(file)).unwrap_or_default();
        let found =
            ex.models().map(|m| crate::source::scan(&text, m)).find(|found| !found.is_empty()).unwrap_or_default();
        if !found.is_empty() {
            return Ok(Some(Verdict {
                kind: Kind::Wrong,
                title: crate::source::title(&found).into(),
                message: crate::source::message(&file.display().to_string(), &found),
                output: String::new(),
                passed: Vec::new(),
            }));
        }
        let exe = match subject {
            Subject::Learner => match self.build(ex, subject, cancel)? {
                Built::Cancelled => return Ok(None),
                Built::Failed(diagnostics) => return Ok(Some(compile_error(diagnostics))),
                Built::Exe(exe) => exe,
            },
            Subject::File(file) => match self.build_subject(ex, file)? {
                Ok(exe) => exe,
                Err(verdict) => return Ok(Some(verdict)),
            },
        };
        self.run(&exe, ex, file, cancel)
    }

    /// Builds the check of `ex` against `file` (`dev check`): its binary, or
    /// the compile-error verdict.
    pub fn build_subject(&self, ex: &Exercise, file: &Path) -> Result<Result<Exe, Verdict>> {
        match self.build(ex, Subject::File(file), &Cancel::never())? {
            Built::Exe(exe) => Ok(Ok(exe)),
            Built::Failed(diagnostics) => Ok(Err(compile_error(diagnostics))),
            Built::Cancelled => bail!("the build was cancelled"),
        }
    }
}

/// The checks include the learner's file as
/// `checker/src/bin/<name>/../../../../exercises/…`; show the path the
/// learner knows.
fn tidy_paths(diagnostics: &str) -> String {
    let mut out = String::with_capacity(diagnostics.len());
    let mut rest = diagnostics;
    while let Some(at) = rest.find("checker/src/bin/") {
        let after = &rest[at + "checker/src/bin/".len()..];
        match after.find("/../../../../") {
            Some(end) if !after[..end].contains(|c: char| c == '/' || c.is_whitespace()) => {
                out.push_str(&rest[..at]);
                rest = &after[end + "/../../../../".len()..];
            }
            _ => {
                out.push_str(&rest[..at + "checker/src/bin/".len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn compile_error(diagnostics: String) -> Verdict {
    Verdict {
        kind: Kind::Compile,
        title: "does not compile yet".into(),
        message: diagnostics,
        output: String::new(),
        passed: Vec::new(),
    }
}

fn from_report(r: Report, output: String, before: usize) -> Verdict {
    // The check's output names the failing check; the title says what kind of failure.
    let ran = before + r.passed.len() + usize::from(r.check.is_some());
    let title = match r.verdict {
        Kind::Pass => format!("all {} checks passed", before + r.passed.len()),
        Kind::Todo => "not done yet".into(),
        Kind::Panic => format!("the code panicked (check {ran})"),
        Kind::Leak => format!("a thread or task was left behind (check {ran})"),
        Kind::Deadlock => format!("deadlock (check {ran})"),
        Kind::Race => format!("race (check {ran})"),
        Kind::Timeout => format!("still running at the deadline (check {ran})"),
        _ => format!("check {ran} failed"),
    };
    Verdict { kind: r.verdict, title, message: r.message, output, passed: r.passed }
}

/// What ended a check that wrote no verdict, from its exit status and what it
/// printed: Rust names a stack overflow, a panic while panicking and a failed
/// allocation on stderr before it aborts.
fn describe(status: std::process::ExitStatus, output: &str) -> String {
    use std::os::unix::process::ExitStatusExt;
    let said = |s: &str| output.contains(s);
    match (status.code(), status.signal()) {
        _ if said("has overflowed its stack") => {
            "stack overflow: endless recursion, or a very deep one? (the process aborted)".into()
        }
        _ if said("panic in a destructor during cleanup")
            || said("thread caused non-unwinding panic")
            || said("panicked while processing panic")
            || said("panic in a function that cannot unwind") =>
        {
            "a panic while panicking: a `Drop` panicked while a panic unwound, so the process aborted \
             (a double lock in a destructor does this)"
                .into()
        }
        _ if said("memory allocation of") && said("failed") => {
            "out of memory: an allocation failed (a check may use at most 4 GiB)".into()
        }
        (Some(code), _) => format!("exit code {code}, and no verdict"),
        (_, Some(libc::SIGSEGV)) => "segmentation fault".into(),
        (_, Some(libc::SIGABRT)) => "aborted: the process called abort()".into(),
        (_, Some(libc::SIGKILL)) => "killed (SIGKILL): out of memory, or stopped from outside?".into(),
        (_, Some(sig)) => format!("killed by signal {sig}"),
        _ => status.to_string(),
    }
}

pub fn humanize(d: std::time::Duration) -> String {
    if d.subsec_millis() == 0 { format!("{}s", d.as_secs()) } else { format!("{}ms", d.as_millis()) }
}

/// A sink that appends to `out`.
fn sink(out: &Arc<Mutex<HeadTail>>) -> impl FnMut(&[u8]) + Send + 'static {
    let out = Arc::clone(out);
    move |b| out.lock().unwrap_or_else(PoisonError::into_inner).push(b)
}

/// A cargo run under way: its stdout's lines (until the readers finish) and
/// its stderr.
struct Cargo {
    child: std::process::Child,
    lines: crossbeam_channel::Receiver<String>,
    stderr: Arc<Mutex<HeadTail>>,
    readers: Readers,
}

/// Starts cargo and the readers of its output.
fn spawn_cargo(cmd: &mut Command) -> Result<Cargo> {
    let mut child = process::spawn(cmd).context("cannot start cargo")?;
    let mut readers = Readers::new().context("cannot read cargo's output")?;
    let stderr = Arc::new(Mutex::new(HeadTail::new(OUTPUT_HALF)));
    let (tx, lines) = crossbeam_channel::unbounded();
    let mut split = Lines::new(move |line| {
        let _ = tx.send(line);
    });
    readers.read(child.stdout.take().context("cargo's stdout")?, move |b: &[u8]| split.push(b));
    readers.read(child.stderr.take().context("cargo's stderr")?, sink(&stderr));
    Ok(Cargo { child, lines, stderr, readers })
}

fn text_of(c: &Arc<Mutex<HeadTail>>) -> String {
    c.lock().unwrap_or_else(PoisonError::into_inner).text()
}

/// Reads cargo's JSON messages: for each binary, its executable (if built)
/// and its diagnostics.
fn read_build_messages(lines: crossbeam_channel::Receiver<String>, bins: &[String]) -> Vec<(Option<PathBuf>, String)> {
    let mut out = vec![(None, String::new()); bins.len()];
    for line in lines {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let Some(i) = bins.iter().position(|b| msg["target"]["name"] == b.as_str()) else { continue };
        match msg["reason"].as_str() {
            Some("compiler-message") => {
                if let Some(text) = msg["message"]["rendered"].as_str()
                    && out[i].1.len() < 256 * 1024
                {
                    out[i].1.push_str(text);
                }
            }
            Some("compiler-artifact") => out[i].0 = msg["executable"].as_str().map(PathBuf::from),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod describe_tests {
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    use super::describe;

    /// A crash says what happened: the signal alone (SIGABRT) does not tell
    /// a stack overflow from a double panic, an allocation failure or abort().
    #[test]
    fn a_crash_is_named_from_what_the_process_printed() {
        let abort = ExitStatus::from_raw(libc::SIGABRT);
        let said = |out: &str| describe(abort, out);
        let overflow = said("\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n");
        assert!(overflow.starts_with("stack overflow"), "{overflow}");
        let double = said(
            "thread 'w' panicked at x.rs:3:\npanic in a destructor during cleanup\nthread caused non-unwinding panic. aborting.\n",
        );
        assert!(double.starts_with("a panic while panicking"), "{double}");
        let oom = said("memory allocation of 8589934592 bytes failed\n");
        assert!(oom.starts_with("out of memory"), "{oom}");
        assert!(said("").starts_with("aborted: the process called abort()"), "{}", said(""));
        let segv = describe(ExitStatus::from_raw(libc::SIGSEGV), "");
        assert!(!segv.contains("out of memory") && !segv.contains("stack overflow"), "{segv}");
    }
}
