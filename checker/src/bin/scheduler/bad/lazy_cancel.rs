// Known-bad (expect `wrong`): lazy deletion, as Go's runtime does with its
// timers: a cancel is remembered in a set and the job skipped when it comes
// up. It never runs, but its deadline still wakes the loop, and a closed
// scheduler waits for it before it returns.
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    let mut heap: BinaryHeap<Reverse<(Instant, u64)>> = BinaryHeap::new();
    let mut ids: HashMap<u64, u32> = HashMap::new();
    let mut cancelled: HashSet<u32> = HashSet::new();
    let mut next_seq = 0u64;
    let mut open = true;
    let timer = sleep(Duration::ZERO);
    tokio::pin!(timer);
    loop {
        // Run every job that is due now, skipping the cancelled ones.
        while let Some(&Reverse((at, seq))) = heap.peek() {
            if at > Instant::now() {
                timer.as_mut().reset(at);
                break;
            }
            heap.pop();
            let id = ids.remove(&seq).expect("every queued job has an id");
            if !cancelled.remove(&id) {
                run(id);
            }
        }
        if !open && heap.is_empty() {
            return;
        }
        tokio::select! {
            biased;
            command = commands.recv(), if open => match command {
                Some(Command::Schedule { id, after }) => {
                    heap.push(Reverse((Instant::now() + after, next_seq)));
                    ids.insert(next_seq, id);
                    next_seq += 1;
                }
                Some(Command::Cancel { id }) => {
                    if ids.values().any(|&queued| queued == id) {
                        cancelled.insert(id);
                    }
                }
                None => open = false,
            },
            () = &mut timer, if !heap.is_empty() => {}
        }
    }
}
