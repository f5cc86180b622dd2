// Known-bad (expect `wrong`): checks for due jobs and new commands, then
// yields to let other tasks run, and checks again. It never waits for
// anything: the paused clock never moves on, and no job ever becomes due.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut queue: BTreeMap<(Instant, u64), u32> = BTreeMap::new();
    let mut scheduled = 0;
    let mut open = true;
    while open || !queue.is_empty() {
        match commands.try_recv() {
            Ok(Command::Schedule { id, after }) => {
                queue.insert((Instant::now() + after, scheduled), id);
                scheduled += 1;
            }
            Ok(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
            Err(mpsc::error::TryRecvError::Disconnected) => open = false,
            Err(mpsc::error::TryRecvError::Empty) => {}
        }
        if let Some(entry) = queue.first_entry()
            && entry.key().0 <= Instant::now()
        {
            run(entry.remove());
        }
        tokio::task::yield_now().await;
    }
}
