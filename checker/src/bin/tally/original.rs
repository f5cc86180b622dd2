// Day 7: iterating a channel until it closes
//
// `for vote in rx { ... }` receives until the channel is closed (every
// Sender dropped) *and* empty, then ends: Go's `for v := range ch`, which
// ends once `close(ch)` has been called and the buffer is drained. Not
// before: a channel that is empty right now is not finished, its senders
// may just be slow. `try_recv` answers `Empty` then, and a loop that stops
// there loses whatever comes later.
//
// So the code after the loop runs exactly once, when the stream is over:
// that is where a consumer hands in its result. A common shape is a thread
// that folds everything it receives into a total and returns it, so that
// `join()` gives it back (Go would send it on a `done` channel).
//
// The other way to get it wrong is to never close: if a Sender is still
// alive, the loop waits forever, and so does whoever joins that thread.
//
// Two kinds of bug share the word "race". A *data race* is two threads
// touching the same memory at once, one of them writing, with nothing to
// order them: safe Rust does not compile it (here only the counter can reach
// its map), while Go compiles it and `go test -race` may catch it at run
// time. A *race condition* is a result that depends on which thread gets
// somewhere first, such as "the channel is empty, so the feed is over". No
// type system sees that one, in Rust or in Go.
use checker::sync::mpsc;
use checker::thread;
use std::collections::BTreeMap;

/// Counts votes as they come in: candidate -> number of votes.
///
/// A counting thread of its own receives every vote through a channel and
/// tallies them. This thread reads `feed` (which may take its time between
/// votes) and sends each vote to the counter. When the feed is over, the
/// counter finishes and `tally` returns its totals.
pub fn tally(feed: impl Iterator<Item = String>) -> BTreeMap<String, u32> {
    // TODO: make a channel and spawn the counter first: it counts every vote
    // it receives, until the channel closes, and returns the totals. Then
    // send it each vote of the feed. How will the counter's loop end? Then
    // join the counter: `join()` gives back what its closure returned.
    todo!()
}
