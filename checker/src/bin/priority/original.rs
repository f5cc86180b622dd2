// Day 8 (stretch): priority, with a receive that does not wait
//
// `select!` is fair: when several of its channels are ready, it picks one at
// random, so that none of them starves. Sometimes you want the opposite: an
// urgent channel that is looked at first, so that an urgent message already
// waiting goes before any normal one.
//
// Go does it in two steps. First a `select` with a `default` case tries the
// urgent channel without waiting (`default` runs at once when nothing is
// ready). Only if that found nothing, a blocking `select` waits on both. In
// crossbeam the first step is `urgent.try_recv()` (or a `select!` with a
// `default => ...` arm), the second a `select!` like the one in `merge`.
// (crossbeam's `select_biased!` always prefers its first ready arm: the same
// idea, built in. Write it out here.)
//
// Know what that buys. Whatever is waiting when you look at `urgent` is
// handled first. A blocked `select!` takes whichever message comes first,
// and between the look and the `select!`, a message arriving on each
// channel may go either way: "at the same moment" has no order to keep.
// Go's two-step `select` promises exactly as much.
use checker::channel::{Receiver, never, select};

/// Handles every message from `urgent` and `normal` until both channels are
/// closed, and returns them in the order handled. Each time round it looks
/// at `urgent` first, and takes a normal message only when that look found
/// nothing. While both channels are quiet, it sleeps until either has a
/// message.
pub fn serve(urgent: Receiver<u32>, normal: Receiver<u32>) -> Vec<u32> {
    // TODO: loop: first try `urgent` without waiting. If nothing was there,
    // wait on both with `select!`. Swap a closed channel for `never()`, and
    // return once both are closed.
    todo!()
}
