//! The commands lockstep prints work as printed: `cargo run -- …` when cargo
//! started it (the README's way), `lockstep …` when it is installed.

mod common;

use common::{Course, text};

#[test]
fn printed_commands_name_lockstep_the_way_it_was_started() {
    let c = Course::copy();
    // Under cargo (as `cargo test` runs it, like `cargo run`): CARGO is set
    // and the binary lives in a target dir.
    let t = text(&c.lockstep(&["hint", "hello_threads", "--level", "1"]));
    assert!(t.contains("(the next tier: cargo run -- hint hello_threads --level 2)"), "{t}");
    let out = c.lockstep(&["completions", "bash"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cargo install --path ."), "{}", text(&out));

    // Installed: no CARGO in the environment.
    let installed = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lockstep"))
            .args(args)
            .current_dir(c.root())
            .env("CARGO_TARGET_DIR", common::target_dir())
            .env("NO_COLOR", "1")
            .env_remove("CARGO")
            .output()
            .expect("lockstep runs")
    };
    let t = text(&installed(&["hint", "hello_threads", "--level", "1"]));
    assert!(t.contains("(the next tier: lockstep hint hello_threads --level 2)"), "{t}");
    let out = installed(&["completions", "bash"]);
    assert!(out.stderr.is_empty(), "{}", text(&out));
    std::fs::remove_file(c.path("exercises/day01_hello_threads.rs")).unwrap();
    let t = text(&installed(&["run"]));
    assert!(t.contains("`lockstep reset hello_threads` restores"), "{t}");
}
