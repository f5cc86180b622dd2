//! `file:line` locations in what lockstep prints: as OSC 8 hyperlinks a
//! terminal can open, and the line an editor should open at.

use std::path::Path;

/// Where a location sits in a text: `path:line[:column]`.
#[derive(Debug, PartialEq, Eq)]
pub struct Location<'a> {
    pub start: usize,
    pub end: usize,
    pub path: &'a str,
    pub line: u32,
}

fn path_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/')
}

/// The `<path>.rs:<line>` locations in `text`, paths relative to the course.
pub fn locations(text: &str) -> Vec<Location<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = text[i..].find(".rs:").map(|a| a + i) {
        let mut start = at;
        while start > 0 && path_char(bytes[start - 1]) {
            start -= 1;
        }
        let digits = |from: usize| from + bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
        let line_end = digits(at + 4);
        i = at + 4;
        let Ok(line) = text[at + 4..line_end].parse::<u32>() else { continue };
        // Coloured output: the tail of an escape sequence (`\x1b[0m`) is not the path's.
        if start > 0 && bytes[start - 1] == b'[' {
            let skip = bytes[start..at].iter().take_while(|b| b.is_ascii_digit()).count();
            if bytes.get(start + skip) == Some(&b'm') {
                start += skip + 1;
            }
        }
        if start == at || text[start..at].starts_with('/') {
            continue; // no name, or an absolute path (the toolchain's sources)
        }
        let end = if bytes.get(line_end) == Some(&b':') && digits(line_end + 1) > line_end + 1 {
            digits(line_end + 1)
        } else {
            line_end
        };
        found.push(Location { start, end, path: &text[start..at + 3], line });
        i = end;
    }
    found
}

/// `text` with every location under `root` that exists made an OSC 8
/// hyperlink to its file. Only for a terminal: callers check
/// `console::colors_enabled()`, which is off for pipes and NO_COLOR.
pub fn link(text: &str, root: &Path) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for loc in locations(text) {
        let file = root.join(loc.path);
        if !file.is_file() {
            continue;
        }
        out.push_str(&text[last..loc.start]);
        out.push_str(&format!("\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", file_url(&file), &text[loc.start..loc.end]));
        last = loc.end;
    }
    out.push_str(&text[last..]);
    out
}

fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            url.push(*b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_found_with_their_line() {
        let text = "\x1b[0mexercises/c.rs:2\n  - thread `a` waits in recv at exercises/day03_ping_pong.rs:12\n --> exercises/x.rs:3:5\nat /rustc/abc/library/std/src/sync.rs:9 and 4.rs:x";
        let found: Vec<_> = locations(text).into_iter().map(|l| (l.path, l.line, &text[l.start..l.end])).collect();
        assert_eq!(
            found,
            [
                ("exercises/c.rs", 2, "exercises/c.rs:2"),
                ("exercises/day03_ping_pong.rs", 12, "exercises/day03_ping_pong.rs:12"),
                ("exercises/x.rs", 3, "exercises/x.rs:3:5")
            ]
        );
    }

    #[test]
    fn an_existing_file_becomes_a_hyperlink() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("exercises")).unwrap();
        std::fs::write(dir.path().join("exercises/a b.rs"), "").unwrap();
        std::fs::write(dir.path().join("exercises/a.rs"), "").unwrap();
        let linked = link("see exercises/a.rs:4, exercises/gone.rs:1", dir.path());
        let url = format!("file://{}/exercises/a.rs", dir.path().display());
        assert_eq!(linked, format!("see \x1b]8;;{url}\x1b\\exercises/a.rs:4\x1b]8;;\x1b\\, exercises/gone.rs:1"));
        assert!(file_url(&dir.path().join("exercises/a b.rs")).ends_with("/exercises/a%20b.rs"));
    }
}
