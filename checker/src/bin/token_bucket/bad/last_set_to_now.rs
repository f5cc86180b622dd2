// Known-bad (expect `wrong`): moves `last` to now on every call. A client
// that asks more often than once per interval resets the clock each time,
// and the bucket never fills again: the time already passed is thrown away.
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
        let now = Instant::now();
        let dripped = ((now - self.last).as_millis() / self.every.as_millis()) as u32;
        self.tokens = (self.tokens + dripped).min(self.capacity);
        self.last = now;
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
