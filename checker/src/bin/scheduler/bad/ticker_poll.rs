// Known-bad (expect `wrong`): a ticker in the select! next to the channel,
// and after every command or tick it runs what is due. With a 1 ms ticker the jobs run on time,
// but the loop wakes up every millisecond, job or no job.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut queue: BTreeMap<(Instant, u64), u32> = BTreeMap::new();
    let mut scheduled = 0;
    let mut open = true;
    let mut ticks = interval(Duration::from_millis(1));
    while open || !queue.is_empty() {
        tokio::select! {
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => {
                    queue.insert((Instant::now() + after, scheduled), id);
                    scheduled += 1;
                }
                Some(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
                None => open = false,
            },
            _ = ticks.tick() => {}
        }
        while let Some(entry) = queue.first_entry() {
            if entry.key().0 > Instant::now() {
                break;
            }
            run(entry.remove());
        }
    }
}
