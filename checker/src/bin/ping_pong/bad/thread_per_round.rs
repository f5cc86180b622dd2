// Known-bad (expect `wrong`): spawns a new pong for every round instead of one
// pong thread that plays the whole rally.
use checker::sync::mpsc;
use checker::thread;

pub fn rally(rounds: u32, hit: fn(u32) -> u32) -> u32 {
    let mut ball = 0;
    for _ in 0..rounds {
        let (to_pong, from_ping) = mpsc::channel();
        let (to_ping, from_pong) = mpsc::channel();
        let pong = thread::spawn(move || to_ping.send(hit(from_ping.recv().unwrap())).unwrap());
        to_pong.send(hit(ball)).unwrap();
        ball = from_pong.recv().unwrap();
        pong.join().unwrap();
    }
    ball
}
