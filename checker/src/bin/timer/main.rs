// Checks for day 22, timer. Everything runs on the course's clock: it moves
// only when every thread waits, so each instant below is exact, and "an hour
// later" takes no real time.
checker::subject!("../../../../exercises/day22_timer.rs");

use std::time::{Duration, Instant};

use checker::channel::{after, select};
use checker::harness::{self, Check};
use checker::{Failure, Kind, clock, ensure, gate};
use exercise::Timer;

const HOUR: Duration = Duration::from_secs(3600);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Virtual milliseconds since `start`.
fn since(start: Duration) -> u128 {
    (clock::elapsed() - start).as_millis()
}

/// Waits (at most an hour) for the timer to fire: the instant it fired, in
/// ms since `start`, and what it delivered; `None` if it did not fire.
fn next_fire(timer: &Timer, start: Duration) -> Result<Option<u128>, Failure> {
    select! {
        recv(timer.fired()) -> at => {
            let Ok(at) = at else {
                return Err(Failure::wrong(format!(
                    "at {} ms, fired() reported that its channel is closed: every Sender of it was\n\
                     dropped. Is the timer's thread still there to fire the next deadline?",
                    since(start)
                )));
            };
            let now: Instant = clock::now();
            ensure!(
                at == now,
                "the timer fired at {} ms but delivered another time ({:?} away): fired() gives\n\
                 the time it fired, as the timer channel delivers it.",
                since(start),
                if at > now { at - now } else { now - at }
            );
            Ok(Some(since(start)))
        }
        recv(after(HOUR)) -> _ => Ok(None),
    }
}

fn fires_at(timer: &Timer, start: Duration, want: u128, story: &str) -> Result<(), Failure> {
    match next_fire(timer, start)? {
        Some(got) if got == want => Ok(()),
        Some(got) if got < want => Err(Failure::wrong(format!(
            "{story}\nthe timer fired at {got} ms, {} ms too early: it should fire at {want} ms.",
            want - got
        ))),
        Some(got) => {
            Err(Failure::wrong(format!("{story}\nthe timer fired at {got} ms, late: it should fire at {want} ms.")))
        }
        None => Err(Failure::wrong(format!(
            "{story}\nthe timer should fire at {want} ms, and had not fired an hour later."
        ))),
    }
}

fn fires_no_more(timer: &Timer, start: Duration, story: &str) -> Result<(), Failure> {
    match next_fire(timer, start)? {
        None => Ok(()),
        Some(got) => Err(Failure::wrong(format!(
            "{story}\nthe timer fired again at {got} ms, with no deadline left: one fire per deadline."
        ))),
    }
}

fn sleep_takes_exactly_its_time() -> Result<(), Failure> {
    for d in [0, 30, 1000] {
        let start = clock::elapsed();
        exercise::sleep(ms(d));
        let took = since(start);
        ensure!(took >= d as u128, "sleep({d} ms) returned after {took} ms: it woke early.");
        ensure!(took == d as u128, "sleep({d} ms) returned after {took} ms: it overslept.");
    }
    Ok(())
}

fn a_timer_fires_once_at_its_deadline() -> Result<(), Failure> {
    let start = clock::elapsed();
    let timer = Timer::new(ms(100));
    fires_at(&timer, start, 100, "Timer::new(100 ms), then waiting on fired():")?;
    fires_no_more(&timer, start, "Timer::new(100 ms), which fired at 100 ms:")?;
    drop(timer);
    harness::no_unjoined_threads("dropping the Timer")
}

fn a_reset_before_the_deadline_moves_it() -> Result<(), Failure> {
    let start = clock::elapsed();
    let mut timer = Timer::new(ms(100));
    clock::sleep(ms(60));
    timer.reset(ms(100));
    let story = "Timer::new(100 ms), then reset(100 ms) at 60 ms:";
    fires_at(&timer, start, 160, story).map_err(|mut f| {
        f.message.push_str("\nAfter a reset, which deadlines can still fire?");
        f
    })?;
    fires_no_more(&timer, start, story)?;
    // And a reset to an earlier deadline.
    let start = clock::elapsed();
    let mut timer = Timer::new(HOUR);
    timer.reset(ms(10));
    fires_at(&timer, start, 10, "Timer::new(1 hour), then reset(10 ms) at once:")
}

fn a_fire_nobody_read_is_not_kept() -> Result<(), Failure> {
    let start = clock::elapsed();
    let mut timer = Timer::new(ms(100));
    // It fires at 100 ms, and nobody reads it.
    clock::sleep(ms(150));
    timer.reset(ms(100));
    fires_at(
        &timer,
        start,
        250,
        "Timer::new(100 ms); it fired at 100 ms, nobody read fired(), and reset(100 ms) at 150 ms:",
    )
    .map_err(|mut f| {
        f.message.push_str(
            "\nThat is the fire of the old deadline, still waiting in the channel. Whose job is it\n\
             that fired() gives nothing from before the reset?",
        );
        f
    })?;
    fires_no_more(&timer, start, "After the reset at 150 ms and its fire at 250 ms,")
}

fn a_timer_that_fired_can_be_reset() -> Result<(), Failure> {
    let start = clock::elapsed();
    let mut timer = Timer::new(ms(100));
    fires_at(&timer, start, 100, "Timer::new(100 ms), then waiting on fired():")?;
    for (i, at) in [(1, 150), (2, 200)] {
        timer.reset(ms(50));
        fires_at(
            &timer,
            start,
            at,
            &format!(
                "Timer::new(100 ms), which fired at 100 ms and was read; then reset(50 ms) #{i} at {} ms:",
                at - 50
            ),
        )
        .map_err(|mut f| {
            f.message.push_str("\nA timer that has fired can be reset: what is its thread doing by then?");
            f
        })?;
    }
    Ok(())
}

/// The old deadline's fire, taken from the timer channel by the timer's
/// thread just before a reset: the gate holds the thread once its `select!`
/// has taken the fire, before it passes it on, and the clock lets the reset
/// come first. So the reset lands in that window on every run, not by luck.
fn a_fire_taken_just_before_a_reset_is_not_kept() -> Result<(), Failure> {
    let start = clock::now();
    gate::hold_next_select();
    let mut timer = Timer::new(ms(100));
    clock::sleep(ms(110));
    timer.reset(ms(50));
    // A reset that waits for the thread may return later (the clock moves
    // while the check's own thread waits): the new deadline counts from here.
    let returned = clock::now();
    let story = "Timer::new(100 ms); at 100 ms the timer's thread took the fire from its timer channel, and \
                 before it passed it on, reset(50 ms) came at 110 ms.";
    let got = select! {
        recv(timer.fired()) -> at => at.ok(),
        recv(after(HOUR)) -> _ => None,
    };
    match got {
        Some(at) if at < start + ms(110) => {
            let mut f = Failure::wrong(format!(
                "{story} reset returned; then fired() gave the time {} ms: the old deadline's fire, after \
                 the reset.\nA fire your thread has taken but not yet passed on is from before the reset too. \
                 When reset returns, can your thread still be holding one?",
                (at - start).as_millis()
            ))
            .in_fn("reset");
            f.kind = Kind::Race;
            Err(f)
        }
        Some(at) => {
            let (got, want) = ((at - start).as_millis(), (returned + ms(50) - start).as_millis());
            ensure!(
                got == want,
                "{story} reset returned at {} ms; the timer fired at {got} ms: it should fire 50 ms later, at \
                 {want} ms.",
                (returned - start).as_millis()
            );
            drop(timer);
            harness::no_unjoined_threads("dropping the Timer")
        }
        None => Err(Failure::wrong(format!(
            "{story}\nThe timer should fire 50 ms after reset returned, and had not fired an hour later."
        ))),
    }
}

fn dropping_the_timer_ends_its_thread() -> Result<(), Failure> {
    // Armed for an hour, fired and unread, reset: each is dropped.
    let armed = Timer::new(HOUR);
    drop(armed);
    harness::no_unjoined_threads("dropping a Timer armed for an hour")?;
    let fired = Timer::new(ms(5));
    clock::sleep(ms(10));
    drop(fired);
    let mut reset = Timer::new(ms(5));
    reset.reset(HOUR);
    drop(reset);
    harness::no_unjoined_threads("dropping a Timer")
}

fn main() {
    harness::run(&[
        Check { name: "sleep(d) takes d, exactly", run: sleep_takes_exactly_its_time },
        Check { name: "a timer fires once, at its deadline", run: a_timer_fires_once_at_its_deadline },
        Check { name: "a reset before the deadline moves it", run: a_reset_before_the_deadline_moves_it },
        Check { name: "a fire nobody read does not outlive a reset", run: a_fire_nobody_read_is_not_kept },
        Check { name: "a timer that fired can be reset, again and again", run: a_timer_that_fired_can_be_reset },
        Check { name: "dropping a timer ends its thread and joins it", run: dropping_the_timer_ends_its_thread },
        Check {
            name: "a fire the thread took just before a reset does not come through",
            run: a_fire_taken_just_before_a_reset_is_not_kept,
        },
    ])
}
