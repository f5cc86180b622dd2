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

fn a_burst_of_3_at_most_even_with_tokens_left() -> Result<(), Failure> {
    vtime::run(async {
        let start = Instant::now();
        let mut b = bucket();
        let _ = b.try_acquire();
        at(start, 2000).await;
        let got = tries(&mut b, 5);
        let n = got.iter().filter(|&&ok| ok).count();
        ensure!(
            got == [true, true, true, false, false],
            "A fresh bucket gave one token at the start, so 2 were left in it, and then got no request\n\
             for 2 s. 5 calls of try_acquire at once then got\n  {got:?}: {n} token(s).\n\
             The bucket holds at most 3 tokens, whatever it held before the quiet spell: a burst\n\
             of 3, never more.{}",
            if n > 3 {
                "\nThe tokens left in it and the 20 intervals since `last` both went out: the intervals\n\
                 were counted only later, on top of what was spent meanwhile. A count of tokens is\n\
                 only right at `last`: what does it take to read it at any other instant?"
            } else {
                ""
            }
        );
        Ok(())
    })
}

fn a_very_long_quiet_spell_fills_the_bucket() -> Result<(), Failure> {
    vtime::run(async {
        // 2^32 + 1 intervals of 1 ms: about 50 days, no real time on the paused clock.
        let intervals: u64 = (1 << 32) + 1;
        let start = Instant::now();
        let mut b = TokenBucket::new(CAPACITY, Duration::from_millis(1));
        let _ = tries(&mut b, 3);
        at(start, intervals).await;
        let got = tries(&mut b, 5);
        let n = got.iter().filter(|&&ok| ok).count();
        ensure!(
            got == [true, true, true, false, false],
            "A bucket of 3 tokens, one per 1 ms, was emptied and then got no request for\n\
             {intervals} ms (about 50 days, 2^32 + 1 intervals). 5 calls of try_acquire then got\n  \
             {got:?}: {n} token(s),\n\
             but after so long the bucket is full: a burst of 3.\n\
             The number of whole intervals since `last` can be far bigger than any count of tokens.\n\
             What becomes of it in a type too small to hold it?"
        );
        Ok(())
    })
}

fn whole_intervals_are_exact_to_the_nanosecond() -> Result<(), Failure> {
    vtime::run(async {
        // 2^25 s (about 388 days) per token: just below 2^25 s, an f64 of seconds steps by 3.7 ns.
        let every = Duration::from_secs(1 << 25);
        let mut b = TokenBucket::new(1, every);
        let first = b.try_acquire();
        tokio::time::advance(every - Duration::from_nanos(1)).await;
        let early = b.try_acquire();
        tokio::time::advance(Duration::from_nanos(1)).await;
        let due = b.try_acquire();
        ensure!(
            first && !early && due,
            "A fresh bucket of 1 token, one per 2^25 s (33554432 s, about 388 days), was asked by\n\
             try_acquire at the start ({first}), 1 ns before the next token was due, at\n\
             33554431.999999999 s ({early}), and when it was due ({due}); it should answer true, false, true.\n\
             A token is due after a whole interval, to the nanosecond, however long the interval.\n\
             What does the arithmetic you count whole intervals in keep of 33554431.999999999 s?"
        );
        Ok(())
    })
}

/// One request pattern: the calls of `try_acquire` at each instant (ms from
/// the start), then the instant (polled every 10 ms) the next token comes.
async fn pattern(plan: &[(u64, usize)]) -> (Vec<Vec<bool>>, u64) {
    let start = Instant::now();
    let mut b = bucket();
    let mut answers = Vec::new();
    for &(t, n) in plan {
        at(start, t).await;
        answers.push(tries(&mut b, n));
    }
    let mut t = plan.last().map_or(0, |&(t, _)| t);
    loop {
        t += 10;
        at(start, t).await;
        if b.try_acquire() || t > 100_000 {
            return (answers, t);
        }
    }
}

fn show(plan: &[(u64, usize)], answers: &[Vec<bool>], next: u64) -> String {
    let mut out: Vec<String> = plan.iter().zip(answers).map(|((t, _), a)| format!("at {t} ms {a:?}")).collect();
    out.push(format!("next token at {next} ms"));
    out.join(", ")
}

/// A request pattern, and the answers of the two buckets that keep one rule for time spent full.
struct Pattern {
    /// The calls of `try_acquire` at each instant (ms from the start).
    plan: &'static [(u64, usize)],
    /// The answers of a bucket where time spent full earns nothing (the course's).
    full_earns_nothing: &'static str,
    /// The answers of one whose tokens drip on a fixed beat from its start, dropped while it is full.
    fixed_beat: &'static str,
    /// What the bucket went through, for the message.
    story: &'static str,
}

fn time_spent_full_is_worth_the_same_on_every_path() -> Result<(), Failure> {
    vtime::run(async {
        let patterns = [
            Pattern {
                plan: &[(50, 1), (120, 4)],
                full_earns_nothing: "at 50 ms [true], at 120 ms [true, true, false, false], next token at 150 ms",
                fixed_beat: "at 50 ms [true], at 120 ms [true, true, true, false], next token at 200 ms",
                story: "The bucket sat full from the start until the take at 50 ms.",
            },
            Pattern {
                plan: &[(0, 1), (150, 3), (200, 2), (420, 1), (750, 4)],
                full_earns_nothing: "at 0 ms [true], at 150 ms [true, true, true], at 200 ms [false, false], \
                    at 420 ms [true], at 750 ms [true, true, true, false], next token at 850 ms",
                fixed_beat: "at 0 ms [true], at 150 ms [true, true, true], at 200 ms [true, false], \
                    at 420 ms [true], at 750 ms [true, true, true, false], next token at 800 ms",
                story: "At 150 ms the token taken at 0 ms had dripped back (at 100 ms),\n\
                    filling the bucket exactly; at 750 ms more dripped in than it could hold.",
            },
        ];
        for Pattern { plan, full_earns_nothing, fixed_beat, story } in patterns {
            let (answers, next) = pattern(plan).await;
            let got = show(plan, &answers, next);
            ensure!(
                got == full_earns_nothing || got == fixed_beat,
                "A fresh bucket (capacity 3, one token per 100 ms) was asked by try_acquire, several calls at\n\
                 each instant, and then every 10 ms until it gave the next token. It answered\n  {got}\n\
                 but should answer\n  {full_earns_nothing}\n\
                 (time spent full earns nothing: the token taken from a full bucket drips back a whole\n\
                 interval after the take). {story}\n\
                 Your bucket let the time it spent full count toward the next token at one moment, and\n\
                 threw it away at another. (A bucket on a fixed 100 ms beat from its start, dropping the\n\
                 tokens that find it full, would answer\n  {fixed_beat}\n\
                 which is fine too: one rule, kept.) What is time spent full worth on each path through\n\
                 your try_acquire?"
            );
        }
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
        Check {
            name: "after a quiet spell with tokens left, a burst of 3 at most",
            run: a_burst_of_3_at_most_even_with_tokens_left,
        },
        Check {
            name: "time spent full earns the same on every path (one rule, kept)",
            run: time_spent_full_is_worth_the_same_on_every_path,
        },
        Check { name: "acquire waits exactly until the next token", run: acquire_waits_exactly_until_the_next_token },
        // The extremes last: a plain mistake is named first.
        Check {
            name: "after 2^32 + 1 intervals without a request, the bucket is full",
            run: a_very_long_quiet_spell_fills_the_bucket,
        },
        Check { name: "whole intervals are exact to the nanosecond", run: whole_intervals_are_exact_to_the_nanosecond },
    ])
}
