// Known-bad (expect `wrong`): counts whole intervals as floor(elapsed / every)
// in f64 seconds. At exact multiples (300 ms / 100 ms = 2.9999999999999996)
// that is no harm: the interval not counted stays after `last`, and the next
// call takes it. But near 2^25 s an f64 of seconds steps by 3.7 ns: 1 ns
// before the token of a 2^25 s interval is due, the time rounds up to a
// whole interval, and the token comes early.
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
        let elapsed = now.duration_since(self.last).as_secs_f64();
        let whole = (elapsed / self.every.as_secs_f64()).floor();
        if whole >= f64::from(self.capacity - self.tokens) {
            self.tokens = self.capacity;
            self.last = now;
        } else if whole >= 1.0 {
            self.tokens += whole as u32;
            self.last += self.every.mul_f64(whole);
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

