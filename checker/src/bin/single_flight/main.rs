// Checks for day 28, single_flight. Run under the model checker (model =
// "shuttle"): `checker::sync`'s Mutex, Condvar and OnceLock are its
// primitives, and every check explores many interleavings, the same ones on
// every run. Time is the checks' own clock, handed to the cache: it moves
// only when a check sets it, so the TTL boundary is checked to the
// millisecond.
checker::subject!("../../../../exercises/day28_single_flight.rs");

#[cfg(feature = "model")]
mod checks {
    use std::sync::Mutex as StdMutex;
    use std::sync::OnceLock as StdOnceLock;
    use std::sync::atomic::{AtomicBool, AtomicU64};
    use std::time::{Duration, Instant};

    use crate::exercise::Cache;

    use checker::Failure;
    use checker::harness::{self, Check, Kind};
    use checker::model::require;
    use checker::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use checker::sync::{Arc, Condvar, Mutex, PoisonError};
    use checker::thread;

    /// Schedules explored per check.
    const SCHEDULES: usize = 200;

    /// The TTL of every cache the checks make.
    const TTL: Duration = Duration::from_secs(10);

    /// The checks' clock: `ms` milliseconds after a fixed instant, set by
    /// the check alone.
    fn clock() -> (Arc<AtomicU64>, crate::exercise::Clock) {
        static BASE: StdOnceLock<Instant> = StdOnceLock::new();
        let base = *BASE.get_or_init(Instant::now);
        let ms = Arc::new(AtomicU64::new(0));
        let read = Arc::clone(&ms);
        (ms, Box::new(move || base + Duration::from_millis(read.load(std::sync::atomic::Ordering::SeqCst))))
    }

    fn set(ms: &AtomicU64, to: u64) {
        ms.store(to, std::sync::atomic::Ordering::SeqCst);
    }

    /// A load that counts itself and names its number in its value.
    fn counting(loads: &AtomicUsize) -> String {
        format!("value from load #{}", loads.fetch_add(1, SeqCst) + 1)
    }

    /// `n` threads ask for the same key at once; each gets what it got.
    fn at_once(cache: &Arc<Cache>, loads: &Arc<AtomicUsize>, n: usize) -> Vec<String> {
        let callers: Vec<_> = (0..n)
            .map(|_| {
                let (cache, loads) = (Arc::clone(cache), Arc::clone(loads));
                thread::spawn(move || cache.get_or_load("user:42", || counting(&loads)))
            })
            .collect();
        callers.into_iter().map(|t| t.join().unwrap()).collect()
    }

    fn concurrent_misses_load_once() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let (_, now) = clock();
            let cache = Arc::new(Cache::new(TTL, now));
            let loads = Arc::new(AtomicUsize::new(0));
            // Another key, loaded meanwhile: its load ends too.
            let other = {
                let cache = Arc::clone(&cache);
                thread::spawn(move || cache.get_or_load("user:7", || "user 7".to_string()))
            };
            let got = at_once(&cache, &loads, 3);
            let other = other.join().unwrap();
            require(other == "user 7", || {
                format!("get_or_load(\"user:7\") returned {other:?}, not what its own load returned (\"user 7\")")
            });
            let n = loads.load(SeqCst);
            require(n == 1, || {
                format!(
                    "three threads missed \"user:42\" at the same time, and the load ran {n} times, not once \
                     (they got {got:?}); meanwhile another thread loaded \"user:7\". While the first load \
                     of \"user:42\" ran, what did the others see when they looked, or when they woke?"
                )
            });
            require(got.iter().all(|g| *g == got[0]), || {
                format!("three threads asked for \"user:42\" at the same time and got different values: {got:?}")
            });
            let later = cache.get_or_load("user:42", || counting(&loads));
            require(later == got[0] && loads.load(SeqCst) == 1, || {
                format!(
                    "a later get_or_load(\"user:42\") returned {later:?} and loaded again; the cache held {:?}",
                    got[0]
                )
            });
        })
        .map_err(no_one_woke)?;
        thread::no_polling(
            "A thread that finds its key being loaded has nothing to do until that load ends: what could \
             it sleep on, and who would wake it?",
        )
    }

    fn concurrent_misses_of_a_stale_key_reload_once() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let (ms, now) = clock();
            let cache = Arc::new(Cache::new(TTL, now));
            let loads = Arc::new(AtomicUsize::new(0));
            let first = cache.get_or_load("user:42", || counting(&loads));
            set(&ms, 60_000);
            let got = at_once(&cache, &loads, 2);
            let n = loads.load(SeqCst) - 1;
            require(n == 1, || {
                format!(
                    "\"user:42\" was stored at 0s with a TTL of 10s; at 60s two threads asked for it at the same \
                     time, and it was loaded again {n} times, not once (they got {got:?}). A stale value is a \
                     miss too: what did the second thread see while the first one's load ran?"
                )
            });
            require(got.iter().all(|g| *g != first && *g == got[0]), || {
                format!(
                    "\"user:42\" was stored at 0s ({first:?}) with a TTL of 10s; at 60s two threads asked for \
                     it at the same time and got {got:?}: one fresh value for both"
                )
            });
        })
        .map_err(no_one_woke)
    }

    /// A deadlock among callers of one key: a waiter nobody woke.
    fn no_one_woke(f: Failure) -> Failure {
        match f.kind {
            Kind::Deadlock if f.message.contains("waits in Condvar::wait at") => Failure {
                kind: Kind::Deadlock,
                message: format!(
                    "Threads that asked for a key while it was loading waited for a value, and the load \
                     ended, but not every one of them heard of it. When a load ends, who tells each thread \
                     that waits for it?\n\n{}",
                    f.message
                ),
            },
            _ => f,
        }
    }

    /// What `values_go_stale_at_the_ttl` found wrong, in order (a `wrong`
    /// verdict, not a race: it runs on one thread).
    static MISTAKES: StdMutex<Vec<String>> = StdMutex::new(Vec::new());

    fn mistake(what: String) {
        MISTAKES.lock().unwrap_or_else(PoisonError::into_inner).push(what);
    }

    fn values_go_stale_at_the_ttl() -> Result<(), Failure> {
        MISTAKES.lock().unwrap_or_else(PoisonError::into_inner).clear();
        checker::model::explore(1, || {
            let (ms, now) = clock();
            let cache = Cache::new(TTL, now);
            let loads = AtomicUsize::new(0);
            const FRESH: &str = "A fresh value is served as it is, with no load. How does your cache tell a \
                                 fresh value from a stale one?";
            // (time in ms, what the call must return, what happened before, the question)
            let steps: [(u64, &str, &str, &str); 5] = [
                (
                    0,
                    "value from load #1",
                    "The first get_or_load(\"k\"), at 0s, on an empty cache,",
                    "What must a \
                 miss return?",
                ),
                (
                    10_000,
                    "value from load #2",
                    "\"k\" was stored at 0s with a TTL of 10s; at exactly 10s, \
                 get_or_load(\"k\")",
                    "A value stored at t is fresh while the clock reads less than t + ttl: \
                 from t + ttl on it is stale, and the next call loads again. Where does your cache look at the \
                 time, and what does its comparison say at exactly t + ttl?",
                ),
                (15_000, "value from load #2", "\"k\" was loaded again at 10s; at 15s, get_or_load(\"k\")", FRESH),
                (19_999, "value from load #2", "\"k\" was loaded again at 10s; at 19.999s, get_or_load(\"k\")", FRESH),
                (
                    20_000,
                    "value from load #3",
                    "\"k\" was loaded again at 10s, then read (not loaded) at 15s and \
                 19.999s; at exactly 20s, get_or_load(\"k\")",
                    "A read does not make a value younger: its age \
                 counts from its load. What does your cache change when it serves a value?",
                ),
            ];
            for (at, want, story, why) in steps {
                set(&ms, at);
                let got = cache.get_or_load("k", || counting(&loads));
                if got != want {
                    mistake(format!("{story} returned {got:?}, not {want:?}. {why}"));
                    return;
                }
            }
            // A slow load: the clock moves on from 40s to 45s while it runs,
            // so its value is stored at 45s and is fresh until 55s.
            set(&ms, 40_000);
            let slow = cache.get_or_load("slow", || {
                set(&ms, 45_000);
                "the slow load's value".to_string()
            });
            if slow != "the slow load's value" {
                mistake(format!(
                    "get_or_load(\"slow\") on a cache that never held \"slow\" returned {slow:?}, not what its \
                     load returned. What must a miss return?"
                ));
                return;
            }
            set(&ms, 50_000);
            let again = cache.get_or_load("slow", || counting(&loads));
            if again != "the slow load's value" {
                mistake(format!(
                    "get_or_load(\"slow\") at 40s ran a slow load: 5s passed while it ran, and its value was \
                     stored at 45s, so with a TTL of 10s it is fresh until 55s. At 50s, get_or_load(\"slow\") \
                     returned {again:?}: it loaded again. The contract counts a value's age from when it was \
                     stored, not from when its load began: which moment does your cache remember?"
                ));
                return;
            }
            let other = cache.get_or_load("other", || "the other key's value".to_string());
            if other != "the other key's value" {
                mistake(format!(
                    "get_or_load(\"other\") on a cache that held only \"k\" returned {other:?}, not what its load \
                     returned. Does your cache keep each key's value apart?"
                ));
            }
        })?;
        match MISTAKES.lock().unwrap_or_else(PoisonError::into_inner).first() {
            Some(what) => Err(Failure::wrong(what.clone()).in_fn("get_or_load")),
            None => Ok(()),
        }
    }

    /// Set while the check's load of "a" waits for the get of "b" (std:
    /// read after a deadlock ended the exploration).
    static LOADING_A: AtomicBool = AtomicBool::new(false);

    /// A load of "a" that finishes only once a get of "b" has returned: if
    /// the get of "b" must wait for the load of "a", some schedule has both
    /// waiting for each other.
    fn a_load_does_not_block_other_keys() -> Result<(), Failure> {
        LOADING_A.store(false, std::sync::atomic::Ordering::SeqCst);
        let outcome = checker::model::explore(SCHEDULES / 2, || {
            LOADING_A.store(false, std::sync::atomic::Ordering::SeqCst);
            let (_, now) = clock();
            let cache = Arc::new(Cache::new(TTL, now));
            let b_done = Arc::new((Mutex::new(false), Condvar::new()));
            let a = {
                let (cache, b_done) = (Arc::clone(&cache), Arc::clone(&b_done));
                thread::spawn(move || {
                    cache.get_or_load("a", || {
                        LOADING_A.store(true, std::sync::atomic::Ordering::SeqCst);
                        let mut done = b_done.0.lock().unwrap();
                        while !*done {
                            done = b_done.1.wait(done).unwrap();
                        }
                        LOADING_A.store(false, std::sync::atomic::Ordering::SeqCst);
                        "a's value".to_string()
                    })
                })
            };
            let b = cache.get_or_load("b", || "b's value".to_string());
            *b_done.0.lock().unwrap() = true;
            b_done.1.notify_all();
            let a = a.join().unwrap();
            require(a == "a's value" && b == "b's value", || {
                format!("get_or_load(\"a\") returned {a:?} and get_or_load(\"b\") {b:?}: each key's own load's value")
            });
        });
        match outcome {
            Err(f) if f.kind == Kind::Deadlock && LOADING_A.load(std::sync::atomic::Ordering::SeqCst) => {
                Err(Failure::wrong(format!(
                    "While the load of key \"a\" ran (a slow one: it waits for the call for \"b\" to return), \
                     get_or_load(\"b\") could not get through: it waited for the load of \"a\" to end. One slow \
                     key held up every other key. What is your cache holding while a load runs?\n\n{}",
                    f.message
                ))
                .in_fn("get_or_load"))
            }
            other => other,
        }
    }

    pub fn main() {
        harness::run(&[
            Check { name: "concurrent misses of one key load it once", run: concurrent_misses_load_once },
            Check {
                name: "concurrent misses of a stale key load it again once",
                run: concurrent_misses_of_a_stale_key_reload_once,
            },
            Check {
                name: "a value goes stale at exactly its TTL, counted from when it was stored",
                run: values_go_stale_at_the_ttl,
            },
            Check {
                name: "a slow load of one key does not hold up another key",
                run: a_load_does_not_block_other_keys,
            },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The single_flight checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
