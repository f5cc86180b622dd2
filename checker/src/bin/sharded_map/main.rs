// Checks for day 20's stretch, sharded_map. Run under the model checker
// (model = "shuttle"): every check explores many interleavings, the same
// ones on every run.
checker::subject!("../../../../exercises/day20_sharded_map.rs");

#[cfg(feature = "model")]
mod checks {
    use std::sync::Mutex as StdMutex;

    use crate::exercise::ShardedMap;

    use checker::harness::{self, Check, Kind};
    use checker::model::require;
    use checker::sync::{Arc, Condvar, Mutex, PoisonError};
    use checker::thread;
    use checker::{Failure, ensure};

    /// Schedules explored per check.
    const SCHEDULES: usize = 200;

    /// How many shards the checks' maps have.
    const SHARDS: usize = 4;

    /// Two keys in different shards of `map`.
    fn apart(map: &ShardedMap) -> (String, String) {
        let keys: Vec<String> = (0..64).map(|i| format!("key{i}")).collect();
        let a = keys[0].clone();
        let b = keys.iter().find(|k| map.shard_of(k) != map.shard_of(&a)).expect("64 keys over 4 shards").clone();
        (a, b)
    }

    /// What `one_thread` saw, step by step: (what was asked, what came back, what should have).
    static SEEN: StdMutex<Vec<(String, String, String)>> = StdMutex::new(Vec::new());

    fn saw(asked: String, got: impl std::fmt::Debug, want: impl std::fmt::Debug) {
        SEEN.lock().unwrap_or_else(PoisonError::into_inner).push((asked, format!("{got:?}"), format!("{want:?}")));
    }

    fn one_thread() -> Result<(), Failure> {
        SEEN.lock().unwrap_or_else(PoisonError::into_inner).clear();
        checker::model::explore(1, || {
            let map = ShardedMap::new(SHARDS);
            let keys: Vec<String> = (0..8).map(|i| format!("key{i}")).collect();
            for (i, k) in keys.iter().enumerate() {
                saw(format!("get({k:?}) on an empty map"), map.get(k), None::<u64>);
                saw(format!("load_or_store({k:?}, {i})"), map.load_or_store(k, i as u64), (i as u64, false));
            }
            for (i, k) in keys.iter().enumerate() {
                saw(
                    format!("load_or_store({k:?}, 99) after load_or_store({k:?}, {i})"),
                    map.load_or_store(k, 99),
                    (i as u64, true),
                );
                saw(format!("get({k:?}) after load_or_store({k:?}, {i})"), map.get(k), Some(i as u64));
                let mut given = None;
                map.update(k, |v| {
                    given = Some(v);
                    100 + i as u64
                });
                saw(format!("update({k:?}, f): the value f was given"), given, Some(Some(i as u64)));
                saw(
                    format!("get({k:?}) after update({k:?}, f) with f returning {}", 100 + i),
                    map.get(k),
                    Some(100 + i as u64),
                );
            }
            let mut given = None;
            map.update("fresh", |v| {
                given = Some(v);
                7
            });
            saw("update(\"fresh\", f) on a key with no value: the value f was given".into(), given, Some(None::<u64>));
            saw("get(\"fresh\") after that update, f returning 7".into(), map.get("fresh"), Some(7u64));
        })?;
        for (asked, got, want) in SEEN.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            ensure!(got == want, "{asked} returned {got}, not {want}.");
        }
        Ok(())
    }

    fn one_winner_per_key() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let map = Arc::new(ShardedMap::new(SHARDS));
            let callers: Vec<_> = [1u64, 2]
                .into_iter()
                .map(|v| {
                    let map = Arc::clone(&map);
                    thread::spawn(move || map.load_or_store("key", v))
                })
                .collect();
            let got: Vec<(u64, bool)> = callers.into_iter().map(|t| t.join().unwrap()).collect();
            let stored = got.iter().filter(|(_, loaded)| !loaded).count();
            require(stored == 1 && got[0].0 == got[1].0, || {
                format!(
                    "two threads called load_or_store(\"key\", 1) and (\"key\", 2) at the same time, and got {:?} and \
                     {:?}: {stored} of them stored, not exactly one",
                    got[0], got[1]
                )
            });
            let now = map.get("key");
            require(now == Some(got[0].0), || {
                format!("both callers were told the value is {}, and then get(\"key\") gave {now:?}", got[0].0)
            });
        })
    }

    fn updates_of_one_key_add_up() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let map = Arc::new(ShardedMap::new(SHARDS));
            let adders: Vec<_> = (0..2)
                .map(|_| {
                    let map = Arc::clone(&map);
                    thread::spawn(move || map.update("count", |v| v.unwrap_or(0) + 1))
                })
                .collect();
            for a in adders {
                a.join().unwrap();
            }
            let n = map.get("count");
            require(n == Some(2), || {
                format!(
                    "two threads each called update(\"count\", |v| v.unwrap_or(0) + 1), and then the count was {n:?}, not Some(2)"
                )
            });
        })
    }

    /// Writers inside `update`'s `f` right now (std: read after a deadlock
    /// ended the exploration).
    static UPDATING: StdMutex<usize> = StdMutex::new(0);

    /// The two keys of `other_shards_stay_free`, for its verdict.
    static KEYS: StdMutex<Option<(String, String)>> = StdMutex::new(None);

    /// Two writers of keys in different shards, each staying in `f` until
    /// the other is in too.
    fn other_shards_stay_free() -> Result<(), Failure> {
        let outcome = checker::model::explore(SCHEDULES / 4, || {
            *UPDATING.lock().unwrap_or_else(PoisonError::into_inner) = 0;
            let map = Arc::new(ShardedMap::new(SHARDS));
            let (a, b) = apart(&map);
            *KEYS.lock().unwrap_or_else(PoisonError::into_inner) = Some((a.clone(), b.clone()));
            let room = Arc::new((Mutex::new(0usize), Condvar::new()));
            let writers: Vec<_> = [a, b]
                .into_iter()
                .map(|key| {
                    let (map, room) = (Arc::clone(&map), Arc::clone(&room));
                    thread::spawn(move || {
                        map.update(&key, |_| {
                            *UPDATING.lock().unwrap_or_else(PoisonError::into_inner) += 1;
                            let mut inside = room.0.lock().unwrap();
                            *inside += 1;
                            room.1.notify_all();
                            while *inside < 2 {
                                inside = room.1.wait(inside).unwrap();
                            }
                            1
                        })
                    })
                })
                .collect();
            for w in writers {
                w.join().unwrap();
            }
        });
        let (a, b) = KEYS.lock().unwrap_or_else(PoisonError::into_inner).clone().unwrap_or_default();
        match outcome {
            Err(f) if f.kind == Kind::Deadlock && *UPDATING.lock().unwrap_or_else(PoisonError::into_inner) == 1 => {
                Err(Failure::wrong(format!(
                    "Two threads called update() at once, for {a:?} and {b:?} (in different shards), and the second waited until the \
                     first had left its `f`: writers of different shards took turns, as with one lock \
                     around the whole map. Which lock does a key need?\n\n{}",
                    f.message
                ))
                .in_fn("update"))
            }
            other => other,
        }
    }

    pub fn main() {
        harness::run(&[
            Check { name: "get, load_or_store and update, on one thread", run: one_thread },
            Check { name: "load_or_store: one winner per key", run: one_winner_per_key },
            Check { name: "two updates of one key add up", run: updates_of_one_key_add_up },
            Check { name: "writers of other shards do not wait", run: other_shards_stay_free },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The sharded_map checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
