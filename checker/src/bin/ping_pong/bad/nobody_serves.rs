// Known-bad (expect `deadlock`): ping waits for the ball before sending it, just
// like pong does. Both threads receive before anyone sends: deadlock.
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
        ball = from_pong.recv().unwrap();
        to_pong.send(hit(ball)).unwrap();
    }
    drop(to_pong);
    pong.join().unwrap();
    ball
}
