// Known-bad (expect `wrong`): acquire sleeps a whole interval from now each
// time it is refused, instead of until the next token is due. Called between
// two tokens, it oversleeps.
use std::time::Duration;
use tokio::time::{Instant, sleep};

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
        let dripped = ((now - self.last).as_nanos() / self.every.as_nanos()).min(self.capacity.into()) as u32;
        if self.tokens + dripped >= self.capacity {
            self.tokens = self.capacity;
            self.last = now;
        } else {
            self.tokens += dripped;
            self.last += self.every * dripped;
        }
        if self.tokens == 0 {
            return false;
        }
        self.tokens -= 1;
        true
    }

    pub async fn acquire(&mut self) {
        while !self.try_acquire() {
            sleep(self.every).await;
        }
    }
}
