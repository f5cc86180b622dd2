// Known-bad (expect `wrong`): "urgent first" read as "all of urgent, then all
// of normal". While `urgent` is open but quiet, it waits on it alone, and the
// normal messages pile up unserved.
use checker::channel::Receiver;

pub fn serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> Vec<u32> {
    let mut handled: Vec<u32> = urgent.iter().collect();
    handled.extend(normal.iter());
    handled
}
