// Day 8 stretch alternative: the non-waiting step is a `select!` with a `default` arm; Options mark closed channels.
use checker::channel::{Receiver, never, select};

/// Handles every message from `urgent` and `normal` until both channels are
/// closed, and returns them in the order handled. Each time round it looks
/// at `urgent` first, and takes a normal message only when that look found
/// nothing. While both channels are quiet, it sleeps until either has a
/// message.
pub fn serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> Vec<u32> {
    let mut urgent = Some(urgent);
    let mut normal = Some(normal);
    let mut out = Vec::new();
    while urgent.is_some() || normal.is_some() {
        let quiet: Receiver<u32> = never();
        let u = urgent.as_ref().unwrap_or(&quiet).clone();
        let n = normal.as_ref().unwrap_or(&quiet).clone();
        // Step 1: an urgent message that is waiting goes first.
        let mut took_urgent = false;
        select! {
            recv(u) -> msg => {
                took_urgent = true;
                match msg {
                    Ok(v) => out.push(v),
                    Err(_) => urgent = None,
                }
            }
            default => {}
        }
        if took_urgent {
            continue;
        }
        // Step 2: nothing urgent was there; wait for either.
        select! {
            recv(u) -> msg => match msg {
                Ok(v) => out.push(v),
                Err(_) => urgent = None,
            },
            recv(n) -> msg => match msg {
                Ok(v) => out.push(v),
                Err(_) => normal = None,
            },
        }
    }
    out
}
