// Known-bad (expect `wrong`): coalesces timers, as Go's runtime does: each
// wake runs every job due within the next millisecond, so a job due a
// fraction of a millisecond after another runs early (found blind).
// Day 21: a mini job scheduler
//
// Go schedules a function for later with `t := time.AfterFunc(d, f)`, and
// `t.Stop()` cancels it if it has not run yet. Behind that API the runtime
// keeps the pending timers in a heap ordered by deadline, and sleeps until
// the earliest one, runs what is due, and sleeps again.
// Today you write that loop.
//
// One task owns the queue, and everyone else talks to it over a channel
// (Go: a goroutine looping on
// `select { case cmd := <-cmds: ...; case <-timer.C: ... }`). In
// tokio, `select!` waits on `commands.recv()` and on
// `sleep_until(deadline)` at once, and takes whichever is ready first; a
// branch can be switched off with `, if condition` (Go would use a nil
// channel for that). An ordered map from `std::collections` keeps the
// earliest key first.
//
// Here a job is known by its `id`: where Go calls `f()`, the scheduler
// calls `run(id)`, so the checks see exactly when each job ran.
//
// The time is tokio's clock. The checks pause it: nothing takes real time,
// and they see the exact instant each job runs, and how often your loop
// woke up to do it.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

/// Jobs this close to the one that woke us run in the same batch.
const SLACK: Duration = Duration::from_millis(1);

/// What the scheduler is told, over its channel.
pub enum Command {
    /// Run job `id` once, `after` from the moment this command arrives
    /// (Go: `time.AfterFunc(after, job)`). Ids are unique.
    Schedule { id: u32, after: Duration },
    /// Job `id` must not run, if it has not run yet (Go: `t.Stop()`).
    Cancel { id: u32 },
}

/// Runs each scheduled job once, by calling `run(id)`, at its deadline;
/// jobs due at the same instant run in the order they were scheduled, and a
/// cancelled job never runs. Between deadlines it sleeps: it wakes only when
/// a command comes or a job is due. Returns once the channel is closed
/// (every sender dropped) and every job still scheduled has run.
pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut pending: BTreeMap<(Instant, u64), u32> = BTreeMap::new();
    let mut seq = 0u64;
    let mut open = true;
    while open || !pending.is_empty() {
        let first = pending.keys().next().map(|&(at, _)| at);
        tokio::select! {
            cmd = commands.recv(), if open => match cmd {
                Some(Command::Schedule { id, after }) => {
                    pending.insert((Instant::now() + after, seq), id);
                    seq += 1;
                }
                Some(Command::Cancel { id }) => pending.retain(|_, job| *job != id),
                None => open = false,
            },
            _ = sleep_until(first.unwrap_or_else(Instant::now)), if first.is_some() => {
                let horizon = Instant::now() + SLACK;
                while let Some(entry) = pending.first_entry() {
                    if entry.key().0 >= horizon {
                        break;
                    }
                    run(entry.remove());
                }
            }
        }
    }
}
