use checker::sync::mpsc;
use checker::thread;

pub fn rally(rounds: u32, hit: fn(u32) -> u32) -> u32 {
    let (to_pong, from_ping) = mpsc::channel();
    let (to_ping, from_pong) = mpsc::channel();
    let pong = thread::spawn(move || {
        for ball in from_ping {
            to_ping.send(hit(ball)).expect("ping left in the middle of a round");
        }
    });
    let mut ball = 0;
    for _ in 0..rounds {
        to_pong.send(hit(ball)).expect("pong left the table");
        ball = from_pong.recv().expect("pong left the table");
    }
    drop(to_pong); // no more balls: pong's loop ends
    pong.join().expect("pong panicked");
    ball
}
