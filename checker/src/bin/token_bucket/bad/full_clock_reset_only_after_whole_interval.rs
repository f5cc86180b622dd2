// Known-bad (expect `wrong`): skips the refill when no whole interval passed, so
// a full bucket's clock is not restarted by a take less than an interval after
// it filled (that time spent full counts toward the next token), but is restarted
// after a longer full spell (that time is lost): two clocks in one bucket.
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
        TokenBucket { capacity, every, tokens: capacity, last: Instant::now() }
    }

    /// Takes a token if there is one now (true), or refuses (false).
    pub fn try_acquire(&mut self) -> bool {
        let now = Instant::now();
        let whole = now.saturating_duration_since(self.last).as_nanos() / self.every.as_nanos();
        if whole > 0 {
            let total = u128::from(self.tokens) + whole;
            if total >= u128::from(self.capacity) {
                // full: time spent full earns nothing
                self.tokens = self.capacity;
                self.last = now;
            } else {
                self.tokens = total as u32;
                self.last += self.every * whole as u32;
            }
        }
        if self.tokens > 0 {
            self.tokens -= 1;
            true
        } else {
            false
        }
    }

    /// Waits until a token is there, and takes it.
    pub async fn acquire(&mut self) {
        while !self.try_acquire() {
            // the next token is due one interval after `last`
            sleep_until(self.last + self.every).await;
        }
    }
}

