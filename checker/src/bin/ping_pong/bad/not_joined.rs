// Known-bad (expect `leak`): right answer, but pong is never joined: rally
// returns while the pong thread may still be running.
use checker::sync::mpsc;
use checker::thread;

pub fn rally(rounds: u32, hit: fn(u32) -> u32) -> u32 {
    let (to_pong, from_ping) = mpsc::channel();
    let (to_ping, from_pong) = mpsc::channel();
    thread::spawn(move || {
        for ball in from_ping {
            to_ping.send(hit(ball)).unwrap();
        }
    });
    let mut ball = 0;
    for _ in 0..rounds {
        to_pong.send(hit(ball)).unwrap();
        ball = from_pong.recv().unwrap();
    }
    ball
}
