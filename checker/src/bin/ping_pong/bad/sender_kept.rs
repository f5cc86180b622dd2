// Known-bad (expect `deadlock`): ping joins pong while still holding its Sender,
// so pong's `for ball in from_ping` never ends: each waits for the other.
use checker::sync::mpsc;
use checker::thread;

pub fn rally(rounds: u32, hit: fn(u32) -> u32) -> u32 {
    let (to_pong, from_ping) = mpsc::channel();
    let (to_ping, from_pong) = mpsc::channel();
    let pong = thread::spawn(move || {
        for ball in from_ping {
            to_ping.send(hit(ball)).unwrap();
        }
    });
    let mut ball = 0;
    for _ in 0..rounds {
        to_pong.send(hit(ball)).unwrap();
        ball = from_pong.recv().unwrap();
    }
    pong.join().unwrap();
    ball
}
