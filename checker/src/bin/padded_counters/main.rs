// Checks for day 27, padded_counters. False sharing is decided from the
// layout, never from a timing: the addresses of adjacent counters' `hits`
// in a Vec<Counter> must be 128 bytes apart or more. That each thread counts
// live into a counter of its own is decided from what `is_hit` sees: every
// call reads all the counters on the calling thread, and a thread's own
// counter, which only it writes, must hold exactly its hits so far.
checker::subject!("../../../../exercises/day27_padded_counters.rs");

use checker::harness::{self, Check};
use checker::{Failure, Kind, ensure};
use exercise::Counter;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

/// How far apart adjacent counters must be: two 64-byte lines, as x86_64's
/// spatial prefetcher fetches lines in pairs.
const APART: usize = 128;

/// One call of `is_hit`: its thread, the hits that thread had found before
/// it, every counter's value as that thread saw it, and the answer.
struct Call {
    thread: ThreadId,
    hits_before: u64,
    counters: Vec<u64>,
}

struct Seen {
    counters: Option<&'static [Counter]>,
    calls: Vec<Call>,
    hits: HashMap<ThreadId, u64>,
}

static SEEN: Mutex<Option<Seen>> = Mutex::new(None);

fn seen() -> MutexGuard<'static, Option<Seen>> {
    SEEN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn hit(x: u64) -> bool {
    !x.is_multiple_of(4)
}

fn is_hit(x: u64) -> bool {
    let mut guard = seen();
    let s = guard.as_mut().expect("a run is set up");
    let me = std::thread::current().id();
    let counters = s.counters.map(|cs| cs.iter().map(|c| load(&c.hits)).collect()).unwrap_or_default();
    let before = s.hits.entry(me).or_default();
    let hits_before = *before;
    if hit(x) {
        *before += 1;
    }
    s.calls.push(Call { thread: me, hits_before, counters });
    hit(x)
}

fn load(a: &AtomicU64) -> u64 {
    a.load(Ordering::SeqCst)
}

fn addr(a: &AtomicU64) -> usize {
    a as *const AtomicU64 as usize
}

fn counters(n: usize) -> &'static [Counter] {
    // A few bytes per run; the check's process ends soon after.
    Box::leak((0..n).map(|_| Counter::new()).collect::<Vec<_>>().into_boxed_slice())
}

/// Where the learner's file declares `struct Counter`: "\n\nThe code involved: ...".
fn counter_type_line() -> String {
    let Ok(path) = std::env::var("LOCKSTEP_FILE_UNDER_TEST") else { return String::new() };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let at = text.lines().position(|l| l.split("//").next().unwrap_or("").contains("struct Counter"));
    at.map(|i| format!("\n\nThe code involved: `struct Counter` at {path}:{}.", i + 1)).unwrap_or_default()
}

fn each_counter_on_lines_of_its_own() -> Result<(), Failure> {
    let cs = counters(4);
    let (size, align) = (std::mem::size_of::<Counter>(), std::mem::align_of::<Counter>());
    for i in 0..cs.len() - 1 {
        let gap = addr(&cs[i + 1].hits).abs_diff(addr(&cs[i].hits));
        ensure!(
            gap >= APART,
            "In a Vec<Counter>, counter {i}'s hits and counter {}'s are {gap} bytes apart\n\
             (Counter: size_of {size} bytes, align_of {align}): closer than {APART}, so neighbours can sit in one\n\
             {APART}-byte pair of cache lines, and two threads counting side by side would keep taking\n\
             that memory from each other's core: right answers, slowly.\n\
             What decides where each element of a Vec<Counter> starts, and how far apart is far enough?{}",
            i + 1,
            counter_type_line()
        );
    }
    if harness::info_shown() {
        false_sharing_cost();
    }
    Ok(())
}

/// What false sharing costs on this machine, shown after a pass: two threads
/// adding to neighbouring counters, then to counters 128 bytes apart. Wall
/// time, so information only, never part of the verdict.
fn false_sharing_cost() {
    #[repr(align(128))]
    struct Apart(AtomicU64);
    const ADDS: u64 = 4_000_000;
    fn race_two(a: &AtomicU64, b: &AtomicU64) -> std::time::Duration {
        let start = std::time::Instant::now();
        std::thread::scope(|s| {
            for c in [a, b] {
                s.spawn(move || (0..ADDS).for_each(|_| _ = c.fetch_add(1, Ordering::Relaxed)));
            }
        });
        start.elapsed()
    }
    if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        harness::info("This machine runs one thread at a time here: false sharing costs nothing to measure.");
        return;
    }
    let side_by_side = [AtomicU64::new(0), AtomicU64::new(0)];
    let shared = race_two(&side_by_side[0], &side_by_side[1]);
    let apart = [Apart(AtomicU64::new(0)), Apart(AtomicU64::new(0))];
    let padded = race_two(&apart[0].0, &apart[1].0);
    let no_gain = if padded.as_secs_f64() > 0.8 * shared.as_secs_f64() {
        " No gain showed this time: when the machine is busy, or both threads share one core, the line has \
         no other core to bounce to."
    } else {
        ""
    };
    harness::info(format!(
        "Measured on this machine (information, not part of the verdict): two threads adding 1 four million \
         times each took {:.0} ms on neighbouring counters and {:.0} ms on counters 128 bytes apart.{no_gain}",
        shared.as_secs_f64() * 1e3,
        padded.as_secs_f64() * 1e3
    ));
}

const CASES: [(usize, usize); 5] = [(12, 4), (10, 3), (23, 2), (5, 5), (0, 3)];

fn empty_panicked(call: &str, p: &(dyn std::any::Any + Send)) -> Failure {
    let what = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into());
    Failure {
        kind: Kind::Panic,
        message: format!(
            "{call} panicked:\n  {what}\n\
             With no items there are no hits, and the answer is 0. What size are the shares of an empty\n\
             slice, and what does your split make of that size?"
        ),
    }
    .in_fn("count_hits")
}

fn each_thread_counts_live_into_its_own_counter() -> Result<(), Failure> {
    for (len, n) in CASES {
        let data: Vec<u64> = (0..len as u64).map(|i| i * 5 + 1).collect();
        let cs = counters(n);
        *seen() = Some(Seen { counters: Some(cs), calls: Vec::new(), hits: HashMap::new() });
        let call = format!("count_hits(<{len} items>, is_hit, <{n} counters>)");
        let got = match std::panic::catch_unwind(|| exercise::count_hits(&data, is_hit, cs)) {
            Ok(got) => got,
            // No items: nothing to count, and nothing that should fail.
            Err(p) if len == 0 => return Err(empty_panicked(&call, &*p)),
            Err(p) => std::panic::resume_unwind(p),
        };
        harness::no_unjoined_threads("count_hits")?;
        checker::thread::forget_all();
        let s = seen().take().expect("set up above");
        let want = data.iter().filter(|&&x| hit(x)).count() as u64;
        ensure!(got == want, "{call} returned {got}, but {want} of the items are hits.");
        let fin: Vec<u64> = cs.iter().map(|c| load(&c.hits)).collect();
        let in_counters: u64 = fin.iter().sum();
        ensure!(
            in_counters == want,
            "after {call}, the counters hold {fin:?}, {in_counters} hits in all, but there are {want}:\n\
             each hit goes into the counter of the thread that found it. Where do your threads count?"
        );
        let mut missed = None;
        for (t, &total) in &s.hits {
            let calls: Vec<&Call> = s.calls.iter().filter(|c| c.thread == *t).collect();
            // Its own counter: one whose final value is its total, and which held its hits so far at each call.
            let own =
                (0..n).find(|&c| fin[c] == total && calls.iter().all(|call| call.counters[c] == call.hits_before));
            if own.is_none() {
                let first_miss = calls.iter().find(|call| !call.counters.contains(&call.hits_before));
                missed = Some((total, first_miss.map(|c| (c.hits_before, c.counters.clone()))));
                break;
            }
        }
        if let Some((total, miss)) = missed {
            let seen = match miss {
                Some((before, values)) => format!(
                    "\nOnce, a thread that had found {before} hit(s) so far looked at the counters and saw {values:?}: none held its {before}."
                ),
                None => String::new(),
            };
            return Err(Failure::wrong(format!(
                "{call}: a thread found {total} hit(s), but no counter held that thread's hits, and only\n\
                 them, as it went; the counters ended as {fin:?}.{seen}\n\
                 The monitor reads each thread's counter while the work runs: does each thread have a\n\
                 counter of its own, and does each hit go into it the moment it is found?"
            )));
        }
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check {
            name: "each thread counts live into a counter of its own",
            run: each_thread_counts_live_into_its_own_counter,
        },
        Check { name: "each counter is on cache lines of its own", run: each_counter_on_lines_of_its_own },
    ])
}
