//! Naming the learner's code in a verdict: the line of each function of the
//! file under test that a check's message names. A `wrong` verdict then
//! points at the code involved, as a deadlock or a leak does.

/// The file under test as lockstep named it (relative to the course, where
/// checks run), and its text.
fn file_under_test() -> Option<(String, String)> {
    let path = crate::harness::file_under_test()?;
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}

/// Every `fn NAME` of `text`, with its line (1-based), in file order.
fn fns(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut words = code.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty());
        while let Some(w) = words.next() {
            if w == "fn"
                && let Some(name) = words.next()
            {
                out.push((name.to_string(), i + 1));
            }
        }
    }
    out
}

/// Does `message` name `name` as a word followed by `(` or `` ` ``?
fn names(message: &str, name: &str) -> bool {
    message.match_indices(name).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && matches!(after, Some('(' | '`' | ':' | ' ' | ',' | '.' | '\n') | None)
    })
}

/// `fn` lines of the learner's file that `message` names, unless it already
/// shows a line of that file. A message that names none of them is about
/// what the file's `pub fn`s (the functions the checks call) did: those.
/// Where two types have a method of one name, the type the message names
/// picks it (`Lru::put`, not `Sharded::put`).
pub fn named_in(message: &str) -> Vec<String> {
    let Some((path, text)) = file_under_test() else { return Vec::new() };
    if message.contains(&format!("{path}:")) {
        return Vec::new();
    }
    let all = fns(&text);
    let mut wanted: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).filter(|n| names(message, n)).collect();
    if wanted.is_empty() {
        wanted = pub_fns(&text);
    }
    let owned: Vec<(&str, usize, Option<String>)> =
        all.iter().map(|(n, l)| (n.as_str(), *l, owner_of(&text, *l))).collect();
    let mentioned = |o: &Option<String>| o.as_deref().is_some_and(|o| names(message, o));
    // In file order: each wanted function; of methods that share a name, the
    // ones whose type the message names, if it names any.
    owned
        .iter()
        .filter(|(n, _, owner)| {
            let same = || owned.iter().filter(move |(m, _, _)| m == n);
            wanted.contains(n) && (mentioned(owner) || !same().any(|(_, _, o)| mentioned(o)))
        })
        .map(|(n, line, owner)| {
            let shared = owned.iter().filter(|(m, _, _)| m == n).count() > 1;
            let label = match owner {
                Some(o) if shared => format!("{o}::{n}"),
                _ => n.to_string(),
            };
            format!("`fn {label}` at {path}:{line}")
        })
        .collect()
}

/// The type whose `impl` block holds line `line` (1-based) of `text`.
fn owner_of(text: &str, line: usize) -> Option<String> {
    let mut owner = None;
    for l in text.lines().take(line) {
        if l.starts_with('}') {
            owner = None;
        }
        let code = l.split("//").next().unwrap_or("");
        if let Some(rest) = code.strip_prefix("impl") {
            owner = impl_type(rest);
        }
    }
    owner
}

/// `Lru` of `<V: Clone> Lru<V> {` or of `Drop for Lru<V> {`.
fn impl_type(rest: &str) -> Option<String> {
    let mut rest = match rest.find(" for ") {
        Some(i) => &rest[i + 5..],
        None => rest,
    };
    if let Some(r) = rest.strip_prefix('<') {
        let mut depth = 1;
        let end = r.char_indices().find_map(|(i, c)| {
            depth += match c {
                '<' => 1,
                '>' => -1,
                _ => 0,
            };
            (depth == 0).then_some(i)
        })?;
        rest = &r[end + 1..];
    }
    let name: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// The names of the `pub fn`s of `text` (`pub async fn` and `pub(crate) fn`
/// too).
fn pub_fns(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("pub"))
        .filter_map(|l| {
            let mut words = l.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty());
            words.find(|w| *w == "fn")?;
            words.next()
        })
        .collect()
}

/// The lines of the learner's functions `wanted`.
pub fn of_fns(wanted: &[&str]) -> Vec<String> {
    let Some((path, text)) = file_under_test() else { return Vec::new() };
    lines_of(&path, &fns(&text), wanted)
}

fn lines_of(path: &str, all: &[(String, usize)], wanted: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (name, line) in all {
        let entry = format!("`fn {name}` at {path}:{line}");
        if wanted.contains(&name.as_str()) && !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

/// The lines of the learner's file that spawn a task (`tokio::spawn(..)`,
/// `set.spawn(..)`, `map(tokio::spawn)`, `spawn_local`), as `file:line`.
/// tokio tells a task's spawn site only to builds with `tokio_unstable`, so
/// a leaked task is traced to these: where the file can have started it.
pub fn spawn_sites() -> Vec<String> {
    let Some((path, text)) = file_under_test() else { return Vec::new() };
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            // `spawn` as a word: called (`tokio::spawn(job)`) or passed (`map(tokio::spawn)`).
            code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| matches!(w, "spawn" | "spawn_local" | "spawn_blocking"))
        })
        .map(|(i, _)| format!("{path}:{}", i + 1))
        .collect()
}

/// `message`, and a line naming the learner's code in `lines` (none: as is).
pub fn append(message: String, lines: &[String]) -> String {
    if lines.is_empty() || lines.iter().all(|l| message.contains(l.as_str())) {
        return message;
    }
    format!("{message}\n\nThe code involved: {}.", lines.join(", "))
}

/// Puts the "The code involved: ..." line last, after what a check added to
/// the message once the line was appended.
pub fn involved_last(message: String) -> String {
    const MARK: &str = "\n\nThe code involved: ";
    let Some(at) = message.find(MARK) else { return message };
    let end = message[at + 2..].find('\n').map_or(message.len(), |e| at + 2 + e);
    if end == message.len() {
        return message;
    }
    let line = message[at + 2..end].to_string();
    let rest = format!("{}{}", &message[..at], &message[end..]);
    format!("{}\n\n{line}", rest.trim_end())
}

#[cfg(test)]
mod owner_tests {
    const FILE: &str = "pub struct Lru;\nimpl<V: Clone> Lru<V> {\n    pub fn put(&mut self) {}\n}\n\nimpl Sharded {\n    pub fn put(&self) {}\n}\nfn free() {}\n";

    #[test]
    fn a_method_is_known_by_its_type() {
        assert_eq!(super::owner_of(FILE, 3).as_deref(), Some("Lru"));
        assert_eq!(super::owner_of(FILE, 7).as_deref(), Some("Sharded"));
        assert_eq!(super::owner_of(FILE, 9), None);
        assert_eq!(super::impl_type(" Drop for Guard<'_, T> {").as_deref(), Some("Guard"));
    }

    #[test]
    fn the_type_a_message_names_picks_the_method() {
        let dir = std::env::temp_dir().join(format!("lockstep-owner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("x.rs");
        std::fs::write(&file, FILE).unwrap();
        crate::harness::set_test_file(&file.display().to_string());
        let f = file.display().to_string();
        assert_eq!(super::named_in("On an Lru::new(3): put(\"d\") returned None"), [format!("`fn Lru::put` at {f}:3")]);
        assert_eq!(
            super::named_in("put(\"d\") returned None"),
            [format!("`fn Lru::put` at {f}:3"), format!("`fn Sharded::put` at {f}:7")]
        );
        assert_eq!(super::named_in("free() returned"), [format!("`fn free` at {f}:9")]);
    }
}

#[cfg(test)]
mod involved_tests {
    #[test]
    fn the_code_involved_comes_last() {
        let m = "Wrong.\n\nThe code involved: `fn f` at x.rs:3.\nWhy: look again.".to_string();
        assert_eq!(super::involved_last(m), "Wrong.\nWhy: look again.\n\nThe code involved: `fn f` at x.rs:3.");
        let m = "Wrong.\n\nThe code involved: `fn f` at x.rs:3.".to_string();
        assert_eq!(super::involved_last(m.clone()), m);
    }
}

#[cfg(test)]
mod spawn_tests {
    #[test]
    fn spawn_sites_are_the_lines_that_spawn_a_task() {
        let dir = std::env::temp_dir().join(format!("lockstep-spawn-sites-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("x.rs");
        std::fs::write(
            &file,
            "// tokio::spawn(x) in a comment\nlet a = tokio::spawn(job());\nset.spawn(job());\nrespawn(1);\nv.map(tokio::spawn);\n",
        )
        .unwrap();
        crate::harness::set_test_file(&file.display().to_string());
        let sites = super::spawn_sites();
        let f = file.display().to_string();
        assert_eq!(sites, [format!("{f}:2"), format!("{f}:3"), format!("{f}:5")]);
    }
}

#[cfg(test)]
mod tests {
    const FILE: &str = "use checker::thread;\n\n// fn not_me() in a comment\npub fn run_workers(names: &[&str]) -> Vec<u32> {\n    helper()\n}\n\nfn helper() -> Vec<u32> { vec![] }\n";

    #[test]
    fn finds_each_fn_and_its_line() {
        let fns = super::fns(FILE);
        assert_eq!(fns, vec![("run_workers".to_string(), 4), ("helper".to_string(), 8)]);
    }

    #[test]
    fn the_pub_fns_are_what_the_checks_call() {
        assert_eq!(super::pub_fns(FILE), vec!["run_workers"]);
        let more = "pub async fn throttle(x: u32) {}\npub(crate) fn inner() {}\npub struct S;\n";
        assert_eq!(super::pub_fns(more), vec!["throttle", "inner"]);
    }

    #[test]
    fn a_message_names_a_function_as_a_word() {
        assert!(super::names("run_workers([\"a\"], work) returned [1]", "run_workers"));
        assert!(super::names("`helper` counted twice", "helper"));
        assert!(!super::names("my_helper() returned", "helper"));
        assert!(!super::names("the helpers", "helper"));
    }

    #[test]
    fn the_lines_of_the_named_functions_are_appended_once() {
        let all = super::fns(FILE);
        let lines = super::lines_of("exercises/day02_x.rs", &all, &["run_workers"]);
        assert_eq!(lines, vec!["`fn run_workers` at exercises/day02_x.rs:4".to_string()]);
        let once = super::append("wrong".into(), &lines);
        assert_eq!(once, "wrong\n\nThe code involved: `fn run_workers` at exercises/day02_x.rs:4.");
        assert_eq!(super::append(once.clone(), &lines), once);
    }
}
