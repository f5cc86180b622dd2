// Known-bad (expect `timeout`): ignores the `Err` of a closed channel and has
// no way out of the loop. Once both channels are closed, `select!` finds one
// of them ready every time, and the loop spins forever.
use checker::channel::{Receiver, select};

pub fn merge(a: Receiver<u32>, b: Receiver<u32>) -> Vec<u32> {
    let mut merged = Vec::new();
    loop {
        select! {
            recv(a) -> msg => if let Ok(m) = msg { merged.push(m) },
            recv(b) -> msg => if let Ok(m) = msg { merged.push(m) },
        }
    }
}
