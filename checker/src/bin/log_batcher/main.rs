// Checks for day 29's stretch, log_batcher. Everything runs on the course's
// clock: it moves only when every thread waits, so each instant below is
// exact. A script sends lines at set instants and closes the input; the sink
// is the checks': it writes down each batch with the instant it came.
checker::subject!("../../../../exercises/day29_log_batcher.rs");

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use checker::channel::unbounded;
use checker::harness::{self, Check};
use checker::{Failure, clock};

/// One step of a script, at `at` ms from its start.
#[derive(Clone, Copy)]
enum Step {
    /// Send `line` on the input.
    Send { at: u64, line: &'static str },
    /// Once the batcher waits, it must have no timer set: nothing is pending.
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

type Batches = Vec<(Vec<String>, u64)>;

fn since(start: Duration) -> u64 {
    (clock::elapsed() - start).as_millis() as u64
}

fn list(batches: &[(Vec<String>, u64)]) -> String {
    if batches.is_empty() {
        return "no batch".into();
    }
    batches.iter().map(|(b, at)| format!("[{}] at {at} ms", b.join(", "))).collect::<Vec<_>>().join(", ")
}

fn story(max: usize, delay: u64, script: &[Step]) -> String {
    let sent: Vec<String> = script
        .iter()
        .filter_map(|s| if let Send { at, line } = *s { Some(format!("{line} at {at}")) } else { None })
        .collect();
    let close = script.iter().find_map(|s| if let Close { at } = *s { Some(at) } else { None }).unwrap_or(0);
    let sent = if sent.is_empty() { "no line".to_string() } else { format!("lines {} ms", sent.join(", ")) };
    format!("batch(input, {max}, {delay} ms, sink) with {sent}; the input closed at {close} ms")
}

fn sent_at(script: &[Step], line: &str) -> u64 {
    script
        .iter()
        .find_map(|s| if let Send { at, line: l } = *s { (l == line).then_some(at) } else { None })
        .unwrap_or(0)
}

/// Runs `script`; fails unless the batches are exactly `want` and the
/// thread ends when the input closes.
fn expect(max: usize, delay: u64, script: &[Step], want: &[(&[&str], u64)]) -> Result<(), Failure> {
    let story = story(max, delay, script);
    let start = clock::elapsed();
    let record: Arc<Mutex<Batches>> = Arc::default();
    let sink = {
        let record = Arc::clone(&record);
        move |b: Vec<String>| record.lock().unwrap_or_else(PoisonError::into_inner).push((b, since(start)))
    };
    let (tx, rx) = unbounded::<String>();
    let handle = exercise::batch(rx, max, Duration::from_millis(delay), sink);
    let mut tx = Some(tx);
    let mut close = 0;
    for step in script {
        let wait = step.at().saturating_sub(since(start));
        if wait > 0 {
            clock::sleep(Duration::from_millis(wait));
        }
        match *step {
            Send { line, .. } => {
                if let Some(tx) = &tx {
                    let _ = tx.send(line.to_string());
                }
            }
            Idle { at } => {
                clock::quiesce();
                if clock::timers_pending() {
                    return Err(Failure::wrong(format!(
                        "{story}:\nat {at} ms, with nothing pending, the batcher's thread was waiting with a timer \
                         set: it wakes\nup when there is nothing to send. What can it block on until the next \
                         line comes?"
                    )));
                }
            }
            Close { at } => {
                close = at;
                drop(tx.take());
            }
        }
    }
    drop(tx);
    if handle.join().is_err() {
        return Err(Failure::wrong(format!("{story}:\nthe batcher's thread panicked.")));
    }
    let ended = since(start);
    harness::threads_end("batch")?;
    let got = record.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let want: Batches = want.iter().map(|(b, at)| (b.iter().map(|l| l.to_string()).collect(), *at)).collect();
    if got != want {
        let why = why(max, delay, script, close, &got, &want);
        return Err(Failure::wrong(format!(
            "{story}:\nIt sent {};\nit should send {}.\n{why}",
            list(&got),
            list(&want)
        )));
    }
    if ended > close {
        return Err(Failure::wrong(format!(
            "{story}:\nthe thread ended only at {ended} ms, {} ms after the input closed. What was it still \
             waiting for?",
            ended - close
        )));
    }
    Ok(())
}

/// What the first difference says about the code, as a question.
fn why(max: usize, delay: u64, script: &[Step], close: u64, got: &Batches, want: &Batches) -> String {
    if let Some((_, at)) = got.iter().find(|(b, _)| b.is_empty()) {
        return format!("An empty batch went out at {at} ms. What was pending then, and what set off that send?");
    }
    if let Some((b, at)) = got.iter().find(|(b, _)| b.len() > max) {
        return format!(
            "A batch of {} lines went out at {at} ms; a batch holds at most {max}.\nWhen does your batcher look \
             at how full it is?",
            b.len()
        );
    }
    let i = got.iter().zip(want).take_while(|(g, w)| g == w).count();
    match (got.get(i), want.get(i)) {
        (None, Some((_, at))) if *at == close => format!(
            "The lines pending when the input closed at {close} ms never went out.\nWhat becomes of a pending \
             batch when the input closes?"
        ),
        (Some((g, g_at)), Some((w, w_at))) if g.first() == w.first() && g_at > w_at => {
            let first = sent_at(script, &w[0]);
            let last = g.last().map(|l| sent_at(script, l)).unwrap_or(0);
            if *g_at == last + delay {
                format!(
                    "The batch that began with {} at {first} ms went out at {g_at} ms, {delay} ms after its LAST \
                     line: a steady\ntrickle would keep it waiting for ever. From which line does your wait count?",
                    w[0]
                )
            } else {
                format!(
                    "The batch that began with {} at {first} ms went out at {g_at} ms; it was due at {w_at} ms, \
                     {delay} ms after its first line.\nWhen does your timer start?",
                    w[0]
                )
            }
        }
        (Some((_, g_at)), Some((_, w_at))) if g_at < w_at => {
            format!("A batch went out at {g_at} ms, early. Which timer set that send off, and when was it started?")
        }
        _ => "Look at the first batch that differs: when should it go out, and with which lines?".to_string(),
    }
}

fn a_full_batch_goes_out_at_once() -> Result<(), Failure> {
    expect(
        3,
        100,
        &[
            Send { at: 0, line: "a" },
            Send { at: 0, line: "b" },
            Send { at: 0, line: "c" },
            Send { at: 10, line: "d" },
            Send { at: 20, line: "e" },
            Idle { at: 200 },
            Close { at: 300 },
        ],
        &[(&["a", "b", "c"], 0), (&["d", "e"], 110)],
    )?;
    expect(
        2,
        100,
        &[Send { at: 0, line: "a" }, Send { at: 0, line: "b" }, Idle { at: 150 }, Close { at: 200 }],
        &[(&["a", "b"], 0)],
    )
}

fn a_partial_batch_goes_out_max_delay_after_its_first_line() -> Result<(), Failure> {
    expect(
        5,
        100,
        &[
            Send { at: 0, line: "a" },
            Send { at: 50, line: "b" },
            Send { at: 90, line: "c" },
            Send { at: 150, line: "d" },
            Idle { at: 300 },
            Close { at: 400 },
        ],
        &[(&["a", "b", "c"], 100), (&["d"], 250)],
    )
}

fn closing_the_input_flushes_at_once_and_ends_the_thread() -> Result<(), Failure> {
    expect(5, 100, &[Send { at: 0, line: "a" }, Send { at: 10, line: "b" }, Close { at: 30 }], &[(&["a", "b"], 30)])?;
    expect(5, 100, &[Close { at: 0 }], &[])
}

fn main() {
    harness::run(&[
        Check { name: "a full batch goes out at once", run: a_full_batch_goes_out_at_once },
        Check {
            name: "a partial batch goes out `max_delay` after its first line",
            run: a_partial_batch_goes_out_max_delay_after_its_first_line,
        },
        Check {
            name: "closing the input sends a pending batch at once, and ends the thread",
            run: closing_the_input_flushes_at_once_and_ends_the_thread,
        },
    ])
}
