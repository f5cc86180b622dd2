// Day 3 alternative: rendezvous channels, and pong knows how many rounds it plays (no close needed).
use checker::sync::mpsc;
use checker::thread;

/// Plays `rounds` rounds of ping-pong between the calling thread ("ping")
/// and one spawned thread ("pong"), and returns the final ball.
pub fn rally(rounds: u32, hit: fn(u32) -> u32) -> u32 {
    let (to_pong, from_ping) = mpsc::sync_channel::<u32>(0);
    let (to_ping, from_pong) = mpsc::sync_channel::<u32>(0);
    let pong = thread::spawn(move || {
        for _ in 0..rounds {
            let Ok(ball) = from_ping.recv() else { return };
            if to_ping.send(hit(ball)).is_err() {
                return;
            }
        }
    });
    let mut ball = 0;
    for _ in 0..rounds {
        ball = hit(ball);
        to_pong.send(ball).expect("pong left the rally early");
        ball = from_pong.recv().expect("pong left the rally early");
    }
    pong.join().expect("pong panicked");
    ball
}
