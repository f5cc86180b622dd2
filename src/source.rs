//! Reading the learner's source before it is built: uses of `std::thread` and
//! `std::sync` that the checks could not see.

/// Lines (1-based) that use `std::thread` or `std::sync` (other than `Arc`
/// and atomic `Ordering`, which are the same types in `checker::sync`), or
/// crossbeam's threads and `WaitGroup`: threads the checks could not see.
pub fn std_uses(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for (root, flagged) in [("std::", flagged_std as fn(&str) -> bool), ("crossbeam::", flagged_crossbeam)] {
            let mut rest = code;
            while let Some(at) = rest.find(root) {
                let after = &rest[at + root.len()..];
                // `std::a::b`, or a group: `std::{a, b::c}`, `std::sync::{Arc, Mutex}`.
                let path: String =
                    after.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
                let hit = match after[path.len()..].strip_prefix('{') {
                    Some(group) => group
                        .split('}')
                        .next()
                        .unwrap_or("")
                        .split(',')
                        .map(|item| format!("{path}{}", item.trim()))
                        .find(|full| flagged(full)),
                    None => flagged(&path).then_some(path),
                }
                .map(|p| format!("{root}{p}"));
                if let Some(what) = hit {
                    found.push((n + 1, what.trim_end_matches(':').to_string()));
                }
                rest = after;
            }
        }
    }
    found
}

fn flagged_std(path: &str) -> bool {
    let path = path.trim();
    let allowed = ["sync::Arc", "sync::atomic::Ordering", "sync::Weak"];
    (path.starts_with("thread") || path.starts_with("sync")) && !allowed.iter().any(|a| path.starts_with(a))
}

/// crossbeam's channels are fine (the checks see their threads block);
/// its scoped threads and `WaitGroup` bypass `checker::thread`.
fn flagged_crossbeam(path: &str) -> bool {
    let path = path.trim();
    ["thread", "scope", "sync", "utils"].iter().any(|p| path.starts_with(p))
}

/// The explanation a learner gets for `uses`.
pub fn std_use_message(file: &str, uses: &[(usize, String)]) -> String {
    let lines: Vec<String> = uses.iter().map(|(n, what)| format!("  - {file}:{n} uses {what}")).collect();
    format!(
        "{}\nUse `checker::thread` and `checker::sync` instead: they have std's API, plus the \
         bookkeeping that makes the verdict certain (which thread was spawned where, who joined it, \
         and every step a model checker interleaves). std's own are invisible to the checks, so a \
         mistake in them could pass by luck.",
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::std_uses;

    #[test]
    fn finds_std_threads_and_locks() {
        let text = "use std::thread;\nuse std::sync::{Arc, Mutex};\nlet h = std::thread::spawn(f);\n\
                    use std::{collections::HashMap, sync::mpsc};\n";
        let found = std_uses(text);
        let whats: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(whats, ["std::thread", "std::sync::Mutex", "std::thread::spawn", "std::sync::mpsc"]);
        assert_eq!(found.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }

    #[test]
    fn allows_arc_ordering_comments_and_other_std() {
        let text = "use std::sync::Arc;\nuse std::sync::{Arc, atomic::Ordering};\n// like std::thread::spawn\n\
                    use std::collections::HashMap;\nuse checker::thread;\n";
        assert!(std_uses(text).is_empty(), "{:?}", std_uses(text));
    }

    #[test]
    fn finds_crossbeam_threads_but_allows_its_channels() {
        let text = "use crossbeam::channel::{bounded, select};\ncrossbeam::scope(|s| {});\n\
                    use crossbeam::{channel, sync::WaitGroup};\n";
        let whats: Vec<String> = std_uses(text).into_iter().map(|(_, w)| w).collect();
        assert_eq!(whats, ["crossbeam::scope", "crossbeam::sync::WaitGroup"]);
    }
}
