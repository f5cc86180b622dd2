// Known-bad (expect `wrong`): receives everything from `a`, then everything
// from `b`. The totals come out right when both are closed early, but while
// `a` is quiet, messages waiting on `b` are not taken: not a merge.
use checker::channel::Receiver;

pub fn merge(a: Receiver<u32>, b: Receiver<u32>) -> Vec<u32> {
    a.iter().chain(b.iter()).collect()
}
