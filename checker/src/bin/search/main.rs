// Checks for day 25, search.
checker::subject!("../../../../exercises/day25_search.rs");

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use exercise::{Backend, Replica, Reply};
use tokio::time::{Instant, sleep, timeout};

/// Every step a replica took: (replica, ms after the start). A replica that
/// answers logs one step, at the instant it answers.
type Steps = Arc<Mutex<Vec<(&'static str, u64)>>>;

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

fn log(steps: &Steps, name: &'static str, start: Instant) {
    steps.lock().unwrap_or_else(PoisonError::into_inner).push((name, ms(start.elapsed())));
}

/// A replica that answers `name` `after_ms` after it is asked.
fn answers(steps: &Steps, start: Instant, name: &'static str, after_ms: u64) -> Replica {
    let steps = Arc::clone(steps);
    Box::pin(async move {
        sleep(Duration::from_millis(after_ms)).await;
        log(&steps, name, start);
        name.to_string()
    })
}

/// A replica that never answers: it works on, one step every 70 ms.
fn never(steps: &Steps, start: Instant, name: &'static str) -> Replica {
    let steps = Arc::clone(steps);
    Box::pin(async move {
        loop {
            sleep(Duration::from_millis(70)).await;
            log(&steps, name, start);
        }
    })
}

/// How long a check waits for search, in virtual time, before it decides
/// that search waits for something that never comes.
const PATIENCE: Duration = Duration::from_secs(60);

/// What search returned, and when: the virtual instant, and how many steps
/// the replicas had taken by then. On the paused clock many things happen
/// at one instant, so "after" is decided by the order of the log.
struct Returned {
    got: Vec<Option<Reply>>,
    ms: u64,
    seen: usize,
}

/// Calls search; `None` if it had not returned after PATIENCE.
async fn call(steps: &Steps, start: Instant, backends: Vec<Backend>, limit_ms: u64) -> Option<Returned> {
    let got = timeout(PATIENCE, exercise::search(backends, Duration::from_millis(limit_ms))).await.ok()?;
    let seen = steps.lock().unwrap_or_else(PoisonError::into_inner).len();
    Some(Returned { got, ms: ms(start.elapsed()), seen })
}

/// The failure for a search still waiting PATIENCE after the call.
fn never_returned(limit_ms: u64) -> Failure {
    Failure::wrong(format!(
        "The limit was {limit_ms} ms, yet search had not returned {} s later. One replica never\n\
         answers: is search waiting for every replica, or for a reply that cannot come?",
        PATIENCE.as_secs()
    ))
}

/// `[Some("a"), None]`, as the learner would print it.
fn show(got: &[Option<Reply>]) -> String {
    format!("{got:?}")
}

fn want(slots: &[Option<&str>]) -> Vec<Option<Reply>> {
    slots.iter().map(|s| s.map(str::to_string)).collect()
}

/// Steps taken after search returned, per replica: "web-3 answered at 50 ms".
fn steps_after(steps: &Steps, returned: &Returned) -> Vec<String> {
    let steps = steps.lock().unwrap_or_else(PoisonError::into_inner);
    let late = &steps[returned.seen.min(steps.len())..];
    let mut names: Vec<&str> = late.iter().map(|&(name, _)| name).collect();
    names.sort();
    names.dedup();
    names
        .iter()
        .map(|&name| {
            let at: Vec<u64> = late.iter().filter(|&&(n, _)| n == name).map(|&(_, t)| t).collect();
            let first: Vec<String> = at.iter().take(3).map(|t| t.to_string()).collect();
            let more = if at.len() > 3 { ", ..." } else { "" };
            let n = at.len();
            format!("{name} took {n} step{} (at {}{more} ms)", if n == 1 { "" } else { "s" }, first.join(", "))
        })
        .collect()
}

/// After search returned: its tasks are all gone, and no replica took a
/// step after that.
async fn no_straggler(steps: &Steps, returned: &Returned) -> Result<(), Failure> {
    let at = returned.ms;
    let ended = vtime::tasks_end("search").await;
    let late = steps_after(steps, returned);
    if let Err(mut leak) = ended {
        if !late.is_empty() {
            leak.message.push_str(&format!("\nAfter search returned at {at} ms, {}.", late.join("; ")));
        }
        leak.message.push_str(
            "\nReturning the answer stops the waiting, not the replicas: they run on, detached,\n\
             asking backends for replies nobody will read. Which of your tasks are still\n\
             running when search returns, and what stops them?",
        );
        return Err(leak);
    }
    // A task that took a step after search returned was still alive then,
    // even if it ended later: it outlived the function that started it.
    if !late.is_empty() {
        let sites = checker::lines::spawn_sites();
        let spawned = if sites.is_empty() { String::new() } else { format!(" (spawned at {})", sites.join(", ")) };
        return Err(Failure::leak(format!(
            "search returned at {at} ms, but replicas{spawned} were still running:\n\
             {}.\n\
             Those are stragglers: their backend had its answer, or the search was over. In Go,\n\
             `defer cancel()` tells them through the context. What tells yours?",
            late.join("; ")
        ))
        .in_fn("search"));
    }
    Ok(())
}

fn first_reply_per_backend() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let backends = vec![
            vec![
                answers(&steps, start, "web-1", 30),
                answers(&steps, start, "web-2", 10),
                answers(&steps, start, "web-3", 50),
            ],
            vec![answers(&steps, start, "images-1", 20), answers(&steps, start, "images-2", 40)],
            vec![answers(&steps, start, "video-1", 15), never(&steps, start, "video-2")],
        ];
        let Some(back) = call(&steps, start, backends, 1000).await else {
            return Err(never_returned(1000));
        };
        let (got, at) = (&back.got, back.ms);
        let right = want(&[Some("web-2"), Some("images-1"), Some("video-1")]);
        ensure!(
            *got == right && at == 20,
            "3 backends, limit 1000 ms. web's replicas answer at 30, 10 and 50 ms; images' at 20 and\n\
             40 ms; video's first at 15 ms (its second never does).\n\
             search returned {} at {at} ms,\n\
             but should return {} at 20 ms:\n\
             each backend's fastest replica, the moment the last backend has its reply.{}",
            show(got),
            show(&right),
            if *got == want(&[Some("web-1"), Some("images-1"), Some("video-1")]) {
                "\nweb's answer is its first replica in the list, not the first one to reply: in what\n\
                 order do you look at the replicas?"
            } else if *got == want(&[Some("web-2"), Some("video-1"), Some("images-1")]) {
                "\nThe slots go in the order of the backends, not in the order their replies came."
            } else if at > 20 && got.len() == 3 && got[2].is_none() {
                "\nvideo's first replica answered at 15 ms, yet video has no reply: did video wait for\n\
                 its other replica, the one that never answers? A backend's first reply is its answer."
            } else if at > 20 {
                "\nEvery backend had a reply at 20 ms: search waited on, for slower replicas of backends\n\
                 that had already answered, or for the limit. What tells your loop that it has all it\n\
                 needs?"
            } else {
                ""
            }
        );
        let none = exercise::search(Vec::new(), Duration::from_millis(1000)).await;
        let waited = ms(start.elapsed()) - at;
        ensure!(
            none.is_empty() && waited == 0,
            "search with no backends returned {} after {waited} ms; it should return [] at once.",
            show(&none)
        );
        no_straggler(&steps, &back).await
    })
}

fn one_limit_for_the_whole_search() -> Result<(), Failure> {
    vtime::run(async {
        // Start the search at a time other than 0.
        sleep(Duration::from_millis(1000)).await;
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let backends = vec![
            vec![answers(&steps, start, "web-1", 80)],
            vec![answers(&steps, start, "images-1", 150), answers(&steps, start, "images-2", 170)],
            vec![answers(&steps, start, "video-1", 300)],
        ];
        let Some(back) = call(&steps, start, backends, 100).await else {
            return Err(never_returned(100));
        };
        let (got, at) = (&back.got, back.ms);
        let right = want(&[Some("web-1"), None, None]);
        ensure!(
            *got == right && at == 100,
            "3 backends, limit 100 ms for the whole search. web answers at 80 ms, images at 150 ms,\n\
             video at 300 ms.\n\
             search returned {} at {at} ms,\n\
             but should return {} at 100 ms:\n\
             when the limit is up, what has come in is the answer.{}",
            show(got),
            show(&right),
            if got.len() == 3 && got[0].is_none() && at == 100 {
                "\nweb had answered at 80 ms, but its reply was lost when the limit came: the limit\n\
                 ends the waiting, not the search. Where do replies wait, until the limit, so that\n\
                 it cannot take them with it?"
            } else if at > 100 {
                "\nThe limit counts from the call to search, once: does some wait of yours get a\n\
                 limit of its own, counted from when that wait starts?"
            } else if at < 100 {
                "\nimages and video had not replied yet: the search was not over."
            } else {
                ""
            }
        );
        no_straggler(&steps, &back).await
    })
}

fn replies_in_by_the_limit_are_kept() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let backends = vec![
            vec![never(&steps, start, "web-1"), answers(&steps, start, "web-2", 30)],
            vec![never(&steps, start, "images-1"), never(&steps, start, "images-2")],
            vec![answers(&steps, start, "video-1", 60), answers(&steps, start, "video-2", 80)],
        ];
        let Some(back) = call(&steps, start, backends, 100).await else {
            return Err(never_returned(100));
        };
        let (got, at) = (&back.got, back.ms);
        let right = want(&[Some("web-2"), None, Some("video-1")]);
        ensure!(
            *got == right && at == 100,
            "3 backends, limit 100 ms. web's second replica answers at 30 ms, images never does,\n\
             video's replicas answer at 60 and 80 ms.\n\
             search returned {} at {at} ms,\n\
             but should return {} at 100 ms.{}",
            show(got),
            show(&right),
            if got.iter().all(Option::is_none) && got.len() == 3 {
                "\nweb and video had answered, but their replies were lost when the limit came:\n\
                 the limit ends the waiting, not the search. Where do replies wait, until the\n\
                 limit, so that it cannot take them with it?"
            } else if got.len() == 3 && got[2].as_deref() == Some("video-2") {
                "\nvideo's first reply came at 60 ms, from video-1; a later one from the same backend\n\
                 took its place. Is it the backends that have a reply you count, or the replies?"
            } else if at > 100 {
                "\nThe limit was 100 ms: is search waiting for images' replicas anyway?"
            } else {
                ""
            }
        );
        no_straggler(&steps, &back).await
    })
}

/// A backend with no replicas at all: nothing can ever come from it, so its
/// slot is `None`. search may return once nothing is left to wait for, or
/// at the limit; a loop that takes "no replica left" for "no reply yet"
/// spins on the paused clock, never awaiting, and never reaches the limit.
fn a_backend_without_replicas_gets_none() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let steps: Steps = Arc::default();
        let backends = vec![Vec::new(), vec![answers(&steps, start, "web-1", 30)]];
        let Some(back) = call(&steps, start, backends, 100).await else {
            return Err(never_returned(100));
        };
        let (got, at) = (&back.got, back.ms);
        let right = want(&[None, Some("web-1")]);
        ensure!(
            *got == right && (30..=100).contains(&at),
            "2 backends, limit 100 ms: the first has no replicas at all, the second's replica answers at 30 ms.\n\
             search returned {} at {at} ms, but should return {} by 100 ms (at 30 ms, once nothing\n\
             is left to wait for, or at the limit).",
            show(got),
            show(&right)
        );
        no_straggler(&steps, &back).await
    })
}

fn main() {
    harness::run(&[
        Check {
            name: "each backend's fastest replica wins, and search returns once every backend has a reply",
            run: first_reply_per_backend,
        },
        Check { name: "one limit for the whole search, counted from the call", run: one_limit_for_the_whole_search },
        Check {
            name: "the replies in by the limit are kept, and the stragglers stop",
            run: replies_in_by_the_limit_are_kept,
        },
        Check {
            name: "a backend with no replicas gets None, and search still returns by the limit",
            run: a_backend_without_replicas_gets_none,
        },
    ])
}
