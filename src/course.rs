//! The course model: `info.toml` parsed, validated and resolved to files.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

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
struct RawBad {
    file: String,
    expect: Kind,
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
    /// A second check binary, `<name>_model` (`model.rs` in the exercise's
    /// folder), built against the same file under this model checker: for an
    /// exercise whose main checks need real threads or sockets, and whose
    /// shared-state part needs the model checker. It runs once the main
    /// checks pass.
    pub model_part: Option<Model>,
    /// Optional extra depth for its day: it never blocks the way on.
    pub stretch: bool,
    /// The solution's mutants that are equivalent to it (`dev mutants`).
    pub equivalent: Vec<Equivalent>,
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

impl Exercise {
    /// The folder of everything hidden about this exercise: its checks
    /// (`main.rs`, a binary target of the `checker` package), its reference
    /// solution, its original text, its known-bad variants (`bad/`) and its
    /// alternative correct solutions (`alternatives/`).
    pub fn folder(&self) -> PathBuf {
        Path::new("checker/src/bin").join(&self.name)
    }
    /// The hidden checks.
    pub fn check_source(&self) -> PathBuf {
        self.folder().join("main.rs")
    }
    /// The model-checked part's checks, if the exercise has one (`model_part`).
    pub fn model_part_source(&self) -> Option<PathBuf> {
        self.model_part.map(|_| self.folder().join("model.rs"))
    }
    /// The check binary of the model-checked part (`model_part`).
    pub fn model_part_bin(&self) -> String {
        format!("{}_model", self.name)
    }
    /// Every feature set the exercise's check binaries are built with.
    pub fn models(&self) -> impl Iterator<Item = Option<Model>> + use<> {
        std::iter::once(self.model).chain(self.model_part.map(Some))
    }
    pub fn solution(&self) -> PathBuf {
        self.folder().join("solution.rs")
    }
    /// The text `reset` restores.
    pub fn original(&self) -> PathBuf {
        self.folder().join("original.rs")
    }
    pub fn bad_variant(&self, bad: &BadVariant) -> PathBuf {
        self.folder().join("bad").join(&bad.file)
    }
    /// The folder of correct solutions in other styles than the reference:
    /// every `.rs` file in it must pass too (`dev check`).
    pub fn alternatives_dir(&self) -> PathBuf {
        self.folder().join("alternatives")
    }
    /// The alternative correct solutions, relative to the course, sorted.
    pub fn alternatives(&self, root: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(root.join(self.alternatives_dir())) else { return Vec::new() };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .filter_map(|p| p.file_name().map(|n| self.alternatives_dir().join(n)))
            .collect();
        files.sort();
        files
    }
}

#[derive(Clone, Debug)]
pub struct Course {
    pub root: PathBuf,
    /// How many days the course plan has (exercises may cover fewer so far).
    pub days: u32,
    pub exercises: Vec<Exercise>,
}

impl Course {
    /// How many days of the plan have their exercises.
    pub fn written_days(&self) -> usize {
        (1..=self.days).filter(|&d| self.exercises.iter().any(|e| e.day == d)).count()
    }

    /// Every day of the plan has its exercises: the course can be finished.
    pub fn fully_written(&self) -> bool {
        (1..=self.days).all(|d| self.exercises.iter().any(|e| e.day == d))
    }
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

    /// Parses and validates `info.toml`'s text. Every problem is reported,
    /// in file order: each field is read on its own, so a wrong type or an
    /// unknown field hides nothing else.
    pub fn parse(root: &Path, text: &str) -> Result<Course, Vec<String>> {
        let mut p = Problems { text, found: Vec::new() };
        let (doc, syntax) = DeTable::parse_recoverable(text);
        if !syntax.is_empty() {
            for e in syntax {
                p.add(e.span().unwrap_or(0..0), e.message().trim_end());
            }
            return Err(p.into_lines());
        }
        let whole = doc.span();
        let mut days = None;
        let mut entries = Vec::new();
        for (key, value) in doc.into_inner() {
            match key.get_ref().as_ref() {
                "days" => days = p.field::<u32>("", "days", value),
                "exercises" => match value.get_ref() {
                    DeValue::Array(items) => entries.extend(items.iter().cloned()),
                    _ => p.add(value.span(), "`exercises` must be a list of [[exercises]] tables"),
                },
                other => p.add(key.span(), &format!("unknown field `{other}`, expected `days` or `exercises`")),
            }
        }
        let days = match days {
            Some(d) => {
                if !(1..=366).contains(d.get_ref()) {
                    p.add(d.span(), &format!("`days` must be between 1 and 366, not {}", d.get_ref()));
                }
                *d.get_ref()
            }
            None => {
                p.add(whole.start..whole.start, "missing field `days` (how many days the course plan has)");
                0
            }
        };
        if entries.is_empty() {
            p.add(whole.end..whole.end, "no exercises: add at least one [[exercises]] entry");
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut last_day = 0;
        let mut exercises: Vec<Exercise> = Vec::new();
        for (i, entry) in entries.into_iter().enumerate() {
            if let Some(ex) = p.exercise(root, i, entry, days, &mut last_day, &mut seen, exercises.last()) {
                exercises.push(ex);
            }
        }
        if p.found.is_empty() { Ok(Course { root: root.to_path_buf(), days, exercises }) } else { Err(p.into_lines()) }
    }

    pub fn get(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.exercises.iter().position(|e| e.name == name)
    }
}

/// The fields of an `[[exercises]]` entry.
const FIELDS: &[&str] =
    &["day", "name", "path", "scenarios", "deadline", "hints", "bad", "model", "model_part", "stretch", "equivalent"];

/// The fields of one `[[exercises]]` entry, each read on its own.
#[derive(Default)]
struct Fields {
    day: Option<Spanned<u32>>,
    name: Option<Spanned<String>>,
    path: Option<Spanned<String>>,
    scenarios: Option<Spanned<Vec<Scenario>>>,
    deadline: Option<Spanned<String>>,
    hints: Option<Spanned<Vec<String>>>,
    bad: Vec<Spanned<RawBad>>,
    bad_ok: bool,
    model: Option<Spanned<Model>>,
    model_part: Option<Spanned<Model>>,
    stretch: Option<Spanned<bool>>,
    equivalent: Vec<Spanned<Equivalent>>,
}

/// The problems found so far, each with its place in the text.
struct Problems<'t> {
    text: &'t str,
    found: Vec<(usize, String)>,
}

impl Problems<'_> {
    fn add(&mut self, span: std::ops::Range<usize>, what: &str) {
        let (line, col) = line_col(self.text, span.start);
        self.found.push((span.start, format!("line {line}, column {col}: {what}")));
    }

    /// The problems in file order.
    fn into_lines(mut self) -> Vec<String> {
        self.found.sort_by_key(|(at, _)| *at);
        self.found.into_iter().map(|(_, p)| p).collect()
    }

    /// Reads one field's value as a `T`, or records why it cannot be.
    fn field<T: DeserializeOwned>(
        &mut self,
        label: &str,
        key: &str,
        value: Spanned<DeValue<'_>>,
    ) -> Option<Spanned<T>> {
        let span = value.span();
        match T::deserialize(value.into_deserializer()) {
            Ok(v) => Some(Spanned::new(span, v)),
            Err(e) => {
                let at = e.span().filter(|s| s.start >= span.start && s.end <= span.end).unwrap_or(span);
                self.add(at, &format!("{label}`{key}`: {}", e.message().trim_end()));
                None
            }
        }
    }

    /// Reads and checks the `index`th `[[exercises]]` entry. Returns the
    /// exercise if all its required fields could be read.
    #[allow(clippy::too_many_arguments)]
    fn exercise(
        &mut self,
        root: &Path,
        index: usize,
        entry: Spanned<DeValue<'_>>,
        days: u32,
        last_day: &mut u32,
        seen: &mut HashMap<String, usize>,
        prev: Option<&Exercise>,
    ) -> Option<Exercise> {
        let entry_span = entry.span();
        let DeValue::Table(table) = entry.into_inner() else {
            self.add(entry_span, &format!("exercise {}: must be a table", index + 1));
            return None;
        };
        // The name first: every other problem is labelled with it.
        let name_value = table.iter().find(|(k, _)| k.get_ref() == "name").map(|(_, v)| v.clone());
        let name = name_value.and_then(|v| self.field::<String>(&format!("exercise {}: ", index + 1), "name", v));
        let label = match &name {
            Some(n) => format!("exercise `{}`: ", n.get_ref()),
            None => format!("exercise {}: ", index + 1),
        };
        let given: Vec<String> = table.iter().map(|(k, _)| k.get_ref().to_string()).collect();
        let mut f = Fields { name, bad_ok: true, ..Fields::default() };
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "day" => f.day = self.field(&label, "day", value),
                "name" => {}
                "path" => f.path = self.field(&label, "path", value),
                "scenarios" => f.scenarios = self.field(&label, "scenarios", value),
                "deadline" => f.deadline = self.field(&label, "deadline", value),
                "hints" => f.hints = self.field(&label, "hints", value),
                "model" => f.model = self.field(&label, "model", value),
                "model_part" => f.model_part = self.field(&label, "model_part", value),
                "stretch" => f.stretch = self.field(&label, "stretch", value),
                "equivalent" => match value.get_ref() {
                    DeValue::Array(items) => {
                        f.equivalent.extend(items.iter().cloned().filter_map(|i| self.field(&label, "equivalent", i)))
                    }
                    _ => self.add(value.span(), &format!("{label}`equivalent` must be a list of {{ id, why }}")),
                },
                // Each known-bad variant on its own, too.
                "bad" => match value.get_ref() {
                    DeValue::Array(items) => {
                        for item in items.iter().cloned() {
                            match self.field::<RawBad>(&label, "bad", item) {
                                Some(b) => f.bad.push(b),
                                None => f.bad_ok = false,
                            }
                        }
                    }
                    _ => {
                        self.add(value.span(), &format!("{label}`bad` must be a list of {{ file, expect }}"));
                        f.bad_ok = false;
                    }
                },
                other => self
                    .add(key.span(), &format!("{label}unknown field `{other}`, expected one of {}", FIELDS.join(", "))),
            }
        }
        for key in ["day", "name", "path", "scenarios", "deadline", "hints"] {
            if !given.iter().any(|g| g == key) {
                self.add(entry_span.start..entry_span.start, &format!("{label}missing field `{key}`"));
            }
        }
        self.validate(root, index, f, &label, days, last_day, seen, prev)
    }

    /// Checks what the types cannot: ranges, order, uniqueness, files.
    #[allow(clippy::too_many_arguments)]
    fn validate(
        &mut self,
        root: &Path,
        index: usize,
        f: Fields,
        label: &str,
        days: u32,
        last_day: &mut u32,
        seen: &mut HashMap<String, usize>,
        prev: Option<&Exercise>,
    ) -> Option<Exercise> {
        let label = label.trim_end_matches(": ");
        if let Some(day) = &f.day {
            let d = *day.get_ref();
            if d < 1 || (days > 0 && d > days) {
                self.add(day.span(), &format!("{label}: `day` must be between 1 and {days}, not {d}"));
            }
            if d < *last_day {
                self.add(
                    day.span(),
                    &format!("{label}: `day` {d} comes after day {last_day}: exercises must be in day order"),
                );
            }
            *last_day = (*last_day).max(d);
        }
        let mut duplicate = false;
        if let Some(name) = &f.name {
            let n = name.get_ref();
            if n.is_empty() || !n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                self.add(
                    name.span(),
                    &format!("{label}: `name` must be lowercase letters, digits and `_` (it names a Rust binary)"),
                );
            }
            if let Some(first) = seen.insert(n.clone(), index) {
                duplicate = true;
                self.add(
                    name.span(),
                    &format!("{label}: `name` is used twice (exercises {} and {})", first + 1, index + 1),
                );
            }
        }
        if let Some(path) = &f.path {
            let p = Path::new(path.get_ref());
            if !p.starts_with("exercises") || p.extension().is_none_or(|e| e != "rs") {
                self.add(path.span(), &format!("{label}: `path` must be a .rs file under exercises/"));
            }
        }
        let deadline = f.deadline.as_ref().and_then(|d| match parse_duration(d.get_ref()) {
            Ok(d) => Some(d),
            Err(e) => {
                self.add(d.span(), &format!("{label}: `deadline`: {e}"));
                None
            }
        });
        if let Some(hints) = &f.hints
            && (hints.get_ref().len() < 3 || hints.get_ref().iter().any(|h| h.trim().is_empty()))
        {
            self.add(
                hints.span(),
                &format!(
                    "{label}: `hints` needs at least three non-empty tiers (a nudge, the idea, the shape of the code)"
                ),
            );
        }
        for b in &f.bad {
            if b.get_ref().expect == Kind::Pass {
                self.add(b.span(), &format!("{label}: a known-bad variant cannot expect `pass`"));
            }
        }
        let day = f.day.as_ref().map(|d| *d.get_ref());
        if let Some(s) = f.stretch.as_ref().filter(|s| *s.get_ref())
            && prev.is_none_or(|prev| Some(prev.day) != day)
        {
            self.add(s.span(), &format!("{label}: a `stretch` exercise must follow an exercise of its own day"));
        }
        for (span, p) in equivalent_problems(&f.equivalent) {
            self.add(span, &format!("{label}{p}"));
        }
        let name = f.name?;
        let model_part = match (&f.model, f.model_part) {
            (Some(_), Some(part)) => {
                self.add(
                    part.span(),
                    &format!("{label}`model_part` is for checks on real threads: this exercise has a `model` already"),
                );
                None
            }
            (_, part) => part.map(Spanned::into_inner),
        };
        let ex = Exercise {
            day: day?,
            name: name.get_ref().clone(),
            path: PathBuf::from(f.path?.into_inner()),
            scenarios: f.scenarios?.into_inner(),
            deadline: deadline?,
            hints: f.hints?.into_inner(),
            bad: f
                .bad
                .iter()
                .map(|b| BadVariant { file: b.get_ref().file.clone(), expect: b.get_ref().expect })
                .collect(),
            model: f.model.map(Spanned::into_inner),
            model_part,
            stretch: f.stretch.is_some_and(|s| s.into_inner()),
            equivalent: f.equivalent.into_iter().map(Spanned::into_inner).collect(),
        };
        // A duplicate's files are another exercise's: checking them would
        // only add noise. The learner's own file is checked where it is
        // needed (a missing one is for `reset` to restore, not an error here).
        if !duplicate && f.bad_ok {
            for (what, file) in required_files(&ex).into_iter().filter(|(what, _)| *what != "file") {
                if !root.join(&file).is_file() {
                    self.add(name.span(), &format!("{label}: its {what} {} is missing", file.display()));
                }
            }
        }
        Some(ex)
    }
}

/// The files an exercise needs, with what each is for.
pub fn required_files(ex: &Exercise) -> Vec<(&'static str, PathBuf)> {
    let mut files = vec![
        ("file", ex.path.clone()),
        ("check", ex.check_source()),
        ("solution", ex.solution()),
        ("original", ex.original()),
    ];
    files.extend(ex.model_part_source().map(|f| ("model-checked part", f)));
    files.extend(ex.bad.iter().map(|b| ("known-bad variant", ex.bad_variant(b))));
    files
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
            "checker/src/bin/first/main.rs",
            "checker/src/bin/second/main.rs",
            "checker/src/bin/first/solution.rs",
            "checker/src/bin/second/solution.rs",
            "checker/src/bin/first/original.rs",
            "checker/src/bin/second/original.rs",
            "checker/src/bin/first/bad/oops.rs",
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
        assert_eq!(first.original(), Path::new("checker/src/bin/first/original.rs"));
        assert_eq!(c.exercises[1].deadline, Duration::from_millis(500));
        assert_eq!((first.model, c.exercises[1].model), (None, Some(Model::Loom)));
    }

    /// A `model_part` is a second check binary (`model.rs`, `<name>_model`)
    /// under that model: its file is required, its feature set prepared, and
    /// an exercise with a `model` of its own has no use for one.
    #[test]
    fn a_model_part_is_a_second_binary_under_its_model() {
        let text = GOOD.replace("deadline = \"5s\"", "deadline = \"5s\"\nmodel_part = \"shuttle\"");
        let p = problems(&text);
        assert!(p.len() == 1 && p[0].contains("model-checked part checker/src/bin/first/model.rs is missing"), "{p:?}");
        let dir = course_dir();
        std::fs::write(dir.path().join("checker/src/bin/first/model.rs"), "").unwrap();
        let c = Course::parse(dir.path(), &text).unwrap();
        let first = &c.exercises[0];
        assert_eq!((first.model, first.model_part), (None, Some(Model::Shuttle)));
        assert_eq!(first.model_part_source(), Some(PathBuf::from("checker/src/bin/first/model.rs")));
        assert_eq!(first.model_part_bin(), "first_model");
        assert_eq!(first.models().collect::<Vec<_>>(), vec![None, Some(Model::Shuttle)]);
        assert_eq!(c.exercises[1].models().collect::<Vec<_>>(), vec![Some(Model::Loom)]);
        let both = GOOD.replace("model = \"loom\"", "model = \"loom\"\nmodel_part = \"shuttle\"");
        let p = problems(&both);
        assert!(p.len() == 1 && p[0].contains("`model_part` is for checks on real threads"), "{p:?}");
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
        std::fs::remove_file(dir.path().join("checker/src/bin/second/solution.rs")).unwrap();
        std::fs::remove_file(dir.path().join("exercises/day01_first.rs")).unwrap();
        let p = Course::parse(dir.path(), GOOD).unwrap_err();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("solution checker/src/bin/second/solution.rs is missing"), "{p:?}");
        // A learner's deleted file is for `reset` to bring back: not a course error.
        std::fs::write(dir.path().join("checker/src/bin/second/solution.rs"), "").unwrap();
        assert!(Course::parse(dir.path(), GOOD).is_ok());
    }

    #[test]
    fn type_errors_and_unknown_fields_are_all_reported_with_line_and_column() {
        let text = GOOD
            .replace("day = 1\n", "day = \"one\"\nspeed = 3\n")
            .replace("deadline = \"5s\"", "deadline = 5")
            .replace("[\"deadlock\"]", "[\"livelock\"]")
            .replace("model = \"loom\"", "model = \"tla\"\nstrech = true")
            .replace("days = 30", "days = 30\ntitle = \"x\"");
        let p = problems(&text);
        let all = p.join("\n");
        for want in [
            "line 3, column 1: unknown field `title`",
            "line 6, column 7: exercise `first`: `day`: invalid type: string \"one\"",
            "line 7, column 1: exercise `first`: unknown field `speed`",
            "line 11, column 12: exercise `first`: `deadline`: invalid type: integer",
            "line 19, column 14: exercise `second`: `scenarios`: unknown variant `livelock`",
            "line 22, column 9: exercise `second`: `model`",
            "line 23, column 1: exercise `second`: unknown field `strech`",
        ] {
            assert!(all.contains(want), "missing {want:?} in:\n{all}");
        }
        assert_eq!(p.len(), 7, "no more, no fewer:\n{all}");
    }

    #[test]
    fn a_missing_field_is_named_once_and_a_bad_one_is_not_called_missing() {
        let p = problems("days = 30\n[[exercises]]\nday = \"x\"\nname = \"a\"\n");
        let all = p.join("\n");
        for missing in ["path", "scenarios", "deadline", "hints"] {
            assert!(all.contains(&format!("exercise `a`: missing field `{missing}`")), "{all}");
        }
        assert!(!all.contains("missing field `day`") && all.contains("`day`: invalid type"), "{all}");
    }

    #[test]
    fn a_course_without_exercises_is_an_error() {
        for text in ["days = 30\n", "days = 30\nexercises = []\n"] {
            let p = problems(text);
            assert!(p.len() == 1 && p[0].contains("no exercises"), "{p:?}");
        }
        let p = problems("");
        assert!(p.join("\n").contains("missing field `days`"), "{p:?}");
    }

    #[test]
    fn a_duplicate_name_is_one_problem_not_a_list_of_missing_files() {
        let p = problems(&GOOD.replace("name = \"second\"", "name = \"first\""));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("line 15") && p[0].contains("used twice"), "{p:?}");
    }

    #[test]
    fn syntax_errors_name_their_place() {
        let p = problems("days = 30\n[[exercises]\nday = 1\n");
        assert!(!p.is_empty() && p[0].starts_with("line 2"), "{p:?}");
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
    fn the_error_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INFO), "days = [").unwrap();
        let e = Course::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("info.toml has 1 problem") && e.contains("line 1"), "{e}");
    }
}
