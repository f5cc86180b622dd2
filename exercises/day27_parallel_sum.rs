// Day 27: concurrency vs parallelism
//
// Concurrency is structure: tasks that may wait for each other (a server and
// its clients). Parallelism is speed: CPU-bound work split so that several
// cores compute at the same time. For parallel work, more threads than cores
// only adds switching; one thread leaves the other cores idle. So split the
// data into one contiguous share per thread, sum each share on its own
// thread, and add up the partial sums once every thread is done.
//
//   Go:    n := runtime.NumCPU(); var wg sync.WaitGroup; partial := make([]uint64, n)
//          for i := 0; i < n; i++ { wg.Add(1); go func(i int) { ...; partial[i] = s; wg.Done() }(i) }
//          wg.Wait()
//   Rust:  let n = thread::available_parallelism()?.get();
//          thread::scope(|s| { let h = s.spawn(|| part.iter().map(..).sum::<u64>()); ... h.join() })
//
// `available_parallelism()` is an estimate, which can be lower than the core
// count: the CPUs this process may run on (its affinity mask), lowered on
// Linux by a cgroup CPU quota (Go's NumCPU ignores quotas; the default
// GOMAXPROCS heeds them since Go 1.25). It returns an `io::Result`: it can
// fail, and one thread is then a safe fallback.
//
// A plain `thread::spawn` needs `'static` data, so it cannot borrow `data`;
// a scoped thread can, because `thread::scope` joins every thread it spawned
// before it returns (the `wg.Wait()` is built in), and each thread's result
// comes back through its handle's `join()`, so no shared slice is needed.
use checker::thread;

/// Sums `work(x)` over every `x` in `data`, on as many threads as the
/// machine can run at once: `available_parallelism()`, or 1 if it fails.
pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    // TODO: ask how many threads can run at once, and let sum_on_threads do it.
    todo!()
}

/// Sums `work(x)` over every `x` in `data` (`threads` >= 1). The work runs on
/// at most `threads` threads at the same time, each with a fair share: no
/// thread works on more than `data.len() / threads` items, rounded up. Every
/// item is worked on exactly once, and every thread is joined before it returns.
/// If `work` panics, the panic reaches the caller (sum_on_threads panics too):
/// a sum with a share missing is a wrong answer.
pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    // TODO: split `data` into shares, one scoped thread per share, and add up
    // what each thread returns.
    todo!()
}
