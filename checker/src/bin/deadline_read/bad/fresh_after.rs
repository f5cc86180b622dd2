// Known-bad (expect `wrong`): "retry in case the value is just late". Each turn
// of the loop makes a fresh `after(limit)`, so the limit starts over on every
// turn: it waits three limits, not one, and takes a value that came too late.
use checker::channel::{Receiver, after, select};
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum GaveUp {
    TimedOut,
    SenderGone,
}

pub fn recv_within<T>(rx: &Receiver<T>, limit: Duration) -> Result<T, GaveUp> {
    let mut turns = 0;
    loop {
        select! {
            recv(rx) -> msg => return msg.map_err(|_| GaveUp::SenderGone),
            recv(after(limit)) -> _ => {
                turns += 1;
                if turns == 3 {
                    return Err(GaveUp::TimedOut);
                }
            }
        }
    }
}
