use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    // Keyed by (deadline, sequence number): the earliest deadline first, and
    // among equal deadlines the job scheduled first. The deadline alone would
    // make two jobs due at the same instant overwrite each other.
    let mut queue: BTreeMap<(Instant, u64), u32> = BTreeMap::new();
    let mut scheduled = 0;
    let mut open = true;
    while open || !queue.is_empty() {
        let next = queue.first_key_value().map(|(&(at, _), _)| at);
        tokio::select! {
            // A closed channel gives `None` at once, every time: the branch
            // must be switched off, or the loop would spin on it.
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => {
                    queue.insert((Instant::now() + after, scheduled), id);
                    scheduled += 1;
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
