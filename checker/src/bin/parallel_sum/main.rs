// Checks for day 27, parallel_sum. `work` records every call (the item, the
// thread it ran on), so the checks count the threads and each thread's share
// from the record, never from timing. That the threads run at the same time
// is forced: the first call waits until every other thread of the process is
// blocked or gone; threads running in parallel have done their shares by
// then, threads run one after another have not started.
checker::subject!("../../../../exercises/day27_parallel_sum.rs");

use checker::harness::{self, Check};
use checker::{Failure, Kind, ensure};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

/// One call of `work`: its item, its thread, and whether it came after the
/// held first call went on.
struct Call {
    x: u64,
    thread: ThreadId,
    after_release: bool,
}

struct Seen {
    calls: Vec<Call>,
    /// Hold the first call until everything else is blocked.
    hold_first: bool,
    released: bool,
}

static SEEN: Mutex<Seen> = Mutex::new(Seen { calls: Vec::new(), hold_first: false, released: false });

fn seen() -> MutexGuard<'static, Seen> {
    SEEN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn reset(hold_first: bool) {
    *seen() = Seen { calls: Vec::new(), hold_first, released: false };
}

fn expected(x: u64) -> u64 {
    x * x + 1
}

fn work(x: u64) -> u64 {
    let mut s = seen();
    let first = s.calls.is_empty();
    let after_release = s.released;
    s.calls.push(Call { x, thread: std::thread::current().id(), after_release });
    if first && s.hold_first {
        drop(s);
        // Every other thread does all it can without this one, and blocks
        // (the caller in a join) or ends.
        checker::clock::quiesce();
        seen().released = true;
    }
    expected(x)
}

/// `len` distinct items.
fn data(len: usize) -> Vec<u64> {
    (0..len as u64).map(|i| 3 * i + 2).collect()
}

fn site(t: &checker::thread::Spawned) -> String {
    format!("{}:{}", harness::relative(t.at.file()), t.at.line())
}

/// Where the threads were spawned: "at day27.rs:12 (4 threads)".
fn sites() -> String {
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for t in checker::thread::all_spawned() {
        *at.entry(site(&t)).or_default() += 1;
    }
    let list: Vec<String> =
        at.iter().map(|(s, n)| format!("{s} ({n} thread{})", if *n == 1 { "" } else { "s" })).collect();
    if list.is_empty() { "no thread was spawned".into() } else { format!("spawned at {}", list.join(", ")) }
}

/// Each item of `items` worked on exactly once.
fn each_item_once(call: &str, items: &[u64]) -> Result<(), Failure> {
    let mut count: BTreeMap<u64, usize> = items.iter().map(|&x| (x, 0)).collect();
    for c in &seen().calls {
        *count.entry(c.x).or_default() += 1;
    }
    let index = |x: u64| items.iter().position(|&y| y == x).unwrap_or(usize::MAX);
    let never: Vec<usize> = count.iter().filter(|&(_, &n)| n == 0).map(|(&x, _)| index(x)).collect();
    ensure!(
        never.is_empty(),
        "{call} never worked on the item(s) at index {never:?} of {}: no thread's share held them.\n\
         Do the shares, put together, cover the whole slice, up to its last item?",
        items.len()
    );
    let twice: Vec<usize> = count.iter().filter(|&(_, &n)| n > 1).map(|(&x, _)| index(x)).collect();
    ensure!(
        twice.is_empty(),
        "{call} worked on the item(s) at index {twice:?} of {} more than once: two shares overlap.\n\
         Where does one share end, and where does the next one begin?",
        items.len()
    );
    Ok(())
}

const CASES: [(usize, usize); 14] = [
    (12, 4),
    (10, 4),
    (10, 3),
    (7, 2),
    (13, 5),
    (64, 8),
    (5, 1),
    (1, 1),
    (1, 3),
    (3, 8),
    (2, 2),
    (0, 1),
    (0, 4),
    (100, 7),
];

fn the_sum_is_right() -> Result<(), Failure> {
    for (len, threads) in CASES {
        let items = data(len);
        let call = format!("sum_on_threads(<{len} items>, work, {threads})");
        reset(false);
        let got = exercise::sum_on_threads(&items, work, threads);
        each_item_once(&call, &items)?;
        let want: u64 = items.iter().map(|&x| expected(x)).sum();
        ensure!(got == want, "{call} returned {got}, but the sum of work(x) over the items is {want}.");
        harness::no_unjoined_threads(&call)?;
        checker::thread::forget_all();
    }
    Ok(())
}

/// The threads that ran `work`, with how many items each.
fn shares() -> HashMap<ThreadId, usize> {
    let mut per: HashMap<ThreadId, usize> = HashMap::new();
    for c in &seen().calls {
        *per.entry(c.thread).or_default() += 1;
    }
    per
}

/// At most `threads` threads, each with at most len / threads items, rounded
/// up; `limit` says where `threads` came from.
fn fair_shares(call: &str, len: usize, threads: usize, limit: &str) -> Result<(), Failure> {
    let spawned = checker::thread::all_spawned().len();
    ensure!(
        spawned <= threads,
        "{call} spawned {spawned} threads, more than the {threads} {limit}: {}.\n\
         CPU-bound work goes no faster on more threads than can run at once; the extra ones only\n\
         take turns on the same cores. How many shares does your split make?",
        sites()
    );
    let per = shares();
    ensure!(
        per.len() <= threads,
        "{call}: work ran on {} threads (the calling thread too), more than the {threads} {limit}.\n\
         Count every thread that works, the calling one included.",
        per.len()
    );
    let most = per.values().copied().max().unwrap_or(0);
    let fair = len.div_ceil(threads);
    ensure!(
        most <= fair,
        "{call}: one thread worked on {most} of the {len} items, but a fair share is at most\n\
         {len} / {threads} rounded up, {fair}: only {} thread(s) did the work, and the other cores had nothing\n\
         to do ({}). How does your code give each thread its own part of the slice?",
        per.len(),
        sites()
    );
    Ok(())
}

fn at_most_threads_each_a_fair_share() -> Result<(), Failure> {
    for (len, threads) in CASES {
        let items = data(len);
        let call = format!("sum_on_threads(<{len} items>, work, {threads})");
        reset(false);
        let _ = exercise::sum_on_threads(&items, work, threads);
        fair_shares(&call, len, threads, "it was given")?;
        harness::no_unjoined_threads(&call)?;
        checker::thread::forget_all();
    }
    Ok(())
}

fn the_threads_run_at_the_same_time() -> Result<(), Failure> {
    for (len, threads) in [(12, 4), (10, 3), (2, 2)] {
        let items = data(len);
        let call = format!("sum_on_threads(<{len} items>, work, {threads})");
        // The first item anyone works on is held until every other thread is
        // blocked or gone: threads started together have done their shares.
        reset(true);
        let _ = exercise::sum_on_threads(&items, work, threads);
        let s = seen();
        let held = s.calls.first().map(|c| c.thread);
        let late: HashSet<ThreadId> =
            s.calls.iter().filter(|c| c.after_release && Some(c.thread) != held).map(|c| c.thread).collect();
        let workers: HashSet<ThreadId> = s.calls.iter().map(|c| c.thread).collect();
        drop(s);
        ensure!(
            late.is_empty(),
            "{call}: while one thread was still busy with its share,\n\
             {} of the other {} working thread(s) had not started theirs ({}).\n\
             The shares were worked on one after another, so only one core worked at a time.\n\
             Are all the threads started before your code waits for one, or works on a share of its own?",
            late.len(),
            workers.len() - 1,
            sites()
        );
        harness::no_unjoined_threads(&call)?;
        checker::thread::forget_all();
    }
    Ok(())
}

fn parallel_sum_uses_available_parallelism() -> Result<(), Failure> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let len = 256;
    let items = data(len);
    let call = format!("parallel_sum(<{len} items>, work) on this machine, where available_parallelism() is {cores},");
    reset(false);
    let got = exercise::parallel_sum(&items, work);
    each_item_once(&call, &items)?;
    let want: u64 = items.iter().map(|&x| expected(x)).sum();
    ensure!(got == want, "{call} returned {got}, but the sum of work(x) over the items is {want}.");
    fair_shares(&call, len, cores, "that available_parallelism() allows")?;
    harness::no_unjoined_threads("parallel_sum")?;
    checker::thread::forget_all();
    if harness::info_shown() {
        speed_up(cores);
    }
    Ok(())
}

/// CPU-bound work for the measurement: nothing recorded, nothing shared.
fn crunch(x: u64) -> u64 {
    (0..4_000u64).fold(x, |a, i| a.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i)) % 1_000
}

/// The speed-up the learner's split gives on this machine, shown after a
/// pass: wall time, so information only, never part of the verdict.
fn speed_up(cores: usize) {
    if cores < 2 {
        harness::info("This machine runs one thread at a time here, so there is no speed-up to measure.");
        return;
    }
    let items = data(4_096);
    let time = |threads| {
        let start = std::time::Instant::now();
        std::hint::black_box(exercise::sum_on_threads(&items, crunch, threads));
        checker::thread::forget_all();
        start.elapsed()
    };
    let one = time(1);
    let many = time(cores);
    harness::info(format!(
        "Measured on this machine (information, not part of the verdict): the same work took {:.1} ms on \
         1 thread and {:.1} ms on {cores}: {:.1}× as fast. On a busy machine the gain shrinks: the threads \
         share the cores with everything else.",
        one.as_secs_f64() * 1e3,
        many.as_secs_f64() * 1e3,
        one.as_secs_f64() / many.as_secs_f64().max(1e-9)
    ));
}

/// The item whose work panics, and the thread it panicked on.
const FAULTY: u64 = 14;
static PANICKED: Mutex<Option<ThreadId>> = Mutex::new(None);

fn work_panics_on_faulty(x: u64) -> u64 {
    if x == FAULTY {
        *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = Some(std::thread::current().id());
        panic!("work({x}) failed");
    }
    expected(x)
}

/// 12 items on 4 threads: item 14 is at index 4, the first of the second share.
fn a_panic_in_work_reaches_the_caller() -> Result<(), Failure> {
    *PANICKED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    let items = data(12);
    let function = "sum_on_threads(<12 items>, work, 4)";
    harness::panic_reaches_caller(function, &format!("work({FAULTY})"), &PANICKED, || {
        exercise::sum_on_threads(&items, work_panics_on_faulty, 4)
    })
}

fn what_panicked(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}

fn parallel_sum_falls_back_to_one_thread() -> Result<(), Failure> {
    checker::thread::fail_available_parallelism();
    let len = 10;
    let items = data(len);
    let call = format!("parallel_sum(<{len} items>, work) while available_parallelism() fails");
    reset(false);
    let got = match std::panic::catch_unwind(|| exercise::parallel_sum(&items, work)) {
        Ok(got) => got,
        Err(p) => {
            return Err(Failure {
                kind: Kind::Panic,
                message: format!(
                    "{call}: parallel_sum panicked:\n  {}\n\
                     available_parallelism() returns an io::Result because it can fail (a restricted container, \
                     a system that will not say). The sum can still be computed; how many threads are always \
                     there to do it?",
                    what_panicked(&*p)
                ),
            }
            .in_fn("parallel_sum"));
        }
    };
    each_item_once(&call, &items)?;
    let want: u64 = items.iter().map(|&x| expected(x)).sum();
    ensure!(got == want, "{call} returned {got}, but the sum of work(x) over the items is {want}.");
    fair_shares(&call, len, 1, "of the fallback when available_parallelism() fails")?;
    harness::no_unjoined_threads("parallel_sum")
}

fn main() {
    harness::run(&[
        Check { name: "every item is worked on once and the sum is right", run: the_sum_is_right },
        Check { name: "at most `threads` threads, each with a fair share", run: at_most_threads_each_a_fair_share },
        Check { name: "the threads work at the same time", run: the_threads_run_at_the_same_time },
        Check { name: "parallel_sum uses available_parallelism()", run: parallel_sum_uses_available_parallelism },
        Check { name: "a panic in work reaches the caller", run: a_panic_in_work_reaches_the_caller },
        Check {
            name: "parallel_sum falls back to 1 thread when available_parallelism() fails",
            run: parallel_sum_falls_back_to_one_thread,
        },
    ])
}
