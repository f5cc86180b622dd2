// Checks for day 22's stretch, debouncer. Everything runs on the course's
// clock: it moves only when every thread waits, so each instant below is
// exact, and an hour of quiet takes no real time. A script sends events at
// set instants; a collector (the checks' own thread, blocked in `recv` when
// it has nothing to do) writes down what comes out, and when.
checker::subject!("../../../../exercises/day22_debouncer.rs");

use std::sync::mpsc;
use std::time::Duration;

use checker::channel::unbounded;
use checker::harness::{self, Check};
use checker::{Failure, clock};

const HOUR: u64 = 3_600_000;

/// One step of a script, at `at` ms from its start.
#[derive(Clone, Copy)]
enum Step {
    /// Send `value` on the input.
    Send { at: u64, value: u32 },
    /// Once the debouncer waits, it must have no timer set: nothing is pending.
    Idle { at: u64 },
    /// Drop the input's Sender.
    Close { at: u64 },
}
use Step::{Close, Idle, Send};

impl Step {
    fn at(self) -> u64 {
        match self {
            Send { at, .. } | Idle { at } | Close { at } => at,
        }
    }
}

/// What came out: each value with the instant (ms) it came, and the instant
/// the output closed.
struct Outcome {
    got: Vec<(u32, u64)>,
    closed: u64,
}

fn since(start: Duration) -> u64 {
    (clock::elapsed() - start).as_millis() as u64
}

fn list(values: &[(u32, u64)]) -> String {
    if values.is_empty() {
        return "nothing".into();
    }
    values.iter().map(|(v, at)| format!("{v} at {at} ms")).collect::<Vec<_>>().join(", ")
}

/// The script in words: "with a quiet of 50 ms: 1 at 0 ms, 2 at 30 ms; the
/// input closed at 70 ms".
fn story(quiet: u64, script: &[Step]) -> String {
    let sent: Vec<(u32, u64)> =
        script.iter().filter_map(|s| if let Send { at, value } = *s { Some((value, at)) } else { None }).collect();
    let close = script.iter().find_map(|s| if let Close { at } = *s { Some(at) } else { None });
    let sent = if sent.is_empty() { "no event".to_string() } else { format!("events {}", list(&sent)) };
    match close {
        Some(at) => format!("debounce(..) with a quiet of {quiet} ms, {sent}; the input closed at {at} ms"),
        None => format!("debounce(..) with a quiet of {quiet} ms, {sent}"),
    }
}

/// Runs `script` against a fresh debouncer; the last step closes the input.
fn run(quiet: u64, script: &[Step]) -> Result<Outcome, Failure> {
    let start = clock::elapsed();
    let (input, rx) = unbounded::<u32>();
    let output = exercise::debounce(rx, Duration::from_millis(quiet));
    let (done, outcome) = mpsc::channel();
    std::thread::spawn(move || {
        let mut got = Vec::new();
        for value in output.iter() {
            got.push((value, since(start)));
        }
        let _ = done.send(Outcome { got, closed: since(start) });
    });
    let mut input = Some(input);
    for step in script {
        let wait = step.at().saturating_sub(since(start));
        if wait > 0 {
            clock::sleep(Duration::from_millis(wait));
        }
        match *step {
            Send { value, .. } => {
                if let Some(input) = &input {
                    let _ = input.send(value);
                }
            }
            Idle { at } => {
                clock::quiesce();
                if clock::timers_pending() {
                    return Err(Failure::wrong(format!(
                        "{}:\nat {at} ms, with nothing pending, the debouncer's thread was waiting with a timer set:\n\
                         it wakes up to look when there is nothing to wait for. What can it block on until the\n\
                         next event comes?",
                        story(quiet, script)
                    )));
                }
            }
            Close { .. } => drop(input.take()),
        }
    }
    drop(input);
    harness::threads_end("debounce")?;
    match outcome.recv() {
        Ok(outcome) => Ok(outcome),
        Err(_) => Err(Failure::wrong("the checks' collector of the output stopped: this is a bug in the checks.")),
    }
}

/// Fails unless `script` gives exactly `want`, and the output closes when
/// the input does.
fn expect(quiet: u64, script: &[Step], want: &[(u32, u64)]) -> Result<(), Failure> {
    let close = script.iter().find_map(|s| if let Close { at } = *s { Some(at) } else { None }).unwrap_or(0);
    let Outcome { got, closed } = run(quiet, script)?;
    let story = story(quiet, script);
    let summary = format!("It sent {}; it should send {}.", list(&got), list(want));
    if got != want {
        let i = got.iter().zip(want).take_while(|(g, w)| g == w).count();
        let why = why(quiet, script, &got, want, i);
        return Err(Failure::wrong(format!("{story}:\n{summary}\n{why}")));
    }
    if closed > close {
        return Err(Failure::leak(format!(
            "{story}:\nthe output closed only at {closed} ms, {} ms after the input: until then something still\n\
             held its Sender. What was still running after the input closed?",
            closed - close
        )));
    }
    Ok(())
}

/// What the first difference (at `i`) says about the code, as a question.
fn why(quiet: u64, script: &[Step], got: &[(u32, u64)], want: &[(u32, u64)], i: usize) -> String {
    let sent_at = |value: u32| {
        script.iter().find_map(|s| match *s {
            Send { at, value: v } if v == value => Some(at),
            _ => None,
        })
    };
    let close = script.iter().find_map(|s| if let Close { at } = *s { Some(at) } else { None });
    let (Some(&(g, g_at)), Some(&(w, w_at))) = (got.get(i), want.get(i)) else {
        if let Some(&(w, w_at)) = want.get(i) {
            // Something wanted never came.
            return match close {
                Some(c) if w_at == c => format!(
                    "{w} was pending when the input closed at {c} ms, and it never came out. What becomes of a\n\
                     pending value when the input closes?"
                ),
                _ => format!(
                    "{w} should have come out at {w_at} ms, and never did. What wakes the thread once quiet has passed?"
                ),
            };
        }
        // Something came that was not wanted.
        let (g, g_at) = got[i];
        return format!(
            "{g} (sent at {} ms) came out at {g_at} ms, though a newer event came within {quiet} ms of it.\n\
             Each event's wait went to its end: what happens to the pending wait when a newer event comes?",
            sent_at(g).unwrap_or(0)
        );
    };
    let (g_sent, w_sent) = (sent_at(g).unwrap_or(0), sent_at(w).unwrap_or(0));
    if g != w && g_sent < w_sent {
        let sent = script.iter().filter(|s| matches!(s, Send { .. })).count();
        if got.len() == sent {
            let each = if got.iter().all(|&(v, at)| sent_at(v).map(|s| s + quiet) == Some(at)) {
                format!(", each {quiet} ms after it was sent")
            } else {
                String::new()
            };
            return format!(
                "Every event came out{each}: a newer event did not stop the wait of the one before\n\
                 it. What becomes of the old wait when a newer event comes?"
            );
        }
        if g_at < w_at && g_at < w_sent {
            return format!(
                "{g} came out at {g_at} ms, while its burst went on ({w} came at {w_sent} ms): the quiet had not\n\
                 passed since the last event. From which event does your wait count?"
            );
        }
        return format!(
            "{g} came out at {g_at} ms, but {w}, sent at {w_sent} ms, was the last value of that burst. What\n\
             happens to the pending value when a newer one comes?"
        );
    }
    if g == w && g_at < w_at {
        return format!(
            "{g} came out at {g_at} ms, {} ms early: quiet counts from the last event of a burst. From which\n\
             event does your wait count?",
            w_at - g_at
        );
    }
    if g == w && g_at > w_at {
        if close == Some(w_at) {
            return format!(
                "{g} was pending when the input closed at {w_at} ms, and came out only at {g_at} ms. Once the\n\
                 input is closed, no newer value can come: what is there to wait for?"
            );
        }
        return format!("{g} came out at {g_at} ms, {} ms late. When does the thread wake?", g_at - w_at);
    }
    format!("The first difference: {g} at {g_at} ms, where {w} at {w_at} ms should come.")
}

fn one_event_comes_out_once_quiet_after_it() -> Result<(), Failure> {
    expect(100, &[Send { at: 0, value: 7 }, Idle { at: 150 }, Close { at: HOUR }], &[(7, 100)])
}

fn a_burst_gives_its_last_value_quiet_after_its_last_event() -> Result<(), Failure> {
    expect(
        50,
        &[
            Send { at: 0, value: 1 },
            Send { at: 30, value: 2 },
            Send { at: 60, value: 3 },
            Idle { at: 150 },
            Send { at: 200, value: 4 },
            Send { at: 249, value: 5 },
            Close { at: 500 },
        ],
        &[(3, 110), (5, 299)],
    )
}

fn closing_the_input_sends_the_pending_value_at_once() -> Result<(), Failure> {
    expect(100, &[Send { at: 0, value: 1 }, Send { at: 40, value: 2 }, Close { at: 70 }], &[(2, 70)])?;
    expect(100, &[Close { at: 0 }], &[])?;
    expect(100, &[Send { at: 0, value: 1 }, Send { at: 120, value: 2 }, Close { at: 150 }], &[(1, 100), (2, 150)])
}

/// The reader is slow once: 1 is due at 50 ms, and the reader takes it only
/// at 200 ms; meanwhile 2 came at 100 ms, due at 150 ms. Once the reader
/// takes 1, 2 must be there at once: its quiet passed long ago. A debouncer
/// whose thread waits in its send until the reader comes neither reads the
/// input nor keeps time meanwhile.
fn a_slow_reader_does_not_stop_the_clock() -> Result<(), Failure> {
    let start = clock::elapsed();
    let (input, rx) = unbounded::<u32>();
    let output = exercise::debounce(rx, Duration::from_millis(50));
    let _ = input.send(1);
    clock::sleep(Duration::from_millis(100));
    let _ = input.send(2);
    clock::sleep(Duration::from_millis(100));
    let first = output.recv().ok();
    let first_at = since(start);
    let second = output.recv().ok();
    let second_at = since(start);
    drop(input);
    let story = "debounce(..) with a quiet of 50 ms, events 1 at 0 ms and 2 at 100 ms; the reader of the output\n\
                 took nothing until 200 ms, then took two values";
    if first != Some(1) || first_at != 200 || second != Some(2) {
        let got = |v: Option<u32>, at: u64| match v {
            Some(v) => format!("{v} at {at} ms"),
            None => format!("the output closed at {at} ms"),
        };
        return Err(Failure::wrong(format!(
            "{story}:\nit got {} and {}; it should get 1 at 200 ms and 2 at 200 ms.",
            got(first, first_at),
            got(second, second_at)
        )));
    }
    if second_at != 200 {
        return Err(Failure::wrong(format!(
            "{story}:\nit got 1 at 200 ms, and 2 only at {second_at} ms, though 2 was due at 150 ms, while the reader\n\
             was still away. Until the reader took 1, the debouncer's thread waited in its send of 1: it read\n\
             no input and kept no time. Where could a value wait for a slow reader, so that the thread\n\
             goes on at once?"
        )));
    }
    harness::threads_end("debounce")
}

/// The reader drops the output while 1 is pending: nobody wants 1 any more,
/// and the thread must go on quietly until the input closes, then end.
fn a_dropped_output_is_no_error() -> Result<(), Failure> {
    let (input, rx) = unbounded::<u32>();
    let output = exercise::debounce(rx, Duration::from_millis(50));
    let _ = input.send(1);
    drop(output);
    clock::sleep(Duration::from_millis(100));
    let _ = input.send(2);
    clock::sleep(Duration::from_millis(100));
    drop(input);
    harness::threads_end("debounce")?;
    if let Some((at, message)) = harness::thread_panics().into_iter().next() {
        return Err(Failure {
            kind: checker::Kind::Panic,
            message: format!(
                "debounce(..) with a quiet of 50 ms: the reader dropped the output while 1 was pending, and\n\
                 then the input closed. The debouncer's thread panicked at {at}:\n  {message}\n\
                 1 fell due when nobody could receive it any more, so its send failed. The thread must end on\n\
                 its own, quietly: is a value nobody wants any more an error?"
            ),
        });
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "one event comes out once, `quiet` after it", run: one_event_comes_out_once_quiet_after_it },
        Check {
            name: "a burst gives only its last value, `quiet` after its last event",
            run: a_burst_gives_its_last_value_quiet_after_its_last_event,
        },
        Check {
            name: "closing the input sends a pending value at once, and ends the thread",
            run: closing_the_input_sends_the_pending_value_at_once,
        },
        Check {
            name: "a value due while the reader is slow is ready for it at once",
            run: a_slow_reader_does_not_stop_the_clock,
        },
        Check {
            name: "a dropped output is no error: the thread still ends quietly",
            run: a_dropped_output_is_no_error,
        },
    ])
}
