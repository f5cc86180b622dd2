// Checks for day 7, tally.
checker::subject!("../../../exercises/day07_tally.rs");

use checker::harness::{self, Check};
use checker::observe;
use checker::{Failure, ensure};
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

const VOTES: [&str; 9] = ["ada", "grace", "ada", "linus", "ada", "grace", "linus", "ada", "grace"];

/// Threads tally had started when it first read the feed.
static SPAWNED_AT_FIRST_READ: AtomicUsize = AtomicUsize::new(0);
/// The feed still had votes when every thread tally started had ended.
static COUNTER_GONE: AtomicBool = AtomicBool::new(false);

/// The votes, one at a time. The last one comes only once every thread tally
/// started is asleep (waiting for something) or has ended: a counter that
/// stops when the channel is momentarily empty has stopped by then, on every
/// run; a counter that waits for the next vote gets it.
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
    /// Waits until every thread tally started has ended or is asleep (seen
    /// asleep several times in a row, not just passing through a lock). A
    /// thread that spins never is: the check then runs into its deadline.
    fn wait_until_threads_wait(&self) {
        let tallys: Vec<_> = self.threads().iter().map(|t| t.id).collect();
        observe::settle_spawned(|t| tallys.contains(&t.id));
    }
}

impl Iterator for Feed {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        let vote = self.votes.get(self.read)?.clone();
        if self.read == 0 {
            SPAWNED_AT_FIRST_READ.store(self.threads().len(), SeqCst);
        }
        if self.read + 1 == self.votes.len() {
            self.wait_until_threads_wait();
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
             (the feed was slow with its last vote). It stopped the moment the channel was empty:\n\
             `try_recv` answers Empty when the sender is merely slow, and `try_iter` ends there.\n\
             An empty channel is not a closed one. `for vote in rx` waits for each vote and ends\n\
             only when the channel closes."
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
