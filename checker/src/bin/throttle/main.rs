// Checks for day 15, throttle.
checker::subject!("../../../../exercises/day15_throttle.rs");

use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep, sleep_until};

/// The server's limit: one request per `EVERY_MS`.
const EVERY_MS: u64 = 200;

/// Requests `ids` arrive, all at once, `at_ms` after the start.
struct Arrival {
    at_ms: u64,
    ids: &'static [u32],
}

/// Runs `throttle` on the paused clock: the requests arrive as told, serving
/// one takes `serve_ms`. Returns each request served and the instant (ms
/// after the start) it started.
fn served(arrivals: &'static [Arrival], serve_ms: u64) -> Vec<(u32, u64)> {
    vtime::run(async move {
        let start = Instant::now();
        let (tx, rx) = mpsc::channel(64);
        tokio::spawn(async move {
            for a in arrivals {
                sleep_until(start + Duration::from_millis(a.at_ms)).await;
                for &id in a.ids {
                    tx.send(id).await.expect("throttle dropped its Receiver before the channel was closed");
                }
            }
            // Dropping `tx` closes the channel: no more requests.
        });
        let mut log = Vec::new();
        exercise::throttle(rx, Duration::from_millis(EVERY_MS), async |id| {
            log.push((id, start.elapsed().as_millis() as u64));
            sleep(Duration::from_millis(serve_ms)).await;
        })
        .await;
        log
    })
}

fn ms(list: &[u64]) -> String {
    let parts: Vec<String> = list.iter().map(|t| format!("{t}")).collect();
    format!("[{}] ms", parts.join(", "))
}

/// Compares the start instants with the only right ones, and says what the
/// first difference means.
fn on_schedule(log: &[(u32, u64)], want: &[u64], setting: &str) -> Result<(), Failure> {
    let got: Vec<u64> = log.iter().map(|&(_, t)| t).collect();
    if got == want {
        return Ok(());
    }
    let i = got.iter().zip(want).position(|(g, w)| g != w).unwrap_or(0);
    let (id, at) = log[i];
    let why = match i.checked_sub(1).map(|p| got[p]) {
        Some(before) if at < before + EVERY_MS => format!(
            "Request {id} started at {at} ms, only {} ms after the one before it (at {before} ms):\n\
             too close: the server allows one request per {EVERY_MS} ms.",
            at - before
        ),
        None if at < want[0] => format!("Request {id} started at {at} ms, before it arrived?"),
        _ if at < want[i] => format!("Request {id} started at {at} ms, too early: not before {} ms.", want[i]),
        _ => format!(
            "Request {id} started at {at} ms, but it could start at {} ms: it waited longer than the\n\
             limit asks. Each request starts as soon as it is there and {EVERY_MS} ms have passed since\n\
             the one before it started.",
            want[i]
        ),
    };
    Err(Failure::wrong(format!(
        "{setting}\nthe requests started at\n  {}\nbut should start at\n  {}\n{why}",
        ms(&got),
        ms(want)
    )))
}

static FIVE_AT_ONCE: [Arrival; 1] = [Arrival { at_ms: 0, ids: &[1, 2, 3, 4, 5] }];

fn every_request_is_served_in_order() -> Result<(), Failure> {
    let log = served(&FIVE_AT_ONCE, 0);
    let ids: Vec<u32> = log.iter().map(|&(id, _)| id).collect();
    ensure!(
        ids == [1, 2, 3, 4, 5],
        "Requests 1, 2, 3, 4, 5 arrived (in that order), and throttle served {ids:?}.\n\
         Serve each request once, in the order they arrive, and return only when the channel\n\
         is closed (recv() gives None)."
    );
    Ok(())
}

fn one_request_per_interval() -> Result<(), Failure> {
    let log = served(&FIVE_AT_ONCE, 0);
    on_schedule(&log, &[0, 200, 400, 600, 800], "With 5 requests waiting at the start and one allowed per 200 ms,")
}

fn the_pace_does_not_drift() -> Result<(), Failure> {
    let log = served(&FIVE_AT_ONCE, 50);
    on_schedule(
        &log,
        &[0, 200, 400, 600, 800],
        "With 5 requests waiting at the start, one allowed per 200 ms, and each taking 50 ms to serve,",
    )?;
    Ok(())
}

static QUIET_SPELL: [Arrival; 2] = [Arrival { at_ms: 0, ids: &[1, 2, 3] }, Arrival { at_ms: 1050, ids: &[4, 5, 6, 7] }];

fn no_burst_after_a_quiet_spell() -> Result<(), Failure> {
    let log = served(&QUIET_SPELL, 50);
    on_schedule(
        &log,
        &[0, 200, 400, 1050, 1250, 1450, 1650],
        "With 3 requests at the start, 4 more at 1050 ms, one allowed per 200 ms, and each\n\
         taking 50 ms to serve,",
    )
    .map_err(|mut f| {
        f.message.push_str(
            "\nNo request came between 400 and 1050 ms. What does your ticker do with the ticks due\n\
             then, that nobody used? (And take a tick only once a request is there: a tick taken\n\
             while waiting for a request is stale by the time it comes.)",
        );
        f
    })
}

// Three requests at the start take the ticks due at 0, 200 and 400 ms. Two
// more arrive at 603 ms: 3 ms after the tick due at 600 ms, late by less
// than the 5 ms tokio's `interval` forgives before it counts a tick as
// missed. The arrivals are exact on the paused clock.
static JUST_AFTER_A_TICK: [Arrival; 2] = [Arrival { at_ms: 0, ids: &[1, 2, 3] }, Arrival { at_ms: 603, ids: &[4, 5] }];

fn no_shorter_gap_just_after_a_tick() -> Result<(), Failure> {
    let log = served(&JUST_AFTER_A_TICK, 50);
    on_schedule(
        &log,
        &[0, 200, 400, 603, 803],
        "With 3 requests at the start, 2 more at 603 ms, one allowed per 200 ms, and each taking\n\
         50 ms to serve,",
    )
    .map_err(|mut f| {
        f.message.push_str(
            "\nRequest 4 came 3 ms after a tick was due (at 600 ms). tokio's interval counts a tick as\n\
             missed only when it is taken more than 5 ms late, whatever MissedTickBehavior says: a\n\
             tick 3 ms late leaves the schedule as it was. From which instant should the wait for\n\
             the next request count?",
        );
        f
    })
}

fn main() {
    harness::run(&[
        Check { name: "every request is served, once, in order", run: every_request_is_served_in_order },
        Check { name: "one request per 200 ms, the first at once", run: one_request_per_interval },
        Check { name: "the pace holds when serving takes time", run: the_pace_does_not_drift },
        Check { name: "no burst after a quiet spell", run: no_burst_after_a_quiet_spell },
        Check { name: "no shorter gap after a request just past a tick", run: no_shorter_gap_just_after_a_tick },
    ])
}
