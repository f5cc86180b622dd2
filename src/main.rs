use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use console::style;

use lockstep::app::App;
use lockstep::course::{Course, Exercise};
use lockstep::runner::Subject;
use lockstep::{dev, verify, views, watch};

/// A 30-day course in Rust concurrency, checked as you save.
#[derive(Parser)]
#[command(name = "lockstep", version, about, long_about = None)]
struct Cli {
    /// The course folder (default: the nearest folder with an info.toml,
    /// from the current one upwards).
    #[arg(long, global = true, env = "LOCKSTEP_COURSE")]
    course: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Watch mode: check the current exercise every time you save it (the default).
    Watch,
    /// Check one exercise (default: the current one). Exit 0 if it passes.
    Run { name: Option<String> },
    /// Show the next hint tier of an exercise (default: the current one).
    Hint {
        name: Option<String>,
        /// Show this tier (1 = a nudge, 2 = the idea, 3 = the shape of the code).
        #[arg(long)]
        level: Option<usize>,
    },
    /// List the exercises with their status.
    List,
    /// Restore an exercise's original text; your version is saved to a backup first.
    Reset { name: String },
    /// Re-check every exercise you have done.
    Verify,
    /// Your streaks and a calendar of the days you solved something.
    Stats,
    /// Show the reference solution of an exercise once your version passes
    /// (default: the current one).
    Solution { name: Option<String> },
    /// Tools for course authors.
    #[command(subcommand)]
    Dev(DevCommand),
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(Subcommand)]
enum DevCommand {
    /// Prove the course sound: info.toml valid, every file present and none
    /// stray, every original fails, every solution passes, every known-bad
    /// variant fails with its expected verdict.
    Check {
        /// Only these exercises.
        names: Vec<String>,
        /// Run each subject this many times; every run must agree.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// Repeat deadline-decided verdicts (deadlock, timeout) fully too; by
        /// default they run at most 3 times, since each costs its deadline.
        #[arg(long)]
        repeat_deadlines: bool,
        /// Keep every core busy with other work (one CPU hog per core) while
        /// the proof runs: a correct solution must still pass.
        #[arg(long)]
        load: bool,
        /// Pin lockstep, cargo and every check to one core.
        #[arg(long)]
        pin: bool,
    },
    /// Scaffold a new exercise: the learner's file, its folder of checks,
    /// solution, original and known-bad variants, and its entries in
    /// info.toml and checker/Cargo.toml. `dev check` passes on it except for
    /// the parts marked TODO(author).
    New {
        /// The course day (1-30).
        day: u32,
        /// The exercise's name (lowercase, `_`).
        name: String,
    },
    /// Seal the hidden checks (checker/seal.toml): learners' checks refuse to
    /// run once a file under checker/ differs from the seal.
    Seal,
    /// Prove the checks against mutants of each solution (a join removed, a
    /// weaker Ordering, ...): every mutant that compiles must fail its checks,
    /// or be listed as `equivalent` in info.toml.
    Mutants {
        /// Only these exercises.
        names: Vec<String>,
        /// Build lanes: each builds in a target dir of its own (the first
        /// build in a new one compiles the checker's dependencies).
        #[arg(long, default_value_t = 1)]
        jobs: usize,
        /// Only list the mutants, with their diffs; build and run nothing.
        #[arg(long)]
        list: bool,
    },
}

fn main() -> ExitCode {
    // Watch mode redraws on a resize: SIGWINCH is blocked in every thread
    // (the signal thread below included) and taken by one.
    lockstep::resize::block();
    // First, before any thread starts: SIGINT, SIGTERM and SIGHUP stop the
    // checks' processes and restore the terminal.
    lockstep::signals::install();
    // NO_COLOR (any value) turns colour off; console already drops it for pipes.
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
    let cli = Cli::parse();
    let prints_after_its_work = matches!(
        cli.command,
        Some(Command::List | Command::Stats | Command::Solution { .. } | Command::Completions { .. })
            | Some(Command::Hint { .. })
            | Some(Command::Reset { .. } | Command::Run { .. })
    );
    if prints_after_its_work {
        // Rust ignores SIGPIPE, so printing into a closed pipe (`lockstep list
        // | head -1`) panics. These commands print once their work (and its
        // save) is done, with no check running, so they may end there quietly,
        // as Unix tools do. `verify` and `dev check` print while checks run:
        // dying mid-way would strand them, so they keep the runtime's choice.
        // SAFETY: setting a signal's disposition to SIG_DFL is always sound.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e:#}", style("error:").red().bold());
            ExitCode::from(2)
        }
    };
    lockstep::signals::exiting(code)
}

fn course_root(cli: &Cli) -> Result<PathBuf> {
    let start = match &cli.course {
        Some(dir) => dir.clone(),
        None => std::env::current_dir().context("cannot read the current folder")?,
    };
    let root = Course::find_root(&start)
        .with_context(|| format!("no info.toml in {} or above it: run lockstep inside the course", start.display()))?;
    root.canonicalize().with_context(|| format!("cannot resolve {}", root.display()))
}

fn open(cli: &Cli) -> Result<App> {
    let root = course_root(cli)?;
    let (mut app, aside) = App::open(&root, console::colors_enabled())?;
    if let Some(aside) = aside {
        eprintln!(
            "{} the progress file could not be read ({}).\nIt was moved to {}; rebuilding your progress from the checks.",
            style("note:").yellow().bold(),
            aside.reason,
            aside.moved_to.display()
        );
        prepare(&app, &app.course.exercises)?;
        let bar = lockstep::progress::bar(app.course.exercises.len() as u64, "re-checking");
        app.rebuild_from_checks(&|name| {
            bar.set_message(name.to_string());
            bar.inc(1);
        })?;
        bar.finish_and_clear();
        let done = app.state.exercises.values().filter(|p| p.solved_at.is_some()).count();
        eprintln!("Rebuilt: {done} exercise(s) pass.");
        warn_unsaved(&app);
    }
    Ok(app)
}

/// Says plainly that progress was not saved, and why, if it was not.
fn warn_unsaved(app: &App) {
    if let Some(why) = app.unsaved() {
        eprintln!("{} your progress was NOT saved: {why}", style("warning:").yellow().bold());
    }
}

/// Builds the checker's dependencies that these exercises' checks need,
/// once, with a spinner. The others build when first needed.
fn prepare<'a>(app: &App, exercises: impl IntoIterator<Item = &'a Exercise>) -> Result<()> {
    lockstep::progress::prepare_models(&app.runner, exercises.into_iter().flat_map(Exercise::models), Subject::Learner)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let command = cli.command.as_ref().unwrap_or(&Command::Watch);
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "lockstep", &mut std::io::stdout());
            if lockstep::invocation::by_cargo() {
                // The script completes `lockstep`, which `cargo run` does not put on the PATH.
                eprintln!(
                    "{} these complete the `lockstep` command: install it first with `cargo install --path .`",
                    style("note:").yellow().bold()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Dev(DevCommand::Check { names, repeat, repeat_deadlines, load, pin }) => {
            let root = course_root(&cli)?;
            let opts =
                dev::CheckOptions { repeat: *repeat, repeat_deadlines: *repeat_deadlines, load: *load, pin: *pin };
            dev::check(&root, names, opts)
        }
        Command::Dev(DevCommand::Seal) => dev::seal(&course_root(&cli)?),
        Command::Dev(DevCommand::New { day, name }) => dev::new(&course_root(&cli)?, *day, name),
        Command::Dev(DevCommand::Mutants { names, jobs, list }) => {
            let root = course_root(&cli)?;
            dev::mutants(&root, names, *jobs, *list)
        }
        Command::Watch => {
            let app = open(&cli)?;
            app.require_file(app.exercise(None)?)?;
            prepare(&app, [app.exercise(None)?])?;
            watch::run(app)
        }
        Command::Run { name } => {
            let mut app = open(&cli)?;
            let name = app.exercise(name.as_deref())?.name.clone();
            // Refused before the (slow) first build: a locked exercise, a missing file.
            app.require_open(&name)?;
            app.require_file(app.exercise(Some(&name))?)?;
            prepare(&app, [app.exercise(Some(&name))?])?;
            let (verdict, recorded) = app.check(&name)?;
            print!("{}", views::verdict(&verdict, None, app.root()));
            if let Some(day) = recorded.day_done {
                println!("\n{}", style(format!("Day {day} complete!")).green().bold());
            }
            if recorded.course_done {
                println!("\n{}", views::stats(&app, jiff::Timestamp::now(), 20));
            }
            if recorded.locked {
                eprintln!(
                    "{} it passes, but it is not recorded: an exercise before it is no longer done",
                    style("note:").yellow().bold()
                );
            }
            warn_unsaved(&app);
            Ok(if verdict.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Hint { name, level } => {
            let mut app = open(&cli)?;
            let name = app.exercise(name.as_deref())?.name.clone();
            let (tier, total, text) = app.hint(&name, *level)?;
            println!("{} {tier} of {total} for {name}\n\n{text}", style("Hint").bold().cyan());
            if tier < total {
                // Without --level, the next call shows the next tier; with it,
                // the same tier again, so name the next one.
                let more = match level {
                    None => "(run it again for the next tier)".to_string(),
                    Some(_) => format!(
                        "(the next tier: {})",
                        lockstep::invocation::command(&format!("hint {name} --level {}", tier + 1))
                    ),
                };
                println!("\n{}", style(more).dim());
            }
            warn_unsaved(&app);
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            let app = open(&cli)?;
            print!("{}", views::list(&app, None));
            Ok(ExitCode::SUCCESS)
        }
        Command::Reset { name } => {
            let mut app = open(&cli)?;
            let path = app.exercise(Some(name))?.path.clone();
            let existed = app.root().join(&path).exists();
            match app.reset(name)? {
                Some(backup) => println!(
                    "Restored {} to its original text.\nYour version is saved in {}",
                    path.display(),
                    backup.display()
                ),
                None if !existed => println!("Restored {}, which was missing, to its original text.", path.display()),
                None => println!("{} already had its original text; nothing to back up.", path.display()),
            }
            warn_unsaved(&app);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify => {
            let app = open(&cli)?;
            let done: Vec<_> = app.course.exercises.iter().filter(|e| app.state.is_done(&e.name)).collect();
            for ex in &done {
                app.require_file(ex)?;
            }
            prepare(&app, done.iter().copied())?;
            let failed = verify::run_with_bar(&app)?;
            Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Solution { name } => {
            let app = open(&cli)?;
            let name = app.exercise(name.as_deref())?.name.clone();
            print!("{}", app.solution(&name)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats => {
            let app = open(&cli)?;
            print!("{}", views::stats(&app, jiff::Timestamp::now(), 20));
            Ok(ExitCode::SUCCESS)
        }
    }
}
