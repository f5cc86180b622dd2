// Known-bad (expect `timeout`): gets the priority right with two `try_recv`s,
// but never blocks: while both channels are quiet, the loop spins, burning a
// core, instead of sleeping in a select!.
use checker::channel::{Receiver, TryRecvError};

pub fn serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> Vec<u32> {
    let mut handled = Vec::new();
    let (mut urgent_open, mut normal_open) = (true, true);
    while urgent_open || normal_open {
        match urgent.try_recv() {
            Ok(m) => {
                handled.push(m);
                continue;
            }
            Err(TryRecvError::Disconnected) => urgent_open = false,
            Err(TryRecvError::Empty) => {}
        }
        match normal.try_recv() {
            Ok(m) => handled.push(m),
            Err(TryRecvError::Disconnected) => normal_open = false,
            Err(TryRecvError::Empty) => {}
        }
    }
    handled
}
