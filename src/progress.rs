//! indicatif progress bars in lockstep's style (hidden when not a terminal).

use std::time::Duration;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::course::{Course, Model};
use crate::runner::{Runner, Subject};

pub fn bar(len: u64, prefix: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{prefix:>12.cyan.bold} [{bar:30}] {pos}/{len} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(prefix.to_string());
    bar
}

/// A spinner for a cargo build: the crates compiled so far and the latest.
/// Cargo does not say up front how many it will compile, so no total.
pub fn building(prefix: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{spinner:.cyan} {prefix:.cyan.bold} {elapsed} · {pos} crates · {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.set_prefix(prefix.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Builds the checker's dependencies for every feature set the course uses.
pub fn prepare(runner: &Runner, course: &Course, subject: Subject<'_>) -> Result<()> {
    prepare_models(runner, course.exercises.iter().flat_map(|e| e.models()), subject)
}

/// Builds the checker's dependencies for these feature sets (plain threads,
/// a model checker), with a spinner, unless already done.
pub fn prepare_models(
    runner: &Runner,
    models: impl IntoIterator<Item = Option<Model>>,
    subject: Subject<'_>,
) -> Result<()> {
    let mut todo: Vec<Option<Model>> = Vec::new();
    for m in models {
        if !todo.contains(&m) && !runner.prepared(subject, m) {
            todo.push(m);
        }
    }
    if todo.is_empty() {
        return Ok(());
    }
    let bar = building("preparing");
    bar.set_message("the exercises' dependencies (once)");
    let progress = |unit: &str| {
        bar.set_message(unit.to_string());
        bar.inc(1);
    };
    for m in todo {
        runner.prepare(subject, m, &progress)?;
    }
    bar.finish_and_clear();
    Ok(())
}
