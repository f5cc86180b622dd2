// Day 3: channels
//
// A channel is a pipe between threads. `mpsc::channel()` gives you its two
// ends: a `Sender` (`tx.send(v)` puts a value in) and a `Receiver`
// (`rx.recv()` waits until a value arrives, then takes it out). Sending
// moves the value to the other thread: nothing is shared, so nothing needs
// a lock. (Go: `ch <- v` and `<-ch`. Unlike Go's `make(chan T)`, this
// channel never makes `send` wait: day 4 is about that.)
//
// A channel carries values one way only. For a conversation, use two.
//
// `recv()` waits. If two threads each wait to receive before either of them
// sends, both wait forever: a deadlock. Someone has to go first. Go's
// runtime stops a program in which *every* goroutine is blocked ("all
// goroutines are asleep - deadlock!"), though not one in which only some
// are. Rust checks neither: the program just hangs. (lockstep's checks turn
// that hang into a verdict that says where each thread waits.)
//
// `for v in rx` receives until every `Sender` of that channel is gone
// (dropped), then the loop ends. That is how one thread says "no more":
// Go's `close(ch)` and `for v := range ch`. Rust has no `close`, so two of
// Go's panics cannot happen: sending on a closed channel (a channel stays
// open while anyone holds a Sender) and closing one twice. The other way
// round, `send` returns `Err` once the `Receiver` is gone; in Go, a send
// that nobody is left to receive blocks forever.
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
