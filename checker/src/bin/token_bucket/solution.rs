use std::time::Duration;
use tokio::time::{Instant, sleep_until};

pub struct TokenBucket {
    capacity: u32,
    every: Duration,
    tokens: u32,
    last: Instant,
}

impl TokenBucket {
    pub fn new(capacity: u32, every: Duration) -> Self {
        TokenBucket { capacity, every, tokens: capacity, last: Instant::now() }
    }

    fn refill(&mut self) {
        let now = Instant::now();
        let dripped = ((now - self.last).as_nanos() / self.every.as_nanos()).min(self.capacity.into()) as u32;
        if self.tokens + dripped >= self.capacity {
            // Full: nothing drips into a full bucket, so the clock starts again.
            self.tokens = self.capacity;
            self.last = now;
        } else {
            self.tokens += dripped;
            // Keep the part of an interval that has passed already.
            self.last += self.every * dripped;
        }
    }

    pub fn try_acquire(&mut self) -> bool {
        self.refill();
        if self.tokens == 0 {
            return false;
        }
        self.tokens -= 1;
        true
    }

    pub async fn acquire(&mut self) {
        while !self.try_acquire() {
            sleep_until(self.last + self.every).await;
        }
    }
}
