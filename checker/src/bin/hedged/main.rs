// Checks for day 25, hedged.
checker::subject!("../../../../exercises/day25_hedged.rs");

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use exercise::{Replica, Reply};
use tokio::time::{Instant, sleep, timeout};

/// What a replica did: (replica, what, ms after the start), what being
/// "asked" (its first poll), "answered" or "step" (one more step of work).
type Log = Arc<Mutex<Vec<(&'static str, &'static str, u64)>>>;

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

fn note(log: &Log, name: &'static str, what: &'static str, start: Instant) {
    log.lock().unwrap_or_else(PoisonError::into_inner).push((name, what, ms(start.elapsed())));
}

/// A replica that answers `name` `after_ms` after it is asked, or that
/// never answers (`None`): it works on, one step every 70 ms.
fn replica(log: &Log, start: Instant, name: &'static str, after_ms: Option<u64>) -> Replica {
    let log = Arc::clone(log);
    Box::pin(async move {
        note(&log, name, "asked", start);
        let Some(after_ms) = after_ms else {
            loop {
                sleep(Duration::from_millis(70)).await;
                note(&log, name, "step", start);
            }
        };
        sleep(Duration::from_millis(after_ms)).await;
        note(&log, name, "answered", start);
        name.to_string()
    })
}

/// How long a check waits for hedged, in virtual time, before it decides
/// that hedged waits for something that never comes.
const PATIENCE: Duration = Duration::from_secs(60);

/// What hedged returned, when, and how many events the log had by then.
struct Returned {
    got: Reply,
    ms: u64,
    seen: usize,
}

async fn call(log: &Log, start: Instant, replicas: Vec<Replica>, delay_ms: u64) -> Option<Returned> {
    let got = timeout(PATIENCE, exercise::hedged(replicas, Duration::from_millis(delay_ms))).await.ok()?;
    let seen = log.lock().unwrap_or_else(PoisonError::into_inner).len();
    Some(Returned { got, ms: ms(start.elapsed()), seen })
}

/// "a at 0 ms, b at 50 ms": which replicas were asked, and when, up to `upto` events.
fn asked(log: &Log, upto: usize) -> String {
    let log = log.lock().unwrap_or_else(PoisonError::into_inner);
    let asked: Vec<String> = log[..upto.min(log.len())]
        .iter()
        .filter(|&&(_, what, _)| what == "asked")
        .map(|&(name, _, at)| format!("{name} at {at} ms"))
        .collect();
    if asked.is_empty() { "none".to_string() } else { asked.join(", ") }
}

fn never_returned(log: &Log, what: &str) -> Failure {
    let upto = log.lock().unwrap_or_else(PoisonError::into_inner).len();
    Failure::wrong(format!(
        "{what}; yet hedged had not returned {} s later.\n\
         The replicas it asked: {}.\n\
         Were you waiting on replicas that never answer, while others were left to ask?",
        PATIENCE.as_secs(),
        asked(log, upto)
    ))
}

/// After hedged returned: its tasks are all gone, and no replica did
/// anything after that.
async fn no_straggler(log: &Log, back: &Returned) -> Result<(), Failure> {
    let ended = vtime::tasks_end("hedged").await;
    let late: Vec<String> = {
        let log = log.lock().unwrap_or_else(PoisonError::into_inner);
        let mut late: Vec<String> = log[back.seen.min(log.len())..]
            .iter()
            .map(|&(name, what, at)| {
                format!(
                    "{name} {}",
                    if what == "step" { "worked on".to_string() } else { format!("{what} at {at} ms") }
                )
            })
            .collect();
        late.dedup();
        late.into_iter().take(4).collect()
    };
    let at = back.ms;
    if let Err(mut leak) = ended {
        if !late.is_empty() {
            leak.message.push_str(&format!("\nAfter hedged returned at {at} ms: {}.", late.join("; ")));
        }
        leak.message.push_str(
            "\nThe first reply ends the waiting, not the other replicas: what stops them when hedged returns?",
        );
        return Err(leak);
    }
    if !late.is_empty() {
        return Err(Failure::leak(format!(
            "hedged returned at {at} ms, but its replicas ran on: {}.\n\
             The first reply ends the waiting, not the other replicas: what stops them when hedged returns?",
            late.join("; ")
        ))
        .in_fn("hedged"));
    }
    Ok(())
}

fn a_quick_replica_is_asked_alone() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let log: Log = Arc::default();
        let replicas = vec![
            replica(&log, start, "a", Some(30)),
            replica(&log, start, "b", Some(10)),
            replica(&log, start, "c", Some(10)),
        ];
        let Some(back) = call(&log, start, replicas, 50).await else {
            return Err(never_returned(&log, "Replica a answered at 30 ms"));
        };
        let (got, at, who) = (&back.got, back.ms, asked(&log, back.seen));
        ensure!(
            got == "a" && at == 30 && who == "a at 0 ms",
            "3 replicas, delay 50 ms; a answers 30 ms after it is asked, b and c after 10 ms.\n\
             hedged asked {who}, and returned {got:?} at {at} ms;\n\
             it should ask a alone, and return \"a\" at 30 ms: a answered before the delay was up.{}",
            if who.contains("b at 0 ms") {
                "\nAsking every replica at once is the search's way, not a hedge: it multiplies the\n\
                 load. When is the next replica worth asking?"
            } else {
                ""
            }
        );
        no_straggler(&log, &back).await
    })
}

fn the_first_replica_keeps_its_chance() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let log: Log = Arc::default();
        let replicas = vec![replica(&log, start, "a", Some(70)), replica(&log, start, "b", Some(100))];
        let Some(back) = call(&log, start, replicas, 50).await else {
            return Err(never_returned(&log, "Replica a answered at 70 ms"));
        };
        let (got, at, who) = (&back.got, back.ms, asked(&log, back.seen));
        ensure!(
            got == "a" && at == 70 && who == "a at 0 ms, b at 50 ms",
            "2 replicas, delay 50 ms; a answers 70 ms after it is asked, b after 100 ms.\n\
             hedged asked {who}, and returned {got:?} at {at} ms;\n\
             it should ask a at 0 ms and b at 50 ms, and return \"a\" at 70 ms.{}",
            if got == "b" {
                "\na was still working when b was asked, and it answered first. A hedge adds a\n\
                 replica; does your code give up on the one it asked before?"
            } else {
                ""
            }
        );
        no_straggler(&log, &back).await
    })
}

fn one_more_replica_per_delay() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let log: Log = Arc::default();
        let replicas = vec![
            replica(&log, start, "a", None),
            replica(&log, start, "b", None),
            replica(&log, start, "c", Some(30)),
            replica(&log, start, "d", Some(10)),
        ];
        let Some(back) = call(&log, start, replicas, 50).await else {
            return Err(never_returned(&log, "Replicas a and b never answer, c answers 30 ms after it is asked"));
        };
        let (got, at, who) = (&back.got, back.ms, asked(&log, back.seen));
        ensure!(
            got == "c" && at == 130 && who == "a at 0 ms, b at 50 ms, c at 100 ms",
            "4 replicas, delay 50 ms; a and b never answer, c answers 30 ms after it is asked,\n\
             d after 10 ms.\n\
             hedged asked {who}, and returned {got:?} at {at} ms;\n\
             it should ask a at 0, b at 50 and c at 100 ms, and return \"c\" at 130 ms.{}",
            if who.contains("c at 50 ms") {
                "\nAfter the delay, b, c and d were all asked at once. How many replicas should one\n\
                 delay without a reply add, and when does the wait for the next hedge start?"
            } else {
                ""
            }
        );
        no_straggler(&log, &back).await
    })
}

fn main() {
    harness::run(&[
        Check {
            name: "a replica that answers within the delay is the only one asked",
            run: a_quick_replica_is_asked_alone,
        },
        Check {
            name: "a hedge adds a replica: the first one asked may still win",
            run: the_first_replica_keeps_its_chance,
        },
        Check {
            name: "one more replica per delay until one answers, and then every other one stops",
            run: one_more_replica_per_delay,
        },
    ])
}
