//! How the learner started lockstep, so the commands it prints work as
//! printed: under `cargo run` (the README's way) lockstep is not on the PATH.

use std::path::Path;
use std::sync::OnceLock;

/// `lockstep <args>`, or `cargo run -- <args>` when cargo started it.
pub fn command(args: &str) -> String {
    if by_cargo() { format!("cargo run -- {args}") } else { format!("lockstep {args}") }
}

/// What starts lockstep with no arguments: `lockstep` or `cargo run`.
pub fn bare() -> &'static str {
    if by_cargo() { "cargo run" } else { "lockstep" }
}

/// Started by `cargo run`: cargo sets `CARGO` for what it runs, and the
/// binary is one of cargo's build outputs (an installed copy in a target
/// dir's bin folder is not).
pub fn by_cargo() -> bool {
    static BY_CARGO: OnceLock<bool> = OnceLock::new();
    *BY_CARGO.get_or_init(|| {
        std::env::var_os("CARGO").is_some()
            && std::env::current_exe().is_ok_and(|exe| built_by_cargo(&exe, std::env::var_os("CARGO_TARGET_DIR")))
    })
}

fn built_by_cargo(exe: &Path, target_dir: Option<std::ffi::OsString>) -> bool {
    let target = target_dir.map(std::path::PathBuf::from);
    exe.ancestors().skip(1).any(|dir| dir.file_name().is_some_and(|n| n == "target") || Some(dir) == target.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_in_a_target_dir_was_built_by_cargo() {
        assert!(built_by_cargo(Path::new("/c/lockstep/target/debug/lockstep"), None));
        assert!(built_by_cargo(Path::new("/tmp/t/debug/lockstep"), Some("/tmp/t".into())));
        assert!(!built_by_cargo(Path::new("/home/me/.cargo/bin/lockstep"), None));
    }
}
