// Known-bad (expect `wrong`): the time.Sleep-in-a-loop scheduler. It takes
// each command in turn and sleeps for its `after` before running it, so a
// job waits behind every job scheduled before it, and a cancel is read only
// after the jobs before it have run.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

pub enum Command {
    Schedule { id: u32, after: Duration },
    Cancel { id: u32 },
}

pub async fn scheduler(mut commands: mpsc::Receiver<Command>, mut run: impl FnMut(u32)) {
    while let Some(command) = commands.recv().await {
        if let Command::Schedule { id, after } = command {
            sleep(after).await;
            run(id);
        }
    }
}
