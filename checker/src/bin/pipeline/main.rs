// Checks for day 13, pipeline.
checker::subject!("../../../../exercises/day13_pipeline.rs");

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::Duration;

use checker::channel::{Receiver, bounded};
use checker::harness::{self, Check};
use checker::{Failure, Kind, clock, ensure};

/// After `function` returned: every stage thread must end, and without
/// panicking.
fn stages_end(function: &str) -> Result<(), Failure> {
    harness::threads_end(function)?;
    let Some((at, message)) = harness::thread_panics().into_iter().next() else { return Ok(()) };
    let why = if message.contains("SendError") {
        "\nA send fails once nobody will ever receive: the stage after this one is gone.\n\
         That is the signal to stop (Go's `done`), not an error to unwrap: when `send`\n\
         returns Err, return from the stage."
    } else if message.contains("RecvError") {
        "\nA receive fails once the channel is closed and empty: the stage before this one\n\
         has finished. That is the end of the input, not an error to unwrap: a `for n in input`\n\
         loop simply ends there."
    } else {
        ""
    };
    Err(Failure {
        kind: Kind::Panic,
        message: format!("A stage thread started by {function} panicked at {at}:\n  {message}{why}"),
    })
}

fn bounded_output(function: &str, rx: &Receiver<u64>) -> Result<(), Failure> {
    ensure!(
        rx.capacity().is_some(),
        "{function} returned the receiving end of an unbounded channel. Between the stages of a\n\
         pipeline, use bounded channels (of BUFFER): a stage that runs ahead of the next one\n\
         then waits for it, instead of piling up numbers (an endless generator would fill memory)."
    );
    Ok(())
}

fn square_squares_until_its_input_closes() -> Result<(), Failure> {
    let numbers = [3u64, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    let (tx, input) = bounded(numbers.len());
    for n in numbers {
        tx.send(n).expect("the channel has room");
    }
    drop(tx);
    let got: Vec<u64> = exercise::square(input).iter().collect();
    let want: Vec<u64> = numbers.iter().map(|n| n * n).collect();
    ensure!(
        got == want,
        "square of a channel carrying {numbers:?}, then closed, sent\n  {got:?}\nbut should send\n  {want:?}"
    );
    stages_end("square")
}

fn generate_counts_up_and_stops() -> Result<(), Failure> {
    let rx = exercise::generate(7);
    bounded_output("generate", &rx)?;
    let got: Vec<u64> = rx.iter().take(6).collect();
    ensure!(got == [7, 8, 9, 10, 11, 12], "generate(7) sent {got:?} first; expected [7, 8, 9, 10, 11, 12].");
    // The caller has seen enough: nobody will receive again.
    drop(rx);
    stages_end("generate")
}

/// How many numbers square may still take from its input after the
/// Receiver of its squares was dropped: at most one (taken before it learns
/// that its send fails). Taking this many means it does not stop.
const TAKEN_AFTER_THE_END: usize = 3;

fn square_stops_when_nobody_receives() -> Result<(), Failure> {
    // The stage before square, played by the check: endless, over a
    // rendezvous channel (a send completes only when square takes the
    // number), and it stops when its send fails. It counts the numbers
    // square takes after the end, and gives up after TAKEN_AFTER_THE_END.
    let (tx, input) = bounded(0);
    let ended = Arc::new(AtomicBool::new(false));
    let feeder = std::thread::spawn({
        let ended = Arc::clone(&ended);
        move || {
            let (mut n, mut taken_after) = (1u64, 0);
            loop {
                let after = ended.load(SeqCst);
                if tx.send(n).is_err() {
                    return taken_after;
                }
                if after {
                    taken_after += 1;
                    if taken_after == TAKEN_AFTER_THE_END {
                        return taken_after; // and `tx` closes square's input
                    }
                }
                n = n % 1000 + 1;
            }
        }
    });
    let out = exercise::square(input);
    bounded_output("square", &out)?;
    let got: Vec<u64> = out.iter().take(3).collect();
    ensure!(got == [1, 4, 9], "square of 1, 2, 3, ... sent {got:?} first; expected [1, 4, 9].");
    ended.store(true, SeqCst);
    drop(out);
    let taken_after = feeder.join().expect("the check's feeder panicked");
    if taken_after >= TAKEN_AFTER_THE_END {
        return Err(Failure::leak(
            "After the Receiver of its squares was dropped, square went on taking numbers from its\n\
             input: its sends fail, but it does not stop, so it would never end (and the stage\n\
             before it would feed it forever). When a send fails, return from the stage: that\n\
             drops its input Receiver and stops the stage before it in turn.",
        ));
    }
    stages_end("square")
}

/// How long the check's caller pauses between two squares, on the course's
/// clock (so in no real time): longer than any stage should wait for
/// anything but its receiver.
const PAUSE: Duration = Duration::from_secs(24 * 3600);

fn a_caller_that_pauses_still_gets_every_square() -> Result<(), Failure> {
    let out = exercise::square(exercise::generate(1));
    let got: Vec<u64> = out.iter().take(3).collect();
    ensure!(got == [1, 4, 9], "square(generate(1)) sent {got:?} first; expected [1, 4, 9].");
    // The stages fill their channels and wait to send; the caller is still
    // there, only slow. The clock moves only once every thread waits.
    clock::sleep(PAUSE);
    let gave_up: Vec<String> = checker::thread::all_spawned()
        .iter()
        .filter(|t| t.ended)
        .map(|t| format!("{}:{}", harness::relative(t.at.file()), t.at.line()))
        .collect();
    // More than the channels and the stages' hands can hold: the rest must be
    // made after the pause.
    let more = 2 * exercise::BUFFER + 4;
    let got: Vec<u64> = out.iter().take(more).collect();
    let want: Vec<u64> = (4..4 + more as u64).map(|n| n * n).collect();
    drop(out);
    if got != want {
        // A stage that panicked (an unwrapped send) is told as such.
        stages_end("square(generate(1))")?;
        let who = match &gave_up[..] {
            [] => String::new(),
            [one] => format!("\nThe stage thread spawned at {one} ended while the caller paused."),
            many => format!("\nThe stage threads spawned at {} ended while the caller paused.", many.join(" and ")),
        };
        return Err(Failure::wrong(format!(
            "The check took [1, 4, 9] from square(generate(1)), paused for a day of the course's clock\n\
             (its Receiver still in hand), then took {more} more squares: it got\n  {got:?}\nbut should get\n  \
             {want:?}{who}\n\
             A stage cannot tell a slow receiver from one that is gone by how long it waits: a timeout\n\
             guesses. Only one thing says that nobody will ever receive again: which?"
        )));
    }
    stages_end("square(generate(1))")
}

fn first_squares_stops_the_pipeline() -> Result<(), Failure> {
    for k in [5, 1, 0, 20] {
        let got = exercise::first_squares(k);
        let want: Vec<u64> = (1..=k as u64).map(|n| n * n).collect();
        ensure!(got == want, "first_squares({k}) returned {got:?}; expected {want:?}.");
        stages_end("first_squares")?;
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check {
            name: "square squares every number until its input closes",
            run: square_squares_until_its_input_closes,
        },
        Check { name: "generate counts up, and stops when nobody receives", run: generate_counts_up_and_stops },
        Check { name: "square stops when nobody receives its squares", run: square_stops_when_nobody_receives },
        Check {
            name: "a caller that pauses between two squares still gets every one",
            run: a_caller_that_pauses_still_gets_every_square,
        },
        Check { name: "first_squares returns k squares, and every stage ends", run: first_squares_stops_the_pipeline },
    ])
}
