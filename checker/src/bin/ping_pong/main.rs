// Checks for day 3, ping_pong.
checker::subject!("../../../../exercises/day03_ping_pong.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

/// Every hit, in order: the ball that was hit and the thread that hit it.
static HITS: Mutex<Vec<(u32, ThreadId)>> = Mutex::new(Vec::new());

fn hits() -> MutexGuard<'static, Vec<(u32, ThreadId)>> {
    HITS.lock().unwrap_or_else(PoisonError::into_inner)
}

// Each hit adds one, so the final ball counts the hits, and every hit needs
// the ball from the hit before it: the turns cannot be taken out of order.
fn hit(ball: u32) -> u32 {
    hits().push((ball, std::thread::current().id()));
    ball + 1
}

fn the_rally_ends_with_the_right_ball() -> Result<(), Failure> {
    for rounds in [1, 5, 0] {
        hits().clear();
        let got = exercise::rally(rounds, hit);
        let want = 2 * rounds;
        let n = hits().len();
        ensure!(
            got == want,
            "rally({rounds}, hit) returned {got}, but should return {want}.\n\
             The ball starts at 0 and each hit adds 1; in each of the {rounds} round(s) ping hits\n\
             once and pong hits once. `hit` was called {n} time(s).{}",
            if n as u32 == want { " Return the ball ping got back in the last round." } else { "" }
        );
    }
    Ok(())
}

fn ping_and_pong_take_turns() -> Result<(), Failure> {
    const ROUNDS: u32 = 4;
    hits().clear();
    let _ = exercise::rally(ROUNDS, hit);
    let hits = hits().clone();
    let ping = std::thread::current().id();
    ensure!(
        hits.len() == 2 * ROUNDS as usize,
        "rally({ROUNDS}, hit) called hit {} times; {ROUNDS} rounds are {} hits.",
        hits.len(),
        2 * ROUNDS
    );
    for (i, &(ball, by)) in hits.iter().enumerate() {
        if i % 2 == 0 {
            ensure!(
                by == ping,
                "hit #{} (ball {ball}) was made on a spawned thread, but it is ping's turn:\n\
                 ping, the thread that called rally, hits first in every round.",
                i + 1
            );
        } else {
            ensure!(
                by != ping,
                "hit #{} (ball {ball}) was made by ping, the thread that called rally,\n\
                 but it is pong's turn: send the ball to the pong thread and let pong hit it.",
                i + 1
            );
        }
    }
    let mut pongs: Vec<ThreadId> = hits.iter().skip(1).step_by(2).map(|&(_, t)| t).collect();
    pongs.dedup();
    ensure!(
        pongs.len() == 1,
        "pong's {ROUNDS} hits were made on {} different threads.\n\
         Spawn one pong thread for the whole rally and keep sending it the ball.",
        pongs.len()
    );
    Ok(())
}

fn pong_is_joined() -> Result<(), Failure> {
    let _ = exercise::rally(3, hit);
    harness::no_unjoined_threads("rally")
}

fn main() {
    harness::run(&[
        Check { name: "the rally ends with the right ball", run: the_rally_ends_with_the_right_ball },
        Check { name: "ping and pong take turns, pong on a thread of its own", run: ping_and_pong_take_turns },
        Check { name: "the pong thread is joined", run: pong_is_joined },
    ])
}
