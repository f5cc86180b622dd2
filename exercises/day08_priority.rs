// Day 8 (stretch): priority, with a receive that does not wait
//
// `select!` is fair: when several of its channels are ready, it picks one at
// random, so that none of them starves. Sometimes you want the opposite: an
// urgent channel whose messages, whenever one is waiting, go first.
//
// Go does it in two steps. First a `select` with a `default` case tries the
// urgent channel without waiting (`default` runs at once when nothing is
// ready). Only if that found nothing, a blocking `select` waits on both. In
// crossbeam the first step is `urgent.try_recv()` (or a `select!` with a
// `default => ...` arm), the second a `select!` like the one in `merge`.
// (crossbeam's `select_biased!` always prefers its first ready arm: the same
// idea, built in. Write it out here.)
//
// Never wait on the urgent channel alone: while it is quiet, the normal
// messages would pile up. And a closed channel still wants `never()`.
use checker::channel::{Receiver, never, select};

/// Handles every message from `urgent` and `normal` until both channels are
/// closed, and returns them in the order handled. A normal message is taken
/// only when no urgent message is waiting. While both channels are quiet, it
/// sleeps until either has a message.
pub fn serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> Vec<u32> {
    // TODO: loop: first try `urgent` without waiting. If nothing was there,
    // wait on both with `select!`. Swap a closed channel for `never()`, and
    // return once both are closed.
    todo!()
}
