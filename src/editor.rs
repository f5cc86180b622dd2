//! Opening a file at a line in the learner's editor ($VISUAL, else $EDITOR).

use std::path::Path;
use std::process::Command;

use anyhow::{Result, bail};

/// The command that opens `file` at `line` in the learner's editor.
pub fn command(file: &Path, line: Option<u32>) -> Result<Command> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty());
    let Some(editor) = editor else {
        bail!("set $VISUAL or $EDITOR to open the exercise from here (for example: export EDITOR=vim)")
    };
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    let mut cmd = Command::new(program);
    cmd.args(words);
    cmd.args(args(program, file, line));
    Ok(cmd)
}

/// The arguments that open `file` at `line`: VS Code's `-g file:line`, the
/// `+line file` most terminal editors take, or just the file.
fn args(program: &str, file: &Path, line: Option<u32>) -> Vec<String> {
    let name = Path::new(program).file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let file = file.display().to_string();
    match (name.as_str(), line) {
        ("code" | "code-insiders" | "codium" | "cursor", Some(l)) => vec!["-g".into(), format!("{file}:{l}")],
        ("vi" | "vim" | "nvim" | "nano" | "emacs" | "emacsclient" | "micro" | "kak", Some(l)) => {
            vec![format!("+{l}"), file]
        }
        _ => vec![file],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_editor_gets_the_line_its_way() {
        let f = Path::new("/c/exercises/a.rs");
        assert_eq!(args("/usr/bin/code", f, Some(7)), ["-g", "/c/exercises/a.rs:7"]);
        assert_eq!(args("nvim", f, Some(7)), ["+7", "/c/exercises/a.rs"]);
        assert_eq!(args("nano", f, None), ["/c/exercises/a.rs"]);
        assert_eq!(args("gedit", f, Some(7)), ["/c/exercises/a.rs"]);
    }
}
