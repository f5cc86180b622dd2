// Day 15 (stretch): a token bucket
//
// A ticker allows one request per interval, never more. Real limiters often
// allow a short burst too: "5 per second, up to 3 at once". The classic
// design is a bucket of tokens. It holds at most `capacity` of them and
// starts full. Each request takes a token, or is refused if there is none;
// one token drips back in every `every`, until the bucket is full again.
// After a long quiet spell the bucket is full: a burst of `capacity`
// requests goes through at once, never more. (Go's golang.org/x/time/rate:
// `rate.NewLimiter(rate.Every(every), capacity)`, whose `Allow()` is
// `try_acquire` and `Wait(ctx)` is `acquire`.)
//
// Go code often builds one from a buffered channel of tokens, refilled by a
// goroutine on a ticker. Nobody needs to add the tokens on a timer, though:
// work them out when asked. Count the whole intervals since `last`, add that
// many tokens, and move `last` on by exactly that many intervals, not to
// "now": the part of an interval that has already passed counts toward the
// next token.
//
// Use tokio's `Instant` (not std's): it reads tokio's clock, which the checks
// pause and move by hand, so they see exactly when each token comes back.
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

pub struct TokenBucket {
    /// The most tokens the bucket holds.
    capacity: u32,
    /// One token drips in per `every`.
    every: Duration,
    /// Tokens in the bucket at `last`.
    tokens: u32,
    /// When the count of `tokens` was last brought up to date. Time since
    /// then that is not yet a whole `every` counts toward the next token.
    last: Instant,
}

impl TokenBucket {
    /// A full bucket.
    pub fn new(capacity: u32, every: Duration) -> Self {
        // TODO
        todo!()
    }

    /// Takes a token if there is one now (true), or refuses (false).
    pub fn try_acquire(&mut self) -> bool {
        // TODO: first add the tokens that dripped in since `last` (never more
        // than `capacity` in the bucket), then take one if there is one.
        todo!()
    }

    /// Waits until a token is there, and takes it.
    pub async fn acquire(&mut self) {
        // TODO: while `try_acquire` refuses, sleep until the next token is
        // due. When is that, counted from `last`?
        todo!()
    }
}
