// Day 23: a web crawler
//
// A crawler fetches a page, follows its links to more pages, and theirs, until
// it has fetched every page it can reach. Fetching is slow (the network), so
// several fetches run at once; but not too many (servers and sockets have
// limits): at most WORKERS at a time.
//
// It is not day 12's worker pool. The work grows as you go: a worker both
// takes URLs and finds new ones. Many pages link to the same page, and two
// workers may find it at the same moment: it must still be fetched once. And
// no one hands you the end: no last job is sent, no sender is dropped from
// outside. When is the crawl over, and who can tell? Until then, a worker with
// nothing to take waits: it blocks until something changes, it does not look
// again and again (a busy loop, even with `yield_now`, keeps a core busy).
//
// The Go tour's crawler keeps a `seen := map[string]bool{}` behind a
// `sync.Mutex` and waits with a `sync.WaitGroup`; The Go Programming
// Language's has one goroutine own the map and count the work still out. Here
// a shared set is a `BTreeSet<String>` that a `Mutex` owns. std has no
// WaitGroup: count the work yourself (a `Mutex` and a `Condvar`), or let joins
// and channels tell you.
// `checker::sync::mpsc` has std's channels; one `Receiver` shared by several
// threads needs an `Arc<Mutex<..>>` (Go's channels have no such limit).
//
// The checks run your code under the model checker: `fetch` is theirs, and it
// sees which URLs are fetched, and how many at once, in every interleaving.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;
use std::collections::BTreeSet;

/// Fetches a page and returns the URLs it links to. Slow, like a network.
pub type Fetch = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

/// How many fetches may run at the same time (and, with that many pages
/// known and not fetched yet, should).
pub const WORKERS: usize = 3;

/// Fetches `start` and every page reachable from it by links, each exactly
/// once, up to WORKERS at a time. Returns the URLs it fetched, once the last
/// fetch has finished and every thread it started has ended.
pub fn crawl(start: &str, fetch: Fetch) -> BTreeSet<String> {
    // TODO: start WORKERS threads that share the URLs still to fetch and the
    // set of URLs seen. Each takes a URL, fetches it, and adds the links it
    // has not seen. Work out when a worker may stop; then join them all and
    // return the URLs fetched.
    todo!()
}
