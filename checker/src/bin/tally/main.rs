// Checks for day 7, tally.
checker::subject!("../../../../exercises/day07_tally.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure};
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

const VOTES: [&str; 9] = ["ada", "grace", "ada", "linus", "ada", "grace", "linus", "ada", "grace"];

/// Threads tally had started when it first read the feed.
static SPAWNED_AT_FIRST_READ: AtomicUsize = AtomicUsize::new(0);
/// The feed still had votes when every thread tally started had ended.
static COUNTER_GONE: AtomicBool = AtomicBool::new(false);

/// How long (on the course's clock) the feed holds its last vote back.
const HELD_BACK: Duration = Duration::from_secs(3600);

/// The votes, one at a time, each once tally's threads wait. The last one
/// comes an hour later, on the course's clock (in no real time): a counter
/// that stops when the channel is quiet (empty right now, silent for 50 ms,
/// empty after a short sleep) has stopped by then, on every run; a counter
/// that waits for the next vote gets it.
struct Feed {
    votes: Vec<String>,
    read: usize,
    /// Threads spawned before this feed was made (earlier calls' threads).
    before: usize,
}

fn feed(votes: &[&str]) -> Feed {
    SPAWNED_AT_FIRST_READ.store(0, SeqCst);
    COUNTER_GONE.store(false, SeqCst);
    let before = checker::thread::all_spawned().len();
    Feed { votes: votes.iter().map(|v| v.to_string()).collect(), read: 0, before }
}

impl Feed {
    /// The threads spawned since this feed was made: tally's threads.
    fn threads(&self) -> Vec<checker::thread::Spawned> {
        checker::thread::all_spawned().split_off(self.before)
    }
}

impl Iterator for Feed {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        let vote = self.votes.get(self.read)?.clone();
        if self.read == 0 {
            SPAWNED_AT_FIRST_READ.store(self.threads().len(), SeqCst);
        }
        // Each vote comes once tally's threads have done all they could with
        // the ones before (every other thread blocked, or gone).
        checker::clock::quiesce();
        if self.read + 1 == self.votes.len() {
            checker::clock::sleep(HELD_BACK);
        }
        let threads = self.threads();
        if !threads.is_empty() && threads.iter().all(|t| t.ended) {
            COUNTER_GONE.store(true, SeqCst);
        }
        self.read += 1;
        Some(vote)
    }
}

fn expected(votes: &[&str]) -> BTreeMap<String, u32> {
    let mut totals = BTreeMap::new();
    for v in votes {
        *totals.entry(v.to_string()).or_insert(0) += 1;
    }
    totals
}

fn counts_every_vote() -> Result<(), Failure> {
    for votes in [&VOTES[..], &[][..], &["ada"][..]] {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| exercise::tally(feed(votes))));
        ensure!(
            !COUNTER_GONE.load(SeqCst),
            "The counting thread had already finished while the feed still had votes to send\n\
             (the feed held its last vote back for an hour). It stopped when the channel was quiet:\n\
             `try_recv` answers Empty when the sender is merely slow, `try_iter` ends there, and\n\
             `recv_timeout` gives up after its time, however long. An empty or silent channel is\n\
             not a closed one. `for vote in rx` waits for each vote and ends only when the channel\n\
             closes."
        );
        let got = match outcome {
            Ok(got) => got,
            Err(payload) => panic::resume_unwind(payload),
        };
        let want = expected(votes);
        ensure!(got == want, "tally of the votes {votes:?} returned\n  {got:?}\nbut should return\n  {want:?}");
    }
    Ok(())
}

fn counts_while_the_feed_runs() -> Result<(), Failure> {
    let _ = exercise::tally(feed(&VOTES));
    let spawned = SPAWNED_AT_FIRST_READ.load(SeqCst);
    ensure!(
        spawned >= 1,
        "tally read the feed before it started a counting thread. The feed is slow (votes come\n\
         in over time), and they should be counted as they arrive: spawn the counter first,\n\
         then send it each vote as soon as the feed gives it."
    );
    harness::no_unjoined_threads("tally")
}

fn main() {
    harness::run(&[
        Check { name: "tally counts every vote, the last one too", run: counts_every_vote },
        Check { name: "a counting thread counts the votes as they arrive", run: counts_while_the_feed_runs },
    ])
}
