//! Watch mode: file events, keys and check results feed one loop. A save
//! starts a check at once; a save during a check cancels it and starts over.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use console::{Key, Term, style};
use crossbeam_channel::{Receiver, Sender, unbounded};
use jiff::Timestamp;
use notify::{RecursiveMode, Watcher};

use crate::app::App;
use crate::process::{Cancel, CancelHandle};
use crate::runner::Subject;
use crate::verdict::{Kind, Verdict};
use crate::views;

enum Event {
    Key(Key),
    KeysClosed,
    /// Something changed under exercises/.
    Files(Vec<PathBuf>),
    Checked {
        generation: u64,
        result: Result<Option<Verdict>>,
    },
    Verified(Result<Vec<(String, Verdict)>>),
    /// The terminal changed size.
    Resized,
    /// Before its first check, a feature set's dependencies build: cargo
    /// compiled this crate.
    Built {
        generation: u64,
        unit: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Main,
    ConfirmReset,
    List {
        cursor: usize,
    },
    /// A page of text in place of the verdict: the solution, the stats.
    Page(Page),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    Solution,
    Stats,
}

/// A notice belongs to the check it was raised under: a later check (a save,
/// a re-run) is a new situation, and the notice no longer speaks to it.
struct Notice {
    text: String,
    generation: u64,
}

struct Watch {
    app: App,
    index: usize,
    verdict: Option<Verdict>,
    checking: Option<CancelHandle>,
    generation: u64,
    /// The text the latest check started on: saves that change nothing are ignored.
    checked_text: Option<Vec<u8>>,
    mode: Mode,
    hints: usize,
    /// A message for the learner, until the next key or the next check.
    notice: Option<Notice>,
    /// The first body line shown (main screen) and the first list row shown.
    scroll: usize,
    list_top: usize,
    /// Rows the body had at the last draw: a page for PgUp/PgDn.
    page: usize,
    /// Scroll to the latest hint at the next draw.
    show_hint: bool,
    /// "Solved!", shown while the verdict that earned it is on screen.
    celebration: Option<String>,
    verifying: bool,
    /// Crates compiled for the running check's dependencies, and the latest.
    building: Option<(usize, String)>,
    tx: Sender<Event>,
    term: Term,
    keys: Keys,
    /// The terminal's own mode, for the editor.
    saved: Option<libc::termios>,
    /// The first line shown of a page.
    page_top: usize,
    trace: Option<std::fs::File>,
}

/// Restores the terminal however watch mode ends: a return, a panic, or a
/// signal (SIGTERM, SIGHUP, SIGINT; see [`crate::signals`]).
struct TerminalGuard {
    saved: Option<libc::termios>,
    term: Term,
    _on_signal: crate::signals::HookGuard,
}

impl TerminalGuard {
    /// Call before anything switches the terminal to raw mode (the key
    /// reader does, while it waits for a key): the mode read here is the one
    /// restored.
    fn new(term: &Term) -> TerminalGuard {
        // SAFETY: tcgetattr fills the termios we own; failure leaves None.
        let saved = unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            (libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0).then_some(t)
        };
        quiet(saved);
        let _ = term.hide_cursor();
        let copy = term.clone();
        let _on_signal = crate::signals::on_exit(move || restore(saved, &copy));
        TerminalGuard { saved, term: term.clone(), _on_signal }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore(self.saved, &self.term);
    }
}

/// Between keys, too, the terminal delivers each key at once and echoes
/// nothing (the key reader waits for input with `poll`, which a canonical
/// terminal would hold until Enter), and Ctrl-C is a key, not SIGINT.
fn quiet(saved: Option<libc::termios>) {
    if let Some(mut t) = saved {
        t.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG);
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        // SAFETY: sets attributes on stdin from a termios we own.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &t);
        }
    }
}

fn restore(saved: Option<libc::termios>, term: &Term) {
    if let Some(t) = saved {
        // SAFETY: restores attributes read by tcgetattr.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &t);
        }
    }
    let _ = term.show_cursor();
}

pub fn run(app: App) -> Result<ExitCode> {
    let term = Term::stdout();
    if !term.is_term() || !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        bail!("watch mode needs a terminal; without one, use `{}`", crate::invocation::command("run"));
    }
    let (tx, rx) = unbounded();
    let exercises = app.root().join("exercises");
    let file_tx = tx.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reads (ours included) raise access events: only changes count.
        if let Ok(event) = res
            && is_change(&event.kind)
        {
            let _ = file_tx.send(Event::Files(event.paths));
        }
    })
    .context("cannot start watching files")?;
    watcher
        .watch(&exercises, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", exercises.display()))?;
    // Another lockstep (a `reset` from the CLI, a second watcher) may change
    // the progress: watch its folder, and reload it when it changes.
    let progress = app.root().join(crate::state::DIR);
    if std::fs::create_dir_all(&progress).is_ok() {
        let _ = watcher.watch(&progress, RecursiveMode::NonRecursive);
    }
    let guard = TerminalGuard::new(&term);
    // Ctrl-C arrives as a key in raw mode; between keys, SIGINT is handled
    // like SIGTERM (see `crate::signals`).
    let keys = Keys::spawn(term.clone(), tx.clone())?;
    let resize_tx = tx.clone();
    crate::resize::watch(move || resize_tx.send(Event::Resized).is_ok());
    let trace = std::env::var_os("LOCKSTEP_TRACE")
        .and_then(|p| std::fs::OpenOptions::new().create(true).append(true).open(p).ok());
    let index = app.current_index();
    let mut w = Watch {
        app,
        index,
        verdict: None,
        checking: None,
        generation: 0,
        checked_text: None,
        mode: Mode::Main,
        hints: 0,
        notice: None,
        scroll: 0,
        list_top: 0,
        page: 1,
        show_hint: false,
        celebration: None,
        verifying: false,
        building: None,
        tx,
        term,
        keys,
        saved: guard.saved,
        page_top: 0,
        trace,
    };
    w.start_check();
    w.render();
    let code = w.event_loop(&rx);
    w.stop_check(&rx);
    let _ = w.term.clear_screen();
    match w.app.unsaved() {
        None => println!("Bye! Your progress is saved; `{}` picks up where you left off.", crate::invocation::bare()),
        Some(why) => println!("Bye! Your latest progress was NOT saved: {why}"),
    }
    code
}

/// Does this event change a file's content or existence? Editors save by
/// writing in place, by renaming a temp file over it, or by deleting and
/// recreating it; all of these raise one of these kinds.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The key reader: a thread that waits for input with `poll`, so that it
/// can be paused while an editor owns the terminal.
struct Keys {
    wake: std::os::fd::OwnedFd,
    paused: Receiver<()>,
    resume: Sender<()>,
}

impl Keys {
    fn spawn(term: Term, tx: Sender<Event>) -> Result<Keys> {
        let mut fds = [0; 2];
        // SAFETY: pipe fills two descriptors that we then own.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return Err(std::io::Error::last_os_error()).context("cannot create the key reader's pipe");
        }
        // SAFETY: both descriptors were just created and are owned here only.
        let (wake_rx, wake) = unsafe {
            use std::os::fd::FromRawFd;
            (std::os::fd::OwnedFd::from_raw_fd(fds[0]), std::os::fd::OwnedFd::from_raw_fd(fds[1]))
        };
        let (paused_tx, paused) = unbounded();
        let (resume, resume_rx) = unbounded::<()>();
        std::thread::spawn(move || {
            use std::os::fd::AsRawFd;
            let mut polls = [
                libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: wake_rx.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            ];
            loop {
                // SAFETY: polls two descriptors that stay open in this thread.
                if unsafe { libc::poll(polls.as_mut_ptr(), 2, -1) } < 0 {
                    if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                        continue;
                    }
                    let _ = tx.send(Event::KeysClosed);
                    return;
                }
                if polls[1].revents != 0 {
                    let mut byte = 0u8;
                    // SAFETY: reads one byte into a local.
                    unsafe { libc::read(wake_rx.as_raw_fd(), (&raw mut byte).cast(), 1) };
                    // Hand the terminal over until told to take it back.
                    if paused_tx.send(()).is_err() || resume_rx.recv().is_err() {
                        return;
                    }
                    continue;
                }
                match term.read_key_raw() {
                    Ok(key) => {
                        if tx.send(Event::Key(key)).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Event::KeysClosed);
                        return;
                    }
                }
            }
        });
        Ok(Keys { wake, paused, resume })
    }

    /// Stops reading keys; returns once the reader no longer reads.
    fn pause(&self) {
        use std::os::fd::AsRawFd;
        let byte = 1u8;
        // SAFETY: writes one byte from a local to our pipe.
        unsafe { libc::write(self.wake.as_raw_fd(), (&raw const byte).cast(), 1) };
        let _ = self.paused.recv();
    }

    fn resume(&self) {
        let _ = self.resume.send(());
    }
}

fn now_ns() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

impl Watch {
    fn trace(&mut self, what: &str) {
        if let Some(f) = &mut self.trace {
            let _ = writeln!(f, "{} {what}", now_ns());
        }
    }

    fn event_loop(&mut self, rx: &Receiver<Event>) -> Result<ExitCode> {
        for event in rx {
            match event {
                Event::Key(key) => {
                    if !self.on_key(key)? {
                        return Ok(ExitCode::SUCCESS);
                    }
                }
                Event::KeysClosed => return Ok(ExitCode::SUCCESS),
                Event::Files(paths) => {
                    let state = crate::state::State::path(self.app.root());
                    if paths.contains(&state) && self.app.reload() {
                        self.trace("state reloaded");
                        self.render();
                    }
                    let mine = self.app.root().join(&self.app.course.exercises[self.index].path);
                    if paths.contains(&mine) {
                        self.trace("save");
                        if self.start_check_if_changed() {
                            self.render();
                        }
                    }
                    continue;
                }
                Event::Checked { generation, result } => {
                    if generation != self.generation {
                        // A superseded check: it returns once its processes are gone.
                        let how = match &result {
                            Ok(None) => "cancelled",
                            Ok(Some(v)) => v.kind.word(),
                            Err(_) => "error",
                        };
                        self.trace(&format!("superseded {generation} {how}"));
                        continue;
                    }
                    self.checking = None;
                    self.on_verdict(result);
                }
                Event::Verified(result) => {
                    self.verifying = false;
                    self.say(match result {
                        Ok(results) => verify_summary(&results),
                        Err(e) => format!("re-checking failed: {e:#}"),
                    });
                }
                Event::Resized => {}
                Event::Built { generation, unit } => {
                    if generation == self.generation {
                        let count = self.building.as_ref().map_or(0, |b| b.0);
                        self.building = Some((count + 1, unit));
                    }
                }
            }
            self.render();
        }
        Ok(ExitCode::SUCCESS)
    }

    fn current_text(&self) -> Option<Vec<u8>> {
        std::fs::read(self.app.root().join(&self.app.course.exercises[self.index].path)).ok()
    }

    /// Starts a check if the file's text differs from what was last checked
    /// (editors touch files in several steps; a missing file is mid-save).
    fn start_check_if_changed(&mut self) -> bool {
        let text = self.current_text();
        if text.is_none() || text == self.checked_text {
            return false;
        }
        self.start_check_of(text);
        true
    }

    fn start_check(&mut self) {
        let text = self.current_text();
        self.start_check_of(text);
    }

    /// Starts checking the file, whose text is now `text`.
    fn start_check_of(&mut self, text: Option<Vec<u8>>) {
        self.checked_text = text;
        self.celebration = None;
        self.building = None;
        self.checking = None; // cancels the running check, if any
        self.generation += 1;
        self.trace(&format!("start {}", self.generation));
        let (handle, cancel) = Cancel::new();
        self.checking = Some(handle);
        let (generation, tx) = (self.generation, self.tx.clone());
        let (runner, ex) = (self.app.runner.clone(), self.app.course.exercises[self.index].clone());
        std::thread::spawn(move || {
            // The first exercise of a feature set (a model checker) builds
            // its dependencies first: say so, crate by crate.
            let built = |unit: &str| {
                let _ = tx.send(Event::Built { generation, unit: unit.to_string() });
            };
            let result = ex
                .models()
                .try_for_each(|m| runner.prepare(Subject::Learner, m, &built))
                .and_then(|()| runner.check(&ex, Subject::Learner, &cancel));
            let _ = tx.send(Event::Checked { generation, result });
        });
    }

    /// Cancels a running check and waits until its processes are gone.
    fn stop_check(&mut self, rx: &Receiver<Event>) {
        if self.checking.take().is_none() {
            return;
        }
        let deadline = crossbeam_channel::after(Duration::from_secs(5));
        loop {
            crossbeam_channel::select! {
                recv(rx) -> ev => match ev {
                    Ok(Event::Checked { generation, .. }) if generation == self.generation => return,
                    Ok(_) => {}
                    Err(_) => return,
                },
                recv(deadline) -> _ => return,
            }
        }
    }

    fn on_verdict(&mut self, result: Result<Option<Verdict>>) {
        let verdict = match result {
            Ok(Some(v)) => v,
            Ok(None) => return,
            Err(e) => {
                self.say(format!("the check could not run: {e:#}"));
                return;
            }
        };
        self.trace(&format!("verdict {}", verdict.kind.word()));
        let name = self.app.course.exercises[self.index].name.clone();
        let rec = self.app.record(&name, &verdict, Timestamp::now());
        if rec.course_done {
            // The finish line: the learner's whole course, in place of the verdict.
            self.celebration = Some("🎓 You finished lockstep! t shows your course again.".into());
            self.page_top = 0;
            self.mode = Mode::Page(Page::Stats);
        } else if rec.first_solve {
            let next = if self.index + 1 < self.app.course.exercises.len() {
                "Press n for the next exercise."
            } else if self.app.course_complete() {
                "That was the last exercise of the course."
            } else {
                "That was the last exercise of the course so far. Well done!"
            };
            self.celebration = Some(match rec.day_done {
                Some(day) => format!("🎉 Day {day} complete! {next}"),
                None => format!("Solved! {next}"),
            });
        }
        if rec.locked {
            self.say("It passes, but it is not recorded: an exercise before it is no longer done.");
        }
        if self.verdict.as_ref().is_none_or(|v| v.kind != verdict.kind || v.title != verdict.title) {
            self.scroll = 0;
        }
        self.verdict = Some(verdict);
    }

    /// Handles a key; false means quit.
    fn on_key(&mut self, key: Key) -> Result<bool> {
        if matches!(key, Key::CtrlC | Key::Char('q')) {
            return Ok(false);
        }
        self.notice = None;
        match self.mode {
            Mode::ConfirmReset => {
                self.mode = Mode::Main;
                if matches!(key, Key::Char('y') | Key::Char('Y')) {
                    let ex = self.app.course.exercises[self.index].clone();
                    let said = match self.app.reset(&ex.name) {
                        Ok(Some(backup)) => {
                            let shown = backup.strip_prefix(self.app.root()).unwrap_or(&backup).to_path_buf();
                            format!("Restored the original. Your version is saved in {}", shown.display())
                        }
                        Ok(None) => "The file already had its original text.".into(),
                        Err(e) => format!("reset failed: {e:#}"),
                    };
                    // Said after the check starts: it is about the reset.
                    self.start_check_if_changed();
                    self.say(said);
                } else {
                    self.say("Reset cancelled.");
                }
            }
            Mode::List { cursor } => match key {
                Key::ArrowUp | Key::Char('k') => self.mode = Mode::List { cursor: cursor.saturating_sub(1) },
                Key::ArrowDown | Key::Char('j') => self.mode = Mode::List { cursor: self.last_row().min(cursor + 1) },
                Key::PageUp => self.mode = Mode::List { cursor: cursor.saturating_sub(self.page) },
                Key::PageDown => self.mode = Mode::List { cursor: self.last_row().min(cursor + self.page) },
                Key::Home => self.mode = Mode::List { cursor: 0 },
                Key::End => self.mode = Mode::List { cursor: self.last_row() },
                Key::Enter => {
                    if self.app.may_open(cursor) {
                        self.mode = Mode::Main;
                        self.open(cursor)?;
                    } else {
                        self.say("That one opens once the exercises before it pass.");
                    }
                }
                Key::Escape | Key::Char('l') => self.mode = Mode::Main,
                _ => {}
            },
            Mode::Page(page) => match key {
                Key::ArrowUp | Key::Char('k') => self.page_top = self.page_top.saturating_sub(1),
                Key::ArrowDown | Key::Char('j') => self.page_top += 1,
                Key::PageUp => self.page_top = self.page_top.saturating_sub(self.page),
                Key::PageDown => self.page_top += self.page,
                Key::Home => self.page_top = 0,
                Key::End => self.page_top = usize::MAX,
                Key::Char('s') if page == Page::Solution => self.mode = Mode::Main,
                Key::Char('t') if page == Page::Stats => self.mode = Mode::Main,
                Key::Escape => self.mode = Mode::Main,
                _ => {}
            },
            Mode::Main => match key {
                Key::Char('e') => self.edit(),
                Key::Char('s') => {
                    let name = &self.app.course.exercises[self.index].name;
                    if self.app.state.is_done(name) {
                        self.page_top = 0;
                        self.mode = Mode::Page(Page::Solution);
                    } else {
                        self.say("The reference solution opens once your version passes.");
                    }
                }
                Key::Char('t') => {
                    self.page_top = 0;
                    self.mode = Mode::Page(Page::Stats);
                }
                Key::Char('h') => self.next_hint(),
                Key::Char('x') => self.mode = Mode::ConfirmReset,
                Key::Char('n') => self.next()?,
                Key::Char('l') => {
                    self.mode = Mode::List { cursor: self.index };
                }
                Key::Char('c') => self.verify_all(),
                Key::Char('r') => self.start_check(),
                Key::ArrowUp | Key::Char('k') => self.scroll = self.scroll.saturating_sub(1),
                Key::ArrowDown | Key::Char('j') => self.scroll += 1,
                Key::PageUp => self.scroll = self.scroll.saturating_sub(self.page),
                Key::PageDown => self.scroll += self.page,
                Key::Home => self.scroll = 0,
                Key::End => self.scroll = usize::MAX,
                _ => {}
            },
        }
        Ok(true)
    }

    /// Opens the exercise in the learner's editor, at the line the verdict
    /// names, and takes the terminal back afterwards.
    fn edit(&mut self) {
        let ex = &self.app.course.exercises[self.index];
        let file = self.app.root().join(&ex.path);
        let path = ex.path.to_string_lossy().into_owned();
        let line = self.verdict.as_ref().and_then(|v| {
            let text = format!("{}\n{}", v.message, v.output);
            crate::links::locations(&text).into_iter().find(|l| l.path == path).map(|l| l.line)
        });
        let mut cmd = match crate::editor::command(&file, line) {
            Ok(cmd) => cmd,
            Err(e) => return self.say(format!("{e:#}")),
        };
        self.keys.pause();
        restore(self.saved, &self.term);
        let _ = self.term.clear_screen();
        let status = cmd.status();
        quiet(self.saved);
        let _ = self.term.hide_cursor();
        self.keys.resume();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => self.say(format!("the editor ended with {s}")),
            Err(e) => self.say(format!("cannot start the editor {:?}: {e}", cmd.get_program())),
        }
    }

    fn next_hint(&mut self) {
        let name = self.app.course.exercises[self.index].name.clone();
        let total = self.app.course.exercises[self.index].hints.len();
        if self.hints >= total {
            self.say("That was the last hint tier.");
            self.show_hint = true;
            return;
        }
        match self.app.hint(&name, Some(self.hints + 1)) {
            Ok((tier, _, _)) => {
                self.hints = tier;
                self.show_hint = true;
            }
            Err(e) => self.say(format!("{e:#}")),
        }
    }

    fn next(&mut self) -> Result<()> {
        let ex = &self.app.course.exercises[self.index];
        // A stretch exercise may be skipped.
        if !self.app.state.is_done(&ex.name) && !ex.stretch {
            self.say("Make this exercise pass first; then n opens the next one.");
            return Ok(());
        }
        if self.index + 1 >= self.app.course.exercises.len() {
            self.say(if self.app.course.fully_written() {
                "This is the last exercise of the course: t shows your whole course."
            } else {
                "This is the last exercise so far."
            });
            return Ok(());
        }
        self.open(self.index + 1)
    }

    fn open(&mut self, index: usize) -> Result<()> {
        self.app.set_current(index)?;
        self.index = index;
        self.verdict = None;
        self.hints = 0;
        self.notice = None;
        self.scroll = 0;
        self.start_check();
        Ok(())
    }

    fn verify_all(&mut self) {
        if self.verifying {
            return;
        }
        let done: Vec<_> =
            self.app.course.exercises.iter().filter(|e| self.app.state.is_done(&e.name)).cloned().collect();
        if done.is_empty() {
            self.say("Nothing to re-check yet: no exercise is done.");
            return;
        }
        self.verifying = true;
        self.say(format!("re-checking {} done exercise(s)…", done.len()));
        let (runner, tx) = (self.app.runner.clone(), self.tx.clone());
        std::thread::spawn(move || {
            let refs: Vec<_> = done.iter().collect();
            let result = crate::verify::check_all(&runner, &refs, &|_| {})
                .map(|vs| done.iter().map(|e| e.name.clone()).zip(vs).collect());
            let _ = tx.send(Event::Verified(result));
        });
    }

    fn say(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), generation: self.generation });
    }

    fn last_row(&self) -> usize {
        self.app.course.exercises.len() - 1
    }

    /// The body below the header: a headline that stays in view, the lines
    /// that scroll, and the line to bring into view, if any.
    fn body(&mut self, width: usize) -> (Option<String>, Vec<String>, Option<usize>) {
        let ex = &self.app.course.exercises[self.index];
        if let Mode::List { cursor } = self.mode {
            let list = views::list(&self.app, Some(cursor));
            let mut lines = list.lines().map(|l| console::truncate_str(l, width, "…").into_owned());
            let headline = lines.next();
            // The column names stay with the headline.
            let columns = lines.by_ref().find(|l| !l.trim().is_empty());
            let headline = headline.map(|h| format!("{h}\n{}", columns.unwrap_or_default()));
            let rows: Vec<String> = lines.collect();
            let at = cursor.min(rows.len().saturating_sub(1));
            return (headline, rows, Some(at));
        }
        if let Mode::Page(page) = self.mode {
            let text = match page {
                Page::Solution => match self.app.solution(&ex.name) {
                    Ok(code) => format!("{}\n{code}", style(format!("The reference solution of {}", ex.name)).bold()),
                    Err(e) => format!("{e:#}"),
                },
                // Word-wrapped below its headline: a narrow terminal breaks
                // it between words.
                Page::Stats => {
                    let text = views::stats(&self.app, Timestamp::now(), 20);
                    let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
                    format!("{head}\n{}", views::wrap(rest, width))
                }
            };
            let mut lines = text.lines().map(str::to_string);
            return (lines.next(), lines.collect(), None);
        }
        let mut text = match (&self.verdict, &self.checking) {
            (_, Some(_)) => match &self.building {
                None => format!("{}\n", style("⟳ checking…").cyan()),
                Some((n, unit)) => format!(
                    "{}\n",
                    style(format!("⟳ building the checks' dependencies (once): {n} crates · {unit}")).cyan()
                ),
            },
            (Some(v), None) => views::verdict(v, Some(width), self.app.root()),
            (None, None) => String::new(),
        };
        if self.checking.is_some()
            && let Some(v) = &self.verdict
        {
            text.push_str(&format!(
                "\n{}\n{}",
                style("(previous verdict)").dim(),
                views::verdict(v, Some(width), self.app.root())
            ));
        }
        let mut lines = text.lines().map(str::to_string);
        let headline = lines.next();
        // A blank row already separates the headline from the rest.
        let mut lines: Vec<String> = lines.skip_while(|l| l.trim().is_empty()).collect();
        let mut latest_hint = None;
        for tier in 1..=self.hints {
            lines.push(String::new());
            latest_hint = Some(lines.len());
            lines.push(format!(
                "{} {}",
                style(format!("Hint {tier} of {}:", ex.hints.len())).cyan().bold(),
                ["(a nudge)", "(the idea)", "(the shape of the code)"].get(tier - 1).unwrap_or(&"")
            ));
            lines.extend(views::wrap(&ex.hints[tier - 1], width).lines().map(str::to_string));
        }
        let focus = if std::mem::take(&mut self.show_hint) { latest_hint } else { None };
        (headline, lines, focus)
    }

    /// Draws the screen to fit the terminal: the header, the headline and
    /// the key line always show; the body scrolls between them.
    fn render(&mut self) {
        let now = Timestamp::now();
        let (height, width) = self.term.size();
        let (height, width) = (height as usize, (width as usize).max(20));
        let ex = &self.app.course.exercises[self.index];
        let (course, exercise) = views::header_parts(&self.app, ex, now, width);
        let mut top = crate::screen::fit_parts(&course, "  ", width);
        top.extend(crate::screen::fit_parts(&exercise, "  ", width));
        let (headline, body, focus) = self.body(width);
        if let Some(h) = headline {
            top.push(String::new());
            top.extend(h.lines().map(|l| console::truncate_str(l, width, "…").into_owned()));
        }

        let mut bottom: Vec<String> = Vec::new();
        let mut say = |text: &str, styled: fn(console::StyledObject<String>) -> console::StyledObject<String>| {
            for l in views::wrap(text, width).lines() {
                bottom.push(styled(style(l.to_string())).to_string());
            }
        };
        if let (Some(c), Mode::Main) = (&self.celebration, self.mode) {
            say(c, |s| s.green().bold());
        }
        // Until a save succeeds, every screen says progress is not saved.
        if let Some(why) = self.app.unsaved() {
            say(&format!("Your progress is NOT saved: {why}"), |s| s.red().bold());
        }
        if let Some(n) = self.notice.as_ref().filter(|n| n.generation == self.generation) {
            say(&n.text, |s| s.yellow().bold());
        }
        let keys: &[&str] = match self.mode {
            Mode::ConfirmReset => {
                &["Reset this exercise to its original text?", "Your version is kept in a backup.", "[y/N]"]
            }
            Mode::List { .. } => &["↑/↓ choose", "Enter open", "Esc back", "q quit"],
            Mode::Page(_) => &["↑/↓ PgUp/PgDn scroll", "Esc back", "q quit"],
            Mode::Main => &[
                "h hint",
                "e edit",
                "x reset",
                "n next",
                "l list",
                "s solution",
                "t stats",
                "c re-check all",
                "r re-run",
                "↑/↓ PgUp/PgDn scroll",
                "q quit",
            ],
        };
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let (sep, bold) = if self.mode == Mode::ConfirmReset { (" ", true) } else { (" · ", false) };
        for l in crate::screen::fit_parts(&keys, sep, width) {
            bottom.push(if bold { style(l).bold().to_string() } else { style(l).dim().to_string() });
        }

        // Rows left for the body: a blank row on each side of it.
        let fixed: usize = top.iter().chain(&bottom).map(|l| crate::screen::rows(l, width)).sum();
        let room = height.saturating_sub(fixed + 2).max(1);
        let lines: Vec<&str> = body.iter().map(String::as_str).collect();
        let scroll = match self.mode {
            Mode::List { .. } => &mut self.list_top,
            Mode::Page(_) => &mut self.page_top,
            _ => &mut self.scroll,
        };
        match (focus, self.mode) {
            // The list keeps its cursor in view; a new hint starts the window.
            (Some(at), Mode::List { .. }) => {
                *scroll = crate::screen::follow(*scroll, at, room.saturating_sub(1).max(1))
            }
            (Some(at), _) => *scroll = at,
            _ => {}
        }
        let mut win = crate::screen::window(&lines, *scroll, room, width);
        if win.above + win.below > 0 {
            // One row says where the window is.
            win = crate::screen::window(&lines, *scroll, room.saturating_sub(1).max(1), width);
        }
        *scroll = win.top;
        self.page = room.saturating_sub(2).max(1);

        let mut screen = top.join("\n");
        screen.push('\n');
        for l in &win.shown {
            screen.push('\n');
            screen.push_str(l);
        }
        if win.above + win.below > 0 {
            let mut at = Vec::new();
            if win.above > 0 {
                at.push(format!("↑ {} more", win.above));
            }
            if win.below > 0 {
                at.push(format!("↓ {} more", win.below));
            }
            let hint = if matches!(self.mode, Mode::List { .. }) { "" } else { " (↑/↓ j/k PgUp/PgDn)" };
            let line = console::truncate_str(&format!("{}{hint}", at.join(" · ")), width, "…").into_owned();
            screen.push_str(&format!("\n{}", style(line).dim()));
        }
        screen.push_str("\n\n");
        screen.push_str(&bottom.join("\n"));
        let screen = screen.replace('\n', "\r\n");
        let _ = self.term.clear_screen();
        let _ = self.term.write_str(&screen);
        let _ = self.term.flush();
    }
}

fn verify_summary(results: &[(String, Verdict)]) -> String {
    let failing: Vec<_> = results.iter().filter(|(_, v)| v.kind != Kind::Pass).collect();
    if failing.is_empty() {
        format!("Re-checked {} done exercise(s): all pass.", results.len())
    } else {
        let names: Vec<_> = failing.iter().map(|(n, v)| format!("{n} ({})", v.kind.word())).collect();
        format!("Re-checked {}: {} fail now: {}", results.len(), failing.len(), names.join(", "))
    }
}
