//! The course model: `info.toml` parsed, validated and resolved to files.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::verdict::Kind;

pub const INFO: &str = "info.toml";

/// The model checker an exercise's checks run under.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// Schedules from a fixed seed; any number of threads; channels, locks.
    Shuttle,
    /// Every interleaving within a preemption bound; weak memory orderings.
    Loom,
}

impl Model {
    /// The checker crate's feature that selects it.
    pub fn feature(self) -> &'static str {
        match self {
            Model::Shuttle => "model",
            Model::Loom => "loom",
        }
    }
}

/// What an exercise's checks cover (the curriculum's scenario words).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Scenario {
    Deadlock,
    Race,
    Leak,
    Vtime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourse {
    days: Spanned<u32>,
    #[serde(default)]
    exercises: Vec<RawExercise>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    day: Spanned<u32>,
    name: Spanned<String>,
    path: Spanned<String>,
    scenarios: Vec<Scenario>,
    deadline: Spanned<String>,
    hints: Spanned<Vec<String>>,
    #[serde(default)]
    bad: Vec<Spanned<RawBad>>,
    #[serde(default)]
    model: Option<Model>,
    #[serde(default)]
    stretch: Option<Spanned<bool>>,
    #[serde(default)]
    equivalent: Vec<Spanned<Equivalent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBad {
    file: String,
    expect: Kind,
}

/// A mutant of the solution (`dev mutants`) that no check can kill, because
/// it behaves as the solution does.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Equivalent {
    /// `operator@line:column`, as `dev mutants` names it.
    pub id: String,
    /// Why it behaves as the solution does (one line).
    pub why: String,
}

/// A known-bad variant: a plausible wrong solution and the verdict it must get.
#[derive(Clone, Debug)]
pub struct BadVariant {
    pub file: String,
    pub expect: Kind,
}

#[derive(Clone, Debug)]
pub struct Exercise {
    pub day: u32,
    pub name: String,
    /// The learner's file, relative to the course root (`exercises/...`).
    pub path: PathBuf,
    pub scenarios: Vec<Scenario>,
    pub deadline: Duration,
    pub hints: Vec<String>,
    pub bad: Vec<BadVariant>,
    /// Checked by a model checker: `checker::thread` and `checker::sync`
    /// are its primitives, and the checks explore interleavings.
    pub model: Option<Model>,
    /// Optional extra depth for its day: it never blocks the way on.
    pub stretch: bool,
    /// The solution's mutants that are equivalent to it (`dev mutants`).
    pub equivalent: Vec<Equivalent>,
}

impl Exercise {
    /// The hidden checks: a binary target of the `checker` package.
    pub fn check_source(&self) -> PathBuf {
        Path::new("checker/src/bin").join(format!("{}.rs", self.name))
    }
    pub fn solution(&self) -> PathBuf {
        Path::new("checker/solutions").join(format!("{}.rs", self.name))
    }
    /// The text `reset` restores.
    pub fn original(&self) -> PathBuf {
        let rel = self.path.strip_prefix("exercises").unwrap_or(&self.path);
        Path::new("checker/originals").join(rel)
    }
    pub fn bad_variant(&self, bad: &BadVariant) -> PathBuf {
        Path::new("checker/bad").join(&self.name).join(&bad.file)
    }
}

#[derive(Clone, Debug)]
pub struct Course {
    pub root: PathBuf,
    /// How many days the course plan has (exercises may cover fewer so far).
    pub days: u32,
    pub exercises: Vec<Exercise>,
}

/// Everything wrong with an `info.toml`, each with its place in the file.
#[derive(Debug)]
pub struct CourseError {
    pub file: PathBuf,
    pub problems: Vec<String>,
}

impl fmt::Display for CourseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(f, "{} has {n} problem{}:", self.file.display(), if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            writeln!(f, "  - {}", p.replace('\n', "\n    "))?;
        }
        Ok(())
    }
}

impl std::error::Error for CourseError {}

impl Course {
    /// Finds the course root: `dir` or the nearest ancestor holding `info.toml`.
    pub fn find_root(dir: &Path) -> Option<PathBuf> {
        dir.ancestors().find(|d| d.join(INFO).is_file()).map(Path::to_path_buf)
    }

    /// Reads and validates `root/info.toml`: parse errors name line, column
    /// and field; every other problem is reported at once.
    pub fn load(root: &Path) -> Result<Course, CourseError> {
        let file = root.join(INFO);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| CourseError { file: file.clone(), problems: vec![format!("cannot read it: {e}")] })?;
        Course::parse(root, &text).map_err(|problems| CourseError { file, problems })
    }

    pub fn parse(root: &Path, text: &str) -> Result<Course, Vec<String>> {
        let raw: RawCourse = toml::from_str(text).map_err(|e| vec![e.to_string().trim_end().to_string()])?;
        let at = |span: std::ops::Range<usize>| {
            let (line, col) = line_col(text, span.start);
            format!("line {line}, column {col}")
        };
        let mut problems = Vec::new();
        let days = *raw.days.get_ref();
        if !(1..=366).contains(&days) {
            problems.push(format!("{}: `days` must be between 1 and 366, not {days}", at(raw.days.span())));
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut last_day = 0;
        let mut exercises = Vec::new();
        for (i, r) in raw.exercises.into_iter().enumerate() {
            let name = r.name.get_ref().clone();
            let label = format!("exercise `{name}`");
            let day = *r.day.get_ref();
            if day < 1 || day > days {
                problems.push(format!("{}: {label}: `day` must be between 1 and {days}, not {day}", at(r.day.span())));
            }
            if day < last_day {
                problems.push(format!(
                    "{}: {label}: `day` {day} comes after day {last_day}: exercises must be in day order",
                    at(r.day.span())
                ));
            }
            last_day = last_day.max(day);
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                problems.push(format!(
                    "{}: {label}: `name` must be lowercase letters, digits and `_` (it names a Rust binary)",
                    at(r.name.span())
                ));
            }
            if let Some(first) = seen.insert(name.clone(), i) {
                problems.push(format!(
                    "{}: {label}: `name` is used twice (exercises {} and {})",
                    at(r.name.span()),
                    first + 1,
                    i + 1
                ));
            }
            let path = PathBuf::from(r.path.get_ref());
            if !path.starts_with("exercises") || path.extension().is_none_or(|e| e != "rs") {
                problems.push(format!("{}: {label}: `path` must be a .rs file under exercises/", at(r.path.span())));
            }
            let deadline = match parse_duration(r.deadline.get_ref()) {
                Ok(d) => d,
                Err(e) => {
                    problems.push(format!("{}: {label}: `deadline`: {e}", at(r.deadline.span())));
                    Duration::from_secs(5)
                }
            };
            if r.hints.get_ref().len() < 3 || r.hints.get_ref().iter().any(|h| h.trim().is_empty()) {
                problems.push(format!(
                    "{}: {label}: `hints` needs at least three non-empty tiers (a nudge, the idea, the shape of the code)",
                    at(r.hints.span())
                ));
            }
            let bad = r
                .bad
                .iter()
                .map(|b| BadVariant { file: b.get_ref().file.clone(), expect: b.get_ref().expect })
                .collect::<Vec<_>>();
            for b in &r.bad {
                if b.get_ref().expect == Kind::Pass {
                    problems.push(format!("{}: {label}: a known-bad variant cannot expect `pass`", at(b.span())));
                }
            }
            let stretch = r.stretch.as_ref().is_some_and(|s| *s.get_ref());
            if let Some(s) = r.stretch.as_ref().filter(|s| *s.get_ref())
                && exercises.last().is_none_or(|prev: &Exercise| prev.day != day)
            {
                problems.push(format!(
                    "{}: {label}: a `stretch` exercise must follow an exercise of its own day",
                    at(s.span())
                ));
            }
            problems.extend(
                equivalent_problems(&r.equivalent).into_iter().map(|(span, p)| format!("{}: {label}: {p}", at(span))),
            );
            let ex = Exercise {
                day,
                name,
                path,
                scenarios: r.scenarios,
                deadline,
                hints: r.hints.into_inner(),
                bad,
                model: r.model,
                stretch,
                equivalent: r.equivalent.into_iter().map(Spanned::into_inner).collect(),
            };
            for (what, file) in required_files(&ex) {
                if !root.join(&file).is_file() {
                    problems.push(format!("{}: {label}: its {what} {} is missing", at(r.name.span()), file.display()));
                }
            }
            exercises.push(ex);
        }
        if problems.is_empty() { Ok(Course { root: root.to_path_buf(), days, exercises }) } else { Err(problems) }
    }

    pub fn get(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.exercises.iter().position(|e| e.name == name)
    }
}

/// An `equivalent` entry needs a mutant id, a reason, and no twin.
fn equivalent_problems(entries: &[Spanned<Equivalent>]) -> Vec<(std::ops::Range<usize>, String)> {
    let mut problems = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Equivalent { id, why } = e.get_ref();
        if !crate::mutants::is_id(id) {
            problems.push((e.span(), format!("`equivalent` id `{id}` is not a mutant id like \"drop@12:5\"")));
        }
        if why.trim().is_empty() || why.contains('\n') {
            problems.push((e.span(), format!("`equivalent` `{id}` needs a one-line `why`")));
        }
        if entries[..i].iter().any(|o| o.get_ref().id == *id) {
            problems.push((e.span(), format!("`equivalent` `{id}` is listed twice")));
        }
    }
    problems
}

/// The files an exercise needs, with what each is for.
pub fn required_files(ex: &Exercise) -> Vec<(&'static str, PathBuf)> {
    let mut files = vec![
        ("file", ex.path.clone()),
        ("check", ex.check_source()),
        ("solution", ex.solution()),
        ("original", ex.original()),
    ];
    files.extend(ex.bad.iter().map(|b| ("known-bad variant", ex.bad_variant(b))));
    files
}

/// "5s", "500ms", "1m 30s" (jiff's friendly format).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let d: jiff::SignedDuration =
        text.parse().map_err(|e| format!("`{text}` is not a duration like \"5s\" or \"500ms\" ({e})"))?;
    let d = Duration::try_from(d).map_err(|_| format!("`{text}` is negative"))?;
    if d.is_zero() || d > Duration::from_secs(600) {
        return Err(format!("`{text}` must be more than 0 and at most 10 minutes"));
    }
    Ok(d)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(before.len(), |nl| before.len() - nl - 1) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
days = 30

[[exercises]]
day = 1
name = "first"
path = "exercises/day01_first.rs"
scenarios = ["race", "leak"]
deadline = "5s"
hints = ["a nudge", "the idea", "the shape"]
bad = [{ file = "oops.rs", expect = "wrong" }]

[[exercises]]
day = 2
name = "second"
path = "exercises/day02_second.rs"
scenarios = ["deadlock"]
deadline = "500ms"
hints = ["a", "b", "c", "d"]
model = "loom"
"#;

    /// A course folder holding every file `GOOD` names.
    fn course_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "exercises/day01_first.rs",
            "exercises/day02_second.rs",
            "checker/src/bin/first.rs",
            "checker/src/bin/second.rs",
            "checker/solutions/first.rs",
            "checker/solutions/second.rs",
            "checker/originals/day01_first.rs",
            "checker/originals/day02_second.rs",
            "checker/bad/first/oops.rs",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        dir
    }

    fn problems(text: &str) -> Vec<String> {
        let dir = course_dir();
        Course::parse(dir.path(), text).err().unwrap_or_default()
    }

    #[test]
    fn parses_a_good_course() {
        let dir = course_dir();
        let c = Course::parse(dir.path(), GOOD).unwrap();
        assert_eq!(c.days, 30);
        assert_eq!(c.exercises.len(), 2);
        let first = &c.exercises[0];
        assert_eq!(first.scenarios, vec![Scenario::Race, Scenario::Leak]);
        assert_eq!(first.deadline, Duration::from_secs(5));
        assert_eq!(first.bad[0].expect, Kind::Wrong);
        assert_eq!(first.original(), Path::new("checker/originals/day01_first.rs"));
        assert_eq!(c.exercises[1].deadline, Duration::from_millis(500));
        assert_eq!((first.model, c.exercises[1].model), (None, Some(Model::Loom)));
    }

    #[test]
    fn a_stretch_exercise_must_follow_one_of_its_day() {
        let p = problems(&GOOD.replace("model = \"loom\"", "model = \"loom\"\nstretch = true"));
        assert!(p.len() == 1 && p[0].contains("line 21") && p[0].contains("its own day"), "{p:?}");
        let same_day = GOOD.replace("day = 2", "day = 1").replace("model = \"loom\"", "stretch = true");
        let dir = course_dir();
        let c = Course::parse(dir.path(), &same_day).unwrap();
        assert_eq!((c.exercises[0].stretch, c.exercises[1].stretch), (false, true));
    }

    #[test]
    fn an_unknown_field_names_line_column_and_field() {
        let p = problems(&GOOD.replace("day = 2\n", "day = 2\ndya = 3\n"));
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("line 15") && p[0].contains("column 1") && p[0].contains("unknown field `dya`"), "{p:?}");
    }

    #[test]
    fn a_wrong_type_or_word_is_a_parse_error_with_its_place() {
        let p = problems(&GOOD.replace("day = 2", "day = \"two\""));
        assert!(p[0].contains("line 14"), "{p:?}");
        let p = problems(&GOOD.replace("[\"deadlock\"]", "[\"livelock\"]"));
        assert!(p[0].contains("line 17") && p[0].contains("livelock"), "{p:?}");
        let p = problems(&GOOD.replace("model = \"loom\"", "model = \"tla\""));
        assert!(p[0].contains("line 20") && p[0].contains("tla"), "{p:?}");
        let p = problems(&GOOD.replace("expect = \"wrong\"", "expect = \"broken\""));
        assert!(p[0].contains("line 11") && p[0].contains("broken"), "{p:?}");
        let p = problems("days = 30\n[[exercises]]\nday = 1\n");
        assert!(p[0].contains("missing field"), "{p:?}");
    }

    #[test]
    fn every_other_problem_is_reported_at_once() {
        let text = GOOD
            .replace("name = \"second\"", "name = \"first\"")
            .replace("day = 2", "day = 0")
            .replace("\"500ms\"", "\"soon\"")
            .replace("[\"a\", \"b\", \"c\", \"d\"]", "[\"only one\"]")
            .replace("oops.rs", "gone.rs");
        let p = problems(&text);
        let all = p.join("\n");
        for want in
            ["used twice", "between 1 and 30", "day order", "`deadline`", "three non-empty tiers", "gone.rs is missing"]
        {
            assert!(all.contains(want), "missing {want:?} in:\n{all}");
        }
        // Each names its line.
        assert!(p.iter().all(|l| l.starts_with("line ")), "{p:?}");
    }

    #[test]
    fn missing_files_are_named() {
        let dir = course_dir();
        std::fs::remove_file(dir.path().join("checker/solutions/second.rs")).unwrap();
        std::fs::remove_file(dir.path().join("exercises/day01_first.rs")).unwrap();
        let p = Course::parse(dir.path(), GOOD).unwrap_err().join("\n");
        assert!(p.contains("solution checker/solutions/second.rs is missing"), "{p}");
        assert!(p.contains("file exercises/day01_first.rs is missing"), "{p}");
    }

    #[test]
    fn paths_and_names_are_constrained() {
        let p = problems(
            &GOOD.replace("exercises/day02_second.rs", "/etc/passwd").replace("name = \"first\"", "name = \"First!\""),
        );
        let all = p.join("\n");
        assert!(all.contains("under exercises/") && all.contains("lowercase letters"), "{all}");
    }

    #[test]
    fn equivalent_mutants_need_an_id_a_reason_and_no_twin() {
        let entry = |list: &str| GOOD.replace("model = \"loom\"", &format!("model = \"loom\"\nequivalent = [{list}]"));
        let dir = course_dir();
        let c =
            Course::parse(dir.path(), &entry("{ id = \"drop@12:5\", why = \"dropped at return anyway\" }")).unwrap();
        assert_eq!(
            c.exercises[1].equivalent,
            vec![Equivalent { id: "drop@12:5".into(), why: "dropped at return anyway".into() }]
        );
        assert!(c.exercises[0].equivalent.is_empty());
        let p = problems(&entry(
            "{ id = \"drop 12\", why = \"x\" }, { id = \"join@1:1\", why = \" \" }, \
             { id = \"join@1:1\", why = \"y\" }",
        ));
        let all = p.join("\n");
        for want in ["`drop 12` is not a mutant id", "`join@1:1` needs a one-line `why`", "`join@1:1` is listed twice"]
        {
            assert!(all.contains(want), "missing {want:?} in:\n{all}");
        }
        assert!(p.iter().all(|l| l.starts_with("line 21")), "{p:?}");
        let p = problems(&entry("{ id = \"drop@1:1\" }"));
        assert!(p[0].contains("missing field `why`"), "{p:?}");
    }

    #[test]
    fn the_error_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INFO), "days = [").unwrap();
        let e = Course::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("info.toml has 1 problem") && e.contains("line 1"), "{e}");
    }
}
