//! What each modelled thread did, in order, for the current execution.
//! Shuttle and loom run every thread of an execution on the caller's OS
//! thread, so the log is thread-local: parallel test threads keep their own.

use std::cell::RefCell;
use std::panic::Location;

#[derive(Clone, Debug)]
pub struct Op {
    pub thread: String,
    pub what: String,
    pub at: &'static Location<'static>,
}

/// The most steps kept: a loop that never ends (a spin) would fill memory.
const KEEP: usize = 400;

#[derive(Default)]
struct Log {
    /// The last [`KEEP`] steps.
    ops: std::collections::VecDeque<Op>,
    /// How many earlier steps were let go.
    dropped: usize,
    /// The thread that runs the scenario.
    main: Option<String>,
    /// Other unnamed threads, in order of first appearance.
    tasks: Vec<String>,
    /// Named threads (id, name), in order of first appearance.
    named: Vec<(String, String)>,
    /// Where each thread waits right now (for a deadlock report).
    waiting: Vec<(String, String, &'static Location<'static>)>,
    /// The lock (its address) each waiting thread wants.
    wants: Vec<(String, usize)>,
    /// Each lock held now (its address), by whom, and where it was taken.
    held: Vec<(usize, String, &'static Location<'static>)>,
}

thread_local! {
    static LOG: RefCell<Log> = RefCell::new(Log::default());
}

/// A readable name for the running thread: "main" for the one running the
/// scenario, its name if it has one, else "thread 1", "thread 2", ... in the
/// order the threads first act.
pub fn me() -> String {
    let t = crate::model::backend::thread::current();
    let id = format!("{:?}", t.id());
    if LOG.with(|l| l.borrow().main.as_deref() == Some(id.as_str())) {
        return "main".to_string();
    }
    if let Some(name) = t.name() {
        // Two threads the check named alike (two calls of `id("x")`): the
        // second is `id("x") #2`, so an interleaving tells them apart.
        return LOG.with(|l| {
            let mut l = l.borrow_mut();
            let alike: Vec<&String> = l.named.iter().filter(|(_, n)| n == name).map(|(i, _)| i).collect();
            let k = alike.iter().position(|i| **i == id).unwrap_or(alike.len());
            if k == alike.len() {
                l.named.push((id, name.to_string()));
            }
            if k == 0 { name.to_string() } else { format!("{name} #{}", k + 1) }
        });
    }
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        let n = l.tasks.iter().position(|x| *x == id).unwrap_or_else(|| {
            l.tasks.push(id);
            l.tasks.len() - 1
        });
        format!("thread {}", n + 1)
    })
}

/// Starts a new execution, run by the calling thread.
pub fn clear() {
    let main = format!("{:?}", crate::model::backend::thread::current().id());
    LOG.with(|l| *l.borrow_mut() = Log { main: Some(main), ..Log::default() });
}

pub fn record(what: String, at: &'static Location<'static>) {
    let thread = me();
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        if l.ops.len() == KEEP {
            l.ops.pop_front();
            l.dropped += 1;
        }
        l.ops.push_back(Op { thread, what, at });
    });
}

/// The calling thread is about to block in `what` at `at`.
pub fn waits(what: &str, at: &'static Location<'static>) {
    let thread = me();
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        l.waiting.retain(|(t, _, _)| *t != thread);
        l.waiting.push((thread, what.to_string(), at));
    });
}

/// The calling thread no longer waits.
pub fn goes_on() {
    let thread = me();
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        l.waiting.retain(|(t, _, _)| *t != thread);
        l.wants.retain(|(t, _)| *t != thread);
    });
}

/// The calling thread is about to wait for the lock at address `lock`.
pub fn wants(lock: usize) {
    let thread = me();
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        l.wants.retain(|(t, _)| *t != thread);
        l.wants.push((thread, lock));
    });
}

/// The calling thread took the lock at address `lock`, at `at`.
pub fn holds(lock: usize, at: &'static Location<'static>) {
    let thread = me();
    LOG.with(|l| l.borrow_mut().held.push((lock, thread, at)));
}

/// The lock at address `lock` was let go (its guard dropped, or a wait began).
pub fn lets_go(lock: usize) {
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        if let Some(i) = l.held.iter().rposition(|(k, _, _)| *k == lock) {
            l.held.remove(i);
        }
    });
}

/// Who holds the lock `thread` waits for, and where they took it.
pub fn blocker(thread: &str) -> Option<(String, &'static Location<'static>)> {
    LOG.with(|l| {
        let l = l.borrow();
        let (_, lock) = l.wants.iter().find(|(t, _)| t == thread)?;
        l.held.iter().rev().find(|(k, _, _)| k == lock).map(|(_, t, at)| (t.clone(), *at))
    })
}

/// The lock a call at `at` takes, as the learner's code names it: the
/// receiver of the `.lock()` (or `.read()`, `.write()`) that `at` points at,
/// e.g. `self.shelf`. Read once per call site from the learner's file.
pub fn lock_name(at: &'static Location<'static>) -> Option<String> {
    thread_local! {
        static NAMES: RefCell<std::collections::HashMap<(usize, u32, u32), Option<String>>> =
            RefCell::new(std::collections::HashMap::new());
    }
    let key = (at.file().as_ptr() as usize, at.line(), at.column());
    if let Some(name) = NAMES.with(|n| n.borrow().get(&key).cloned()) {
        return name;
    }
    let name = if crate::harness::under_test(at.file()) {
        source(at.file()).and_then(|text| receiver(&text, at.line() as usize, at.column() as usize))
    } else {
        None
    };
    NAMES.with(|n| n.borrow_mut().insert(key, name.clone()));
    name
}

/// The text of `file` as the compiler named it: relative to the workspace,
/// which is the working directory of a check or one of its parents.
fn source(file: &str) -> Option<String> {
    let file = crate::harness::tidy_path(file);
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors().take(3).find_map(|dir| std::fs::read_to_string(dir.join(&file)).ok())
}

/// The receiver expression before the method call at `line`:`column`
/// (1-based, pointing at the method's name), if it reads as a path.
fn receiver(text: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let this = lines.get(line.checked_sub(1)?)?;
    let before: String = this.chars().take(column.saturating_sub(1)).collect();
    // A chained call split over lines: `self\n    .shelf\n    .lock()`.
    let mut joined = before.trim().to_string();
    let mut at = line - 1;
    while (joined.is_empty() || joined.starts_with('.')) && at > 0 && line - at < 4 {
        at -= 1;
        joined = format!("{}{joined}", lines[at].trim());
    }
    let joined = joined.strip_suffix('.')?;
    // Walk back over the receiver: names, fields, paths, indexing, calls.
    let chars: Vec<char> = joined.chars().collect();
    let mut depth = 0i32;
    let mut start = chars.len();
    while start > 0 {
        let c = chars[start - 1];
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == ':' => {}
            _ => break,
        }
        start -= 1;
    }
    let name: String = chars[start..].iter().collect();
    let name = name.trim_start_matches(['.', ':']);
    (!name.is_empty() && name.len() <= 40 && depth == 0).then(|| name.to_string())
}

pub fn ops() -> Vec<Op> {
    LOG.with(|l| l.borrow().ops.iter().cloned().collect())
}

/// How many steps came before the ones [`ops`] still has.
pub fn dropped() -> usize {
    LOG.with(|l| l.borrow().dropped)
}

pub fn waiting() -> Vec<(String, String, &'static Location<'static>)> {
    LOG.with(|l| l.borrow().waiting.clone())
}

#[cfg(test)]
mod tests {
    use super::receiver;

    #[test]
    fn a_lock_is_named_by_its_receiver() {
        let text = "let a = self.shelf.lock().unwrap();\nlet b = accounts[to.0].lock();\nlet c = self\n    .lent\n    .lock();\nx.lock()";
        assert_eq!(receiver(text, 1, 20).as_deref(), Some("self.shelf"));
        assert_eq!(receiver(text, 2, 24).as_deref(), Some("accounts[to.0]"));
        assert_eq!(receiver(text, 5, 6).as_deref(), Some("self.lent"));
        assert_eq!(receiver(text, 6, 3).as_deref(), Some("x"));
        // Nothing that reads as a receiver: no name.
        assert_eq!(receiver("lock()", 1, 1), None);
    }
}
