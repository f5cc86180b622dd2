//! Text views: the header, a verdict, the exercise list and the stats page.
//! Styling goes through `console`, which drops colour for NO_COLOR and pipes.

use std::fmt::Write;

use console::style;
use jiff::Timestamp;
use jiff::civil::Date;

use crate::app::App;
use crate::course::Exercise;
use crate::escape::{neutralize, neutralize_keeping_colour};
use crate::streak::{self, Streaks};
use crate::verdict::{Kind, Verdict};

/// `[██████░░░░░░] 3/5`
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!("[{}{}] {done}/{total}", style("█".repeat(filled)).green(), style("░".repeat(width - filled)).dim())
}

pub fn streak_text(s: &Streaks) -> String {
    match (s.current, s.pending_today) {
        (0, _) => "no streak yet: solve something today".into(),
        (n, false) => format!("{n}-day streak"),
        (n, true) => format!("{n}-day streak (solve something today to keep it)"),
    }
}

/// The header's parts, which a narrow screen may put on lines of their own
/// (see [`crate::screen::fit_parts`]): where the course is, then the exercise.
pub fn header_parts(app: &App, ex: &Exercise, now: Timestamp, width: usize) -> (Vec<String>, Vec<String>) {
    let done = app.course.exercises.iter().filter(|e| app.state.is_done(&e.name)).count();
    let s = streak::streaks(&app.state.solve_times(), now, &app.tz);
    let written = app.course.written_days();
    let where_ = if app.course_complete() {
        format!("day {} · course complete 🎓", ex.day)
    } else if app.course.fully_written() {
        format!("day {} of {}", ex.day, app.course.days)
    } else {
        format!("day {} · {written} of {} days written", ex.day, app.course.days)
    };
    let bar_width = if width < 80 { 10 } else { 20 };
    let course = vec![
        style("lockstep").bold().cyan().to_string(),
        where_,
        format!("{} done", bar(done, app.course.exercises.len(), bar_width)),
        style(streak_text(&s)).yellow().to_string(),
    ];
    let mut exercise =
        vec![format!("{} {}", style("exercise").dim(), style(format!("{} ({})", ex.name, ex.path.display())).bold())];
    if ex.stretch {
        exercise.push(style("stretch: optional, n skips it").dim().to_string());
    }
    (course, exercise)
}

/// The verdict as the learner reads it: the headline, the reason, then what
/// the code printed (last, so a screen that cuts it keeps the first two),
/// wrapped to `width` columns if given (compiler output never is: its layout
/// is its meaning). What the check printed is shown with its control
/// sequences made visible: it cannot paint over the verdict.
/// On a terminal, each `file:line` under `root` is a hyperlink.
pub fn verdict(v: &Verdict, width: Option<usize>, root: &std::path::Path) -> String {
    let text = verdict_text(v);
    let text = match width {
        Some(w) if v.kind != Kind::Compile => wrap(&text, w),
        _ => text,
    };
    if console::colors_enabled() { crate::links::link(&text, root) } else { text }
}

fn verdict_text(v: &Verdict) -> String {
    let mut out = String::new();
    let title = neutralize(&v.title);
    let head = match v.kind {
        Kind::Pass => style(format!("✓ {title}")).green().bold(),
        Kind::Todo | Kind::Compile => style(format!("… {title}")).yellow().bold(),
        _ => style(format!("✗ {title}")).red().bold(),
    };
    let _ = writeln!(out, "{head}");
    let message = neutralize(&v.message);
    let output = neutralize(&v.output);
    match v.kind {
        Kind::Compile => {
            let _ = writeln!(out, "\n{}", neutralize_keeping_colour(&v.message).trim_end());
        }
        // No check ran: the message is the whole story.
        _ if output.is_empty() && !message.is_empty() => {
            let _ = writeln!(out, "\n{}", message.trim_end());
        }
        // Stopped from outside: the check could not say where it was.
        Kind::Timeout | Kind::Crash if message.is_empty() => {
            let _ = writeln!(
                out,
                "\nThe check was stopped. If it never finishes, look for a thread that waits\n\
                 for something no other thread will ever do (a receive with no sender left,\n\
                 a join on a thread that waits for you, a loop whose exit never comes)."
            );
            if !output.trim().is_empty() {
                let _ = writeln!(out, "\n{}\n{}", style("What it printed:").dim(), output.trim_end());
            }
        }
        _ => match reason_in(&output, &message) {
            // The failing check and why, then the rest of what was printed.
            Some((reason, printed)) => {
                let _ = writeln!(out, "\n{reason}");
                if !printed.trim().is_empty() {
                    let _ = writeln!(out, "\n{}\n{}", style("What it printed:").dim(), printed.trim_end());
                }
            }
            // The check's own output says what passed, what failed and why,
            // with whatever the learner's code printed in between.
            None if !output.trim().is_empty() => {
                let _ = writeln!(out, "\n{}", output.trim_end());
            }
            None => {}
        },
    }
    out
}

/// Lifts the harness's last lines, `✗ <check>` and the report's `message`,
/// out of `output`: (those lines, the rest of `output`).
fn reason_in(output: &str, message: &str) -> Option<(String, String)> {
    let message = message.trim_end();
    if message.is_empty() {
        return None;
    }
    let at = output.rfind(&format!("\n\n{message}"))?;
    // The check's line may follow output that did not end its own line.
    let line_start = output[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = line_start + output[line_start..at].rfind("✗ ")?;
    let end = at + 2 + message.len();
    let reason = output[line..end].to_string();
    let after = &output[end..];
    Some((reason, format!("{}{}", &output[..line], after.strip_prefix('\n').unwrap_or(after))))
}

fn status(app: &App, i: usize, current: usize) -> (String, String) {
    let ex = &app.course.exercises[i];
    if app.state.is_done(&ex.name) {
        (style("✓").green().to_string(), "done".into())
    } else if Some(i) == app.frontier() || (i == current && app.may_open(i)) {
        (style("▶").yellow().to_string(), if i == current { "current".into() } else { "next".into() })
    } else if app.may_open(i) {
        (style("○").dim().to_string(), "open".into())
    } else {
        (style("·").dim().to_string(), "locked".into())
    }
}

/// The exercise list; `cursor` marks a row (watch mode's list).
pub fn list(app: &App, cursor: Option<usize>) -> String {
    let current = app.current_index();
    let done = app.course.exercises.iter().filter(|e| app.state.is_done(&e.name)).count();
    let mut out = format!("{} {}\n\n", style("Progress").bold(), bar(done, app.course.exercises.len(), 30));
    let _ = writeln!(out, "    {:<5} {:<22} {:<8} scenarios", "day", "exercise", "status");
    for (i, ex) in app.course.exercises.iter().enumerate() {
        let (mark, word) = status(app, i, current);
        let pointer = if cursor == Some(i) { style("›").cyan().bold().to_string() } else { " ".into() };
        let scenarios: Vec<_> = ex.scenarios.iter().map(|s| format!("{s:?}").to_lowercase()).collect();
        let tag = if ex.stretch { "stretch · " } else { "" };
        let _ = writeln!(
            out,
            "{pointer} {mark}  {:<5} {:<22} {:<8} {}",
            ex.day,
            ex.name,
            word,
            style(format!("{tag}{}", scenarios.join(", "))).dim()
        );
    }
    out
}

/// Streaks, the course's days and a calendar heat map of the last `weeks`
/// weeks. Once the course is complete it opens with the finish line, and the
/// calendar reaches back to the first solve.
pub fn stats(app: &App, now: Timestamp, weeks: i64) -> String {
    let solves = app.state.solve_times();
    let s = streak::streaks(&solves, now, &app.tz);
    let per_day = streak::solves_per_day(&solves, &app.tz);
    let done = app.course.exercises.iter().filter(|e| app.state.is_done(&e.name)).count();
    let today = now.to_zoned(app.tz.clone()).date();
    let mut out = String::new();
    let mut weeks = weeks;
    if app.course_complete() {
        out.push_str(&finish(app, &per_day));
        if let Some(first) = per_day.keys().next() {
            // The whole course at a glance, as far as a screen is wide.
            let span = (today - *first).get_days() as i64 / 7 + 2;
            weeks = span.clamp(6, 36);
        }
    } else {
        let _ = writeln!(out, "{}", style("Your lockstep").bold().cyan());
    }
    let _ = writeln!(out, "  exercises done   {}", bar(done, app.course.exercises.len(), 20));
    let _ = writeln!(out, "  course days      {}", course_days(app));
    let _ = writeln!(out, "  current streak   {}", streak_text(&s));
    let _ = writeln!(out, "  longest streak   {} day{}", s.longest, if s.longest == 1 { "" } else { "s" });
    let _ = writeln!(out, "  days with solves {}", per_day.len());
    out.push('\n');
    out.push_str(&heat_map(&per_day, today, weeks));
    let unwritten = if app.course.fully_written() { "" } else { "  - not written yet" };
    let _ = writeln!(out, "  course days: ✓ core done  ★ stretch too  · not yet{unwritten}");
    out
}

/// The finish line: what the learner did, start to end.
fn finish(app: &App, per_day: &std::collections::BTreeMap<Date, u32>) -> String {
    let mut out = format!(
        "{}\n",
        style(format!(
            "🎓 lockstep complete: all {} days, from a first thread to a WaitGroup of your own",
            app.course.days
        ))
        .bold()
        .green()
    );
    let core_done = |name: &str| app.state.exercises.get(name).and_then(|p| p.solved_at);
    let finished = app.course.exercises.iter().filter(|e| !e.stretch).filter_map(|e| core_done(&e.name)).max();
    if let (Some(first), Some(end)) = (per_day.keys().next(), finished) {
        let end = end.to_zoned(app.tz.clone()).date();
        let days = (end - *first).get_days() + 1;
        let _ = writeln!(
            out,
            "  You began on {} and finished on {}: {days} day{} on the calendar.",
            first.strftime("%a %-d %b %Y"),
            end.strftime("%a %-d %b %Y"),
            if days == 1 { "" } else { "s" }
        );
    }
    let left: Vec<&str> =
        app.course.exercises.iter().filter(|e| !app.state.is_done(&e.name)).map(|e| e.name.as_str()).collect();
    if left.is_empty() {
        let _ = writeln!(out, "  Every stretch exercise too. There is nothing left to solve.");
    } else {
        let _ = writeln!(out, "  Stretch exercises still open, for another day: {}.", left.join(", "));
    }
    out.push('\n');
    out
}

/// One mark per day of the plan: `✓` its core exercises done, `★` its
/// stretch exercises too, `·` not yet, `-` not written yet; in weeks of five.
pub fn course_days(app: &App) -> String {
    let mut out = String::new();
    for d in 1..=app.course.days {
        if d > 1 && (d - 1) % 5 == 0 {
            out.push(' ');
        }
        let of_day: Vec<_> = app.course.exercises.iter().filter(|e| e.day == d).collect();
        let done = |all: bool| of_day.iter().filter(|e| all || !e.stretch).all(|e| app.state.is_done(&e.name));
        let mark = if of_day.is_empty() {
            style("-").dim().to_string()
        } else if done(true) && of_day.iter().any(|e| e.stretch) {
            style("★").yellow().to_string()
        } else if done(false) {
            style("✓").green().to_string()
        } else {
            style("·").dim().to_string()
        };
        out.push_str(&mark);
    }
    let core = (1..=app.course.days)
        .filter(|&d| {
            let mut of_day = app.course.exercises.iter().filter(|e| e.day == d && !e.stretch).peekable();
            of_day.peek().is_some() && of_day.all(|e| app.state.is_done(&e.name))
        })
        .count();
    let _ = write!(out, "  {core}/{}", app.course.days);
    out
}

/// Rows Monday to Sunday, one column a week, the current week on the right.
pub fn heat_map(per_day: &std::collections::BTreeMap<Date, u32>, today: Date, weeks: i64) -> String {
    let monday =
        today.checked_sub(jiff::Span::new().days(today.weekday().to_monday_zero_offset() as i64)).unwrap_or(today);
    let start = monday.checked_sub(jiff::Span::new().weeks(weeks - 1)).unwrap_or(monday);
    let mut out = String::from("      ");
    // Month labels above the first week of each month.
    let mut label_end = 0;
    for w in 0..weeks {
        let d = start.checked_add(jiff::Span::new().weeks(w)).unwrap_or(start);
        // Rows start "  Mon " (6 columns), then " <cell>" a week: a week's
        // cell is at 7 + 2w.
        let col = 7 + w as usize * 2;
        // This week began a month already today: the month of a 1st that
        // fell after its Monday (the next week's Monday is still to come).
        let begun = w == weeks - 1 && today.month() != d.month();
        // The first week is labelled only if the next does not start a month:
        // two labels two columns apart would run into each other.
        let next_starts = start.checked_add(jiff::Span::new().weeks(1)).is_ok_and(|n| n.day() <= 7);
        let first = w == 0 && !(next_starts && weeks > 1);
        if (first || (w > 0 && d.day() <= 7) || begun) && col >= label_end {
            while out.chars().count() < col {
                out.push(' ');
            }
            let name = if begun { today.strftime("%b") } else { d.strftime("%b") }.to_string();
            label_end = col + name.len() + 1;
            out.push_str(&name);
        }
    }
    out.push('\n');
    for (row, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].iter().enumerate() {
        let _ = write!(out, "  {name} ");
        for w in 0..weeks {
            let d = start.checked_add(jiff::Span::new().weeks(w).days(row as i64)).unwrap_or(start);
            let cell = if d > today {
                " ".to_string()
            } else {
                match per_day.get(&d).copied().unwrap_or(0) {
                    0 => style("·").dim().to_string(),
                    1 => style("░").green().to_string(),
                    2 => style("▒").green().to_string(),
                    3 | 4 => style("▓").green().to_string(),
                    _ => style("█").green().to_string(),
                }
            };
            let _ = write!(out, " {cell}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n  · none  ░ 1  ▒ 2  ▓ 3-4  █ 5+ solves");
    out
}

/// Word-wraps plain text to `width` columns.
/// Continuation lines keep the paragraph's indent, and a list item's
/// continuation lines align with its text.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = Vec::new();
    for para in text.lines() {
        let body = para.trim_start();
        let mut indent = para.len() - body.len();
        if body.starts_with("- ") {
            indent += 2;
        }
        let indent = " ".repeat(indent.min(width / 2));
        let (lead, body) = para.split_at(para.len() - body.len());
        let mut line = lead.to_string();
        for word in body.split(' ') {
            if line.trim_start().is_empty() {
                line.push_str(word);
                continue;
            }
            if console::measure_text_width(&line) + 1 + console::measure_text_width(word) > width {
                out.push(std::mem::replace(&mut line, indent.clone()));
            } else {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aaa bbb ccc ddd eee fff ggg hhh iii", 20), "aaa bbb ccc ddd eee\nfff ggg hhh iii");
        assert_eq!(wrap("one\ntwo", 20), "one\ntwo");
        assert_eq!(wrap("  - thread x waits in recv at a.rs:3", 20), "  - thread x waits\n    in recv at\n    a.rs:3");
    }

    /// However much the code printed, the headline and the reason come
    /// first: a screen that cuts the rest keeps them.
    #[test]
    fn the_reason_comes_before_what_the_code_printed() {
        console::set_colors_enabled(false);
        let flood = "\x1b[2J✓ all 4 checks passed\n".repeat(500);
        let v = Verdict {
            kind: Kind::Wrong,
            title: "check 2 failed".into(),
            message: "the real reason".into(),
            output: format!("✓ first\n{flood}✗ second\n\nthe real reason\nlate line\n"),
            passed: vec!["first".into()],
        };
        let shown = verdict(&v, Some(80), std::path::Path::new("/nowhere"));
        assert!(
            shown.starts_with("✗ check 2 failed\n\n✗ second\n\nthe real reason\n\nWhat it printed:\n✓ first\n\\e[2J"),
            "{shown}"
        );
        assert!(shown.trim_end().ends_with("passed\nlate line") && !shown.contains('\x1b'), "{shown}");
    }

    #[test]
    fn month_labels_sit_above_their_weeks() {
        console::set_colors_enabled(false);
        let today = jiff::civil::date(2026, 3, 18);
        let map = heat_map(&Default::default(), today, 6);
        let lines: Vec<Vec<char>> = map.lines().map(|l| l.chars().collect()).collect();
        // Week 0 starts Monday 9 Feb; March's first week starts Monday 2 Mar (week 3).
        let label_at = |name: &str| {
            let row: String = lines[0].iter().collect();
            row.find(name).map(|b| row[..b].chars().count())
        };
        assert_eq!(label_at("Feb"), Some(7));
        assert_eq!(label_at("Mar"), Some(7 + 3 * 2));
        assert_eq!(lines[1][7], '·', "{map}");
        assert_eq!(lines[1][7 + 3 * 2], '·', "{map}");
        // A month that began this week, after its Monday, is labelled there.
        let map = heat_map(&Default::default(), jiff::civil::date(2026, 12, 1), 6);
        let row: String = map.lines().next().unwrap_or_default().to_string();
        assert_eq!(row.find("Dec").map(|b| row[..b].chars().count()), Some(7 + 5 * 2), "{map}");
        // Week 0 (from 26 Oct) gives way to November, which starts week 1.
        assert_eq!(row.find("Nov").map(|b| row[..b].chars().count()), Some(7 + 2), "{map}");
        assert!(!row.contains("Oct"), "{map}");
    }

    #[test]
    fn bar_fills_in_proportion() {
        console::set_colors_enabled(false);
        assert_eq!(bar(1, 4, 8), "[██░░░░░░] 1/4");
        assert_eq!(bar(0, 0, 4), "[░░░░] 0/0");
    }
}
