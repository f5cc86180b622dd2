// Checks for day 19, bank. Run under the model checker (model = "shuttle"):
// every check explores many interleavings, the same ones on every run.
checker::subject!("../../../../exercises/day19_bank.rs");

// Without the `model` feature (lockstep always sets it for this exercise,
// from info.toml) the checks are left out, so that plain builds of the
// checker's binaries still compile.
#[cfg(feature = "model")]
mod checks {
    use crate::exercise;

    use checker::harness::{self, Check};
    use checker::model::{log, require};
    use checker::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
    use checker::thread;
    use checker::{Failure, Kind};

    /// Schedules explored per check.
    const SCHEDULES: usize = 300;

    /// A transfer: from, to, amount.
    type Move = (usize, usize, i64);

    /// What the check's journal does besides writing a transfer down.
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// Nothing more.
        Write,
        /// Waits until two transfers are in the journal at once.
        Overlap,
        /// Fails if two transfers that share an account are in it at once.
        Exclusive,
    }

    /// The check's journal: what was written, and who is writing now.
    #[derive(Default)]
    struct Book {
        written: Mutex<Vec<Move>>,
        /// The transfers in the journal now, with their threads, and whether
        /// two were ever in it at once.
        inside: Mutex<(Vec<(String, Move)>, bool)>,
        changed: Condvar,
    }

    impl Book {
        fn inside(&self) -> MutexGuard<'_, (Vec<(String, Move)>, bool)> {
            self.inside.lock().unwrap_or_else(PoisonError::into_inner)
        }

        fn write(&self, mode: Mode, m: Move) {
            let me = log::me();
            let mut inside = self.inside();
            if mode == Mode::Exclusive
                && let Some((_, other)) = inside.0.iter().find(|(_, o)| shares(*o, m))
            {
                let other = *other;
                // The check's lock is let go before the verdict, so that it
                // cannot poison anything the learner's code uses.
                drop(inside);
                require(false, || {
                    let shared = if m.0 == other.0 || m.0 == other.1 { m.0 } else { m.1 };
                    format!(
                        "the transfers {} and {} were being written in the journal at the same time, though \
                         both touch account {shared}: between moving its money and writing it down, a transfer \
                         let another one change that account, so the journal can disagree with the balances. \
                         Look at what a transfer still holds while it writes its entry",
                        show(other),
                        show(m)
                    )
                });
                return;
            }
            inside.0.push((me.clone(), m));
            if mode == Mode::Overlap {
                if inside.0.len() >= 2 {
                    inside.1 = true;
                    self.changed.notify_all();
                }
                while !inside.1 {
                    inside = self.changed.wait(inside).unwrap_or_else(PoisonError::into_inner);
                }
            }
            drop(inside);
            // A slow write: another thread may come in meanwhile.
            thread::yield_now();
            self.written.lock().unwrap_or_else(PoisonError::into_inner).push(m);
            self.inside().0.retain(|(t, _)| *t != me);
        }

        fn written(&self) -> Vec<Move> {
            let mut w = self.written.lock().unwrap_or_else(PoisonError::into_inner).clone();
            w.sort_unstable();
            w
        }
    }

    fn shares(a: Move, b: Move) -> bool {
        a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1
    }

    fn show(m: Move) -> String {
        format!("{}→{} of {}", m.0, m.1, m.2)
    }

    fn bank(balances: &[i64], mode: Mode) -> (Arc<exercise::Bank>, Arc<Book>) {
        let book = Arc::new(Book::default());
        let b = Arc::clone(&book);
        let journal: exercise::Journal = Arc::new(move |from, to, amount| b.write(mode, (from, to, amount)));
        (Arc::new(exercise::Bank::new(balances.to_vec(), journal)), book)
    }

    /// Runs `moves` on a thread each, at once; returns what each returned.
    fn at_once(bank: &Arc<exercise::Bank>, moves: &[Move]) -> Vec<bool> {
        let threads: Vec<_> = moves
            .iter()
            .map(|&(from, to, amount)| {
                let bank = Arc::clone(bank);
                // Named after its transfer: the steps then say which is which.
                thread::Builder::new()
                    .name(format!("transfer {}", show((from, to, amount))))
                    .spawn(move || bank.transfer(from, to, amount))
                    .expect("the model spawns every thread")
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    }

    fn balances(bank: &exercise::Bank, n: usize) -> Vec<i64> {
        (0..n).map(|i| bank.balance(i)).collect()
    }

    fn list(moves: &[Move]) -> String {
        moves.iter().map(|&m| show(m)).collect::<Vec<_>>().join(", ")
    }

    /// Every transfer in `moves` goes through, at once, from `start`.
    fn all_go_through(start: &'static [i64], moves: &'static [Move], want: &'static [i64]) -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, move || {
            let (bank, book) = bank(start, Mode::Write);
            let done = at_once(&bank, moves);
            let got = balances(&bank, start.len());
            let (had, has) = (start.iter().sum::<i64>(), got.iter().sum::<i64>());
            require(got == want, || {
                format!(
                    "the transfers {} ran at the same time from the balances {start:?}, and left {got:?}, \
                     not {want:?}{}",
                    list(moves),
                    if had == has { String::new() } else { format!(": the bank held {had}, and now {has}") }
                )
            });
            require(done.iter().all(|&d| d), || {
                format!("every account had enough for the transfers {}, yet transfer returned {done:?}", list(moves))
            });
            let mut want_written = moves.to_vec();
            want_written.sort_unstable();
            let written = book.written();
            require(written == want_written, || {
                format!("the transfers {} went through, but the journal holds {written:?}", list(moves))
            });
        })
        .map_err(deadlock_note)
    }

    /// A deadlock in a check where transfers share accounts.
    fn deadlock_note(mut f: Failure) -> Failure {
        if f.kind == Kind::Deadlock {
            f.message.push_str(
                "\n\nThe transfers share accounts: each waiting transfer holds the lock it took in the \
                 steps above, and waits at the line shown for the lock the other one holds. Which \
                 account did each transfer lock first?",
            );
        }
        f
    }

    /// One schedule, one thread: a wrong answer here is wrong in every
    /// order, not a race.
    fn not_a_race(mut f: Failure) -> Failure {
        if f.kind == Kind::Race {
            f.kind = Kind::Wrong;
            let what = f.message.trim_start_matches("Race: ");
            let mut first = what.chars();
            f.message = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
            if let Some(cut) = f.message.find("\n\nThe interleaving") {
                f.message.truncate(cut);
            }
        }
        f
    }

    fn one_transfer_at_a_time() -> Result<(), Failure> {
        checker::model::explore(1, || {
            let (bank, book) = bank(&[10, 0], Mode::Write);
            let steps: [(Move, bool, [i64; 2]); 4] = [
                ((0, 1, 10), true, [0, 10]),
                ((0, 1, 1), false, [0, 10]),
                ((1, 0, 4), true, [4, 6]),
                ((0, 1, 5), false, [4, 6]),
            ];
            let mut want_written = Vec::new();
            let mut tried = Vec::new();
            for ((from, to, amount), ok, want) in steps {
                tried.push((from, to, amount));
                let before = balances(&bank, 2);
                let done = bank.transfer(from, to, amount);
                let got = balances(&bank, 2);
                require(done == ok && got == want, || {
                    let what = if ok { "goes through" } else { "is refused, and changes nothing" };
                    format!(
                        "with the balances {before:?}, the transfer {} {what}; but it returned {done} and \
                         left {got:?}, not {want:?}",
                        show((from, to, amount))
                    )
                });
                if ok {
                    want_written.push((from, to, amount));
                }
                want_written.sort_unstable();
                let written = book.written();
                require(written == want_written, || {
                    format!(
                        "after the transfers {}, the journal holds {written:?}, not {want_written:?} (one entry \
                         per transfer that went through)",
                        list(&tried)
                    )
                });
            }
        })
        .map_err(not_a_race)
    }

    fn money_is_conserved() -> Result<(), Failure> {
        all_go_through(&[10, 10, 10], &[(0, 1, 3), (1, 2, 4), (2, 0, 5)], &[12, 9, 9])
    }

    fn opposite_ways() -> Result<(), Failure> {
        all_go_through(&[10, 10], &[(0, 1, 3), (1, 0, 4)], &[11, 9])
    }

    fn never_overdrawn() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let (bank, book) = bank(&[10, 0, 0], Mode::Write);
            let done = at_once(&bank, &[(0, 1, 7), (0, 2, 7)]);
            let got = balances(&bank, 3);
            let n = done.iter().filter(|&&d| d).count();
            require(n == 1 && got[0] == 3 && got[1] + got[2] == 7, || {
                format!(
                    "account 0 held 10, and two transfers of 7 from it ran at the same time: one of them must \
                     go through and the other be refused, but they returned {done:?} and left the balances \
                     {got:?}{}",
                    if got[0] < 0 { format!(" (account 0 overdrawn, at {})", got[0]) } else { String::new() }
                )
            });
            let written = book.written();
            require(written.len() == 1, || {
                format!("one of the two transfers went through, but the journal holds {written:?}")
            });
        })
        .map_err(deadlock_note)
    }

    fn journal_while_locked() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let (bank, _book) = bank(&[10, 10, 10], Mode::Exclusive);
            at_once(&bank, &[(0, 1, 3), (1, 2, 4)]);
        })
        .map_err(deadlock_note)
    }

    fn different_accounts_overlap() -> Result<(), Failure> {
        checker::model::explore(SCHEDULES, || {
            let (bank, _book) = bank(&[10, 10, 10, 10], Mode::Overlap);
            at_once(&bank, &[(0, 1, 3), (2, 3, 4)]);
        })
        .map_err(|mut f| {
            if f.kind == Kind::Deadlock {
                f.kind = Kind::Wrong;
                f.message = format!(
                    "The transfers 0→1 and 2→3 share no account, so they should be able to run at the same \
                     time: the check's journal waits until both are writing at once, and in no interleaving \
                     did that happen. While one of them wrote its entry, the other was waiting:\n\n{}\n\n\
                     What does a transfer lock, besides its two accounts?",
                    f.message.trim_start_matches("Deadlock: every thread is waiting, and none of them can go on.\n")
                );
            }
            f
        })
    }

    pub fn main() {
        harness::run(&[
            Check {
                name: "a transfer moves the money, or is refused and changes nothing",
                run: one_transfer_at_a_time,
            },
            Check { name: "transfers at once in opposite ways between two accounts", run: opposite_ways },
            Check { name: "transfers at once around three accounts conserve the money", run: money_is_conserved },
            Check { name: "two transfers at once never overdraw an account", run: never_overdrawn },
            Check { name: "the journal is written while both accounts are locked", run: journal_while_locked },
            Check {
                name: "transfers between different accounts run at the same time",
                run: different_accounts_overlap,
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
    eprintln!("The bank checks run under the model checker: build them with `--features model`.");
    std::process::exit(2);
}
