// Checks for day 21, scheduler.
checker::subject!("../../../../exercises/day21_scheduler.rs");

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, vtime};
use exercise::Command;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

/// One step of a script: at `at_ms`, send a command, or close the channel.
/// `ScheduleUs` schedules a job a number of microseconds ahead.
#[derive(Clone, Copy)]
enum Step {
    Schedule { at_ms: u64, id: u32, after_ms: u64 },
    ScheduleUs { at_ms: u64, id: u32, after_us: u64 },
    Cancel { at_ms: u64, id: u32 },
    Close { at_ms: u64 },
}
use Step::{Cancel, Close, Schedule, ScheduleUs};

impl Step {
    fn at_ms(self) -> u64 {
        match self {
            Schedule { at_ms, .. } | ScheduleUs { at_ms, .. } | Cancel { at_ms, .. } | Close { at_ms } => at_ms,
        }
    }

    fn describe(self) -> String {
        match self {
            Schedule { at_ms, id, after_ms } => format!("  at {at_ms} ms: schedule job {id} after {after_ms} ms"),
            ScheduleUs { at_ms, id, after_us } => {
                format!("  at {at_ms} ms: schedule job {id} after {}", ms(after_us))
            }
            Cancel { at_ms, id } => format!("  at {at_ms} ms: cancel job {id}"),
            Close { at_ms } => format!("  at {at_ms} ms: close the channel"),
        }
    }
}

/// A time in microseconds, said in milliseconds: "100 ms", "100.5 ms".
fn ms(us: u64) -> String {
    if us.is_multiple_of(1000) { format!("{} ms", us / 1000) } else { format!("{} ms", us as f64 / 1000.0) }
}

/// tokio's timers fire on whole milliseconds (of the runtime's clock, which
/// starts with the check): a job due at `due_us` runs at the first whole
/// millisecond not before it.
fn fires_at(due_us: u64) -> u64 {
    due_us.div_ceil(1000) * 1000
}

/// How many times the scheduler's future may be polled before the check
/// stops it: a loop that sleeps until the next deadline or command needs a
/// few per event; one that wakes every millisecond needs hundreds, and one
/// that never waits (it yields, or spins on a closed channel) never ends.
const POLL_LIMIT: u32 = 1000;

/// How many jobs may run before the check stops the scheduler: the scripts
/// schedule a handful, so more means one ran again and again.
const RUN_LIMIT: usize = 1000;

/// Polls the scheduler's future, counting, and noting the instant (µs after
/// `start`) of each poll; gives up after [`POLL_LIMIT`] polls or
/// [`RUN_LIMIT`] runs.
struct Counted<'a, F> {
    inner: Pin<Box<F>>,
    polls: u32,
    runs: &'a RefCell<Vec<(u32, u64)>>,
    start: Instant,
    woke: Vec<u64>,
}

impl<F: Future> Future for Counted<'_, F> {
    type Output = Option<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.polls >= POLL_LIMIT || self.runs.borrow().len() > RUN_LIMIT {
            return Poll::Ready(None);
        }
        self.polls += 1;
        let now = self.start.elapsed().as_micros() as u64;
        self.woke.push(now);
        self.inner.as_mut().poll(cx).map(Some)
    }
}

/// What one run of a script showed (instants in µs after the start).
struct Outcome {
    /// Each job run and the instant it ran.
    runs: Vec<(u32, u64)>,
    /// The instant `scheduler` returned, if it did within the poll limit.
    returned_us: Option<u64>,
    /// How many times the scheduler's future was polled.
    polls: u32,
    /// The instant of each poll.
    woke: Vec<u64>,
    /// A task it spawned still alive an hour after it returned.
    leak: Option<Failure>,
}

fn play(script: &'static [Step]) -> Outcome {
    vtime::run(async move {
        let start = Instant::now();
        let (tx, rx) = mpsc::channel(64);
        tokio::spawn(async move {
            let mut tx = Some(tx);
            for &step in script {
                sleep_until(start + Duration::from_millis(step.at_ms())).await;
                let command = match step {
                    Schedule { id, after_ms, .. } => Command::Schedule { id, after: Duration::from_millis(after_ms) },
                    ScheduleUs { id, after_us, .. } => Command::Schedule { id, after: Duration::from_micros(after_us) },
                    Cancel { id, .. } => Command::Cancel { id },
                    Close { .. } => {
                        tx = None;
                        continue;
                    }
                };
                if let Some(tx) = &tx {
                    // A scheduler that returned early dropped its Receiver:
                    // the check sees the jobs that never ran.
                    let _ = tx.send(command).await;
                }
            }
        });
        let runs = RefCell::new(Vec::new());
        let mut counted = Counted {
            inner: Box::pin(exercise::scheduler(rx, |id| {
                runs.borrow_mut().push((id, start.elapsed().as_micros() as u64))
            })),
            polls: 0,
            runs: &runs,
            start,
            woke: Vec::new(),
        };
        let done = (&mut counted).await;
        let (polls, woke) = (counted.polls, std::mem::take(&mut counted.woke));
        drop(counted);
        let returned_us = done.map(|()| start.elapsed().as_micros() as u64);
        let leak = match returned_us {
            Some(_) => vtime::tasks_end("scheduler(..)").await.err(),
            None => None,
        };
        Outcome { runs: runs.into_inner(), returned_us, polls, woke, leak }
    })
}

fn list(runs: &[(u32, u64)]) -> String {
    if runs.is_empty() {
        return "  none".into();
    }
    let shown: Vec<String> = runs.iter().take(8).map(|&(id, at)| format!("job {id} at {}", ms(at))).collect();
    let more = if runs.len() > 8 { format!(", ... ({} runs in all)", runs.len()) } else { String::new() };
    format!("  {}{more}", shown.join(", "))
}

/// Plays `script` and compares what happened with `want` (job, due instant
/// in ms), saying what the first difference means.
fn expect(script: &'static [Step], want: &[(u32, u64)], returns_ms: u64) -> Result<Outcome, Failure> {
    let want: Vec<(u32, u64)> = want.iter().map(|&(id, due)| (id, due * 1000)).collect();
    expect_us(script, &want, returns_ms * 1000)
}

/// [`expect`], with the due instants and the return in µs.
fn expect_us(script: &'static [Step], want: &[(u32, u64)], returns_us: u64) -> Result<Outcome, Failure> {
    let out = play(script);
    let steps: Vec<String> = script.iter().map(|s| s.describe()).collect();
    let setting = format!("The script:\n{}\n", steps.join("\n"));
    let got = &out.runs;
    let fail = |why: String| {
        Failure::wrong(format!("{setting}scheduler(..) ran\n{}\nbut should run\n{}\n{why}", list(got), list(want)))
    };
    // The first job that ran twice, or ran though it was cancelled or never
    // scheduled, or ran too early or too late, or was left out.
    for (i, &(id, at)) in got.iter().enumerate() {
        if let Some(&(_, first)) = got[..i].iter().find(|(other, _)| *other == id) {
            return Err(fail(format!(
                "Job {id} ran twice: at {} and again at {}. Once a job has run, is it still in your queue?",
                ms(first),
                ms(at)
            )));
        }
        let Some(&(_, due)) = want.iter().find(|(w, _)| *w == id) else {
            let cancelled = script.iter().any(|s| matches!(s, Cancel { id: c, .. } if *c == id));
            return Err(fail(if cancelled {
                format!(
                    "Job {id} ran at {}, though it was cancelled before it was due. What does a Cancel \
                     command change in your queue?",
                    ms(at)
                )
            } else {
                format!("Job {id} ran at {}, but no job {id} was scheduled.", ms(at))
            }));
        };
        if at < due {
            return Err(fail(format!(
                "Job {id} ran at {}, {} early: it was due at {}. From which instant does its `after` \
                 count, and what does your loop compare with the clock to decide a job is due?",
                ms(at),
                ms(due - at),
                ms(due)
            )));
        }
        if at > fires_at(due) {
            return Err(fail(format!(
                "Job {id} ran at {}, {} late: it was due at {}. What was your loop waiting for at {}, \
                 and could a new command or that deadline wake it?",
                ms(at),
                ms(at - due),
                ms(due),
                ms(due)
            )));
        }
    }
    if out.returned_us.is_none() {
        return Err(busy(&setting, &out));
    }
    if let Some(&(id, due)) = want.iter().find(|w| !got.iter().any(|g| g.0 == w.0)) {
        return Err(fail(format!(
            "Job {id} never ran: it was due at {}. Where did it go: was it overwritten by another job, \
             or dropped when the channel closed?",
            ms(due)
        )));
    }
    if got.iter().map(|g| g.0).ne(want.iter().map(|w| w.0)) {
        return Err(fail(
            "Jobs due at the same instant ran out of order: they must run in the order they were \
             scheduled. What, in your queue's ordering, tells two jobs with the same deadline apart?"
                .into(),
        ));
    }
    if let Some(us) = out.returned_us.filter(|&us| us != returns_us) {
        return Err(fail(format!(
            "scheduler(..) returned at {}, but it should return at {}: once the channel is closed and \
             the last job still scheduled has run, and not before. {}",
            ms(us),
            ms(returns_us),
            if us > returns_us {
                "What was it still waiting for? A cancelled job is no longer scheduled."
            } else {
                "Which jobs were still waiting when it returned?"
            }
        )));
    }
    // It woke only when a command came or a job was due (at the whole
    // millisecond its timer fires).
    let events: Vec<u64> = std::iter::once(0)
        .chain(script.iter().map(|s| s.at_ms() * 1000))
        .chain(want.iter().map(|&(_, due)| fires_at(due)))
        .collect();
    if let Some(&idle) = out.woke.iter().find(|w| !events.contains(w)) {
        return Err(fail(format!(
            "Every job ran on time, but scheduler(..) woke up at {}, when no command came and no job \
             was due. Between events it must sleep until the next one: which timer was still set for \
             that instant, and which job was it for?",
            ms(idle)
        )));
    }
    if let Some(leak) = out.leak {
        return Err(leak);
    }
    Ok(out)
}

fn busy(setting: &str, out: &Outcome) -> Failure {
    Failure::wrong(format!(
        "{setting}scheduler(..) did not finish: its loop woke up {} times, and the check stopped it, \
         with {} job run(s) in all.\nA scheduler has nothing to do between a command and the next \
         deadline. What is your loop waiting on each time round, and can that wait end at once, every \
         time?",
        out.polls,
        out.runs.len()
    ))
}

static EARLIEST_FIRST: [Step; 4] = [
    Schedule { at_ms: 0, id: 1, after_ms: 300 },
    Schedule { at_ms: 0, id: 2, after_ms: 100 },
    Schedule { at_ms: 0, id: 3, after_ms: 200 },
    Close { at_ms: 0 },
];

fn jobs_run_at_their_deadlines() -> Result<(), Failure> {
    expect(&EARLIEST_FIRST, &[(2, 100), (3, 200), (1, 300)], 300).map(drop)
}

static SOONER_LATER: [Step; 4] = [
    Schedule { at_ms: 0, id: 1, after_ms: 500 },
    Schedule { at_ms: 100, id: 2, after_ms: 100 },
    Schedule { at_ms: 250, id: 3, after_ms: 0 },
    Close { at_ms: 400 },
];

fn a_job_scheduled_later_can_run_sooner() -> Result<(), Failure> {
    expect(&SOONER_LATER, &[(2, 200), (3, 250), (1, 500)], 500).map(drop)
}

static CANCELS: [Step; 8] = [
    Schedule { at_ms: 0, id: 1, after_ms: 100 },
    Schedule { at_ms: 0, id: 2, after_ms: 200 },
    Schedule { at_ms: 0, id: 3, after_ms: 300 },
    Schedule { at_ms: 0, id: 4, after_ms: 300 },
    Cancel { at_ms: 150, id: 2 },
    Cancel { at_ms: 160, id: 1 },
    Cancel { at_ms: 170, id: 4 },
    Close { at_ms: 180 },
];

/// The last job is cancelled: the scheduler is done once the first has run.
static LAST_CANCELLED: [Step; 4] = [
    Schedule { at_ms: 0, id: 1, after_ms: 100 },
    Schedule { at_ms: 0, id: 2, after_ms: 400 },
    Cancel { at_ms: 50, id: 2 },
    Close { at_ms: 60 },
];

fn a_cancelled_job_never_runs() -> Result<(), Failure> {
    expect(&CANCELS, &[(1, 100), (3, 300)], 300)?;
    expect(&LAST_CANCELLED, &[(1, 100)], 100).map(drop)
}

static TIES: [Step; 5] = [
    Schedule { at_ms: 0, id: 7, after_ms: 200 },
    Schedule { at_ms: 0, id: 3, after_ms: 200 },
    Schedule { at_ms: 0, id: 5, after_ms: 100 },
    Schedule { at_ms: 50, id: 1, after_ms: 150 },
    Close { at_ms: 60 },
];

fn same_deadline_in_the_order_scheduled() -> Result<(), Failure> {
    expect(&TIES, &[(5, 100), (7, 200), (3, 200), (1, 200)], 200).map(drop)
}

static LONG_GAPS: [Step; 4] = [
    Schedule { at_ms: 0, id: 1, after_ms: 103 },
    Schedule { at_ms: 0, id: 2, after_ms: 407 },
    Schedule { at_ms: 201, id: 3, after_ms: 2 },
    Close { at_ms: 201 },
];

/// Polls a correct loop needs here: one at the start, one per command and
/// the close, one per deadline, and a few to spare.
const SLEEPER_POLLS: u32 = 12;

/// Two hours with nothing to do: the scheduler has no reason to wake.
static LONG_IDLE: [Step; 3] = [
    Schedule { at_ms: 0, id: 1, after_ms: 10 },
    Schedule { at_ms: 7_200_000, id: 2, after_ms: 10 },
    Close { at_ms: 7_200_000 },
];

/// Jobs a fraction of a millisecond apart: none may run before it is due
/// (tokio's timers fire on whole milliseconds, so one due at 100.5 ms runs
/// at 101 ms).
static FRACTIONS: [Step; 4] = [
    ScheduleUs { at_ms: 0, id: 1, after_us: 100_000 },
    ScheduleUs { at_ms: 0, id: 2, after_us: 100_500 },
    ScheduleUs { at_ms: 0, id: 3, after_us: 101_000 },
    Close { at_ms: 0 },
];

fn no_job_runs_before_it_is_due() -> Result<(), Failure> {
    expect_us(&FRACTIONS, &[(1, 100_000), (2, 100_500), (3, 101_000)], 101_000).map(drop)
}

fn it_sleeps_until_the_next_deadline() -> Result<(), Failure> {
    expect(&LONG_IDLE, &[(1, 10), (2, 7_200_010)], 7_200_010)?;
    let out = expect(&LONG_GAPS, &[(1, 103), (3, 203), (2, 407)], 407)?;
    if out.polls > SLEEPER_POLLS {
        let steps: Vec<String> = LONG_GAPS.iter().map(|s| s.describe()).collect();
        return Err(Failure::wrong(format!(
            "The script:\n{}\nscheduler(..) ran every job on time, but its loop woke up {} times to do \
             it: for 4 commands and 3 deadlines, a loop that sleeps in between wakes up at most {} times. It polls instead of sleeping until the next \
             deadline or command. What does your loop wait on between two events, and until when?",
            steps.join("\n"),
            out.polls,
            SLEEPER_POLLS
        )));
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "jobs run at their deadlines, earliest first", run: jobs_run_at_their_deadlines },
        Check { name: "a job scheduled later but due sooner runs first", run: a_job_scheduled_later_can_run_sooner },
        Check { name: "a cancelled job never runs", run: a_cancelled_job_never_runs },
        Check {
            name: "jobs due at the same instant run in the order scheduled",
            run: same_deadline_in_the_order_scheduled,
        },
        Check {
            name: "no job runs before it is due, by even a fraction of a millisecond",
            run: no_job_runs_before_it_is_due,
        },
        Check { name: "it sleeps until the next deadline", run: it_sleeps_until_the_next_deadline },
    ])
}
