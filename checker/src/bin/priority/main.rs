// Checks for day 8 (stretch), priority.
checker::subject!("../../../../exercises/day08_priority.rs");

use checker::channel::{Receiver, Sender, unbounded};
use checker::harness::{self, Check};
use checker::observe;
use checker::{Failure, ensure};

/// Urgent messages are 1001, 1002, ...; normal ones 2001, 2002, ...
fn numbered(from: u32, n: u32) -> Vec<u32> {
    (from + 1..=from + n).collect()
}

fn is_urgent(m: u32) -> bool {
    m / 1000 == 1
}

/// A channel already holding `items`, closed (no Sender left).
fn closed_with(items: &[u32]) -> Receiver<u32> {
    let (tx, rx) = unbounded();
    for &m in items {
        tx.send(m).expect("the receiver is here");
    }
    rx
}

/// serve(urgent, normal) on a fresh thread (see `observe::spawn`).
fn start_serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> observe::Watched<Vec<u32>> {
    observe::spawn("serve", move || exercise::serve(urgent, normal))
}

/// Every message sent is in `got`, each channel's in the order it was sent.
fn all_there(got: &[u32], urgent: &[u32], normal: &[u32]) -> Result<(), Failure> {
    for (name, sent, other) in [("urgent", urgent, "normal"), ("normal", normal, "urgent")] {
        let from: Vec<u32> = got.iter().copied().filter(|m| sent.contains(m)).collect();
        let lost = sent.len().saturating_sub(from.len());
        ensure!(
            lost == 0 || from[..] != sent[..from.len()],
            "serve handled {} of the {} messages sent on `{name}`: the last {lost} were never handled.\n\
             Did it stop when `{other}` closed? Keep going until both channels are closed.",
            from.len(),
            sent.len()
        );
        ensure!(from == sent, "the `{name}` messages were handled as\n  {from:?}\nbut were sent as\n  {sent:?}");
    }
    ensure!(
        got.len() == urgent.len() + normal.len(),
        "serve returned {} messages, but {} were sent: {got:?}",
        got.len(),
        urgent.len() + normal.len()
    );
    Ok(())
}

fn handles_everything() -> Result<(), Failure> {
    for (nu, nn) in [(30, 30), (0, 0), (0, 5), (5, 0)] {
        let (urgent, normal) = (numbered(1000, nu), numbered(2000, nn));
        let got = start_serve(closed_with(&urgent), closed_with(&normal)).join();
        all_there(&got, &urgent, &normal)?;
    }
    Ok(())
}

fn urgent_goes_first() -> Result<(), Failure> {
    let (urgent, normal) = (numbered(1000, 30), numbered(2000, 30));
    let got = start_serve(closed_with(&urgent), closed_with(&normal)).join();
    all_there(&got, &urgent, &normal)?;
    let first_normal = got.iter().position(|&m| !is_urgent(m)).unwrap_or(got.len());
    let urgent_after = got[first_normal..].iter().filter(|&&m| is_urgent(m)).count();
    ensure!(
        urgent_after == 0,
        "30 urgent and 30 normal messages were all waiting when serve started, but it handled\n\
         normal message {} while {urgent_after} urgent one(s) still waited. It began with\n  {:?} ...\n\
         select! picks at random among the channels that are ready. Try `urgent` on its own\n\
         first, without waiting, and select on both only when it had nothing.",
        got[first_normal],
        &got[..12]
    );
    Ok(())
}

/// Sends `items` on `tx`, then waits until serve sleeps again, and makes sure
/// it handled them first.
fn deliver(
    s: &observe::Watched<Vec<u32>>,
    to: (&str, &Sender<u32>, &Receiver<u32>),
    items: &[u32],
    quiet: &str,
) -> Result<(), Failure> {
    let (name, tx, probe) = to;
    for &i in items {
        tx.send(i).expect("the check holds a Receiver");
    }
    s.settle();
    ensure!(
        probe.is_empty(),
        "serve went to sleep while {} `{name}` message(s) were waiting, and `{quiet}` was quiet:\n\
         it was waiting for `{quiet}` alone. When nothing urgent is waiting, wait on both channels\n\
         at once with select!, so that whichever has a message first is served.",
        probe.len()
    );
    Ok(())
}

fn sleeps_until_either_speaks() -> Result<(), Failure> {
    let (u_tx, u_rx) = unbounded();
    let (n_tx, n_rx) = unbounded();
    // Clones that only look: how many messages are still waiting.
    let (u_probe, n_probe) = (u_rx.clone(), n_rx.clone());
    let s = start_serve(u_rx, n_rx);
    let (urgent, normal) = (numbered(1000, 3), numbered(2000, 6));
    deliver(&s, ("normal", &n_tx, &n_probe), &normal[..3], "urgent")?;
    deliver(&s, ("urgent", &u_tx, &u_probe), &urgent, "normal")?;
    deliver(&s, ("normal", &n_tx, &n_probe), &normal[3..5], "urgent")?;
    // With `urgent` closed and `normal` quiet, a loop that keeps choosing the
    // closed channel spins here.
    drop(u_tx);
    deliver(&s, ("normal", &n_tx, &n_probe), &normal[5..], "urgent")?;
    ensure!(
        !s.is_finished(),
        "serve returned as soon as `urgent` closed, while `normal` was still open.\n\
         Return once both are closed."
    );
    drop((n_tx, u_probe, n_probe));
    let got = s.join();
    all_there(&got, &urgent, &normal)
}

fn main() {
    harness::run(&[
        Check { name: "serve handles every message of both channels", run: handles_everything },
        Check { name: "urgent messages that are waiting go first", run: urgent_goes_first },
        Check {
            name: "while both channels are quiet, serve sleeps until either has a message",
            run: sleeps_until_either_speaks,
        },
    ])
}
