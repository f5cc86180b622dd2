// Known-bad (expect `wrong`): caps the count, but moves `last` on only by the
// tokens it added: while the bucket is full, `last` falls behind, and the
// time spent full pays out later, one token per call, far beyond a burst of
// `capacity`.
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

    pub fn try_acquire(&mut self) -> bool {
        let dripped = ((Instant::now() - self.last).as_nanos() / self.every.as_nanos()) as u32;
        let added = dripped.min(self.capacity - self.tokens);
        self.tokens += added;
        self.last += self.every * added;
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
