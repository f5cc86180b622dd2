// Known-bad (expect `wrong`): adds every token that dripped in, with no cap.
// After a quiet spell the bucket holds far more than `capacity`, and a burst
// beyond the limit goes through.
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
        self.tokens += dripped;
        self.last += self.every * dripped;
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
