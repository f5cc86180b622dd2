// Known-bad (expect `wrong`): looks at the earliest job to run it, but never
// takes it out of the queue: it stays the earliest, and runs again and again.
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
    let mut open = true;
    while open || !queue.is_empty() {
        let next = queue.first_key_value().map(|(&(at, _), &id)| (at, id));
        tokio::select! {
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => {
                    queue.insert((Instant::now() + after, scheduled), id);
                    scheduled += 1;
                }
                Some(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
                None => open = false,
            },
            _ = sleep_until(next.map_or_else(Instant::now, |(at, _)| at)), if next.is_some() => {
                if let Some((_, id)) = next {
                    run(id);
                }
            }
        }
    }
}
