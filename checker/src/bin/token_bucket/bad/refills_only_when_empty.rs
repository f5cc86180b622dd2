// Known-bad (expect `wrong`): brings the count up to date only when the bucket
// is empty. The intervals that passed while tokens were left are counted later,
// from a stale `last`, on top of those tokens: after a quiet spell a burst goes
// beyond `capacity`.
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
        if self.tokens == 0 {
            let now = Instant::now();
            let whole = now.duration_since(self.last).as_nanos() / self.every.as_nanos();
            if whole >= u128::from(self.capacity) {
                self.tokens = self.capacity;
                self.last = now;
            } else if whole > 0 {
                self.tokens = whole as u32;
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

