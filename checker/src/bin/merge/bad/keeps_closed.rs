// Known-bad (expect `timeout`): counts the closed channels and returns once
// both are, but keeps selecting a channel after it closed. A closed channel
// is always ready, so while the other one is quiet, `select!` takes the
// closed one again and again: the loop spins instead of sleeping (a livelock).
// Go's fix is a nil channel; crossbeam's is `never()`.
use checker::channel::{Receiver, select};

pub fn merge(a: Receiver<u32>, b: Receiver<u32>) -> Vec<u32> {
    let mut merged = Vec::new();
    let (mut a_open, mut b_open) = (true, true);
    while a_open || b_open {
        select! {
            recv(a) -> msg => match msg {
                Ok(m) => merged.push(m),
                Err(_) => a_open = false,
            },
            recv(b) -> msg => match msg {
                Ok(m) => merged.push(m),
                Err(_) => b_open = false,
            },
        }
    }
    merged
}
