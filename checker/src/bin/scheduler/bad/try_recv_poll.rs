// Known-bad (expect `wrong`): a polling loop. Every millisecond it drains the
// channel with try_recv and runs what is due: the jobs run on time, but the
// loop wakes up a thousand times a second with nothing to do.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut queue: BTreeMap<(Instant, u64), u32> = BTreeMap::new();
    let mut scheduled = 0;
    loop {
        let mut closed = false;
        loop {
            match commands.try_recv() {
                Ok(Command::Schedule { id, after }) => {
                    queue.insert((Instant::now() + after, scheduled), id);
                    scheduled += 1;
                }
                Ok(Command::Cancel { id }) => queue.retain(|_, job| *job != id),
                Err(mpsc::error::TryRecvError::Empty) => break,
                Err(mpsc::error::TryRecvError::Disconnected) => {
                    closed = true;
                    break;
                }
            }
        }
        while let Some(entry) = queue.first_entry() {
            if entry.key().0 > Instant::now() {
                break;
            }
            run(entry.remove());
        }
        if closed && queue.is_empty() {
            return;
        }
        sleep(Duration::from_millis(1)).await;
    }
}
