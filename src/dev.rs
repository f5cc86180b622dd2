//! `lockstep dev check`: proves the course sound for its authors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use console::style;

use crate::course::{Course, Exercise, required_files};
use crate::process::Cancel;
use crate::runner::{Runner, Subject};
use crate::verdict::{Kind, Verdict};

/// One subject to check and what it must give.
struct Job {
    exercise: usize,
    label: String,
    file: PathBuf,
    expect: Expect,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    Pass,
    /// Any failing verdict (an original: usually `todo` or `compile`).
    Fail,
    Kind(Kind),
}

impl Expect {
    fn met_by(self, k: Kind) -> bool {
        match self {
            Expect::Pass => k == Kind::Pass,
            Expect::Fail => k != Kind::Pass,
            Expect::Kind(want) => k == want,
        }
    }
    fn describe(self) -> String {
        match self {
            Expect::Pass => "pass".into(),
            Expect::Fail => "fail".into(),
            Expect::Kind(k) => k.word().into(),
        }
    }
}

/// Problems with the course's files that need no build: strays, missing
/// files, originals out of step, checks that include another file.
///
/// The learner's file may differ from its original: it is theirs to edit,
/// and the proof checks the original, never it. What must match is the file
/// as committed (what a fresh clone starts from) and its original, so that
/// is compared, where the course is a git checkout.
pub fn file_problems(course: &Course) -> Vec<String> {
    let root = &course.root;
    let mut problems = Vec::new();
    let mut expected: BTreeSet<PathBuf> = BTreeSet::new();
    for ex in &course.exercises {
        expected.extend(required_files(ex).into_iter().map(|(_, f)| f));
        expected.extend(ex.alternatives(root));
        if !root.join(&ex.path).is_file() {
            problems.push(format!(
                "{} is missing: `lockstep reset {}` restores its original text",
                ex.path.display(),
                ex.name
            ));
        }
        let original = std::fs::read(root.join(ex.original())).ok();
        if let (Some(committed), Some(original)) = (committed(root, &ex.path), original)
            && committed != original
        {
            problems.push(format!(
                "{} as committed differs from {}: a fresh clone must start from the text \
                 the proof checks and `reset` restores",
                ex.path.display(),
                ex.original().display()
            ));
        }
        let wanted = format!("subject!(\"../../../../{}\")", ex.path.display());
        for source in std::iter::once(ex.check_source()).chain(ex.model_part_source()) {
            let check = std::fs::read_to_string(root.join(&source)).unwrap_or_default();
            if !check.is_empty() && !check.contains(&wanted) {
                problems
                    .push(format!("{} must include the learner's file with `checker::{wanted};`", source.display()));
            }
        }
    }
    let manifest = std::fs::read_to_string(root.join("checker/Cargo.toml")).unwrap_or_default();
    let examples: Vec<String> = toml::from_str::<toml::Table>(&manifest)
        .ok()
        .and_then(|t| t.get("example").and_then(|e| e.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.get("path").and_then(|p| p.as_str()).map(str::to_owned))
        .collect();
    let gated: Vec<String> = toml::from_str::<toml::Table>(&manifest)
        .ok()
        .and_then(|t| t.get("bin").and_then(|e| e.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter(|b| {
            b.get("required-features")
                .and_then(|f| f.as_array())
                .is_some_and(|f| f.iter().any(|f| f.as_str() == Some("checks")))
        })
        .filter_map(|b| b.get("name").and_then(|n| n.as_str()).map(str::to_owned))
        .collect();
    for ex in &course.exercises {
        if ex.model_part.is_some() && !gated.contains(&ex.model_part_bin()) {
            problems.push(format!(
                "checker/Cargo.toml has no [[bin]] name = \"{}\" with path = \"src/bin/{}/model.rs\" and \
                 required-features = [\"checks\"]: the model-checked part of `{}` is built from it",
                ex.model_part_bin(),
                ex.name,
                ex.name
            ));
        }
        if !gated.contains(&ex.name) {
            problems.push(format!(
                "checker/Cargo.toml has no [[bin]] name = \"{}\" with required-features = [\"checks\"]: without it, \
                 rust-analyzer reports each mistake in {} twice (copy an existing entry)",
                ex.name,
                ex.path.display()
            ));
        }
        let wanted = format!("../{}", ex.path.display());
        if !examples.contains(&wanted) {
            problems.push(format!(
                "checker/Cargo.toml has no [[example]] with path = \"{wanted}\": without it, rust-analyzer \
                 cannot analyse {} (copy an existing entry)",
                ex.path.display()
            ));
        }
    }
    problems.extend(crate::scaffold::author_todos(course));
    for dir in ["exercises", "checker/src/bin"] {
        for file in files_under(&root.join(dir)) {
            let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            if !expected.contains(&rel) {
                problems.push(format!("{} is a stray: no exercise in info.toml uses it", rel.display()));
            }
        }
    }
    problems
}

/// The text of `rel` in the git commit checked out at `root` (HEAD), if the
/// course is a git checkout that has the file committed.
fn committed(root: &Path, rel: &Path) -> Option<Vec<u8>> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["show", &format!("HEAD:./{}", rel.display())])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Roughly how many units building the checker's dependencies takes (for a
/// progress bar): remembered from the last build, else asked of cargo.
pub fn dependency_count(runner: &Runner) -> u64 {
    let cache = runner.target_dir.join("lockstep").join("dependency-units");
    if let Some(n) = std::fs::read_to_string(&cache).ok().and_then(|t| t.trim().parse().ok()) {
        return n;
    }
    let out = std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(&runner.root)
        .args(["tree", "-q", "-p", "checker", "-e", "normal,build", "--prefix", "none", "--no-dedupe"])
        .output();
    let n = out.map_or(0, |o| String::from_utf8_lossy(&o.stdout).lines().collect::<BTreeSet<_>>().len() as u64);
    if n > 0 {
        let _ = std::fs::create_dir_all(cache.parent().unwrap_or(&runner.target_dir));
        let _ = std::fs::write(&cache, n.to_string());
    }
    n
}

/// A verdict decided at the deadline (deadlock, timeout) costs the whole
/// deadline per run, so it is repeated at most this often.
const DEADLINE_REPEATS: usize = 3;

/// A model-checked verdict is one seeded exploration, the same on every run:
/// repeated at most this often, enough to show it is.
const MODEL_REPEATS: usize = 3;

/// How `dev check` runs: how often, and on how busy a machine.
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions {
    /// Run each subject this many times; every run must agree.
    pub repeat: usize,
    /// Repeat deadline-decided verdicts fully too.
    pub repeat_deadlines: bool,
    /// Keep every core busy with other work while the proof runs.
    pub load: bool,
    /// Pin lockstep, cargo and every check to one core.
    pub pin: bool,
}

pub fn check(root: &Path, only: &[String], opts: CheckOptions) -> Result<ExitCode> {
    let CheckOptions { repeat, repeat_deadlines, .. } = opts;
    if opts.pin {
        crate::load::pin_to_one_core()?;
    }
    let _load = if opts.load { Some(crate::load::Hogs::start()) } else { None };
    let course = Course::load(root)?;
    for name in only {
        course.get(name).with_context(|| format!("no exercise named `{name}` in info.toml"))?;
    }
    println!("{} info.toml: {} exercises over days 1-{}", style("✓").green(), course.exercises.len(), course.days);
    let problems = file_problems(&course);
    for p in &problems {
        println!("{} {p}", style("✗").red());
    }
    if problems.is_empty() {
        println!("{} files: all present, none stray, originals match", style("✓").green());
    }
    seal_note(&course)?;

    let runner = Runner::new(root, false);
    let jobs: Vec<Job> = course
        .exercises
        .iter()
        .enumerate()
        .filter(|(_, ex)| only.is_empty() || only.contains(&ex.name))
        .flat_map(|(i, ex)| jobs_of(root, i, ex))
        .collect();
    // Another copy of the course may have built the shared checker artifacts.
    runner.refresh(None)?;
    crate::progress::prepare(&runner, &course, Subject::File(&course.exercises[0].solution()))?;

    let bar = crate::progress::bar(jobs.len() as u64, "checking");
    let repeats = Repeats { times: repeat.max(1), deadlines: repeat_deadlines };
    let results = run_jobs(&runner, &course, &jobs, repeats, &|label| {
        bar.set_message(label.to_string());
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    let mut failed = problems.len();
    let mut passed = 0;
    let mut recap: Vec<String> = problems.clone();
    if repeat > 1 {
        println!(
            "each subject ran {repeat} times{}",
            if repeat_deadlines {
                " (model-checked exercises at most 3: each run is the same seeded exploration)"
            } else {
                " (deadlock and timeout verdicts, and model-checked exercises, at most 3)"
            }
        );
    }
    if let Some(hogs) = &_load {
        println!("with every core busy: {} CPU hogs ran alongside", hogs.count());
    }
    if opts.pin {
        println!("pinned to one core");
    }
    for (job, v) in jobs.iter().zip(&results) {
        let ex = &course.exercises[job.exercise];
        let ok = job.expect.met_by(v.kind);
        let line = format!("{:<22} {:<34} {} (expected {})", ex.name, job.label, v.kind.word(), job.expect.describe());
        if ok {
            passed += 1;
            println!("{} {line}", style("✓").green());
        } else {
            failed += 1;
            recap.push(format!("{line}: {}", v.title));
            println!("{} {line}\n    {}", style("✗").red(), v.title);
            let details = if v.message.is_empty() { &v.output } else { &v.message };
            for l in crate::escape::neutralize(details).lines().take(30) {
                println!("    {l}");
            }
        }
    }
    println!("\ndev check: {passed} passed, {failed} failed");
    // Again at the very end, where a log cut in the middle still shows it.
    for r in &recap {
        println!("  {} {}", style("✗").red(), r.lines().next().unwrap_or(""));
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `lockstep dev seal`: seals the hidden files as they are now.
pub fn seal(root: &Path) -> Result<ExitCode> {
    let course = Course::load(root)?;
    let n = crate::seal::write(&course)?;
    println!("{} sealed {n} hidden files in {}: commit it", style("✓").green(), crate::seal::SEAL_FILE);
    Ok(ExitCode::SUCCESS)
}

/// `dev new`: scaffolds the exercise and says what is left to write.
pub fn new(root: &Path, day: u32, name: &str) -> Result<ExitCode> {
    let course = Course::load(root)?;
    let written = crate::scaffold::new_exercise(&course, day, name)?;
    println!("{} scaffolded `{name}` (day {day}):", style("✓").green());
    for f in &written {
        println!("  {}", f.display());
    }
    println!(
        "\nNext: replace every {} (`lockstep dev check {name}` lists those left), add an \
         alternative solution in checker/src/bin/{name}/alternatives/, run `lockstep dev mutants {name}`, \
         then `lockstep dev seal` and commit.",
        crate::scaffold::AUTHOR_TODO
    );
    Ok(ExitCode::SUCCESS)
}

/// Says whether the seal is current. A stale seal does not stop the proof
/// (an author checks before sealing), but learners' checks refuse to run.
fn seal_note(course: &Course) -> Result<()> {
    use crate::seal::Status;
    let advice = "run `lockstep dev seal` and commit it, or learners' checks refuse to run";
    match crate::seal::status(course)? {
        Status::Current => println!("{} seal: {} matches the hidden files", style("✓").green(), crate::seal::SEAL_FILE),
        Status::Missing => println!("{} seal: the course is not sealed: {advice}", style("!").yellow()),
        Status::Stale(files) => {
            let shown: Vec<_> = files.iter().take(5).map(String::as_str).collect();
            let more = if files.len() > 5 { format!(" and {} more", files.len() - 5) } else { String::new() };
            println!("{} seal: out of date for {}{more}: {advice}", style("!").yellow(), shown.join(", "));
        }
    }
    Ok(())
}

fn jobs_of(root: &Path, i: usize, ex: &Exercise) -> Vec<Job> {
    let mut jobs = vec![
        Job { exercise: i, label: "original (unsolved)".into(), file: ex.original(), expect: Expect::Fail },
        Job { exercise: i, label: "solution".into(), file: ex.solution(), expect: Expect::Pass },
    ];
    jobs.extend(ex.alternatives(root).into_iter().map(|file| Job {
        exercise: i,
        label: format!("alternative {}", file.file_name().unwrap_or_default().to_string_lossy()),
        file,
        expect: Expect::Pass,
    }));
    jobs.extend(ex.bad.iter().map(|b| Job {
        exercise: i,
        label: format!("bad/{}", b.file),
        file: ex.bad_variant(b),
        expect: Expect::Kind(b.expect),
    }));
    jobs
}

/// Builds each job's subject in turn (cargo builds one at a time in a target
/// dir) while earlier ones run on the other workers.
///
/// With `repeat` > 1 each binary runs that many times and every run must give
/// the same kind of verdict; the first differing one is returned instead.
fn run_jobs(
    runner: &Runner,
    course: &Course,
    jobs: &[Job],
    repeat: Repeats,
    on_done: &(dyn Fn(&str) + Sync),
) -> Result<Vec<Verdict>> {
    let (tx, rx) = crossbeam_channel::unbounded::<(usize, crate::runner::Exe)>();
    let results: Vec<std::sync::Mutex<Option<Result<Verdict>>>> = jobs.iter().map(|_| Default::default()).collect();
    let store = |i: usize, r: Result<Verdict>| {
        *results[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(r);
        on_done(&jobs[i].label);
    };
    std::thread::scope(|s| {
        for _ in 0..crate::verify::workers() {
            let rx = rx.clone();
            let store = &store;
            s.spawn(move || {
                for (i, exe) in rx {
                    let ex = &course.exercises[jobs[i].exercise];
                    store(i, run_repeatedly(runner, &exe, ex, &jobs[i].file, repeat));
                }
            });
        }
        for (i, job) in jobs.iter().enumerate() {
            let ex = &course.exercises[job.exercise];
            match runner.build_subject(ex, &job.file) {
                Ok(Ok(exe)) => {
                    let _ = tx.send((i, exe));
                }
                Ok(Err(verdict)) => store(i, Ok(verdict)),
                Err(e) => store(i, Err(e)),
            }
        }
        drop(tx);
    });
    // An error in one subject is that subject's failure, not the end of the proof.
    Ok(results
        .into_iter()
        .map(|m| {
            let r = m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
            r.unwrap_or_else(|| Err(anyhow::anyhow!("not run"))).unwrap_or_else(|e| Verdict {
                kind: Kind::Crash,
                title: format!("could not be checked: {e:#}"),
                message: String::new(),
                output: String::new(),
                passed: Vec::new(),
            })
        })
        .collect())
}

/// How often to run each subject.
#[derive(Clone, Copy)]
struct Repeats {
    times: usize,
    /// Repeat deadline-decided verdicts `times` too (else at most 3).
    deadlines: bool,
}

fn run_repeatedly(
    runner: &Runner,
    exe: &crate::runner::Exe,
    ex: &Exercise,
    file: &Path,
    repeat: Repeats,
) -> Result<Verdict> {
    let once = || runner.run(exe, ex, file, &Cancel::never()).and_then(|v| v.context("cancelled"));
    let started = std::time::Instant::now();
    let first = once()?;
    // A verdict the watchdog gave at the deadline (a deadlock, or a thread
    // that never ended) costs the whole deadline on every run.
    let at_deadline = matches!(first.kind, Kind::Timeout | Kind::Deadlock) || started.elapsed() >= ex.deadline;
    let mut times = if at_deadline && !repeat.deadlines { repeat.times.min(DEADLINE_REPEATS) } else { repeat.times };
    // A model checker explores the same schedules in the same order on every
    // run (its seed is fixed): more runs would re-run one exploration.
    if ex.model.is_some() {
        times = times.min(MODEL_REPEATS);
    }
    for n in 2..=times {
        let v = once()?;
        if v.kind != first.kind {
            return Ok(Verdict {
                title: format!(
                    "UNSTABLE: run 1 gave `{}`, run {n} gave `{}`: {}",
                    first.kind.word(),
                    v.kind.word(),
                    v.title
                ),
                kind: v.kind,
                ..v
            });
        }
    }
    Ok(first)
}

/// `lockstep dev mutants`: every compiling mutant of each solution must fail
/// its checks, or be listed in info.toml as equivalent (see [`crate::mutants`]).
pub fn mutants(root: &Path, only: &[String], jobs: usize, list: bool) -> Result<ExitCode> {
    crate::mutants::run(root, only, jobs, list)
}
