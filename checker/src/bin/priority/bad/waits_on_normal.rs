// Known-bad (expect `wrong`): tries `urgent` without waiting, but then waits
// on `normal` alone. While `normal` is quiet, an urgent message that arrives
// is not seen until some normal message wakes it up.
use checker::channel::Receiver;

pub fn serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> Vec<u32> {
    let mut handled = Vec::new();
    loop {
        if let Ok(m) = urgent.try_recv() {
            handled.push(m);
            continue;
        }
        match normal.recv() {
            Ok(m) => handled.push(m),
            Err(_) => break,
        }
    }
    handled.extend(urgent.iter());
    handled
}
