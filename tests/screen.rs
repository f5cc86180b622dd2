//! Watch mode's screen at two sizes, rendered by a terminal emulator
//! (`vt100`): it redraws on a resize, scrolls the list with its cursor, keeps
//! the header, the headline and the key line in view, and breaks lines only
//! between words.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use common::{Course, build_lock, target_dir};
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the terminal shows, kept up to date by a reader thread.
struct Terminal {
    parser: Arc<(Mutex<vt100::Parser>, Condvar)>,
    /// Every byte received, for what the emulator does not keep (links).
    raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    keys: Box<dyn Write + Send>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Terminal {
    fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    /// Resizes the emulator, then the pty (which signals lockstep).
    fn resize(&mut self, rows: u16, cols: u16) {
        self.parser.0.lock().unwrap().screen_mut().set_size(nz(rows), nz(cols));
        self.master.resize(size(rows, cols)).expect("the pty resizes");
    }

    /// Waits until the screen's rows satisfy `ok`, and returns them. The
    /// limit only keeps a broken build from hanging the suite.
    fn until(&self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        let (lock, cvar) = &*self.parser;
        let mut parser = lock.lock().unwrap();
        let limit = Instant::now() + Duration::from_secs(300);
        loop {
            let screen = parser.screen();
            let (_, cols) = screen.size();
            let rows: Vec<String> = screen.rows(0, cols.get()).collect();
            if ok(&rows) {
                return rows;
            }
            let left = limit.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "never saw {what}; the screen:\n{}", rows.join("\n"));
            parser = cvar.wait_timeout(parser, left).unwrap().0;
        }
    }
}

/// The scroll marker: "↑ N more · ↓ M more".
fn scrolls(rows: &[String], arrow: &str) -> bool {
    rows.iter().any(|r| {
        r.split(" · ")
            .any(|p| p.strip_prefix(arrow).is_some_and(|n| n.trim_start().starts_with(|c: char| c.is_ascii_digit())))
    })
}

fn has(rows: &[String], text: &str) -> bool {
    rows.iter().any(|r| r.contains(text))
}

/// The last row with text: the key line's end.
fn last_text(rows: &[String]) -> &str {
    rows.iter().rev().find(|r| !r.trim().is_empty()).map_or("", |r| r.as_str())
}

fn start(
    c: &Course,
    rows: u16,
    cols: u16,
    env: &[(&str, &str)],
) -> (Terminal, Box<dyn portable_pty::Child + Send + Sync>) {
    let pair = native_pty_system().openpty(size(rows, cols)).expect("a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lockstep"));
    cmd.cwd(c.root());
    cmd.env("CARGO_TARGET_DIR", target_dir());
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).expect("lockstep starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let keys = pair.master.take_writer().expect("writer");
    let parser = Arc::new((Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)), Condvar::new()));
    let sink = Arc::clone(&parser);
    let raw = Arc::new(Mutex::new(Vec::new()));
    let raw_sink = Arc::clone(&raw);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let (lock, cvar) = &*sink;
            let mut parser = lock.lock().unwrap();
            raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            parser.process(&buf[..n]);
            drop(parser);
            cvar.notify_all();
        }
    });
    (Terminal { parser, raw, master: pair.master, keys }, child)
}

#[test]
fn the_watch_screen_fits_the_terminal_scrolls_and_redraws_on_resize() {
    let _lock = build_lock();
    let c = Course::copy();
    let course = lockstep::course::Course::load(c.root()).expect("the course loads");
    let first = course.exercises[0].name.clone();
    let last = course.exercises.last().unwrap().name.clone();
    let (mut t, mut child) = start(&c, 40, 120, &[]);

    // 120x40: the header on one line, the verdict, the key line last.
    let rows = t.until("the first verdict", |r| has(r, "not done yet") && last_text(r).ends_with("q quit"));
    let header = format!("lockstep  {}", common::day1_header());
    assert!(rows[0].starts_with(&format!("{header}  [")) && rows[0].contains("done"), "{rows:#?}");
    // The list, its cursor on the first exercise.
    t.press("l");
    let rows = t.until("the list", |r| has(r, &first) && last_text(r).contains("Esc back"));
    assert!(has(&rows, &format!("› ▶  1     {first}")), "{rows:#?}");

    // 60x15: a redraw that fits, the list scrolls, the cursor stays in view.
    t.resize(15, 60);
    // (The list scrolls at 120x40 too: wait for the narrow header, whose
    // progress bar is 10 cells, not 20.)
    let narrow_bar = format!("[{}]", "░".repeat(10));
    let rows = t.until("the list at 60x15", |r| {
        r.len() > 1
            && r[..2].iter().any(|l| l.contains(&narrow_bar))
            && scrolls(r, "↓")
            && last_text(r).contains("q quit")
    });
    assert!(rows[0].starts_with(&header), "{rows:#?}");
    // The header breaks between its parts, not inside one: each of its two
    // rows starts with a part.
    assert!(
        ["[", "no streak yet"].iter().any(|p| rows[1].starts_with(p)) && rows[..2].concat().contains("done"),
        "{rows:#?}"
    );
    assert!(has(&rows, "Progress") && has(&rows, "day   exercise") && !has(&rows, &last), "{rows:#?}");
    t.press(&"j".repeat(course.exercises.len()));
    // (Waits for the whole redraw: a screen read between its rows may lack
    // the key line.)
    let rows = t.until("the cursor on the last row", |r| {
        r.iter().any(|l| l.starts_with("›") && l.contains(&last)) && last_text(r).contains("q quit")
    });
    assert!(scrolls(&rows, "↑") && !has(&rows, &format!("  {first}")), "the list scrolled: {rows:#?}");
    assert!(has(&rows, "Progress") && last_text(&rows).contains("q quit"), "{rows:#?}");
    t.press("k");
    t.until("the cursor one row up", |r| r.iter().any(|l| l.starts_with("›") && !l.contains(&last)));

    // Back on the main screen, a hint shows even at 15 rows, with the
    // verdict's headline and the key line.
    t.press("\x1b");
    t.until("the main screen", |r| has(r, "r re-run"));
    t.press("h");
    let rows = t.until("the first hint", |r| has(r, "Hint 1 of 3") && last_text(r).contains("q quit"));
    assert!(has(&rows, "not done yet"), "the headline stays: {rows:#?}");
    t.press("hhh");
    t.until("the last tier notice", |r| has(r, "That was the last hint tier."));
    // A later verdict is a new situation: the notice goes.
    c.write("exercises/day01_hello_threads.rs", "pub fn greet_all(");
    let rows = t.until("the compile error", |r| has(r, "does not compile yet") && last_text(r).contains("q quit"));
    assert!(!has(&rows, "That was the last hint tier."), "{rows:#?}");

    // Back to 120x40: one header line again, nothing to scroll.
    t.resize(40, 120);
    t.until("the redraw at 120x40", |r| {
        r[0].contains("done") && r[0].contains("streak") && last_text(r).ends_with("q quit")
    });

    t.press("q");
    assert!(child.wait().expect("lockstep exits").success());
}

/// `e` opens the exercise in $EDITOR at the failing line; `s` shows the
/// reference solution once the exercise passes; `t` the stats; each
/// `file:line` is a hyperlink.
#[test]
fn keys_open_the_editor_the_solution_and_the_stats() {
    let _lock = build_lock();
    let c = Course::copy();
    // An editor named vim (so it takes `+LINE FILE`) that notes its arguments.
    let bin = c.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let args = c.path("editor-args");
    let vim = bin.join("vim");
    std::fs::write(&vim, format!("#!/bin/sh\necho \"$*\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n", args.display())).unwrap();
    std::fs::set_permissions(&vim, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let (mut t, mut child) = start(&c, 40, 120, &[("VISUAL", &vim.to_string_lossy()), ("EDITOR", "nano")]);
    t.until("the first verdict", |r| has(r, "not done yet"));
    t.press("s");
    t.until("the solution refused", |r| has(r, "The reference solution opens once your version passes."));

    c.write("exercises/day01_hello_threads.rs", "pub fn greet_all(");
    t.until("the compile error", |r| has(r, "does not compile yet"));
    let raw = String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned();
    let file = c.path("exercises/day01_hello_threads.rs");
    let link = format!("\x1b]8;;file://{}\x1b\\exercises/day01_hello_threads.rs:1:", file.display());
    assert!(raw.contains(&link), "no hyperlink {link:?} in {raw:?}");

    t.press("e");
    let limit = Instant::now() + Duration::from_secs(300);
    while !args.exists() {
        assert!(Instant::now() < limit, "the editor never ran");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(std::fs::read_to_string(&args).unwrap().trim(), format!("+1 {}", file.display()));
    // The terminal is lockstep's again: keys work.
    t.press("t");
    t.until("the stats", |r| has(r, "Your lockstep") && has(r, "longest streak") && last_text(r).contains("Esc back"));
    t.press("\x1b");
    t.until("the main screen", |r| has(r, "r re-run"));

    c.solve("hello_threads", "exercises/day01_hello_threads.rs");
    t.until("the pass", |r| has(r, "checks passed"));
    t.press("s");
    t.until("the solution", |r| {
        has(r, "The reference solution of hello_threads")
            && has(r, "pub fn greet_all")
            && last_text(r).contains("Esc back")
    });
    t.press("\x1b");
    t.until("the main screen", |r| has(r, "r re-run"));
    t.press("q");
    assert!(child.wait().expect("lockstep exits").success());
}

/// The finish line, on a copy of the course cut to its first day (a course
/// of one day): the last exercise passing opens the learner's whole course.
#[test]
fn the_last_exercise_opens_the_finish_line() {
    let _lock = build_lock();
    let c = Course::copy();
    let info = c.read("info.toml");
    let second = info.match_indices("[[exercises]]").nth(1).map(|(i, _)| i).expect("two exercises");
    c.write("info.toml", &info[..second].replace("days = 30", "days = 1"));
    let (mut t, mut child) = start(&c, 40, 120, &[]);
    let rows = t.until("the first verdict", |r| has(r, "not done yet"));
    assert!(rows[0].starts_with("lockstep  day 1 of 1  ["), "{rows:#?}");
    c.solve("hello_threads", "exercises/day01_hello_threads.rs");
    let rows = t.until("the finish line", |r| has(r, "lockstep complete") && last_text(r).contains("Esc back"));
    assert!(rows[0].starts_with("lockstep  day 1 · course complete"), "{rows:#?}");
    assert!(has(&rows, "You began on") && has(&rows, "There is nothing left to solve."), "{rows:#?}");
    assert!(has(&rows, "course days      ✓  1/1") && has(&rows, "longest streak   1 day"), "{rows:#?}");
    t.press("\x1b");
    t.until("the verdict again", |r| {
        has(r, "checks passed") && has(r, "You finished lockstep!") && has(r, "t shows your course again")
    });
    t.press("n");
    t.until("no next exercise", |r| has(r, "This is the last exercise of the course"));
    t.press("q");
    assert!(child.wait().expect("lockstep exits").success());
    let out = c.lockstep(&["stats"]);
    assert!(common::text(&out).contains("🎓 lockstep complete: all 1 days"), "{}", common::text(&out));
}
