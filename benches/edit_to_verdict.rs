//! lockstep's performance, measured (run: `cargo bench --bench edit_to_verdict`).
//!
//! 1. Edit-to-verdict of a day-1 exercise through lockstep's runner, next to
//!    the raw cargo commands it runs (`cargo build -p checker --bin …`, then
//!    the check binary). Target: lockstep adds at most 10%.
//! 2. Watch mode in a pseudo-terminal: time from a save to the check starting
//!    (target: under 50 ms), and CPU used while idle.
//! 3. The full-course proof (`lockstep dev check`) and `verify` of a solved course.
//!
//! Works on a throwaway copy of the course; the target dir is shared, so
//! dependencies are built once.

use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lockstep::course::Course;
use lockstep::process::Cancel;
use lockstep::runner::{Runner, Subject};

const ROUNDS: usize = 10;
const DAY1: &str = "exercises/day01_hello_threads.rs";

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let target = common::target_dir();
    let copy = common::Course::copy();
    copy.add_counter_exercise();
    let root = copy.root();
    // SAFETY: set before any thread starts.
    unsafe { std::env::set_var("CARGO_TARGET_DIR", &target) };
    let course = Course::load(root).expect("course");
    let ex = course.get("hello_threads").expect("day 1").clone();
    let runner = Runner::new(root, false);
    lockstep::progress::prepare(&runner, &course, Subject::Learner).expect("dependencies build");
    let solution = std::fs::read_to_string(root.join(ex.solution())).expect("solution");
    // `LOCKSTEP_BENCH_SOLUTIONS=name,name` (or `all`): only the solutions' table.
    if let Ok(names) = std::env::var("LOCKSTEP_BENCH_SOLUTIONS") {
        solutions(root, &runner, &course, &names);
        return;
    }

    println!("edit-to-verdict, day 1 (hello_threads), {} alternating rounds each, median (min-max):", 2 * ROUNDS);
    let mut edit = 0;
    let mut save = |root: &Path| {
        edit += 1;
        std::fs::write(root.join(DAY1), format!("{solution}\n// edit {edit}\n")).expect("write");
    };
    // Alternate the two, so that drift in the machine's speed hits both alike.
    let raw_round = |save: &mut dyn FnMut(&Path)| {
        save(root);
        let t = Instant::now();
        let ok = Command::new("cargo")
            .current_dir(root)
            .args(["build", "--quiet", "--package", "checker", "--features", "checks", "--bin", "hello_threads"])
            .status()
            .expect("cargo")
            .success();
        assert!(ok);
        let ok =
            Command::new(target.join("debug/hello_threads")).current_dir(root).output().expect("run").status.success();
        assert!(ok);
        t.elapsed()
    };
    let our_round = |save: &mut dyn FnMut(&Path)| {
        save(root);
        let t = Instant::now();
        let v = runner.check(&ex, Subject::Learner, &Cancel::never()).expect("check").expect("verdict");
        assert!(v.passed(), "{}", v.title);
        t.elapsed()
    };
    raw_round(&mut save);
    our_round(&mut save);
    let (mut raw, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..2 * ROUNDS {
        raw.push(raw_round(&mut save));
        ours.push(our_round(&mut save));
    }
    println!("  raw cargo build + run      {}", show(&raw));
    println!("  lockstep runner            {}", show(&ours));
    let overhead = (median(&ours).as_secs_f64() / median(&raw).as_secs_f64() - 1.0) * 100.0;
    println!("  lockstep overhead          {overhead:+.1}% (target: at most +10%)");

    watch_latency(root, &target, &solution);
    verdicts(root, &runner, &course_with(root));

    // `LOCKSTEP_BENCH_QUICK=1`: leave out the full course (minutes).
    if std::env::var_os("LOCKSTEP_BENCH_QUICK").is_some() {
        return;
    }
    println!("\nfull course:");
    std::fs::copy(root.join(ex.original()), root.join(DAY1)).expect("restore day 1");
    let lockstep = env!("CARGO_BIN_EXE_lockstep");
    let t = Instant::now();
    let out = Command::new(lockstep).current_dir(root).args(["dev", "check"]).output().expect("dev check");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    println!(
        "  dev check (every original, solution and bad variant)  {:.1}s  {}",
        t.elapsed().as_secs_f64(),
        report.lines().last().unwrap_or("")
    );
    for failed in report.lines().filter(|l| l.starts_with('✗')) {
        println!("    {failed}");
    }
    for e in &course.exercises {
        std::fs::copy(root.join(e.solution()), root.join(&e.path)).expect("solve");
        Command::new(lockstep).current_dir(root).args(["run", &e.name]).output().expect("run");
    }
    let t = Instant::now();
    let out = Command::new(lockstep).current_dir(root).args(["verify"]).output().expect("verify");
    println!(
        "  verify ({} solved exercises)                         {:.1}s  {}",
        course.exercises.len(),
        t.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or("")
    );
}

/// Saves the file in a pty-hosted watch mode and reads, from its trace, when
/// the check started; then measures the CPU it uses while idle.
fn watch_latency(root: &Path, target: &Path, solution: &str) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let trace = root.join("trace.log");
    let pair = native_pty_system().openpty(PtySize { rows: 40, cols: 120, ..Default::default() }).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lockstep"));
    cmd.cwd(root);
    cmd.env("CARGO_TARGET_DIR", target);
    cmd.env("LOCKSTEP_TRACE", &trace);
    let mut child = pair.slave.spawn_command(cmd).expect("watch mode");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
    });
    let mut keys = pair.master.take_writer().expect("writer");
    let wait_for = |what: &str, after: usize| -> u128 {
        loop {
            let text = std::fs::read_to_string(&trace).unwrap_or_default();
            if let Some(line) = text.lines().skip(after).find(|l| l.contains(what)) {
                return line.split(' ').next().and_then(|t| t.parse().ok()).unwrap_or(0);
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    let lines = || std::fs::read_to_string(&trace).unwrap_or_default().lines().count();
    wait_for(" verdict ", 0);
    let mut latencies = Vec::new();
    for i in 0..20 {
        let before = lines();
        let t0 = now_ns();
        std::fs::write(root.join(DAY1), format!("{solution}\n// save {i}\n")).expect("save");
        let started = wait_for("start", before);
        latencies.push(Duration::from_nanos(started.saturating_sub(t0) as u64));
        wait_for("verdict pass", before);
    }
    println!("\nwatch mode (pty), save to check start, 20 saves: {}  (target: < 50ms)", show(&latencies));
    let pid = child.process_id().expect("pid");
    let ticks = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let f: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
        f.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
            + f.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
    };
    let (t0, c0) = (Instant::now(), ticks());
    std::thread::sleep(Duration::from_secs(10));
    let hz = 100.0; // USER_HZ on Linux
    let cpu = (ticks() - c0) as f64 / hz / t0.elapsed().as_secs_f64() * 100.0;
    println!("watch mode idle for 10s: {cpu:.2}% of one core ({} clock ticks)", ticks() - c0);
    let _ = std::io::Write::write_all(&mut keys, b"q");
    let _ = child.wait();
}

fn course_with(root: &Path) -> Course {
    Course::load(root).expect("course")
}

/// Issue 3's numbers: save to verdict for a correct, a deadlocking and a
/// racy solution; how long after its deadline a deadlock verdict arrives;
/// how long a model check takes.
fn verdicts(root: &Path, runner: &Runner, course: &Course) {
    println!("\nsave to verdict, by kind of solution ({ROUNDS} rounds, median (min-max)):");
    let cases = [
        ("correct (day 1)", "hello_threads", "checker/src/bin/hello_threads/solution.rs", "pass"),
        ("deadlocking (day 3)", "ping_pong", "checker/src/bin/ping_pong/bad/nobody_serves.rs", "deadlock"),
        ("racy, model-checked (day 19 fixture)", "counter", "tests/fixtures/counter/racy.rs", "race"),
        ("fixed, model-checked: all 200 schedules", "counter", "tests/fixtures/counter/fixed.rs", "pass"),
    ];
    for (label, name, file, kind) in cases {
        let ex = course.get(name).expect("exercise");
        let text = std::fs::read_to_string(root.join(file)).expect("subject");
        let mut edit = 0;
        let total = measure(|| {
            edit += 1;
            std::fs::write(root.join(&ex.path), format!("{text}\n// edit {edit}\n")).expect("save");
            let v = runner.check(ex, Subject::Learner, &Cancel::never()).expect("check").expect("verdict");
            assert_eq!(v.kind.word(), kind, "{}", v.title);
        });
        // The run alone, on the binary just built.
        let lockstep::runner::Built::Exe(exe) = runner.build(ex, Subject::Learner, &Cancel::never()).expect("build")
        else {
            panic!("{name} does not build");
        };
        let run = measure(|| {
            runner.run(&exe, ex, &ex.path, &Cancel::never()).expect("run").expect("verdict");
        });
        println!("  {label:<38} save to verdict {}   the run alone {}", show(&total), show(&run));
        std::fs::copy(root.join(ex.original()), root.join(&ex.path)).expect("restore the original");
        if kind == "deadlock" {
            let after: Vec<Duration> = run.iter().map(|d| d.saturating_sub(ex.deadline)).collect();
            println!(
                "  {:<38} the deadlock verdict came {} after the {}ms deadline (target: at most 1s)",
                "",
                show(&after),
                ex.deadline.as_millis()
            );
        }
    }
}

/// Save to verdict of each named exercise's reference solution, and the
/// run alone (for a model-checked exercise, the model check).
fn solutions(root: &Path, runner: &Runner, course: &Course, names: &str) {
    const ROUNDS: usize = 3;
    println!("save to verdict of each solution ({ROUNDS} rounds, median (min-max)):");
    println!("  {:<16} {:<8} {:<28} the run alone", "exercise", "model", "save to verdict");
    for ex in course.exercises.iter().filter(|e| names == "all" || names.split(',').any(|n| n.trim() == e.name)) {
        let text = std::fs::read_to_string(root.join(ex.solution())).expect("solution");
        let mut edit = 0;
        let mut one = || {
            edit += 1;
            std::fs::write(root.join(&ex.path), format!("{text}\n// edit {edit}\n")).expect("save");
            let t = Instant::now();
            let v = runner.check(ex, Subject::Learner, &Cancel::never()).expect("check").expect("verdict");
            assert!(v.passed(), "{}: {}", ex.name, v.title);
            t.elapsed()
        };
        one(); // warm up: the first build of this binary
        let total: Vec<Duration> = (0..ROUNDS).map(|_| one()).collect();
        let lockstep::runner::Built::Exe(exe) = runner.build(ex, Subject::Learner, &Cancel::never()).expect("build")
        else {
            panic!("{} does not build", ex.name);
        };
        let run: Vec<Duration> = (0..ROUNDS)
            .map(|_| {
                let t = Instant::now();
                runner.run(&exe, ex, &ex.path, &Cancel::never()).expect("run").expect("verdict");
                t.elapsed()
            })
            .collect();
        let model = ex.model.as_ref().map_or("-".to_string(), |m| format!("{m:?}").to_lowercase());
        println!("  {:<16} {:<8} {:<28} {}", ex.name, model, show(&total), show(&run));
        std::fs::copy(root.join(ex.original()), root.join(&ex.path)).expect("restore the original");
    }
}

fn now_ns() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

fn measure(mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm up
    (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn median(d: &[Duration]) -> Duration {
    let mut d = d.to_vec();
    d.sort();
    d[d.len() / 2]
}

fn show(d: &[Duration]) -> String {
    let (min, max) = (d.iter().min().copied().unwrap_or_default(), d.iter().max().copied().unwrap_or_default());
    format!("{:.1}ms ({:.1}-{:.1}ms)", ms(median(d)), ms(min), ms(max))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
