// Checks for day 20, read_mostly. Run under the model checker (model =
// "shuttle"): `checker::sync`'s OnceLock, RwLock and Mutex are its
// primitives, and every check explores many interleavings, the same ones on
// every run.
checker::subject!("../../../../exercises/day20_read_mostly.rs");

#[cfg(feature = "model")]
mod checks {
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::Mutex as StdMutex;
    use std::sync::atomic::AtomicBool;

    use crate::exercise::Settings;

    use checker::Failure;
    use checker::harness::{self, Check, Kind};
    use checker::model::require;
    use checker::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use checker::sync::{Arc, Condvar, Mutex, PoisonError};
    use checker::thread;

    /// Schedules explored per check.
    const SCHEDULES: usize = 200;

    /// What a panic said.
    fn said(payload: &(dyn std::any::Any + Send)) -> String {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    }

    fn config_loads_once() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let settings = Arc::new(Settings::default());
            let loads = Arc::new(AtomicUsize::new(0));
            let callers: Vec<_> = (0..2)
                .map(|_| {
                    let (settings, loads) = (Arc::clone(&settings), Arc::clone(&loads));
                    thread::spawn(move || {
                        settings.config(|| format!("config from load #{}", loads.fetch_add(1, SeqCst) + 1)).to_string()
                    })
                })
                .collect();
            let got: Vec<String> = callers.into_iter().map(|t| t.join().unwrap()).collect();
            let n = loads.load(SeqCst);
            require(n == 1, || {
                format!("two threads called config() at the same time, and `load` ran {n} times, not once")
            });
            require(got[0] == got[1], || {
                format!("two threads called config() at the same time and got different configs: {got:?}")
            });
            let later = settings.config(|| "a load after the first".to_string()).to_string();
            require(later == got[0], || format!("a later config() call returned {later:?}, not {:?}", got[0]));
        })
    }

    /// What the two `config()` calls of `load_that_panics` did.
    static AFTER_PANIC: StdMutex<Vec<Result<String, String>>> = StdMutex::new(Vec::new());

    fn a_load_that_panics_is_tried_again() -> Result<(), Failure> {
        AFTER_PANIC.lock().unwrap_or_else(PoisonError::into_inner).clear();
        checker::model::explore(1, || {
            let settings = Settings::default();
            for load in [None, Some("the config, second try")] {
                let r = panic::catch_unwind(AssertUnwindSafe(|| {
                    settings
                        .config(|| match load {
                            None => panic!("the config server is down"),
                            Some(c) => c.to_string(),
                        })
                        .to_string()
                }));
                AFTER_PANIC.lock().unwrap_or_else(PoisonError::into_inner).push(r.map_err(|p| said(&*p)));
            }
        })?;
        let calls = AFTER_PANIC.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if let Ok(got) = &calls[0] {
            return Err(Failure::wrong(format!(
                "The first config() call's `load` panicked, yet config() returned {got:?}. The caller never \
                 heard that loading failed, and that answer is now the config for good. What should reach \
                 the caller when `load` panics?"
            )));
        }
        match &calls[1] {
            Ok(got) if got == "the config, second try" => Ok(()),
            Ok(got) => Err(Failure::wrong(format!(
                "After a `load` that panicked, the next config() call returned {got:?} instead of loading \
                 again (its `load` returned \"the config, second try\"). What did the failed load leave behind?"
            ))),
            Err(msg) => Err(Failure {
                kind: Kind::Panic,
                message: format!(
                    "After a `load` that panicked, the next config() call panicked too, though its own `load` \
                     was fine: \"{msg}\". A failed load must leave nothing behind. What keeps the memory of \
                     that panic?"
                ),
            }
            .in_fn("config")),
        }
    }

    /// Readers inside `route`'s `f` right now (std: the check's own count,
    /// read after a deadlock ended the exploration).
    static READING: StdMutex<usize> = StdMutex::new(0);

    /// Two readers that each stay in `f` until the other is in too: if one
    /// must wait for the other to leave, no schedule gets them both in.
    fn readers_overlap() -> Result<(), Failure> {
        let outcome = checker::model::explore(SCHEDULES / 4, || {
            *READING.lock().unwrap_or_else(PoisonError::into_inner) = 0;
            let settings = Arc::new(Settings::default());
            settings.set_route("/", "home", || {});
            let room = Arc::new((Mutex::new(0usize), Condvar::new()));
            let readers: Vec<_> = (0..2)
                .map(|_| {
                    let (settings, room) = (Arc::clone(&settings), Arc::clone(&room));
                    thread::spawn(move || {
                        settings.route("/", |to| {
                            *READING.lock().unwrap_or_else(PoisonError::into_inner) += 1;
                            let mut inside = room.0.lock().unwrap();
                            *inside += 1;
                            room.1.notify_all();
                            while *inside < 2 {
                                inside = room.1.wait(inside).unwrap();
                            }
                            to.map(str::to_string)
                        })
                    })
                })
                .collect();
            for r in readers {
                let got = r.join().unwrap();
                require(got.as_deref() == Some("home"), || {
                    format!("route(\"/\") gave {got:?} after set_route(\"/\", \"home\"), not Some(\"home\")")
                });
            }
        });
        match outcome {
            Err(f) if f.kind == Kind::Deadlock && *READING.lock().unwrap_or_else(PoisonError::into_inner) == 1 => {
                Err(Failure::wrong(format!(
                    "Two threads called route() at once, and the second waited until the first had left its \
                     `f`: readers took turns. A read-mostly table is read by many threads at once; which \
                     guard lets readers share it?\n\n{}",
                    f.message
                ))
                .in_fn("route"))
            }
            other => other,
        }
    }

    /// Set while the check's listener reads the routes (std: read after a
    /// deadlock ended the exploration).
    static LISTENING: AtomicBool = AtomicBool::new(false);

    /// What `a_listener_may_read_the_routes` found wrong, on one thread: a
    /// `wrong` verdict, not a race.
    static MISTAKES: StdMutex<Vec<String>> = StdMutex::new(Vec::new());

    fn mistake(what: String) {
        MISTAKES.lock().unwrap_or_else(PoisonError::into_inner).push(what);
    }

    fn a_listener_may_read_the_routes() -> Result<(), Failure> {
        LISTENING.store(false, SeqCst);
        MISTAKES.lock().unwrap_or_else(PoisonError::into_inner).clear();
        let outcome = checker::model::explore(1, || {
            let settings = Settings::default();
            let missing = settings.route("/nowhere", |to| to.map(str::to_string));
            if missing.is_some() {
                mistake(format!("route(\"/nowhere\") gave {missing:?} before any set_route."));
            }
            // "v2" twice: set_route calls `changed` every time, a route set to
            // what it already was included.
            for (n, to) in ["v1", "v2", "v2"].into_iter().enumerate() {
                let again = n == 2;
                let heard = StdMutex::new(None);
                settings.set_route("/api", to, || {
                    LISTENING.store(true, SeqCst);
                    let seen = settings.route("/api", |r| r.map(str::to_string));
                    LISTENING.store(false, SeqCst);
                    *heard.lock().unwrap_or_else(PoisonError::into_inner) = Some(seen);
                });
                let heard = heard.into_inner().unwrap_or_else(PoisonError::into_inner);
                match heard {
                    None if again => mistake(format!(
                        "set_route(\"/api\", \"{to}\", changed) was called a second time with the same `to`, \
                         and returned without calling `changed`. set_route points `path` at `to`, then calls \
                         `changed`: every time, whether or not anything differs. Who decides what a listener \
                         wants to hear?"
                    )),
                    None => mistake(format!(
                        "set_route(\"/api\", \"{to}\", changed) returned without calling `changed`: who tells \
                         the listener?"
                    )),
                    Some(seen) if seen.as_deref() != Some(to) => mistake(format!(
                        "The listener of set_route(\"/api\", \"{to}\", changed) read route(\"/api\") and got \
                         {seen:?}, not Some(\"{to}\"). When should the listener hear of a change?"
                    )),
                    Some(_) => {}
                }
            }
        });
        outcome.map_err(|f| match f.kind {
            Kind::Deadlock if LISTENING.load(SeqCst) => Failure {
                kind: Kind::Deadlock,
                message: format!(
                    "set_route's listener called route(), on the same thread, and that read waited for a \
                     lock that thread still held: it can never go on. What is still alive on the line \
                     where you call `changed`?\n\n{}",
                    f.message
                ),
            },
            _ => f,
        })?;
        match MISTAKES.lock().unwrap_or_else(PoisonError::into_inner).first() {
            Some(what) => Err(Failure::wrong(what.clone())),
            None => Ok(()),
        }
    }

    fn two_writers_both_land() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let settings = Arc::new(Settings::default());
            let writers: Vec<_> = ["/a", "/b"]
                .into_iter()
                .map(|path| {
                    let settings = Arc::clone(&settings);
                    thread::spawn(move || settings.set_route(path, "up", || {}))
                })
                .collect();
            for w in writers {
                w.join().unwrap();
            }
            for path in ["/a", "/b"] {
                let got = settings.route(path, |to| to.map(str::to_string));
                require(got.as_deref() == Some("up"), || {
                    format!(
                        "two threads called set_route at once, for /a and /b; then route(\"{path}\") gave {got:?}: that change was lost"
                    )
                });
            }
        })
    }

    pub fn main() {
        harness::run(&[
            Check { name: "config() loads once, for callers at the same time too", run: config_loads_once },
            Check {
                name: "a load that panics leaves nothing: the next call loads",
                run: a_load_that_panics_is_tried_again,
            },
            Check { name: "a listener sees the change and may read the routes", run: a_listener_may_read_the_routes },
            Check { name: "readers read at the same time", run: readers_overlap },
            Check { name: "two writers at once both land", run: two_writers_both_land },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The read_mostly checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
