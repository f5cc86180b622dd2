//! Re-checking every exercise the learner has done, in parallel.

use anyhow::Result;
use console::style;

use crate::app::App;
use crate::course::Exercise;
use crate::process::Cancel;
use crate::runner::{Built, Runner};
use crate::verdict::{Kind, Verdict};

/// Runs `f` over `items` on up to `workers` threads; results keep the order.
pub fn parallel<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> = items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.max(1).min(items.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    let r = f(item);
                    *results[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(r);
                }
            });
        }
    });
    results.into_iter().filter_map(|m| m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)).collect()
}

pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from)
}

/// Checks `exercises` (learner files): one cargo build, then parallel runs.
pub fn check_all(runner: &Runner, exercises: &[&Exercise], on_done: &(dyn Fn(&str) + Sync)) -> Result<Vec<Verdict>> {
    let built = runner.build_many(exercises)?;
    let jobs: Vec<(&Exercise, Built)> = exercises.iter().copied().zip(built).collect();
    let verdicts = parallel(&jobs, workers(), |(ex, built)| {
        let v = match built {
            Built::Exe(exe) => match runner.run(exe, ex, &ex.path, &Cancel::never()) {
                // A binary from another copy of the course: `check` rebuilds it.
                Err(e) if crate::runner::is_other_course(&e) => {
                    runner.check(ex, crate::runner::Subject::Learner, &Cancel::never())
                }
                other => other,
            },
            Built::Failed(d) => Ok(Some(Verdict {
                kind: Kind::Compile,
                title: "does not compile".into(),
                message: d.clone(),
                output: String::new(),
                passed: Vec::new(),
            })),
            Built::Cancelled => Ok(None),
        };
        on_done(&ex.name);
        v
    });
    verdicts
        .into_iter()
        .zip(exercises)
        .map(|(v, ex)| v?.ok_or_else(|| anyhow::anyhow!("the check of {} was cancelled", ex.name)))
        .collect()
}

/// `lockstep verify`: prints one line per done exercise; returns how many failed.
pub fn run_with_bar(app: &App) -> Result<usize> {
    let done: Vec<&Exercise> = app.course.exercises.iter().filter(|e| app.state.is_done(&e.name)).collect();
    if done.is_empty() {
        println!("Nothing to verify yet: no exercise is done.");
        return Ok(0);
    }
    let bar = crate::progress::bar(done.len() as u64, "verifying");
    bar.set_message("building");
    let verdicts = check_all(&app.runner, &done, &|name| {
        bar.set_message(name.to_string());
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    let mut failed = 0;
    for (ex, v) in done.iter().zip(&verdicts) {
        if v.passed() {
            println!("{} {:<24} {}", style("✓").green(), ex.name, style(&v.title).dim());
        } else {
            failed += 1;
            println!("{} {:<24} {}", style("✗").red(), ex.name, v.title);
        }
    }
    println!("\n{} of {} done exercises pass.", done.len() - failed, done.len());
    Ok(failed)
}
