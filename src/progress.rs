//! indicatif progress bars in lockstep's style (hidden when not a terminal).

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

/// Builds the checker's dependencies once, up front, with a progress bar:
/// for real threads and, if any exercise needs it, for the model.
pub fn prepare(runner: &Runner, course: &Course, subject: Subject<'_>) -> Result<()> {
    let bar = bar(crate::dev::dependency_count(runner), "preparing");
    bar.set_message("the exercises' dependencies (once)");
    let progress = |unit: &str| {
        bar.set_message(unit.to_string());
        bar.inc(1);
    };
    runner.prepare(subject, None, &progress)?;
    for model in [Model::Shuttle, Model::Loom] {
        if course.exercises.iter().any(|e| e.model == Some(model)) {
            runner.prepare(subject, Some(model), &progress)?;
        }
    }
    bar.finish_and_clear();
    Ok(())
}
