//! Fitting watch mode's screen to the terminal: lines that wrap at their
//! parts' boundaries, never mid-word, and a scrolled window onto a body
//! taller than the room left for it.

use console::{measure_text_width, truncate_str};

/// Joins `parts` with `sep` into lines of at most `width` columns, breaking
/// only between parts; a part wider than a line is cut with `…`.
pub fn fit_parts(parts: &[String], sep: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        let part = truncate_str(part, width, "…").into_owned();
        if line.is_empty() {
            line = part;
        } else if measure_text_width(&line) + measure_text_width(sep) + measure_text_width(&part) <= width {
            line.push_str(sep);
            line.push_str(&part);
        } else {
            lines.push(std::mem::replace(&mut line, part));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many terminal rows `line` takes at `width` columns.
pub fn rows(line: &str, width: usize) -> usize {
    measure_text_width(line).div_ceil(width.max(1)).max(1)
}

/// A window onto `lines`: those shown, and how many are above and below it.
#[derive(Debug, PartialEq, Eq)]
pub struct Window<'a> {
    pub shown: Vec<&'a str>,
    pub above: usize,
    pub below: usize,
    /// The first line shown, after clamping: scrolling past the end stops
    /// at the last full window.
    pub top: usize,
}

/// The lines from `top` on that fit in `room` rows at `width` columns;
/// `top` is clamped so that a window never shows less than it could.
pub fn window<'a>(lines: &[&'a str], top: usize, room: usize, width: usize) -> Window<'a> {
    let room = room.max(1);
    // The lowest top that still fills the window from there to the end.
    let mut last_top = lines.len();
    let mut used = 0;
    while last_top > 0 && used + rows(lines[last_top - 1], width) <= room {
        last_top -= 1;
        used += rows(lines[last_top], width);
    }
    let top = top.min(last_top);
    let mut shown = Vec::new();
    let mut used = 0;
    for l in &lines[top..] {
        let r = rows(l, width);
        if used + r > room && !shown.is_empty() {
            break;
        }
        used += r;
        shown.push(*l);
    }
    let below = lines.len() - top - shown.len();
    Window { shown, above: top, below, top }
}

/// The top that keeps line `at` inside a window of `room` lines starting at `top`.
pub fn follow(top: usize, at: usize, room: usize) -> usize {
    let room = room.max(1);
    if at < top {
        at
    } else if at >= top + room {
        at + 1 - room
    } else {
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn parts_wrap_between_parts_never_inside_one() {
        let parts = s(&["lockstep", "day 1 · 17 of 30 days written", "0/22 done", "1-day streak"]);
        assert_eq!(
            fit_parts(&parts, "  ", 80),
            vec!["lockstep  day 1 · 17 of 30 days written  0/22 done  1-day streak"]
        );
        assert_eq!(
            fit_parts(&parts, "  ", 45),
            vec!["lockstep  day 1 · 17 of 30 days written", "0/22 done  1-day streak"]
        );
        assert_eq!(fit_parts(&s(&["a-very-long-word"]), " ", 8), vec!["a-very-…"]);
    }

    #[test]
    fn a_window_scrolls_and_stops_at_the_end() {
        let lines = ["a", "b", "c", "d", "e"];
        let w = window(&lines, 0, 2, 10);
        assert_eq!((w.shown, w.above, w.below), (vec!["a", "b"], 0, 3));
        let w = window(&lines, 2, 2, 10);
        assert_eq!((w.shown, w.above, w.below), (vec!["c", "d"], 2, 1));
        // Past the end: the last full window.
        let w = window(&lines, 9, 2, 10);
        assert_eq!((w.shown, w.above, w.below, w.top), (vec!["d", "e"], 3, 0, 3));
        // A line the terminal wraps takes its rows.
        let w = window(&["0123456789abc", "x", "y"], 0, 2, 10);
        assert_eq!((w.shown, w.below), (vec!["0123456789abc"], 2));
    }

    #[test]
    fn following_keeps_a_line_in_view() {
        assert_eq!(follow(0, 1, 3), 0);
        assert_eq!(follow(0, 5, 3), 3);
        assert_eq!(follow(4, 2, 3), 2);
    }
}
