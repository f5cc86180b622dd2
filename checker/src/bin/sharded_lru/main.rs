// Checks for day 28's stretch, sharded_lru. Run under the model checker
// (model = "shuttle"): `checker::sync`'s Mutex is its, and the concurrent
// checks explore many interleavings, the same ones on every run. Eviction
// order is checked exactly, one step at a time, on one thread.
checker::subject!("../../../../exercises/day28_sharded_lru.rs");

#[cfg(feature = "model")]
mod checks {
    use std::sync::Mutex as StdMutex;
    use std::sync::atomic::AtomicBool;

    use crate::exercise::{Lru, Sharded, shard_of};

    use checker::Failure;
    use checker::harness::{self, Check, Kind};
    use checker::model::require;
    use checker::sync::{Arc, Condvar, Mutex, PoisonError};
    use checker::thread;

    /// Schedules explored per check.
    const SCHEDULES: usize = 100;

    /// One step of a story told to one LRU: (what the learner called, what it
    /// returned, what it should have, the question if not).
    fn step(story: &mut Vec<String>, call: String, got: String, want: String, why: &str) -> Result<(), Failure> {
        let ok = got == want;
        story.push(format!("  {call} -> {got}{}", if ok { "" } else { "   <- here" }));
        if ok {
            return Ok(());
        }
        // Not `Failure::wrong`: the story names every method; the call that
        // went wrong names one.
        let message = format!("On an Lru::new(3):\n{}\nreturned {got}, not {want}. {why}", story.join("\n"));
        Err(Failure { kind: Kind::Wrong, message }.in_fn(if call.starts_with("get") { "get" } else { "put" }))
    }

    fn put(
        lru: &mut Lru<String>,
        story: &mut Vec<String>,
        key: &str,
        want: Option<&str>,
        why: &str,
    ) -> Result<(), Failure> {
        let got = lru.put(key, format!("{key}'s value"));
        step(story, format!("put({key:?})"), format!("{got:?}"), format!("{:?}", want.map(str::to_string)), why)
    }

    fn get(
        lru: &mut Lru<String>,
        story: &mut Vec<String>,
        key: &str,
        want: Option<&str>,
        why: &str,
    ) -> Result<(), Failure> {
        let got = lru.get(key);
        let want = want.map(|v| v.to_string());
        step(story, format!("get({key:?})"), format!("{got:?}"), format!("{want:?}"), why)
    }

    const ROOM: &str = "An LRU of capacity 3 holds 3 keys: it evicts only when a new key finds it full.";
    const USE: &str = "The least recently used key goes first, and a `get` that finds its key is a use. Which \
                       key had gone longest without a use here?";
    const GONE: &str = "An evicted key is gone: a `get` of it finds nothing.";
    const UPDATED: &str = "The least recently used key goes first, and a `put` of a key that is already here is a \
                           use too. Which key had gone longest without a use here?";
    const UPDATE: &str = "A `put` of a key that is already here replaces its value, evicts nothing, and counts \
                          as a use.";
    const FULL_UPDATE: &str = "The LRU was full, but \"d\" was already here (and was not the least recently \
                               used key): a `put` of it replaces its value and evicts nothing. A full LRU makes \
                               room only for a new key: what did your put make room for?";

    fn evicts_the_least_recently_used() -> Result<(), Failure> {
        let mut lru = Lru::<String>::new(3);
        let s = &mut Vec::new();
        put(&mut lru, s, "a", None, ROOM)?;
        put(&mut lru, s, "b", None, ROOM)?;
        put(&mut lru, s, "c", None, ROOM)?;
        get(&mut lru, s, "a", Some("a's value"), "A key that was put is there until it is evicted.")?;
        put(&mut lru, s, "d", Some("b"), USE)?;
        get(&mut lru, s, "b", None, GONE)?;
        put(&mut lru, s, "c", None, UPDATE)?;
        put(&mut lru, s, "e", Some("a"), UPDATED)?;
        get(&mut lru, s, "c", Some("c's value"), UPDATE)?;
        get(&mut lru, s, "d", Some("d's value"), "Only the evicted key is gone.")?;
        put(&mut lru, s, "f", Some("e"), USE)?;
        put(&mut lru, s, "d", None, FULL_UPDATE)?;
        get(&mut lru, s, "c", Some("c's value"), FULL_UPDATE)?;
        Ok(())
    }

    /// Keys in shard `want` of `n`, in a fixed order.
    fn keys_in(want: usize, n: usize, count: usize) -> Vec<String> {
        (0..).map(|i| format!("key{i}")).filter(|k| shard_of(k, n) == want).take(count).collect()
    }

    /// What a one-thread story under the model found (its locks are the
    /// model's, so it runs inside an exploration of one schedule).
    static OUTCOME: StdMutex<Option<Result<(), Failure>>> = StdMutex::new(None);

    fn each_shard_is_an_lru_of_its_own() -> Result<(), Failure> {
        checker::model::explore(1, || {
            *OUTCOME.lock().unwrap_or_else(PoisonError::into_inner) = Some(shards_story());
        })?;
        OUTCOME.lock().unwrap_or_else(PoisonError::into_inner).take().unwrap_or(Ok(()))
    }

    fn shards_story() -> Result<(), Failure> {
        let cache = Sharded::<String>::new(4, 2);
        let x = keys_in(1, 4, 3);
        let y = keys_in(2, 4, 1);
        let mut story = Vec::new();
        let mut said = |call: String, got: String| story.push(format!("  {call} -> {got}"));
        for (k, want) in [(&x[0], None), (&x[1], None), (&y[0], None)] {
            let got = cache.put(k, format!("{k}'s value"));
            said(format!("put({k:?})"), format!("{got:?}"));
            checker::ensure!(
                got.as_deref() == want,
                "On a Sharded::new(4, 2):\n{}\n{k:?} found room in its shard, yet the put evicted {got:?}. \
                 Each shard holds `capacity` keys: how many had shard {} held?",
                story.join("\n"),
                shard_of(k, 4)
            );
        }
        let got = cache.get(&x[0]);
        said(format!("get({:?})", x[0]), format!("{got:?}"));
        checker::ensure!(
            got.as_deref() == Some(format!("{}'s value", x[0]).as_str()),
            "On a Sharded::new(4, 2):\n{}\nreturned {got:?}: the key was put, and nothing was evicted from its shard.",
            story.join("\n")
        );
        let got = cache.put(&x[2], format!("{}'s value", x[2]));
        said(format!("put({:?})", x[2]), format!("{got:?}"));
        if got.as_deref() != Some(x[1].as_str()) {
            let message = format!(
                "On a Sharded::new(4, 2):\n{}\nevicted {got:?}, not {:?}. {:?}, {:?} and {:?} all live in shard 1 \
                 (`shard_of`), {:?} in shard 2: each shard is an LRU of capacity 2, which evicts its own least \
                 recently used key. Which LRU did this put go to, and how full was it?",
                story.join("\n"),
                x[1],
                x[0],
                x[1],
                x[2],
                y[0]
            );
            return Err(Failure { kind: Kind::Wrong, message }.in_fn("put"));
        }
        let got = cache.get(&y[0]);
        said(format!("get({:?})", y[0]), format!("{got:?}"));
        checker::ensure!(
            got.is_some(),
            "On a Sharded::new(4, 2):\n{}\nfound nothing: a put into shard 1 must not touch shard 2.",
            story.join("\n")
        );
        // Shard 1 is full (x[0], then x[2]); x[2] is already here and is not
        // its least recently used key.
        let got = cache.put(&x[2], format!("{}'s new value", x[2]));
        said(format!("put({:?})", x[2]), format!("{got:?}"));
        if got.is_some() {
            let message = format!(
                "On a Sharded::new(4, 2):\n{}\nevicted {got:?}. Shard 1 was full ({:?} and {:?}), but {:?} was \
                 already in it: a put of a key that is already here replaces its value and evicts nothing. A \
                 full shard makes room only for a new key: what did this put make room for?",
                story.join("\n"),
                x[0],
                x[2],
                x[2]
            );
            return Err(Failure { kind: Kind::Wrong, message }.in_fn("put"));
        }
        let got = cache.get(&x[0]);
        said(format!("get({:?})", x[0]), format!("{got:?}"));
        checker::ensure!(
            got.as_deref() == Some(format!("{}'s value", x[0]).as_str()),
            "On a Sharded::new(4, 2):\n{}\nfound {got:?}: {:?} was put and never evicted, and the last put only \
             replaced the value of a key that was already in shard 1. What did that put take out?",
            story.join("\n"),
            x[0]
        );
        Ok(())
    }

    fn concurrent_puts_and_gets_all_land() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let cache = Arc::new(Sharded::<String>::new(2, 4));
            let writers: Vec<_> = (0..2)
                .map(|t| {
                    let cache = Arc::clone(&cache);
                    thread::spawn(move || {
                        for i in 0..2 {
                            let k = format!("t{t}-{i}");
                            cache.put(&k, k.clone());
                            let got = cache.get(&k);
                            require(got.as_deref() == Some(k.as_str()), || {
                                format!(
                                    "a thread put {k:?} and read it back as {got:?}, while another thread used the \
                                     cache: the put did not land. What does your put do when its shard is busy?"
                                )
                            });
                        }
                    })
                })
                .collect();
            for w in writers {
                w.join().unwrap();
            }
            for k in ["t0-0", "t0-1", "t1-0", "t1-1"] {
                let got = cache.get(k);
                require(got.as_deref() == Some(k), || {
                    format!("two threads put 4 keys at once; then get({k:?}) was {got:?}")
                });
            }
        })
    }

    /// A value whose `clone` (which `get` makes under its shard's lock)
    /// waits, once armed, until a get in another shard has returned.
    struct Slow {
        armed: Arc<AtomicBool>,
        other_done: Arc<(Mutex<bool>, Condvar)>,
    }

    impl Clone for Slow {
        fn clone(&self) -> Slow {
            if self.armed.swap(false, std::sync::atomic::Ordering::SeqCst) {
                IN_CLONE.store(true, std::sync::atomic::Ordering::SeqCst);
                let mut done = self.other_done.0.lock().unwrap();
                while !*done {
                    done = self.other_done.1.wait(done).unwrap();
                }
                IN_CLONE.store(false, std::sync::atomic::Ordering::SeqCst);
            }
            Slow { armed: Arc::new(AtomicBool::new(false)), other_done: Arc::clone(&self.other_done) }
        }
    }

    /// Set while a `Slow` waits in `clone` (std: read after a deadlock).
    static IN_CLONE: AtomicBool = AtomicBool::new(false);

    fn shards_do_not_wait_for_each_other() -> Result<(), Failure> {
        IN_CLONE.store(false, std::sync::atomic::Ordering::SeqCst);
        let (a, b) = (keys_in(0, 2, 1).remove(0), keys_in(1, 2, 1).remove(0));
        let (a2, b2) = (a.clone(), b.clone());
        let outcome = checker::model::explore(SCHEDULES, move || {
            IN_CLONE.store(false, std::sync::atomic::Ordering::SeqCst);
            let other_done = Arc::new((Mutex::new(false), Condvar::new()));
            let armed = Arc::new(AtomicBool::new(false));
            let cache = Arc::new(Sharded::<Slow>::new(2, 2));
            cache.put(&a, Slow { armed: Arc::clone(&armed), other_done: Arc::clone(&other_done) });
            cache.put(&b, Slow { armed: Arc::new(AtomicBool::new(false)), other_done: Arc::clone(&other_done) });
            armed.store(true, std::sync::atomic::Ordering::SeqCst);
            let slow = {
                let (cache, a) = (Arc::clone(&cache), a.clone());
                thread::spawn(move || cache.get(&a).is_some())
            };
            let found_b = cache.get(&b).is_some();
            *other_done.0.lock().unwrap() = true;
            other_done.1.notify_all();
            let found_a = slow.join().unwrap();
            require(found_a && found_b, || {
                format!("get({a:?}) found {found_a}, get({b:?}) found {found_b}: both were put")
            });
        });
        match outcome {
            Err(f) if f.kind == Kind::Deadlock && IN_CLONE.load(std::sync::atomic::Ordering::SeqCst) => {
                Err(Failure::wrong(format!(
                    "A get of {a2:?} (shard 0) was slow: its value took long to clone, under the shard's lock. \
                     Meanwhile a get of {b2:?}, in shard 1, could not get through: it waited for shard 0's get \
                     to end. Threads on different shards should never take turns. Which lock did the get of \
                     {b2:?} wait for?\n\n{}",
                    f.message
                ))
                .in_fn("get"))
            }
            other => other,
        }
    }

    pub fn main() {
        harness::run(&[
            Check { name: "an LRU evicts the least recently used key", run: evicts_the_least_recently_used },
            Check { name: "each shard is an LRU of its own", run: each_shard_is_an_lru_of_its_own },
            Check { name: "concurrent puts and gets all land", run: concurrent_puts_and_gets_all_land },
            Check { name: "a slow get in one shard does not hold up another", run: shards_do_not_wait_for_each_other },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The sharded_lru checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
