// Known-bad (expect `wrong`): casts the count of whole intervals to u32 at once.
// After 2^32 + 1 intervals without a request the cast wraps to 1, and an emptied
// bucket gets one token back instead of being full.
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
        let whole = (now.duration_since(self.last).as_nanos() / self.every.as_nanos()) as u32;
        let room = self.capacity - self.tokens;
        if whole >= room {
            self.tokens = self.capacity;
            self.last = now;
        } else {
            self.tokens += whole;
            self.last += self.every * whole;
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

