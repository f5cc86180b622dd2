// Known-bad (expect `wrong`): stops at the first closed channel. Whatever is
// still in the other channel is never received.
use checker::channel::{Receiver, select};

pub fn merge(a: Receiver<u32>, b: Receiver<u32>) -> Vec<u32> {
    let mut merged = Vec::new();
    loop {
        select! {
            recv(a) -> msg => match msg {
                Ok(m) => merged.push(m),
                Err(_) => break,
            },
            recv(b) -> msg => match msg {
                Ok(m) => merged.push(m),
                Err(_) => break,
            },
        }
    }
    merged
}
