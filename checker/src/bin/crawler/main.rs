// Checks for day 23, crawler. Run under the model checker (model =
// "shuttle"): `fetch` is the check's, and counts which URLs are fetched and
// how many at once, in every interleaving explored (the same ones on every run).
checker::subject!("../../../../exercises/day23_crawler.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::exercise;

    use checker::harness::{self, Check, relative, under_test};
    use checker::model::{log, require};
    use checker::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
    use checker::{Failure, Kind};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// The link graph: the start links to four pages, pages link back and
    /// to each other (so the same URL is found by two workers at once), and
    /// `/c` links back to the start.
    const WEB: [(&str, &[&str]); 7] = [
        ("/", &["/a", "/b", "/c", "/d"]),
        ("/a", &["/b", "/e"]),
        ("/b", &["/a", "/e"]),
        ("/c", &["/"]),
        ("/d", &["/f"]),
        ("/e", &["/d", "/f"]),
        ("/f", &[]),
    ];

    /// A verdict decided inside a schedule that is not a broken invariant
    /// (a wrong result, a leak): kept outside the model, which it outlives.
    static VERDICT: std::sync::Mutex<Option<(Kind, String)>> = std::sync::Mutex::new(None);

    fn verdict() -> std::sync::MutexGuard<'static, Option<(Kind, String)>> {
        VERDICT.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The most fetches in flight at once in the last schedule of a check
    /// (outside the model, so the verdict can say it).
    static MOST: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    /// What the check's `fetch` sees.
    #[derive(Default)]
    struct Seen {
        /// How many times each URL was fetched (fetches ended or not).
        fetched: BTreeMap<String, usize>,
        /// The URLs being fetched now.
        in_flight: Vec<String>,
        /// Whether WORKERS fetches were ever in flight at once.
        together: bool,
    }

    #[derive(Default)]
    struct Server {
        seen: Mutex<Seen>,
        changed: Condvar,
    }

    impl Server {
        /// The check's lock: never a PoisonError (the verdict comes first).
        fn lock(&self) -> MutexGuard<'_, Seen> {
            self.seen.lock().unwrap_or_else(PoisonError::into_inner)
        }

        /// Fetches `url` from `web`. With `overlap`, a fetch other than the
        /// start's stays in flight until WORKERS fetches have been in flight
        /// at once (a start page with four links lets a crawler get there in
        /// every interleaving; one that fetches one page at a time never does).
        fn fetch(&self, web: &[(&str, &[&str])], url: &str, overlap: bool) -> Vec<String> {
            let start = web[0].0;
            let mut seen = self.lock();
            let times = {
                let n = seen.fetched.entry(url.to_string()).or_default();
                *n += 1;
                *n
            };
            if times > 1 {
                drop(seen);
                require(false, || {
                    format!(
                        "{url} was fetched twice: each URL must be fetched once. Between the moment a \
                         worker finds {url} not seen yet and the moment it is marked seen, what can \
                         another worker do?"
                    )
                });
                return Vec::new();
            }
            seen.in_flight.push(url.to_string());
            let now = seen.in_flight.len();
            MOST.fetch_max(now, std::sync::atomic::Ordering::Relaxed);
            if now > exercise::WORKERS {
                let who = seen.in_flight.join(", ");
                drop(seen);
                require(false, || {
                    format!(
                        "{now} fetches were in flight at the same time ({who}), more than WORKERS = {}: what stops one more fetch from starting",
                        exercise::WORKERS
                    )
                });
                return Vec::new();
            }
            if now == exercise::WORKERS {
                seen.together = true;
                self.changed.notify_all();
            }
            while overlap && url != start && !seen.together {
                seen = self.changed.wait(seen).unwrap_or_else(PoisonError::into_inner);
            }
            drop(seen);
            checker::thread::yield_now();
            self.lock().in_flight.retain(|u| u != url);
            let links = web.iter().find(|(u, _)| *u == url).map(|(_, links)| *links).unwrap_or(&[]);
            links.iter().map(|l| l.to_string()).collect()
        }
    }

    /// The URLs reachable from the start of `web`.
    fn reachable(web: &[(&str, &[&str])]) -> BTreeSet<String> {
        let mut seen = BTreeSet::from([web[0].0.to_string()]);
        let mut todo = vec![web[0].0];
        while let Some(url) = todo.pop() {
            for link in web.iter().find(|(u, _)| *u == url).map(|(_, l)| *l).unwrap_or(&[]) {
                if seen.insert(link.to_string()) {
                    todo.push(link);
                }
            }
        }
        seen
    }

    /// The schedule's steps in the file under test, numbered (the last 40).
    fn steps() -> String {
        let ops: Vec<_> = log::ops().into_iter().filter(|op| under_test(op.at.file())).collect();
        let skip = ops.len().saturating_sub(40);
        let what_width = ops.iter().map(|o| o.what.len()).max().unwrap_or(4);
        let mut lines: Vec<String> = ops
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, o)| {
                format!(
                    "  {:>2}. {:<8}  {:<what_width$}  {}:{}",
                    i + 1,
                    o.thread,
                    o.what,
                    relative(o.at.file()),
                    o.at.line()
                )
            })
            .collect();
        if skip > 0 {
            lines.insert(0, format!("  ({skip} earlier steps left out)"));
        }
        lines.join("\n")
    }

    /// Spawned threads the learner's code never joined in this schedule, with
    /// where they started (scoped threads are joined by their scope).
    fn unjoined() -> Vec<String> {
        let ops: Vec<_> = log::ops().into_iter().filter(|op| under_test(op.at.file())).collect();
        let joins = ops.iter().filter(|op| op.what == "joins a thread").count();
        let mut sites: Vec<String> = ops
            .iter()
            .filter(|op| op.what == "spawns a thread")
            .map(|op| format!("{}:{}", relative(op.at.file()), op.at.line()))
            .skip(joins)
            .collect();
        sites.dedup();
        sites
    }

    /// Crawls `web` under `schedules` interleavings.
    fn crawl(
        web: &'static [(&'static str, &'static [&'static str])],
        schedules: usize,
        overlap: bool,
    ) -> Result<(), Failure> {
        *verdict() = None;
        let explored = checker::model::explore(schedules, move || {
            if verdict().is_some() {
                return;
            }
            MOST.store(0, std::sync::atomic::Ordering::Relaxed);
            let server = Arc::new(Server::default());
            let fetch: exercise::Fetch = {
                let server = Arc::clone(&server);
                Arc::new(move |url: &str| server.fetch(web, url, overlap))
            };
            let got = exercise::crawl(web[0].0, fetch);
            let fetched: BTreeSet<String> = server.lock().fetched.keys().cloned().collect();
            let in_flight = server.lock().in_flight.clone();
            let want = reachable(web);
            let missing: Vec<&String> = want.difference(&fetched).collect();
            if !missing.is_empty() || !in_flight.is_empty() {
                let mut what = if missing.is_empty() {
                    "crawl returned".to_string()
                } else {
                    format!(
                        "crawl returned, but {missing:?} were never fetched (every page in {want:?} can be reached from {:?})",
                        web[0].0
                    )
                };
                if !in_flight.is_empty() {
                    what.push_str(&format!(", and {in_flight:?} were still being fetched when it did"));
                }
                *verdict() = Some((
                    Kind::Wrong,
                    format!(
                        "{what}. The steps of that interleaving:\n{}\n\n\
                         When crawl returned, was every fetch finished, and could one still running \
                         have found more pages?",
                        steps()
                    ),
                ));
                return;
            }
            let left = unjoined();
            if !left.is_empty() {
                *verdict() = Some((
                    Kind::Leak,
                    format!(
                        "crawl returned without joining threads it spawned (at {}). Nothing waits for them \
                         to end: which of them could still be running?",
                        left.join(", ")
                    ),
                ));
                return;
            }
            if got != want {
                *verdict() = Some((
                    Kind::Wrong,
                    format!("crawl returned {got:?}, but it fetched {want:?}: it should return the URLs it fetched"),
                ));
            }
        });
        if let Some((kind, message)) = verdict().take() {
            return Err(match kind {
                Kind::Leak => Failure::leak(message),
                _ => Failure::wrong(message),
            });
        }
        explored
    }

    /// One page with no links: crawl fetches it and returns.
    fn one_page() -> Result<(), Failure> {
        static ALONE: [(&str, &[&str]); 1] = [("/", &[])];
        crawl(&ALONE, 1, false).map_err(|mut f| {
            if f.kind == Kind::Deadlock {
                f.message.push_str(
                    "\n\nThe web here is one page with no links: after its fetch there is nothing left to \
                     do. Which of your threads knows that, and how do the others learn it?",
                );
            }
            f
        })
    }

    static THE_WEB: [(&str, &[&str]); 7] = WEB;

    fn every_page_once() -> Result<(), Failure> {
        crawl(&THE_WEB, SCHEDULES, false).map_err(|mut f| {
            if f.kind == Kind::Deadlock {
                f.message.push_str(
                    "\n\nEvery page had been fetched: the crawl was over, but nothing told the threads \
                     waiting for more. How can a worker tell that no more URLs will ever come?",
                );
            }
            f
        })
    }

    fn fetches_overlap() -> Result<(), Failure> {
        checker::ensure!(
            exercise::WORKERS == 3,
            "WORKERS is {}; the crawler should run 3 fetches at a time. Put it back to 3.",
            exercise::WORKERS
        );
        crawl(&THE_WEB, SCHEDULES, true).map_err(|mut f| {
            if f.kind == Kind::Deadlock {
                let most = MOST.load(std::sync::atomic::Ordering::Relaxed);
                f.message.push_str(&format!(
                    "\n\nThe check's fetch (of any page but the start) waits until 3 fetches are in flight \
                     at once, as slow fetches would overlap: the start page links to 4 pages, so 3 \
                     could be. It never happened: the most in flight at once was {most}. While one worker \
                     fetches, what are the others doing: waiting for something it holds, or gone?"
                ));
            }
            f
        })
    }

    /// How many times the check's slow fetch lets the other threads run
    /// before it returns.
    const TURNS: usize = 30;

    /// The most steps one other thread may take in the learner's file while
    /// one slow fetch runs and nothing else is left to do. A worker that
    /// waits takes a few (it is started, locks, finds nothing, waits); one
    /// that looks again after each turn takes about TURNS.
    const LOOKS: usize = 10;

    /// A web where one fetch at a time is all there is: the others have
    /// nothing to take while it runs.
    static CHAIN: [(&str, &[&str]); 3] = [("/", &["/a"]), ("/a", &["/b"]), ("/b", &[])];

    /// Fetches `url` slowly: lets the other threads run TURNS times, and
    /// counts what each of them did in the learner's file meanwhile.
    fn slow_fetch(url: &str) -> Vec<String> {
        let me = log::me();
        let from = log::ops().len();
        for _ in 0..TURNS {
            checker::thread::yield_now();
        }
        let ops: Vec<log::Op> =
            log::ops().into_iter().skip(from).filter(|op| op.thread != me && under_test(op.at.file())).collect();
        let mut per: BTreeMap<String, Vec<&log::Op>> = BTreeMap::new();
        for op in &ops {
            per.entry(op.thread.clone()).or_default().push(op);
        }
        if let Some((who, theirs)) = per.iter().max_by_key(|(_, v)| v.len())
            && theirs.len() > LOOKS
            && verdict().is_none()
        {
            let mut lines: BTreeMap<(String, u32), (usize, String)> = BTreeMap::new();
            for op in theirs {
                let e = lines.entry((relative(op.at.file()), op.at.line())).or_insert((0, op.what.clone()));
                e.0 += 1;
            }
            let mut lines: Vec<_> = lines.into_iter().collect();
            lines.sort_by_key(|l| std::cmp::Reverse(l.1.0));
            let shown: Vec<String> = lines
                .iter()
                .take(4)
                .map(|((file, line), (n, what))| format!("  {file}:{line}  {what}  ({n} times)"))
                .collect();
            *verdict() = Some((
                Kind::Timeout,
                format!(
                    "While one fetch ({url:?}) ran, with no other URL to take, {who} looked for work {} times \
                     and never waited:\n{}\n\n\
                     A worker with nothing to take while fetches run keeps a core busy doing nothing \
                     (on a real crawler, for the whole length of a slow fetch). Idle workers wait: what \
                     could {who} block on until the frontier or the busy count changes?",
                    theirs.len(),
                    shown.join("\n")
                ),
            ));
        }
        CHAIN
            .iter()
            .find(|(u, _)| *u == url)
            .map(|(_, l)| l.iter().map(|l| l.to_string()).collect())
            .unwrap_or_default()
    }

    fn idle_workers_wait() -> Result<(), Failure> {
        *verdict() = None;
        let explored = checker::model::explore(20, move || {
            if verdict().is_some() {
                return;
            }
            let fetch: exercise::Fetch = Arc::new(slow_fetch);
            exercise::crawl(CHAIN[0].0, fetch);
        });
        if let Some((kind, message)) = verdict().take() {
            return Err(Failure { kind, message });
        }
        explored
    }

    pub fn main() {
        harness::run(&[
            Check { name: "one page, no links: crawl fetches it and returns", run: one_page },
            Check { name: "every reachable page is fetched once, before crawl returns", run: every_page_once },
            Check { name: "3 fetches run together, and never 4", run: fetches_overlap },
            Check { name: "a worker with nothing to take waits, it does not spin", run: idle_workers_wait },
        ])
    }
}

#[cfg(feature = "model")]
fn main() {
    checks::main()
}

#[cfg(not(feature = "model"))]
fn main() {
    eprintln!("The crawler checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
