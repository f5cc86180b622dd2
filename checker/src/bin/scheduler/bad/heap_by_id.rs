// Known-bad (expect `wrong`): a min-heap of (deadline, id). Two jobs due at
// the same instant come out by id, not in the order they were scheduled.
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut heap: BinaryHeap<Reverse<(Instant, u32)>> = BinaryHeap::new();
    let mut open = true;
    while open || !heap.is_empty() {
        let next = heap.peek().map(|Reverse((at, _))| *at);
        tokio::select! {
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => heap.push(Reverse((Instant::now() + after, id))),
                Some(Command::Cancel { id }) => heap.retain(|Reverse((_, job))| *job != id),
                None => open = false,
            },
            _ = sleep_until(next.unwrap_or_else(Instant::now)), if next.is_some() => {
                if let Some(Reverse((_, id))) = heap.pop() {
                    run(id);
                }
            }
        }
    }
}
