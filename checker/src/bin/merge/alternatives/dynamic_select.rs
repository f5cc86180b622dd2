// Day 8 alternative: crossbeam's dynamic `Select` over a Vec of the channels still open.
use crossbeam::channel::{Receiver, Select};

/// Receives every message from `a` and from `b`, each as soon as it arrives,
/// until both channels are closed; returns them in the order received.
pub fn merge(a: Receiver<u32>, b: Receiver<u32>) -> Vec<u32> {
    let mut open = vec![a, b];
    let mut out = Vec::new();
    while !open.is_empty() {
        let (index, msg) = {
            let mut sel = Select::new();
            for rx in &open {
                sel.recv(rx);
            }
            let op = sel.select();
            let index = op.index();
            (index, op.recv(&open[index]))
        };
        match msg {
            Ok(v) => out.push(v),
            // A closed channel is always ready: stop selecting it.
            Err(_) => {
                open.remove(index);
            }
        }
    }
    out
}
