// Checks for day 15, token_bucket.
checker::subject!("../../../../exercises/day15_token_bucket.rs");

use std::time::Duration;

use checker::harness::{self, Check};
use checker::{Failure, ensure, vtime};
use exercise::TokenBucket;
use tokio::time::{Instant, sleep_until};

const CAPACITY: u32 = 3;
const EVERY_MS: u64 = 100;

fn bucket() -> TokenBucket {
    TokenBucket::new(CAPACITY, Duration::from_millis(EVERY_MS))
}

/// Moves the paused clock to `ms` after `start`.
async fn at(start: Instant, ms: u64) {
    sleep_until(start + Duration::from_millis(ms)).await;
}

/// `n` calls of `try_acquire` at the same instant.
fn tries(b: &mut TokenBucket, n: usize) -> Vec<bool> {
    (0..n).map(|_| b.try_acquire()).collect()
}

fn ms(list: &[u64]) -> String {
    if list.is_empty() {
        return "no token at all".to_string();
    }
    let parts: Vec<String> = list.iter().map(|t| t.to_string()).collect();
    format!("[{}] ms", parts.join(", "))
}

fn a_full_bucket_allows_a_burst_then_refuses() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let mut b = bucket();
        let got = tries(&mut b, 5);
        ensure!(
            got == [true, true, true, false, false],
            "A new bucket (capacity 3, one token per 100 ms) answered 5 calls of try_acquire, all at\n\
             the start, with {got:?}; it should be [true, true, true, false, false]:\n\
             it starts full, each call takes a token, and with none left it refuses."
        );
        at(start, 50).await;
        ensure!(
            !b.try_acquire(),
            "try_acquire gave a token 50 ms after the bucket was emptied, but the next token\n\
             drips in only 100 ms after the start."
        );
        Ok(())
    })
}

fn tokens_drip_back_one_per_interval() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let mut b = bucket();
        let _ = tries(&mut b, 3);
        // A client asking every 30 ms, never exactly when a token is due.
        let mut allowed = Vec::new();
        for t in (5..=605).step_by(30) {
            at(start, t).await;
            if b.try_acquire() {
                allowed.push(t);
            }
        }
        let want = [125, 215, 305, 425, 515, 605];
        let lost = if allowed.len() < want.len() {
            "\nTokens were lost. When you add the tokens that dripped in, how far do you move `last`?\n\
             The part of an interval that has already passed counts toward the next token."
        } else {
            ""
        };
        ensure!(
            allowed == want,
            "After a burst of 3 at the start, a client called try_acquire every 30 ms (at 5, 35, 65, ...\n\
             605 ms). Tokens drip back at 100, 200, ... 600 ms, so it should get one at\n  {}\n\
             but got one at\n  {}{lost}",
            ms(&want),
            ms(&allowed)
        );
        Ok(())
    })
}

fn never_more_than_capacity_after_a_quiet_spell() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let mut b = bucket();
        let _ = tries(&mut b, 3);
        at(start, 2000).await;
        let got = tries(&mut b, 5);
        let n = got.iter().filter(|&&ok| ok).count();
        // How big the burst was: more calls, at the same instant, until one is refused.
        let burst =
            if got.iter().all(|&ok| ok) { 5 + tries(&mut b, 100).iter().take_while(|&&ok| ok).count() } else { n };
        ensure!(
            got == [true, true, true, false, false],
            "After 2 s without a request, 5 calls of try_acquire at once got\n  {got:?}: {n} token(s){}.\n\
             20 intervals passed, but the bucket holds at most 3 tokens: a burst of 3, never more.{}",
            if burst > n {
                format!(" (and {burst} calls in a row got one before the first refusal)")
            } else {
                String::new()
            },
            if n > 3 {
                "\nTwo things keep a burst at 3: the count never goes above 3, and time spent full earns\n\
                 nothing (nothing drips into a full bucket: `last` must not fall behind while it is full)."
            } else {
                ""
            }
        );
        Ok(())
    })
}

fn acquire_waits_exactly_until_the_next_token() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let mut b = bucket();
        let mut got = Vec::new();
        for _ in 0..6 {
            b.acquire().await;
            got.push(start.elapsed().as_millis() as u64);
        }
        ensure!(
            got == [0, 0, 0, 100, 200, 300],
            "6 calls of acquire on a new bucket, one after another, returned at\n  {}\n\
             but should return at\n  [0, 0, 0, 100, 200, 300] ms:\n\
             the first 3 take the tokens in the bucket, each later one waits for the next token.",
            ms(&got)
        );
        at(start, 330).await;
        b.acquire().await;
        let t = start.elapsed().as_millis() as u64;
        ensure!(
            t == 400,
            "acquire was called at 330 ms, with the bucket empty since 300 ms, and returned at {t} ms.\n\
             The next token drips in at 400 ms: acquire should return then. Sleep until the next\n\
             token is due (counted from `last`), not for a whole interval from now."
        );
        Ok(())
    })
}

fn main() {
    harness::run(&[
        Check {
            name: "a full bucket lets a burst of 3 through, then refuses",
            run: a_full_bucket_allows_a_burst_then_refuses,
        },
        Check { name: "tokens drip back one per 100 ms, none lost", run: tokens_drip_back_one_per_interval },
        Check { name: "after a quiet spell, a burst of 3 at most", run: never_more_than_capacity_after_a_quiet_spell },
        Check { name: "acquire waits exactly until the next token", run: acquire_waits_exactly_until_the_next_token },
    ])
}
