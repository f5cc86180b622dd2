//! The check's report channel, lockstep's side. The runner hands the check
//! the write end of a pipe as descriptor 3 (`LOCKSTEP_REPORT_FD=3`); the
//! harness writes JSON lines to it: `{"running":"<check>"}` as each check
//! starts, then one verdict, `{"verdict":…,"check":…,"message":…,
//! "passed":[…],"total":N}`, where `total` is the number of checks in the
//! exercise's table. A report that does not add up is not believed.

use serde::Deserialize;

use crate::verdict::Kind;

/// The descriptor the check's report channel has in the check.
pub const FD: i32 = 3;

/// More than this is not a report: the rest is dropped (and the report
/// then no longer parses).
pub const LIMIT: usize = 4 << 20;

#[derive(Clone, Debug, Deserialize)]
pub struct Report {
    pub verdict: Kind,
    pub check: Option<String>,
    pub message: String,
    pub passed: Vec<String>,
    pub total: usize,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Line {
    Running { running: String },
    Verdict(Report),
}

/// What the channel carried.
#[derive(Debug)]
pub struct Reported {
    /// The check in progress when the process ended (the last `running` line).
    pub running: Option<String>,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub enum Outcome {
    /// No verdict: the process ended before the harness reported.
    Nothing,
    Verdict(Report),
    /// A report not to believe, and why.
    DoesNotAddUp(String),
}

/// Reads the channel's bytes.
pub fn read(bytes: &[u8]) -> Reported {
    let mut running = None;
    let mut verdicts = Vec::new();
    let mut bad = None;
    for line in bytes.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)) {
        match serde_json::from_slice::<Line>(line) {
            Ok(Line::Running { running: name }) => running = Some(name),
            Ok(Line::Verdict(r)) => verdicts.push(r),
            Err(e) => {
                bad.get_or_insert_with(|| format!("a line of it is not a report ({e}): {}", excerpt(line)));
            }
        }
    }
    let outcome = match (bad, verdicts.len()) {
        (Some(why), _) => Outcome::DoesNotAddUp(why),
        (None, 0) => Outcome::Nothing,
        (None, 1) => judge(verdicts.remove(0)),
        (None, n) => Outcome::DoesNotAddUp(format!(
            "it holds {n} verdicts; the checks give one. Something other than the checks wrote to their report."
        )),
    };
    Reported { running, outcome }
}

/// A pass must name every check in the table, and there is at least one.
fn judge(r: Report) -> Outcome {
    if r.verdict != Kind::Pass {
        return Outcome::Verdict(r);
    }
    if r.total == 0 || r.passed.len() != r.total {
        return Outcome::DoesNotAddUp(format!(
            "it says the exercise passed, with {} of its {} checks run.",
            r.passed.len(),
            r.total
        ));
    }
    Outcome::Verdict(r)
}

fn excerpt(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(r: &Reported) -> &Report {
        match &r.outcome {
            Outcome::Verdict(v) => v,
            other => panic!("expected a verdict, got {other:?}"),
        }
    }

    const PASS: &str = r#"{"verdict":"pass","check":null,"message":"","passed":["a","b"],"total":2}"#;

    #[test]
    fn a_pass_that_names_every_check_is_believed() {
        let r = read(format!("{{\"running\":\"a\"}}\n{{\"running\":\"b\"}}\n{PASS}\n").as_bytes());
        assert_eq!(verdict(&r).passed, ["a", "b"]);
        assert_eq!(r.running.as_deref(), Some("b"));
    }

    #[test]
    fn the_last_running_line_names_the_check_in_progress() {
        let r = read(b"{\"running\":\"first\"}\n{\"running\":\"second\"}\n");
        assert!(matches!(r.outcome, Outcome::Nothing));
        assert_eq!(r.running.as_deref(), Some("second"));
    }

    #[test]
    fn a_pass_of_zero_checks_or_of_fewer_than_the_table_is_rejected() {
        let none = r#"{"verdict":"pass","check":null,"message":"","passed":[],"total":0}"#;
        let short = r#"{"verdict":"pass","check":null,"message":"","passed":["a"],"total":4}"#;
        for text in [none, short] {
            assert!(matches!(read(text.as_bytes()).outcome, Outcome::DoesNotAddUp(_)), "{text}");
        }
    }

    #[test]
    fn a_second_verdict_is_forgery() {
        let fail = r#"{"verdict":"todo","check":"a","message":"todo at x.rs:3","passed":[],"total":2}"#;
        let r = read(format!("{PASS}\n{fail}\n").as_bytes());
        assert!(matches!(&r.outcome, Outcome::DoesNotAddUp(why) if why.contains("2 verdicts")), "{r:?}");
    }

    #[test]
    fn a_line_that_is_not_a_report_is_not_believed() {
        let r = read(format!("garbage\n{PASS}\n").as_bytes());
        assert!(matches!(&r.outcome, Outcome::DoesNotAddUp(why) if why.contains("garbage")), "{r:?}");
    }

    #[test]
    fn a_failing_verdict_is_passed_on() {
        let fail = r#"{"verdict":"leak","check":"b","message":"m","passed":["a"],"total":3}"#;
        assert_eq!(verdict(&read(fail.as_bytes())).verdict, Kind::Leak);
    }
}
