// Checks for crawler. TODO(author): checks that catch every known-bad
// variant, every run: force interleavings with gates and channels, explore
// them with `model`, and put time on the course's clock.
checker::subject!("../../../../exercises/day23_crawler.rs");

use checker::harness::{self, Check};
use checker::{Failure, ensure};

fn the_answer_is_twice_n() -> Result<(), Failure> {
    for n in [0, 1, 21] {
        let got = exercise::crawler(n);
        ensure!(got == 2 * n, "crawler({n}) returned {got}, not {}.", 2 * n);
    }
    Ok(())
}

fn every_thread_is_joined() -> Result<(), Failure> {
    let _ = exercise::crawler(1);
    harness::no_unjoined_threads("crawler")
}

fn main() {
    harness::run(&[
        Check { name: "the answer is twice n", run: the_answer_is_twice_n },
        Check { name: "every thread is joined", run: every_thread_is_joined },
    ])
}
