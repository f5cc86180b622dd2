// Day 3: channels
//
// A channel is a pipe between threads. `mpsc::channel()` gives you its two
// ends: a `Sender` (`tx.send(v)` puts a value in) and a `Receiver`
// (`rx.recv()` waits until a value arrives, then takes it out). Sending
// moves the value to the other thread: nothing is shared, so nothing needs
// a lock.
//
// A channel carries values one way only. For a conversation, use two.
//
// `recv()` waits. If two threads each wait to receive before either of them
// sends, both wait forever: a deadlock. Someone has to go first.
//
// `for v in rx` receives until every `Sender` of that channel is gone
// (dropped), then the loop ends. That is how one thread says "no more".
use checker::sync::mpsc;
use checker::thread;

/// Plays `rounds` rounds of ping-pong between the calling thread ("ping")
/// and one spawned thread ("pong"), and returns the final ball.
///
/// The ball starts at 0. In each round ping hits it (`ball = hit(ball)`) and
/// sends it to pong; pong hits it and sends it back. `rally` returns only
/// after the pong thread has ended and been joined.
pub fn rally(rounds: u32, hit: fn(u32) -> u32) -> u32 {
    // TODO: make two channels, one to pong and one back to ping.
    // Spawn pong: for each ball it receives, it hits it and sends it back.
    // Then play ping's side here, round by round. When the rally is over,
    // let pong know (how does its loop end?) and join it.
    todo!()
}
