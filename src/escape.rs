//! Text from a check made safe to print: the learner's code controls what a
//! check prints, so its control sequences (clear screen, cursor moves,
//! conceal, a carriage return over the line, bidi overrides) are shown as
//! visible escapes like `\e[2J`, and cannot paint over the verdict.

use std::fmt::Write;

/// Every control character shown as a visible escape; newlines and tabs kept.
pub fn neutralize(text: &str) -> String {
    escape(text, false)
}

/// Like [`neutralize`], but well-formed colour sequences (SGR, the conceal
/// attribute aside) are kept: for cargo's coloured diagnostics.
pub fn neutralize_keeping_colour(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, keep_colour: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if c == '\x1b'
            && keep_colour
            && let Some(len) = colour_sequence(after)
        {
            out.push_str(&rest[..1 + len]);
            rest = &after[len..];
            continue;
        }
        match c {
            '\n' | '\t' => out.push(c),
            // CRLF ends a line; a lone CR would return over it.
            '\r' if after.starts_with('\n') => {}
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\x0b' => out.push_str("\\v"),
            '\0' => out.push_str("\\0"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            // C1 controls (a terminal may take U+009B for CSI) and the bidi
            // overrides and isolates, which reorder what follows them.
            '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
        rest = after;
    }
    out
}

/// The length of an SGR sequence `[<numbers;>m` that `text` (after an ESC)
/// starts with, unless it conceals (attribute 8).
fn colour_sequence(text: &str) -> Option<usize> {
    let body = text.strip_prefix('[')?;
    let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
    if !body[end..].starts_with('m') {
        return None;
    }
    let params = &body[..end];
    if params.split(';').any(|p| p.parse::<u32>() == Ok(8)) {
        return None;
    }
    Some(1 + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_become_visible() {
        assert_eq!(neutralize("\x1b[2J\x1b[H✓ all passed"), "\\e[2J\\e[H✓ all passed");
        assert_eq!(neutralize("a\x1b]0;title\x07b"), "a\\e]0;title\\ab");
        assert_eq!(neutralize("fake\rreal\r\nnext\tx"), "fake\\rreal\nnext\tx");
        assert_eq!(neutralize("x\x08\x08y\x7f\x01"), "x\\b\\by\\x7f\\x01");
        assert_eq!(neutralize("\u{9b}2J \u{202e}abc"), "\\u{9b}2J \\u{202e}abc");
        assert_eq!(neutralize("plain ✓ text\n"), "plain ✓ text\n");
    }

    #[test]
    fn colour_is_kept_only_where_asked_and_never_conceal() {
        let red = "\x1b[1;31merror\x1b[0m";
        assert_eq!(neutralize_keeping_colour(red), red);
        assert_eq!(neutralize(red), "\\e[1;31merror\\e[0m");
        assert_eq!(neutralize_keeping_colour("\x1b[8mhidden\x1b[2J"), "\\e[8mhidden\\e[2J");
        assert_eq!(neutralize_keeping_colour("\x1b[0;8m"), "\\e[0;8m");
    }
}
