// Day 15 stretch alternative: refill in nanoseconds arithmetic; acquire sleeps until `last + every`.
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

pub struct TokenBucket {
    /// The most tokens the bucket holds.
    capacity: u32,
    /// One token drips in per `every`.
    every: Duration,
    /// Tokens in the bucket at `last`.
    tokens: u32,
    /// When the count of `tokens` was last brought up to date.
    last: Instant,
}

impl TokenBucket {
    /// A full bucket.
    pub fn new(capacity: u32, every: Duration) -> Self {
        TokenBucket { capacity, every, tokens: capacity, last: Instant::now() }
    }

    /// Adds the tokens of every whole interval since `last`, and moves `last`
    /// on by exactly those intervals (the part-interval carries over).
    fn refill(&mut self) {
        let step = self.every.as_nanos();
        if step == 0 {
            self.tokens = self.capacity;
            self.last = Instant::now();
            return;
        }
        let whole = Instant::now().saturating_duration_since(self.last).as_nanos() / step;
        if whole == 0 {
            return;
        }
        let added = u32::try_from(whole).unwrap_or(u32::MAX);
        self.tokens = self.tokens.saturating_add(added).min(self.capacity);
        let advance = u64::try_from(whole * step).unwrap_or(u64::MAX);
        self.last += Duration::from_nanos(advance);
    }

    /// Takes a token if there is one now (true), or refuses (false).
    pub fn try_acquire(&mut self) -> bool {
        self.refill();
        match self.tokens.checked_sub(1) {
            Some(left) => {
                self.tokens = left;
                true
            }
            None => false,
        }
    }

    /// Waits until a token is there, and takes it.
    pub async fn acquire(&mut self) {
        while !self.try_acquire() {
            // The next token drips in one whole interval after `last`.
            sleep_until(self.last + self.every).await;
        }
    }
}
