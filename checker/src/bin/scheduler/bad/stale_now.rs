// Known-bad (expect `wrong`): reads the clock once per turn of the loop,
// before waiting, and counts a new job's `after` from that stale instant:
// a job scheduled while the loop slept runs early.
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
        let now = Instant::now();
        let next = queue.first_key_value().map(|(&(at, _), _)| at);
        tokio::select! {
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => {
                    queue.insert((now + after, scheduled), id);
                    scheduled += 1;
                }
                Some(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
                None => open = false,
            },
            _ = sleep_until(next.unwrap_or(now)), if next.is_some() => {
                if let Some((_, id)) = queue.pop_first() {
                    run(id);
                }
            }
        }
    }
}
