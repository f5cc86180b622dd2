// Checks for day 9 (stretch), retry_budget. Everything runs on tokio's paused
// clock (checker::vtime): instants are exact, and an hour passes in no time.
checker::subject!("../../../../exercises/day09_retry_budget.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use exercise::Busy;
use std::cell::RefCell;
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

const fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// How long the check waits for fetch to return before calling it stuck.
const HOUR: Duration = Duration::from_secs(3600);

/// What one attempt does.
#[derive(Clone, Copy)]
enum Attempt {
    /// Takes this long, then answers.
    Answers(Duration, u32),
    /// Takes this long, then fails with Busy.
    Fails(Duration),
    /// Never finishes.
    Hangs,
}

/// A backend that plays a script, one step per attempt (the last step
/// repeats), and notes when each attempt started.
struct Scripted {
    start: Instant,
    script: Vec<Attempt>,
    started: RefCell<Vec<Duration>>,
}

impl exercise::Backend for Scripted {
    async fn get(&self) -> Result<u32, Busy> {
        let n = {
            let mut started = self.started.borrow_mut();
            started.push(self.start.elapsed());
            started.len() - 1
        };
        match self.script.get(n).or(self.script.last()).copied().unwrap_or(Attempt::Hangs) {
            Attempt::Answers(took, answer) => {
                sleep(took).await;
                Ok(answer)
            }
            Attempt::Fails(took) => {
                sleep(took).await;
                Err(Busy)
            }
            Attempt::Hangs => std::future::pending().await,
        }
    }
}

fn millis(ds: &[Duration]) -> String {
    let shown: Vec<String> = ds.iter().take(8).map(|d| d.as_millis().to_string()).collect();
    let more = if ds.len() > 8 { ", ..." } else { "" };
    format!("[{}{more}] ms", shown.join(", "))
}

/// What one call of fetch did.
struct Run {
    /// What it returned, or None if it had not returned an hour later.
    returned: Option<Option<u32>>,
    /// When it returned (or when the check stopped waiting).
    at: Duration,
    /// When each attempt started.
    attempts: Vec<Duration>,
}

fn fetch(script: Vec<Attempt>, budget: Duration) -> Run {
    vtime::run(async {
        let start = Instant::now();
        let backend = Scripted { start, script, started: RefCell::new(Vec::new()) };
        let returned = timeout(HOUR, exercise::fetch(&backend, budget)).await.ok();
        let at = start.elapsed();
        Run { returned, at, attempts: backend.started.into_inner() }
    })
}

/// Fails unless fetch returned `want` at exactly `at`, after attempts that
/// started at `attempts`. `story` tells what the backend did.
fn expect(run: &Run, story: &str, want: Option<u32>, at: Duration, attempts: &[Duration]) -> Result<(), Failure> {
    let tried = millis(&run.attempts);
    let Some(got) = run.returned else {
        return Err(Failure::wrong(format!(
            "{story}: fetch had still not returned an hour later.\n\
             Its attempts started at {tried} (counting from the call).{}",
            if run.attempts.len() > 1 {
                "\nThe budget must run from the call, across every attempt and pause; a timer made\n\
                 inside the loop starts over on each attempt, so it never runs out."
            } else {
                "\nAn attempt that never finishes must be cut off once the budget has passed."
            }
        )));
    };
    ensure!(got == want, "{story}: fetch returned {got:?}, expected {want:?}.\nIts attempts started at {tried}.");
    ensure!(
        want.is_some() || run.at <= at,
        "{story}: fetch gave up {} ms after the call, but the budget ran out at {} ms.\n\
         Its attempts started at {tried}. The budget must also cut short a pause (or an\n\
         attempt) that would run past it: the whole loop, pauses included, goes inside it.",
        run.at.as_millis(),
        at.as_millis()
    );
    ensure!(
        run.attempts == attempts,
        "{story}: fetch's attempts started at {tried}, expected {}.\n\
         After a Busy, pause FIRST_PAUSE (10 ms) before the next attempt, then twice as long each time;\n\
         once the budget has passed, no new attempt.",
        millis(attempts)
    );
    ensure!(
        run.at == at,
        "{story}: fetch returned {got:?} {} ms after the call, expected at {} ms.",
        run.at.as_millis(),
        at.as_millis()
    );
    Ok(())
}

fn an_answer_is_returned() -> Result<(), Failure> {
    let run = fetch(vec![Attempt::Answers(ms(0), 7)], ms(100));
    expect(&run, "the backend answered 7 at once", Some(7), ms(0), &[ms(0)])?;
    let run = fetch(vec![Attempt::Answers(ms(60), 8)], ms(100));
    expect(&run, "the backend took 60 ms to answer 8 (budget 100 ms)", Some(8), ms(60), &[ms(0)])
}

fn it_retries_with_doubling_pauses() -> Result<(), Failure> {
    let busy = Attempt::Fails(ms(0));
    let run = fetch(vec![busy, busy, busy, Attempt::Answers(ms(0), 9)], ms(1000));
    let story = "the backend was Busy 3 times, then answered 9 (budget 1 s)";
    expect(&run, story, Some(9), ms(70), &[ms(0), ms(10), ms(30), ms(70)])
}

fn a_hanging_attempt_is_cut_off() -> Result<(), Failure> {
    let run = fetch(vec![Attempt::Hangs], ms(100));
    expect(&run, "the backend never answered (budget 100 ms)", None, ms(100), &[ms(0)])
}

fn the_budget_covers_every_attempt() -> Result<(), Failure> {
    // 0-30 Busy, pause 10, 40-70 Busy, pause 20, 90-: cut off at 100.
    let run = fetch(vec![Attempt::Fails(ms(30))], ms(100));
    let story = "every attempt took 30 ms and failed with Busy (budget 100 ms)";
    expect(&run, story, None, ms(100), &[ms(0), ms(40), ms(90)])
}

fn the_budget_cuts_a_pause_short() -> Result<(), Failure> {
    // 0-5 Busy, pause 10, 15-20 Busy, pause 20, 40-45 Busy, pause 40 would
    // end at 85: cut off at 50.
    let run = fetch(vec![Attempt::Fails(ms(5))], ms(50));
    let story = "every attempt took 5 ms and failed with Busy (budget 50 ms)";
    expect(&run, story, None, ms(50), &[ms(0), ms(15), ms(40)])
}

fn main() {
    harness::run(&[
        Check { name: "an answer within the budget is returned", run: an_answer_is_returned },
        Check { name: "a Busy backend is retried after 10, 20, 40 ms pauses", run: it_retries_with_doubling_pauses },
        Check { name: "an attempt that never ends is cut off at the budget", run: a_hanging_attempt_is_cut_off },
        Check { name: "the budget counts every attempt, not each one", run: the_budget_covers_every_attempt },
        Check { name: "a pause that would outlast the budget is cut short", run: the_budget_cuts_a_pause_short },
    ])
}
