// Checks for day 9, deadline_read.
checker::subject!("../../../../exercises/day09_deadline_read.rs");

use checker::channel::{Receiver, Sender, unbounded};
use checker::harness::{self, Check};
use checker::{Failure, clock, ensure, observe};
use exercise::GaveUp;
use std::time::Duration;

/// A limit on the course's clock (which takes no real time to pass).
const SHORT: Duration = Duration::from_millis(20);
/// A limit no check ever reaches: the value (or the hang-up) comes first.
const LONG: Duration = Duration::from_secs(3600);

fn channel() -> (Sender<u32>, Receiver<u32>) {
    unbounded()
}

/// Runs `f` on a thread of its own and calls `meanwhile` once that thread is
/// blocked (asleep for several looks in a row: it waits for something) or has
/// returned. Nothing here depends on how long anything takes: `meanwhile`
/// happens while `f` waits, or after it gave up without waiting.
fn while_it_waits<R: Send>(f: impl FnOnce() -> R + Send, meanwhile: impl FnOnce()) -> R {
    std::thread::scope(|s| {
        let (tid_tx, tid_rx) = std::sync::mpsc::channel();
        let waiter = s.spawn(move || {
            let _ = tid_tx.send(observe::tid());
            f()
        });
        let tid = tid_rx.recv().expect("the waiting thread started");
        observe::settle(|| waiter.is_finished() || observe::asleep(tid));
        meanwhile();
        waiter.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

fn a_waiting_value_is_returned() -> Result<(), Failure> {
    let (tx, rx) = channel();
    for v in [7, 8, 9] {
        tx.send(v).expect("the receiver is here");
    }
    for want in [7, 8, 9] {
        let got = exercise::recv_within(&rx, SHORT);
        ensure!(
            got == Ok(want),
            "{want} was waiting in the channel, but recv_within(&rx, 20ms) returned {got:?}.\n\
             A value that is already there must be returned as Ok(value), in the order sent."
        );
    }
    Ok(())
}

fn a_quiet_channel_times_out() -> Result<(), Failure> {
    // The check keeps `_tx` alive and sends nothing: the sender is slow, not gone.
    let (_tx, rx) = channel();
    for limit in [SHORT, 2 * SHORT] {
        let start = clock::elapsed();
        let got = exercise::recv_within(&rx, limit);
        let waited = clock::elapsed() - start;
        ensure!(
            got == Err(GaveUp::TimedOut),
            "nothing was sent and the Sender is still alive, but recv_within(&rx, {limit:?}) returned {got:?}.\n\
             When the limit passes with no value, return Err(GaveUp::TimedOut)."
        );
        // Exact: the course's clock moves only when every thread waits.
        ensure!(
            waited >= limit,
            "recv_within(&rx, {limit:?}) gave up after {waited:?}, before its limit had passed.\n\
             It must keep waiting for a value until the whole limit has passed."
        );
        ensure!(
            waited == limit,
            "recv_within(&rx, {limit:?}) gave up only after {waited:?}, not when its limit had passed.\n\
             Set the timer once, before waiting: a fresh `after(limit)` on every turn of a loop starts\n\
             the limit over each time."
        );
    }
    Ok(())
}

fn a_value_sent_while_it_waits_is_returned() -> Result<(), Failure> {
    let (tx, rx) = channel();
    let got = while_it_waits(|| exercise::recv_within(&rx, LONG), || tx.send(42).expect("the receiver is here"));
    ensure!(
        got == Ok(42),
        "42 was sent while recv_within(&rx, 1 hour) was running, but it returned {got:?}.\n\
         It gave up without waiting at all. Wait for the value *or* the timer, whichever\n\
         comes first: a bare `default =>` arm in select! does not wait, `recv(after(limit))` does."
    );
    Ok(())
}

fn a_value_after_the_limit_is_not_waited_for() -> Result<(), Failure> {
    let (tx, rx) = channel();
    // A sender that answers just too late: a millisecond after the limit.
    let late = std::thread::spawn(move || {
        clock::sleep(SHORT + Duration::from_millis(1));
        let _ = tx.send(42);
    });
    let start = clock::elapsed();
    let got = exercise::recv_within(&rx, SHORT);
    let waited = clock::elapsed() - start;
    late.join().expect("the late sender does not panic");
    ensure!(
        got == Err(GaveUp::TimedOut),
        "a value was sent 21ms after recv_within(&rx, 20ms) started; it returned {got:?} after {waited:?}.\n\
         When the limit has passed, give up with Err(GaveUp::TimedOut): set the timer once, before\n\
         waiting (a fresh `after(limit)` on every turn of a loop starts the limit over)."
    );
    Ok(())
}

fn a_sender_that_is_gone_is_not_a_timeout() -> Result<(), Failure> {
    let (tx, rx) = channel();
    tx.send(5).expect("the receiver is here");
    drop(tx);
    let got = exercise::recv_within(&rx, SHORT);
    ensure!(
        got == Ok(5),
        "5 was sent, then the Sender was dropped; recv_within returned {got:?}.\n\
         A value sent before the hang-up is still in the channel: return it first."
    );
    let got = exercise::recv_within(&rx, SHORT);
    ensure!(
        got == Err(GaveUp::SenderGone),
        "the channel is empty and its only Sender was dropped, but recv_within returned {got:?}.\n\
         Nothing will ever come: return Err(GaveUp::SenderGone), so the caller stops asking.\n\
         Look at what `recv(rx) -> msg` gives you in that case."
    );
    Ok(())
}

fn a_sender_leaving_while_it_waits_ends_the_wait() -> Result<(), Failure> {
    let (tx, rx) = channel();
    let got = while_it_waits(|| exercise::recv_within(&rx, LONG), || drop(tx));
    ensure!(
        got == Err(GaveUp::SenderGone),
        "the only Sender was dropped while recv_within(&rx, 1 hour) waited, and it returned {got:?}.\n\
         Expected Err(GaveUp::SenderGone): the receive arm of select! sees the hang-up at once."
    );
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "a value already in the channel is returned", run: a_waiting_value_is_returned },
        Check { name: "a quiet channel gives TimedOut after the limit", run: a_quiet_channel_times_out },
        Check { name: "a value sent while it waits is returned", run: a_value_sent_while_it_waits_is_returned },
        Check {
            name: "a value that comes after the limit is not waited for",
            run: a_value_after_the_limit_is_not_waited_for,
        },
        Check {
            name: "a Sender that is gone is SenderGone, not TimedOut",
            run: a_sender_that_is_gone_is_not_a_timeout,
        },
        Check {
            name: "a Sender dropped while it waits ends the wait",
            run: a_sender_leaving_while_it_waits_ends_the_wait,
        },
    ])
}
