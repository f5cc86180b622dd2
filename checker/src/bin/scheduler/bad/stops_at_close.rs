// Known-bad (expect `wrong`): returns as soon as the channel is closed, and
// the jobs still scheduled never run (Go's AfterFunc timers fire whether or
// not anyone still holds them).
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut queue: BTreeMap<(Instant, u64), u32> = BTreeMap::new();
    let mut scheduled = 0;
    loop {
        let next = queue.first_key_value().map(|(&(at, _), _)| at);
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Schedule { id, after }) => {
                    queue.insert((Instant::now() + after, scheduled), id);
                    scheduled += 1;
                }
                Some(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
                None => return,
            },
            _ = sleep_until(next.unwrap_or_else(Instant::now)), if next.is_some() => {
                if let Some((_, id)) = queue.pop_first() {
                    run(id);
                }
            }
        }
    }
}
