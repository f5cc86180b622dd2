// Checks for day 4, backpressure.
checker::subject!("../../../../exercises/day04_backpressure.rs");

use checker::harness::{self, Check};
use checker::sync::mpsc::{self, TrySendError};
use checker::{Failure, ensure};

const JOBS: u32 = 12;

// Everything here is decided without waiting: `try_send` says at once whether
// the queue had room, so a full queue is seen on every run.
fn job_queue_holds_three() -> Result<(), Failure> {
    ensure!(
        exercise::CAPACITY == 3,
        "CAPACITY is {}; the job queue should hold 3 jobs. Put it back to 3.",
        exercise::CAPACITY
    );
    let (tx, rx) = exercise::job_queue();
    for job in 0..3u32 {
        match tx.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                return Err(Failure::wrong(format!(
                    "job_queue()'s channel was full after {job} job(s); it should hold CAPACITY (3).\n\
                     A channel made with sync_channel(n) holds n messages; sync_channel(0) holds none."
                )));
            }
            Err(TrySendError::Disconnected(_)) => {
                return Err(Failure::wrong(
                    "job_queue() returned a Sender and a Receiver of different channels:\n\
                     nobody receives what is sent. Return both ends of one channel.",
                ));
            }
        }
    }
    ensure!(
        matches!(tx.try_send(3), Err(TrySendError::Full(3))),
        "job_queue()'s channel took a 4th job while 3 were waiting: it holds more than CAPACITY (3).\n\
         Make it with mpsc::sync_channel(CAPACITY)."
    );
    ensure!(rx.try_recv() == Ok(0), "job_queue()'s Receiver did not give back the first job sent (0).");
    ensure!(tx.try_send(3).is_ok(), "after one job was taken out, job_queue()'s channel still refused a new one.");
    let rest: Vec<u32> = rx.try_iter().collect();
    ensure!(rest == [1, 2, 3], "job_queue()'s channel gave back {rest:?} after job 0; expected [1, 2, 3].");
    Ok(())
}

fn offer_fills_the_queue() -> Result<(), Failure> {
    let (tx, rx) = mpsc::sync_channel(3);
    let jobs: Vec<u32> = (10..17).collect();
    let left = exercise::offer(&tx, jobs.clone());
    let queued: Vec<u32> = rx.try_iter().collect();
    ensure!(
        queued == [10, 11, 12],
        "offer({jobs:?}) on an empty queue with room for 3 put {queued:?} in it; expected [10, 11, 12]."
    );
    ensure!(
        left == [13, 14, 15, 16],
        "offer({jobs:?}) on an empty queue with room for 3 returned {left:?};\n\
         it should hand back the jobs that did not fit: [13, 14, 15, 16].\n\
         try_send returns the refused job inside the error (Err(TrySendError::Full(job)))."
    );
    for job in [20, 21, 22] {
        tx.send(job).expect("the queue is open");
    }
    let left = exercise::offer(&tx, vec![23, 24]);
    ensure!(
        left == [23, 24],
        "offer([23, 24]) on a full queue returned {left:?}; nothing fits, so it should return [23, 24]."
    );
    Ok(())
}

fn offer_never_waits_on_a_rendezvous() -> Result<(), Failure> {
    let (tx, _rx) = mpsc::sync_channel(0);
    let left = exercise::offer(&tx, vec![1, 2, 3]);
    ensure!(
        left == [1, 2, 3],
        "offer([1, 2, 3]) on a rendezvous channel (sync_channel(0)) with nobody receiving\n\
         returned {left:?}; no job can go in, so it should return all of them."
    );
    Ok(())
}

fn offer_hands_back_jobs_when_nobody_receives() -> Result<(), Failure> {
    let (tx, rx) = mpsc::sync_channel(3);
    drop(rx);
    let left = exercise::offer(&tx, vec![7, 8]);
    ensure!(
        left == [7, 8],
        "offer([7, 8]) after the Receiver was dropped returned {left:?}; it should return [7, 8].\n\
         try_send has two errors: Full(job) and Disconnected(job). Both mean the job did not go in."
    );
    Ok(())
}

fn hand_over_through(capacity: usize) -> Result<(), Failure> {
    let (tx, rx) = mpsc::sync_channel(capacity);
    let jobs: Vec<u32> = (0..JOBS).map(|j| j * 7 % 50).collect();
    let got = exercise::hand_over(jobs.clone(), tx, rx);
    ensure!(
        got == jobs,
        "hand_over({jobs:?}, ...) through sync_channel({capacity}) returned\n  {got:?}\nbut should return the jobs as sent."
    );
    Ok(())
}

fn hand_over_through_a_rendezvous() -> Result<(), Failure> {
    hand_over_through(0)
}

fn hand_over_through_the_queue() -> Result<(), Failure> {
    hand_over_through(3)
}

fn every_thread_joined() -> Result<(), Failure> {
    hand_over_through(3)?;
    harness::no_unjoined_threads("hand_over")
}

fn main() {
    harness::run(&[
        Check { name: "the job queue holds 3 jobs, then pushes back", run: job_queue_holds_three },
        Check { name: "offer fills the queue and hands back the rest", run: offer_fills_the_queue },
        Check { name: "offer never waits on a rendezvous channel", run: offer_never_waits_on_a_rendezvous },
        Check {
            name: "offer hands back every job when nobody receives",
            run: offer_hands_back_jobs_when_nobody_receives,
        },
        Check { name: "hand_over moves every job through a rendezvous channel", run: hand_over_through_a_rendezvous },
        Check { name: "hand_over moves every job through a 3-job queue", run: hand_over_through_the_queue },
        Check { name: "every thread hand_over spawns is joined", run: every_thread_joined },
    ])
}
