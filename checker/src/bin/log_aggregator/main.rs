// Checks for day 29, log_aggregator. Everything runs on the course's clock:
// it moves only when every thread waits, so each instant below is exact. The
// sink is the checks': it writes down each line with the virtual instant it
// was written. Producers are the checks' threads, each logging its lines at
// set instants; a line logged at an instant reaches the writer before the
// clock can move on.
checker::subject!("../../../../exercises/day29_log_aggregator.rs");

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use checker::harness::{self, Check, relative};
use checker::{Failure, clock, thread};
use exercise::Aggregator;

/// A producer: its name, and the instant (ms) it logs each of its lines,
/// `name-0`, `name-1`, ...
struct Producer {
    name: &'static str,
    at: &'static [u64],
}

struct Scenario {
    per: usize,
    every: u64,
    producers: &'static [Producer],
    /// When the check calls `shutdown()`, once every producer is done.
    shutdown_at: u64,
}

/// A line as written: its text and the instant (ms).
type Written = Vec<(String, u64)>;

fn since(start: Duration) -> u64 {
    (clock::elapsed() - start).as_millis() as u64
}

fn sleep_until(start: Duration, at: u64) {
    let now = since(start);
    if at > now {
        clock::sleep(Duration::from_millis(at - now));
    }
}

fn list(lines: &[(String, u64)]) -> String {
    lines.iter().map(|(l, at)| format!("{l} at {at} ms")).collect::<Vec<_>>().join(", ")
}

impl Scenario {
    fn story(&self) -> String {
        let producers: Vec<String> = self
            .producers
            .iter()
            .map(|p| {
                let at: Vec<String> = p.at.iter().map(|t| t.to_string()).collect();
                format!("{} logs at {} ms", p.name, at.join(", "))
            })
            .collect();
        format!(
            "Aggregator::start(sink, {}, {} ms): {}; shutdown() at {} ms",
            self.per,
            self.every,
            producers.join("; "),
            self.shutdown_at
        )
    }

    /// Every line logged, with the instant it was logged, in time order.
    fn logged(&self) -> Vec<(String, u64)> {
        let mut all: Vec<(String, u64)> = self
            .producers
            .iter()
            .flat_map(|p| p.at.iter().enumerate().map(move |(i, &t)| (format!("{}-{i}", p.name), t)))
            .collect();
        all.sort_by_key(|(_, t)| *t);
        all
    }

    /// The instant of each write, in order: each line as soon as the limit
    /// allows, `every` after the write `per` before it.
    fn want_times(&self) -> Vec<u64> {
        let mut w: Vec<u64> = Vec::new();
        for (i, (_, t)) in self.logged().iter().enumerate() {
            let free = if i >= self.per { w[i - self.per] + self.every } else { 0 };
            w.push((*t).max(free));
        }
        w
    }
}

/// The lines of the file under test that call `select!`, as `file:line`.
fn select_lines() -> Vec<String> {
    let Some(path) = harness::file_under_test() else { return Vec::new() };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.split("//").next().unwrap_or("").contains("select!"))
        .map(|(i, _)| format!("{path}:{}", i + 1))
        .collect()
}

/// Logs a line after `shutdown()` returned, and drops the Logger.
fn log_late(spare: exercise::Logger) {
    spare.log("late");
}

/// Runs the scenario; returns what was written when `shutdown()` returned,
/// the instant it returned, everything written by the end, and the threads
/// the aggregator spawned.
fn run(s: &Scenario) -> Result<(Written, u64, Written, Vec<thread::Spawned>), Failure> {
    let start = clock::elapsed();
    let before = thread::all_spawned().len();
    let record: Arc<Mutex<Written>> = Arc::default();
    let sink = {
        let record = Arc::clone(&record);
        move |line: String| record.lock().unwrap_or_else(PoisonError::into_inner).push((line, since(start)))
    };
    let agg = Aggregator::start(sink, s.per, Duration::from_millis(s.every));
    // The writer has done all it can before anything is logged.
    clock::quiesce();
    let producers: Vec<_> = s
        .producers
        .iter()
        .map(|p| {
            let logger = agg.logger();
            let (name, at) = (p.name, p.at);
            std::thread::spawn(move || {
                for (i, &t) in at.iter().enumerate() {
                    sleep_until(start, t);
                    logger.log(format!("{name}-{i}"));
                }
            })
        })
        .collect();
    // A Logger still held when shutdown() is called, as a producer may.
    let spare = agg.logger();
    for p in producers {
        let _ = p.join();
    }
    sleep_until(start, s.shutdown_at);
    agg.shutdown();
    let returned = since(start);
    let at_return = record.lock().unwrap_or_else(PoisonError::into_inner).clone();
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| log_late(spare))).is_err() {
        return Err(Failure::wrong(format!(
            "{}:\nlog(..) panicked when a producer logged a line after shutdown() had returned. A producer may \
             still\nhold a Logger then: what should become of a line nobody will write?",
            s.story()
        )));
    }
    harness::threads_end("shutdown")?;
    let all = record.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let spawned = thread::all_spawned().split_off(before);
    Ok((at_return, returned, all, spawned))
}

fn expect(s: &Scenario) -> Result<(), Failure> {
    let (at_return, returned, all, spawned) = run(s)?;
    let story = s.story();
    let logged = s.logged();
    let fail = |why: String| Err(Failure::wrong(format!("{story}:\n{why}")));

    // One writer thread, and no other.
    if spawned.len() != 1 {
        let mut sites: Vec<(String, usize)> = Vec::new();
        for t in &spawned {
            let site = format!("{}:{}", relative(t.at.file()), t.at.line());
            match sites.iter_mut().find(|(k, _)| *k == site) {
                Some((_, n)) => *n += 1,
                None => sites.push((site, 1)),
            }
        }
        let sites: Vec<String> = sites
            .iter()
            .map(|(site, n)| {
                if *n == 1 {
                    format!("  - a thread spawned at {site}")
                } else {
                    format!("  - {n} threads spawned at {site}")
                }
            })
            .collect();
        return fail(format!(
            "the aggregator started {} threads:\n{}\nOne writer thread owns the sink. Two lines \
             handed over by two threads of their own\ncan reach it in either order: which threads need to exist?",
            spawned.len(),
            sites.join("\n")
        ));
    }

    // Lost lines, or shutdown() returned before they were written.
    let missing: Vec<&String> =
        logged.iter().map(|(l, _)| l).filter(|l| !at_return.iter().any(|(w, _)| w == *l)).collect();
    if !missing.is_empty() {
        let later: Vec<(String, u64)> = all.iter().filter(|(w, _)| missing.contains(&w)).cloned().collect();
        if !later.is_empty() {
            return fail(format!(
                "shutdown() returned at {returned} ms with {} of {} lines written; the rest came after it had\n\
                 returned ({}). What should shutdown() wait for before it returns?",
                logged.len() - missing.len(),
                logged.len(),
                list(&later)
            ));
        }
        let names: Vec<&str> = missing.iter().map(|l| l.as_str()).collect();
        let written = if at_return.is_empty() { "nothing".to_string() } else { list(&at_return) };
        let select = select_lines();
        let select = if select.is_empty() {
            String::new()
        } else {
            format!(
                "\nYour writer waits in `select!` at {}: when a line and the stop are both\n\
                 ready, it takes either one, at random; a stop taken first leaves the lines queued behind it unwritten.",
                select.join(", ")
            )
        };
        return fail(format!(
            "these lines were logged before shutdown() was called (at {} ms) and never written: {}.\nIt wrote \
             {written}; shutdown() returned at {returned} ms, and the writer had ended without them.{select}\n\
             When does your writer stop taking lines, and what becomes of the ones still queued then?",
            s.shutdown_at,
            names.join(", ")
        ));
    }
    // Lines written twice, or after shutdown() returned.
    if all.len() > logged.len() {
        let extra = &all[logged.len()..];
        if extra.iter().any(|(l, _)| l == "late") {
            return fail(format!(
                "a line logged after shutdown() had returned was written anyway ({}): the writer was still\n\
                 running. What tells the writer to stop, and who waits for it to end?",
                list(extra)
            ));
        }
        return fail(format!("it wrote {} lines for {} logged: {}.", all.len(), logged.len(), list(&all)));
    }
    // Each producer's lines in its order.
    for p in s.producers {
        let mine: Vec<&(String, u64)> = all.iter().filter(|(l, _)| l.starts_with(&format!("{}-", p.name))).collect();
        for pair in mine.windows(2) {
            let index = |l: &str| l.rsplit('-').next().and_then(|i| i.parse::<usize>().ok()).unwrap_or(0);
            if index(&pair[0].0) > index(&pair[1].0) {
                return fail(format!(
                    "{} logged {} before {}, but {} was written first.\nIt wrote {}.\nOne producer's lines must \
                     come out in the order it logged them: where could they change places?",
                    p.name,
                    pair[1].0,
                    pair[0].0,
                    pair[0].0,
                    list(&all)
                ));
            }
        }
    }
    // The limit: at most `per` writes in any `every`.
    let times: Vec<u64> = all.iter().map(|(_, t)| *t).collect();
    let logged_at = |line: &str| logged.iter().find(|(l, _)| l == line).map(|(_, t)| *t).unwrap_or(0);
    let waited = all.iter().any(|(l, t)| *t > logged_at(l));
    for i in s.per..times.len() {
        if times[i] - times[i - s.per] < s.every && !waited {
            return fail(format!(
                "{} lines were written within {} ms ({}), and the limit is {} in any {} ms.\n\
                 It wrote {}.\nIt never waited: each line was written the instant it was logged, on the course's \
                 clock, which the\nlimit is measured on (std's sleep and `Instant` are the real clock). What does \
                 your writer wait on?",
                s.per + 1,
                times[i] - times[i - s.per],
                list(&all[i - s.per..=i]),
                s.per,
                s.every,
                list(&all)
            ));
        }
        // A line that waited, then the ones after it written at once: the count started
        // afresh after the wait, though the writes just before it still counted.
        let run = &all[i - s.per..=i];
        let waited_at = (1..run.len() - 1).find(|&k| run[k].1 > logged_at(&run[k].0));
        if times[i] - times[i - s.per] < s.every
            && let Some(k) = waited_at
            && run[k + 1..].iter().all(|(l, t)| *t == logged_at(l))
        {
            let after: Vec<&str> = run[k + 1..].iter().map(|(l, _)| l.as_str()).collect();
            return fail(format!(
                "{} lines were written within {} ms ({}), and the limit is {} in any {} ms.\n\
                 It wrote {}.\n{} waited until {} ms; then {} went out at once, though {} and {} were\n\
                 within the last {} ms: {} writes already. Your writer counted afresh after the wait. What does \
                 it count:\nthe writes of the last {} ms, or the writes since some moment?",
                s.per + 1,
                times[i] - times[i - s.per],
                list(run),
                s.per,
                s.every,
                list(&all),
                run[k].0,
                run[k].1,
                after.join(", "),
                list(&run[..k]),
                run[k].0,
                s.every,
                k + 1,
                s.every
            ));
        }
        if times[i] - times[i - s.per] < s.every {
            return fail(format!(
                "{} lines were written within {} ms ({}), and the limit is {} in any {} ms.\n\
                 It wrote {}.\nHow many writes does your writer let through before it waits?",
                s.per + 1,
                times[i] - times[i - s.per],
                list(&all[i - s.per..=i]),
                s.per,
                s.every,
                list(&all)
            ));
        }
    }
    // Each write as soon as the limit allows.
    let want = s.want_times();
    if let Some(i) = (0..times.len()).find(|&i| times[i] != want[i]) {
        let (line, at) = &all[i];
        let logged_at = logged_at(line);
        return fail(format!(
            "{line} (logged at {logged_at} ms) was written at {at} ms; the limit allowed it at {} ms.\n\
             It wrote {}.\nA line waits only while {} lines were written in the last {} ms: what does your \
             writer wait for?",
            want[i],
            list(&all),
            s.per,
            s.every
        ));
    }
    // shutdown() returns once the last line is written, not later.
    let done = want.last().copied().unwrap_or(0).max(s.shutdown_at);
    if returned > done {
        return fail(format!(
            "shutdown() returned at {returned} ms, though every line was written by {done} ms.\n\
             What was it still waiting for?"
        ));
    }
    Ok(())
}

fn one_producer_in_order_and_at_the_rate() -> Result<(), Failure> {
    expect(&Scenario {
        per: 2,
        every: 100,
        producers: &[Producer { name: "p", at: &[0, 0, 0, 0, 0, 250, 260] }],
        shutdown_at: 1000,
    })?;
    expect(&Scenario {
        per: 1,
        every: 40,
        producers: &[Producer { name: "p", at: &[0, 10, 100, 130] }],
        shutdown_at: 500,
    })?;
    // A burst across 100 ms, off any grid of windows: at 100 ms, p-1 and p-2
    // (95 ms) still count, so p-4 and p-5 wait until 195 ms.
    expect(&Scenario {
        per: 3,
        every: 100,
        producers: &[Producer { name: "p", at: &[0, 95, 95, 95, 100, 100] }],
        shutdown_at: 500,
    })
}

fn shutdown_writes_every_queued_line_at_the_rate() -> Result<(), Failure> {
    expect(&Scenario { per: 1, every: 50, producers: &[Producer { name: "p", at: &[0, 0, 0, 0] }], shutdown_at: 0 })?;
    // A long queue behind the stop: a writer that may take the stop while
    // lines wait (a `select!` over both) has a dozen chances to, not two.
    expect(&Scenario { per: 1, every: 10, producers: &[Producer { name: "p", at: &[0; 12] }], shutdown_at: 0 })?;
    expect(&Scenario { per: 2, every: 50, producers: &[], shutdown_at: 10 })
}

fn many_producers_one_writer() -> Result<(), Failure> {
    let s = Scenario {
        per: 3,
        every: 30,
        producers: &[
            Producer { name: "a", at: &[0, 0, 0, 0] },
            Producer { name: "b", at: &[0, 10, 20, 30] },
            Producer { name: "c", at: &[5, 5, 40, 40, 100] },
        ],
        shutdown_at: 100,
    };
    expect(&s)
}

fn a_panic_in_the_sink_reaches_shutdowns_caller() -> Result<(), Failure> {
    let panicked: Arc<Mutex<Option<std::thread::ThreadId>>> = Arc::default();
    let sink = {
        let panicked = Arc::clone(&panicked);
        move |line: String| {
            if line == "disk full" {
                *panicked.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
                panic!("the sink failed on {line:?}");
            }
        }
    };
    let agg = Aggregator::start(sink, 2, Duration::from_millis(10));
    clock::quiesce();
    {
        let logger = agg.logger();
        for line in ["ok", "disk full", "after"] {
            logger.log(line);
        }
    }
    let reached = harness::panic_reaches_caller("shutdown()", "The sink (writing \"disk full\")", &panicked, || {
        agg.shutdown();
        "normally"
    });
    harness::threads_end("shutdown")?;
    reached
}

fn main() {
    harness::run(&[
        Check {
            name: "one producer: its lines in order, at most `per` in any `every`, each as soon as allowed",
            run: one_producer_in_order_and_at_the_rate,
        },
        Check {
            name: "shutdown writes every queued line, at the rate, while a Logger is still held",
            run: shutdown_writes_every_queued_line_at_the_rate,
        },
        Check {
            name: "many producers: each one's lines in its order, none lost, one writer",
            run: many_producers_one_writer,
        },
        Check {
            name: "a panic in the sink reaches shutdown's caller",
            run: a_panic_in_the_sink_reaches_shutdowns_caller,
        },
    ])
}
