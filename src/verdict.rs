//! What a check concluded.

use serde::{Deserialize, Serialize};

/// The kinds of verdict, shared with the checker's report and with
/// `info.toml`'s `expect` for known-bad variants.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Pass,
    /// The learner's file does not compile.
    Compile,
    /// A result or behaviour is wrong.
    Wrong,
    Panic,
    /// The code reached a `todo!()`.
    Todo,
    /// A thread outlived the function that spawned it.
    Leak,
    /// At the deadline, every thread in the learner's code was waiting.
    Deadlock,
    /// Stopped at the deadline.
    Timeout,
    /// An interleaving broke an invariant.
    Race,
    /// The check process died without a verdict (signal, abort, stack overflow).
    Crash,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Pass => "pass",
            Kind::Compile => "compile",
            Kind::Wrong => "wrong",
            Kind::Panic => "panic",
            Kind::Todo => "todo",
            Kind::Leak => "leak",
            Kind::Deadlock => "deadlock",
            Kind::Timeout => "timeout",
            Kind::Race => "race",
            Kind::Crash => "crash",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Verdict {
    pub kind: Kind,
    /// One line: what happened.
    pub title: String,
    /// The checker's message, or the compiler's diagnostics.
    pub message: String,
    /// What the check printed (capped: head and tail).
    pub output: String,
    /// Names of the checks that passed before the failing one.
    pub passed: Vec<String>,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.kind == Kind::Pass
    }
}
