// Checks for day 8, merge.
checker::subject!("../../../../exercises/day08_merge.rs");

use checker::channel::{Receiver, Sender, unbounded};
use checker::harness::{self, Check};
use checker::observe;
use checker::{Failure, ensure};

/// The messages on `a` are 1001, 1002, ...; those on `b` are 2001, 2002, ...
fn numbered(from: u32, n: u32) -> Vec<u32> {
    (from + 1..=from + n).collect()
}

/// A channel already holding `items`, closed (no Sender left).
fn closed_with(items: &[u32]) -> Receiver<u32> {
    let (tx, rx) = unbounded();
    for &m in items {
        tx.send(m).expect("the receiver is here");
    }
    rx
}

/// merge(a, b) on a fresh thread (see `observe::spawn`).
fn start_merge(a: Receiver<u32>, b: Receiver<u32>) -> observe::Watched<Vec<u32>> {
    observe::spawn("merge", move || exercise::merge(a, b))
}

/// Every message of `a_sent` and of `b_sent` is in `got`, each channel's in
/// the order it was sent.
fn all_there(got: &[u32], a_sent: &[u32], b_sent: &[u32]) -> Result<(), Failure> {
    let from_a: Vec<u32> = got.iter().copied().filter(|m| a_sent.contains(m)).collect();
    let from_b: Vec<u32> = got.iter().copied().filter(|m| b_sent.contains(m)).collect();
    for (name, from, sent, other) in [("a", &from_a, a_sent, "b"), ("b", &from_b, b_sent, "a")] {
        let lost = sent.len().saturating_sub(from.len());
        ensure!(
            lost == 0 || from[..] != sent[..from.len()],
            "merge returned {} of the {} messages sent on `{name}`: the last {lost} never came out.\n\
             Did it stop when `{other}` closed? A closed channel means that one is done, not both:\n\
             keep going until both are closed.",
            from.len(),
            sent.len()
        );
        ensure!(
            from == sent,
            "the messages of `{name}` came out of merge as\n  {from:?}\nbut were sent as\n  {sent:?}"
        );
    }
    ensure!(
        got.len() == a_sent.len() + b_sent.len(),
        "merge returned {} messages, but {} were sent: {got:?}",
        got.len(),
        a_sent.len() + b_sent.len()
    );
    Ok(())
}

fn merges_everything() -> Result<(), Failure> {
    for (na, nb) in [(60, 150), (150, 60), (0, 0), (0, 5), (5, 0)] {
        let (a_sent, b_sent) = (numbered(1000, na), numbered(2000, nb));
        let got = start_merge(closed_with(&a_sent), closed_with(&b_sent)).join();
        all_there(&got, &a_sent, &b_sent)?;
    }
    Ok(())
}

/// Sends `items` on `tx`, then waits until merge sleeps again, and makes sure
/// it took them all first.
fn deliver(
    m: &observe::Watched<Vec<u32>>,
    to: (&str, &Sender<u32>, &Receiver<u32>),
    items: &[u32],
    other: &str,
) -> Result<(), Failure> {
    let (name, tx, probe) = to;
    for &i in items {
        tx.send(i).expect("the check holds a Receiver");
    }
    m.settle();
    ensure!(
        probe.is_empty(),
        "merge went to sleep while {} message(s) were waiting on `{name}`: it was waiting for `{other}`\n\
         alone. Receiving from one channel after the other is not a merge: wait on both at once\n\
         with select!, which takes from whichever channel has a message.",
        probe.len()
    );
    Ok(())
}

fn takes_whichever_has_messages() -> Result<(), Failure> {
    let (a_tx, a_rx) = unbounded();
    let (b_tx, b_rx) = unbounded();
    // Clones that only look: how many messages are still waiting.
    let (a_probe, b_probe) = (a_rx.clone(), b_rx.clone());
    let m = start_merge(a_rx, b_rx);
    let (a_sent, b_sent) = (numbered(1000, 8), numbered(2000, 8));
    deliver(&m, ("b", &b_tx, &b_probe), &b_sent[..5], "a")?;
    deliver(&m, ("a", &a_tx, &a_probe), &a_sent[..5], "b")?;
    for i in 5..8 {
        a_tx.send(a_sent[i]).expect("open");
        b_tx.send(b_sent[i]).expect("open");
    }
    drop((a_tx, b_tx, a_probe, b_probe));
    let got = m.join();
    all_there(&got, &a_sent, &b_sent)?;
    harness::no_unjoined_threads("merge")
}

fn sleeps_after_one_closed() -> Result<(), Failure> {
    for closes_first in ["a", "b"] {
        let (open_tx, open_rx) = unbounded();
        let early = numbered(1000, 3);
        let late = numbered(2000, 3);
        let (a, b) = if closes_first == "a" { (closed_with(&early), open_rx) } else { (open_rx, closed_with(&early)) };
        let m = start_merge(a, b);
        // A merge that keeps choosing the closed channel spins here.
        m.settle();
        ensure!(
            !m.is_finished(),
            "merge returned as soon as `{closes_first}` closed, while the other channel was still open.\n\
             Keep waiting for the other one: return once both are closed."
        );
        for &i in &late {
            open_tx.send(i).expect("open");
        }
        drop(open_tx);
        let got = m.join();
        let (a_sent, b_sent) = if closes_first == "a" { (early, late) } else { (late, early) };
        all_there(&got, &a_sent, &b_sent)?;
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check { name: "merge returns every message of both channels", run: merges_everything },
        Check { name: "merge takes each message from whichever channel has it", run: takes_whichever_has_messages },
        Check {
            name: "once one channel has closed, merge sleeps until the other has a message",
            run: sleeps_after_one_closed,
        },
    ])
}
