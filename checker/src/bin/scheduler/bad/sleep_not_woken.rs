// Known-bad (expect `wrong`): sleeps until the earliest deadline without
// listening to the channel meanwhile, then reads the commands that came.
// A job scheduled during that sleep, due sooner, waits for it to end.
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
        let command = match queue.first_key_value().map(|(&(at, _), _)| at) {
            Some(at) => {
                sleep_until(at).await;
                if let Some((_, id)) = queue.pop_first() {
                    run(id);
                }
                match commands.try_recv() {
                    Ok(command) => Some(command),
                    Err(mpsc::error::TryRecvError::Empty) => continue,
                    Err(mpsc::error::TryRecvError::Disconnected) => None,
                }
            }
            None => commands.recv().await,
        };
        match command {
            Some(Command::Schedule { id, after }) => {
                queue.insert((Instant::now() + after, scheduled), id);
                scheduled += 1;
            }
            Some(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
            None => open = false,
        }
    }
}
