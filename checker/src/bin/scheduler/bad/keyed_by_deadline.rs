// Known-bad (expect `wrong`): the queue is keyed by the deadline alone, so a
// job due at the same instant as another overwrites it: that job never runs.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut queue: BTreeMap<Instant, u32> = BTreeMap::new();
    let mut open = true;
    while open || !queue.is_empty() {
        let next = queue.first_key_value().map(|(&at, _)| at);
        tokio::select! {
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => {
                    queue.insert(Instant::now() + after, id);
                }
                Some(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
                None => open = false,
            },
            _ = sleep_until(next.unwrap_or_else(Instant::now)), if next.is_some() => {
                if let Some((_, id)) = queue.pop_first() {
                    run(id);
                }
            }
        }
    }
}
