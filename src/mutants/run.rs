//! Builds and checks every mutant, as `dev check` does a known-bad variant,
//! and reports the mutation score per exercise and the survivors' diffs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use anyhow::{Context, Result};
use console::style;

use crate::course::{Course, Exercise, Scenario};
use crate::process::Cancel;
use crate::runner::{Runner, Subject};
use crate::verdict::{Kind, Verdict};

use super::Mutant;

/// Runs of a mutant whose verdict came from real threads: a mutant that
/// passes even once survives.
const THREAD_RUNS: usize = 3;

/// A mutant written out as a subject.
struct Planned {
    exercise: usize,
    mutant: Mutant,
    /// Relative to the course root when it lies inside it.
    file: PathBuf,
}

enum Outcome {
    Killed(Verdict),
    /// It passed on this run.
    Survived(usize),
    NotCompiled,
    /// The check could not be run at all.
    Broken(String),
}

/// Per exercise: what its mutants gave.
#[derive(Default)]
struct Score {
    selected: bool,
    killed: usize,
    survived: usize,
    not_compiled: usize,
    equivalent: usize,
    duplicates: usize,
}

/// With `list`, only prints each mutant's diff (nothing is built).
pub fn run(root: &Path, only: &[String], jobs: usize, list: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let course = Course::load(root)?;
    for name in only {
        course.get(name).with_context(|| format!("no exercise named `{name}` in info.toml"))?;
    }
    let chosen: Vec<usize> =
        (0..course.exercises.len()).filter(|&i| only.is_empty() || only.contains(&course.exercises[i].name)).collect();
    if list {
        return print_list(&course, &chosen);
    }
    let runner = Runner::new(root, false);
    let dir = mutants_dir(&runner);
    let Plan { planned, mut scores, problems } = plan(&course, &chosen, &dir)?;

    if let Some(first) = planned.first() {
        runner.refresh(None)?;
        crate::progress::prepare(&runner, &course, Subject::File(&first.file))?;
    }
    let bar = crate::progress::bar(planned.len() as u64, "mutants");
    let outcomes = check_all(&runner, &course, &planned, jobs.max(1), &|id| {
        bar.set_message(id.to_string());
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    let failed = report(&course, &planned, &outcomes, &mut scores, &problems);
    if !failed {
        // Only a survivor's file is worth keeping (its diff names it).
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("(in {:.0?} with {} build lane(s))", started.elapsed(), jobs.max(1));
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The mutants of each chosen solution, read and generated.
fn mutants_of(course: &Course, i: usize) -> Result<(String, super::Mutants)> {
    let ex = &course.exercises[i];
    let file = course.root.join(ex.solution());
    let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let mutants = super::generate(&text).with_context(|| format!("cannot parse {}", ex.solution().display()))?;
    Ok((text, mutants))
}

fn print_list(course: &Course, chosen: &[usize]) -> Result<ExitCode> {
    for &i in chosen {
        let ex = &course.exercises[i];
        let (text, mutants) = mutants_of(course, i)?;
        for m in &mutants.list {
            let label = format!("mutant {}", m.id);
            let diff = super::diff(&ex.solution().display().to_string(), &label, &text, &m.text);
            println!("{} {}\n{diff}", ex.name, m.id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What to build and run, and what is already known.
struct Plan {
    planned: Vec<Planned>,
    scores: Vec<Score>,
    /// `equivalent` entries that name no mutant.
    problems: Vec<String>,
}

/// Generates the mutants of each chosen exercise and writes those not
/// listed as equivalent under `dir`.
fn plan(course: &Course, chosen: &[usize], dir: &Path) -> Result<Plan> {
    let mut scores: Vec<Score> = course.exercises.iter().map(|_| Score::default()).collect();
    let (mut planned, mut problems) = (Vec::new(), Vec::new());
    for &i in chosen {
        let ex = &course.exercises[i];
        let (_, mutants) = mutants_of(course, i)?;
        scores[i].selected = true;
        scores[i].duplicates = mutants.duplicates;
        for e in ex.equivalent.iter().filter(|e| !mutants.list.iter().any(|m| m.id == e.id)) {
            problems.push(format!(
                "{}: `equivalent` lists `{}`, which is no mutant of the solution now (ids are positions: \
                 update them when the solution changes)",
                ex.name, e.id
            ));
        }
        let ex_dir = dir.join(&ex.name);
        std::fs::create_dir_all(&ex_dir).with_context(|| format!("cannot create {}", ex_dir.display()))?;
        for mutant in mutants.list {
            if ex.equivalent.iter().any(|e| e.id == mutant.id) {
                scores[i].equivalent += 1;
                continue;
            }
            let path = ex_dir.join(format!("{}.rs", mutant.id.replace(['@', ':', '#'], "_")));
            write_if_changed(&path, &mutant.text)?;
            let file = path.strip_prefix(&course.root).map_or(path.clone(), Path::to_path_buf);
            planned.push(Planned { exercise: i, mutant, file });
        }
    }
    Ok(Plan { planned, scores, problems })
}

/// Where the mutants are written: one folder per course copy, since copies
/// may share a target dir.
fn mutants_dir(runner: &Runner) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    runner.root.hash(&mut h);
    let name = runner.root.file_name().unwrap_or_default().to_string_lossy();
    runner.target_dir.join("lockstep-mutants").join(format!("{name}-{:08x}", h.finish() as u32))
}

/// Rewriting a file with the same text would only make cargo rebuild it.
fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Builds the mutants on `lanes` build lanes (each its own target dir, since
/// cargo builds one thing at a time in one) while other workers run them.
fn check_all(
    runner: &Runner,
    course: &Course,
    planned: &[Planned],
    lanes: usize,
    on_done: &(dyn Fn(&str) + Sync),
) -> Result<Vec<Outcome>> {
    let outcomes: Vec<Mutex<Option<Outcome>>> = planned.iter().map(|_| Mutex::new(None)).collect();
    let store = |i: usize, o: Outcome| {
        *outcomes[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(o);
        on_done(&planned[i].mutant.id);
    };
    let (todo_tx, todo) = crossbeam_channel::unbounded::<usize>();
    for i in 0..planned.len() {
        let _ = todo_tx.send(i);
    }
    drop(todo_tx);
    let (built_tx, built) = crossbeam_channel::unbounded::<(usize, crate::runner::Exe)>();
    let lane_runners = (0..lanes).map(|k| lane(runner, k)).collect::<Result<Vec<Runner>>>()?;
    std::thread::scope(|s| {
        for _ in 0..crate::verify::workers() {
            let (built, store) = (built.clone(), &store);
            s.spawn(move || {
                for (i, exe) in built {
                    let p = &planned[i];
                    let ex = &course.exercises[p.exercise];
                    store(i, judge(runner, &exe, ex, &p.file).unwrap_or_else(|e| Outcome::Broken(format!("{e:#}"))));
                }
            });
        }
        for lane_runner in &lane_runners {
            let (todo, built_tx, store) = (todo.clone(), built_tx.clone(), &store);
            s.spawn(move || {
                for i in todo {
                    let p = &planned[i];
                    match lane_runner.build_subject(&course.exercises[p.exercise], &p.file) {
                        Ok(Ok(exe)) => {
                            let _ = built_tx.send((i, exe));
                        }
                        Ok(Err(_)) => store(i, Outcome::NotCompiled),
                        Err(e) => store(i, Outcome::Broken(format!("{e:#}"))),
                    }
                }
            });
        }
        drop(built_tx);
    });
    Ok(outcomes
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner).unwrap_or(Outcome::Broken("not run".into())))
        .collect())
}

/// Build lane `k`: lane 0 builds where `dev check` does; each other lane in
/// a target dir of its own, seeded with a copy of lane 0's (copying it takes
/// seconds, building the checker's dependencies again minutes).
fn lane(runner: &Runner, k: usize) -> Result<Runner> {
    if k == 0 {
        return Ok(runner.clone());
    }
    let target_dir = runner.target_dir.join("lockstep-mutants").join(format!("lane-{k}"));
    let lane = Runner { target_dir, ..runner.clone() };
    let (from, to) = (runner.dev_target_dir(), lane.dev_target_dir());
    if from.is_dir() && !to.exists() {
        let parent = to.parent().context("a target dir without a parent")?;
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        // Copied aside, then renamed: a copy cut short is never taken for a seed.
        let partial = parent.join("lockstep-dev.partial");
        let _ = std::fs::remove_dir_all(&partial);
        let status = std::process::Command::new("cp")
            .arg("-a")
            .arg(&from)
            .arg(&partial)
            .status()
            .context("cannot run cp to seed a build lane")?;
        anyhow::ensure!(status.success(), "copying {} to {} failed ({status})", from.display(), partial.display());
        std::fs::rename(&partial, &to).with_context(|| format!("cannot rename {}", partial.display()))?;
    }
    Ok(lane)
}

/// Does `ex`'s verdict come from real threads (not a model, not a paused
/// clock alone), so that a schedule could hide a bug on one run?
fn real_threads(ex: &Exercise) -> bool {
    ex.model.is_none() && ex.scenarios.iter().any(|s| *s != Scenario::Vtime)
}

fn judge(runner: &Runner, exe: &crate::runner::Exe, ex: &Exercise, file: &Path) -> Result<Outcome> {
    let runs = if real_threads(ex) { THREAD_RUNS } else { 1 };
    let mut first = None;
    for n in 1..=runs {
        let v = runner.run(exe, ex, file, &Cancel::never())?.context("cancelled")?;
        if v.kind == Kind::Pass {
            return Ok(Outcome::Survived(n));
        }
        first.get_or_insert(v);
    }
    Ok(Outcome::Killed(first.context("no run")?))
}

/// Prints the score per exercise, each mutant's verdict and each survivor's
/// diff. Whether the proof failed.
fn report(
    course: &Course,
    planned: &[Planned],
    outcomes: &[Outcome],
    scores: &mut [Score],
    problems: &[String],
) -> bool {
    let mut survivors = Vec::new();
    let mut broken = 0;
    for (p, o) in planned.iter().zip(outcomes) {
        let ex = &course.exercises[p.exercise];
        let score = &mut scores[p.exercise];
        let what = match o {
            Outcome::Killed(v) => {
                score.killed += 1;
                format!("{} killed: {}", style("✓").green(), v.kind.word())
            }
            Outcome::Survived(n) => {
                score.survived += 1;
                survivors.push((p, *n));
                format!("{} SURVIVED (passed on run {n})", style("✗").red())
            }
            Outcome::NotCompiled => {
                score.not_compiled += 1;
                format!("{} does not compile", style("·").dim())
            }
            Outcome::Broken(e) => {
                broken += 1;
                format!("{} could not be checked: {e}", style("✗").red())
            }
        };
        println!("{:<22} {:<22} {what}", ex.name, p.mutant.id);
    }
    for (p, n) in &survivors {
        let ex = &course.exercises[p.exercise];
        let solution = ex.solution();
        let before = std::fs::read_to_string(course.root.join(&solution)).unwrap_or_default();
        println!("\n{} {} {} survived (passed on run {n}):", style("✗").red(), ex.name, style(&p.mutant.id).bold());
        let label = format!("mutant {} ({})", p.mutant.id, p.file.display());
        for line in super::diff(&solution.display().to_string(), &label, &before, &p.mutant.text).lines() {
            println!("    {line}");
        }
    }
    println!("\nmutation score (killed / compiled, not equivalent):");
    let (mut killed, mut total) = (0, 0);
    for (ex, s) in course.exercises.iter().zip(scores.iter()) {
        let compiled = s.killed + s.survived;
        if !s.selected {
            continue;
        }
        killed += s.killed;
        total += compiled;
        let pct = if compiled == 0 { 100.0 } else { 100.0 * s.killed as f64 / compiled as f64 };
        println!(
            "  {:<22} {:>3}/{:<3} {:>5.1}%   {} equivalent, {} did not compile, {} duplicates",
            ex.name, s.killed, compiled, pct, s.equivalent, s.not_compiled, s.duplicates
        );
    }
    for p in problems {
        println!("{} {p}", style("✗").red());
    }
    let survived = total - killed;
    println!("\ndev mutants: {killed} of {total} killed, {survived} survived, {broken} could not be checked");
    survived + broken + problems.len() > 0
}
