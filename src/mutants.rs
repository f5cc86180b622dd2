//! `lockstep dev mutants`: proves the checks against mutants of each
//! reference solution. A check that passes a solution with its `join`
//! removed, its `notify` gone or a weaker `Ordering` has a gap.

mod operators;
mod run;

pub use operators::{Edit, Site};
pub use run::run;

/// One mutant of a solution.
#[derive(Clone, Debug)]
pub struct Mutant {
    /// `operator@line:column`: stable while the solution's text is.
    pub id: String,
    pub operator: &'static str,
    pub text: String,
}

/// The mutants of a solution, each text once.
#[derive(Debug, Default)]
pub struct Mutants {
    pub list: Vec<Mutant>,
    /// Mutants whose text is the solution's or an earlier mutant's.
    pub duplicates: usize,
}

/// Every operator applied to `source`, at every place it fits.
pub fn generate(source: &str) -> syn::Result<Mutants> {
    let mut out = Mutants::default();
    for site in operators::sites(source)? {
        let text = apply(source, &site.edits);
        if text == source || out.list.iter().any(|m| m.text == text) {
            out.duplicates += 1;
            continue;
        }
        let base = format!("{}@{}:{}", site.operator, site.line, site.column);
        let twins = out.list.iter().filter(|m| m.id == base || m.id.starts_with(&format!("{base}#"))).count();
        let id = if twins == 0 { base } else { format!("{base}#{}", twins + 1) };
        out.list.push(Mutant { id, operator: site.operator, text });
    }
    Ok(out)
}

/// `source` with `edits` (which do not overlap) made.
pub fn apply(source: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    // Back to front, so earlier offsets stay valid; at one offset, the
    // longer range first, so an insertion there lands before it.
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
    let mut text = source.to_string();
    for e in edits {
        text.replace_range(e.range.clone(), &e.text);
    }
    text
}

/// A unified diff of a mutant against its solution.
pub fn diff(solution: &str, label: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(2).header(solution, label).to_string()
}

/// Is `id` shaped like a mutant id (`drop@12:5`, `join@4:7#2`)?
pub fn is_id(id: &str) -> bool {
    let Some((op, at)) = id.split_once('@') else { return false };
    let at = at.split_once('#').map_or(at, |(at, n)| if n.parse::<u32>().is_ok() { at } else { "" });
    let Some((line, col)) = at.split_once(':') else { return false };
    !op.is_empty()
        && op.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && line.parse::<u32>().is_ok()
        && col.parse::<u32>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mutants of `source` that `operator` makes, by id, with their text.
    fn of(source: &str, operator: &str) -> Vec<(String, String)> {
        let m = generate(source).unwrap();
        m.list.into_iter().filter(|m| m.operator == operator).map(|m| (m.id, m.text)).collect()
    }

    fn only(source: &str, operator: &str) -> (String, String) {
        let mut all = of(source, operator);
        assert_eq!(all.len(), 1, "{operator}: {all:#?}");
        all.remove(0)
    }

    #[test]
    fn a_join_statement_is_removed_and_a_used_join_gives_a_default() {
        let src = "fn f(h: H, g: G) -> u32 {\n    h.join().expect(\"x\");\n    g.join().unwrap()\n}\n";
        let all = of(src, "join");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].0, "join@2:5");
        assert_eq!(all[0].1, "fn f(h: H, g: G) -> u32 {\n    g.join().unwrap()\n}\n");
        assert_eq!(all[1].0, "join@3:7");
        assert!(
            all[1].1.contains("    Ok::<_, Box<dyn std::any::Any + Send + 'static>>(Default::default()).unwrap()\n")
        );
        // A WaitGroup's wait is a join of every thread.
        let (id, text) = only("fn f(wg: W) {\n    wg.wait();\n}\n", "join");
        assert_eq!((id.as_str(), text.as_str()), ("join@2:5", "fn f(wg: W) {\n}\n"));
    }

    #[test]
    fn a_checked_join_is_swallowed() {
        let src = "fn f(h: H) {\n    h.join().expect(\"x\");\n    let v = g.join().unwrap();\n}\n";
        let (id, text) = only(src, "join-swallow");
        assert_eq!(
            (id.as_str(), text.as_str()),
            ("join-swallow@2:5", "fn f(h: H) {\n    let _ = h.join();\n    let v = g.join().unwrap();\n}\n")
        );
    }

    #[test]
    fn a_drop_is_removed_or_moved_past_the_next_statement() {
        let src = "fn f() {\n    drop(tx); // close\n    let v = rx.recv();\n}\n";
        assert_eq!(only(src, "drop").1, "fn f() {\n    let v = rx.recv();\n}\n");
        assert_eq!(
            only(src, "widen"),
            ("widen@2:5".into(), "fn f() {\n    let v = rx.recv(); // close\n    drop(tx);\n}\n".into())
        );
        // Nothing follows the last statement's drop: no widening.
        assert!(of("fn f() {\n    drop(tx);\n}\n", "widen").is_empty());
    }

    #[test]
    fn a_notify_is_removed() {
        let (id, text) = only("fn f() {\n    *m.lock().unwrap() -= 1;\n    cv.notify_one();\n}\n", "notify");
        assert_eq!((id.as_str(), text.as_str()), ("notify@3:5", "fn f() {\n    *m.lock().unwrap() -= 1;\n}\n"));
        assert_eq!(only("fn f() { cv.notify_all(); }\n", "notify").1, "fn f() {  }\n");
    }

    #[test]
    fn a_while_around_a_wait_becomes_an_if() {
        let src = "fn f() {\n    while *g == 0 {\n        g = cv.wait(g).unwrap();\n    }\n    while x { y(); }\n}\n";
        let (id, text) = only(src, "while-if");
        assert_eq!(id, "while-if@2:5");
        assert!(text.contains("    if *g == 0 {\n") && text.contains("while x"), "{text}");
    }

    #[test]
    fn a_wait_while_becomes_one_check_and_one_wait() {
        let src = "fn f() {\n    let g = cv.wait_while(g, |n| *n == 0).unwrap();\n}\n";
        let (id, text) = only(src, "while-if");
        assert_eq!(id, "while-if@2:16");
        assert_eq!(
            text,
            "fn f() {\n    let g = { fn __holds<T, F: FnMut(&mut T) -> bool>(t: &mut T, mut f: F) -> bool { f(t) } \
             let mut __guard = g; if __holds(&mut *__guard, |n| *n == 0) { cv.wait(__guard) } else { Ok(__guard) } }\
             .unwrap();\n}\n"
        );
    }

    #[test]
    fn two_lock_acquisitions_are_swapped() {
        let src = "fn f() {\n    let _a = a.lock().unwrap();\n    let _b = b.lock().unwrap();\n}\n";
        assert_eq!(
            only(src, "lock-swap").1,
            "fn f() {\n    let _b = b.lock().unwrap();\n    let _a = a.lock().unwrap();\n}\n"
        );
    }

    #[test]
    fn a_temporary_guard_is_widened_over_the_next_statement() {
        let src = "fn f() {\n    *m.lock().unwrap() -= 1;\n    cv.notify_one();\n}\n";
        let (id, text) = only(src, "widen");
        assert_eq!(id, "widen@2:6");
        assert_eq!(
            text,
            "fn f() {\n    let mut __guard = m.lock().unwrap();\n    *__guard -= 1;\n    cv.notify_one();\n    drop(__guard);\n}\n"
        );
    }

    #[test]
    fn a_guard_or_permit_is_narrowed_or_bound_to_underscore() {
        let src = "fn f() {\n    let _permit = sem.acquire();\n    task();\n}\n";
        assert_eq!(
            only(src, "narrow").1,
            "fn f() {\n    let _permit = sem.acquire();\n    drop(_permit);\n    task();\n}\n"
        );
        assert_eq!(
            only(src, "underscore"),
            ("underscore@2:9".into(), "fn f() {\n    let _ = sem.acquire();\n    task();\n}\n".into())
        );
        let src = "fn f() {\n    let mut g = m.lock().unwrap();\n    *g += 1;\n}\n";
        assert_eq!(only(src, "underscore").1, "fn f() {\n    let _ = m.lock().unwrap();\n    *g += 1;\n}\n");
        // A plain binding is neither a guard nor a permit.
        assert!(of("fn f() {\n    let x = y();\n    z(x);\n}\n", "narrow").is_empty());
    }

    #[test]
    fn an_ordering_is_weakened_to_relaxed() {
        let src =
            "fn f() {\n    a.store(1, Ordering::Release);\n    a.load(SeqCst);\n    a.load(Ordering::Relaxed);\n}\n";
        let all = of(src, "ordering");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].0, "ordering@2:26");
        assert!(all[0].1.contains("a.store(1, Ordering::Relaxed);"));
        assert!(all[1].1.contains("a.load(Relaxed);"));
    }

    #[test]
    fn recv_becomes_try_recv_and_an_awaited_one_an_option() {
        let (id, text) = only("fn f() {\n    let x = rx.recv().unwrap();\n}\n", "try-recv");
        assert_eq!(
            (id.as_str(), text.as_str()),
            ("try-recv@2:16", "fn f() {\n    let x = rx.try_recv().unwrap();\n}\n")
        );
        let (_, text) = only("async fn f() {\n    while let Some(r) = rx.recv().await {}\n}\n", "try-recv");
        assert!(text.contains("while let Some(r) = rx.try_recv().ok() {}"), "{text}");
    }

    #[test]
    fn a_clone_or_spawn_moves_into_and_out_of_a_loop() {
        let src = "fn f() {\n    for i in 0..3 {\n        let tx = tx.clone();\n        go(tx);\n    }\n}\n";
        assert_eq!(
            only(src, "clone-out").1,
            "fn f() {\n    let tx = tx.clone();\n    for i in 0..3 {\n        go(tx);\n    }\n}\n"
        );
        let src = "fn f() {\n    let h = thread::spawn(w);\n    for i in 0..3 {\n        go(i);\n    }\n}\n";
        assert_eq!(
            only(src, "spawn-in").1,
            "fn f() {\n    for i in 0..3 {\n        let h = thread::spawn(w);\n        go(i);\n    }\n}\n"
        );
        // A loop on one line: the clone goes in after its brace.
        let src = "fn f() {\n    let tx = tx.clone();\n    for i in 0..3 { go(tx); }\n}\n";
        assert_eq!(only(src, "clone-in").1, "fn f() {\n    for i in 0..3 { let tx = tx.clone(); go(tx); }\n}\n");
        // An iterator's closure is a loop body too.
        let src = "fn f() {\n    let v: Vec<_> = (0..3)\n        .map(|i| {\n            let tx = tx.clone();\n            go(tx)\n        })\n        .collect();\n}\n";
        let (id, text) = only(src, "clone-out");
        assert_eq!(id, "clone-out@4:13");
        assert!(text.starts_with("fn f() {\n    let tx = tx.clone();\n    let v: Vec<_> = (0..3)\n"), "{text}");
    }

    #[test]
    fn two_consecutive_sends_are_swapped() {
        let src = "fn f() {\n    tx.send(1).unwrap();\n    tx.send(2).unwrap();\n}\n";
        assert_eq!(only(src, "send-swap").1, "fn f() {\n    tx.send(2).unwrap();\n    tx.send(1).unwrap();\n}\n");
    }

    #[test]
    fn an_abort_a_cancel_or_a_reset_is_removed() {
        let src = "async fn f() {\n    h.abort();\n    set.abort_all();\n    set.shutdown().await;\n    x();\n}\n";
        let all = of(src, "abort");
        assert_eq!(all.len(), 3, "{all:#?}");
        assert_eq!(
            all[2],
            ("abort@4:5".into(), "async fn f() {\n    h.abort();\n    set.abort_all();\n    x();\n}\n".into())
        );
        assert_eq!(only("fn f() {\n    token.cancel();\n    x();\n}\n", "cancel").1, "fn f() {\n    x();\n}\n");
        assert_eq!(only("fn f() {\n    ticks.reset();\n}\n", "reset").1, "fn f() {\n}\n");
        // A used result is no statement to remove.
        assert!(of("fn f() -> bool {\n    let c = token.cancel();\n    c\n}\n", "cancel").is_empty());
    }

    #[test]
    fn notify_one_and_notify_waiters_are_swapped_and_removed() {
        let src = "fn f(n: Notify) {\n    n.notify_one();\n}\n";
        assert_eq!(only(src, "notify-swap").1, "fn f(n: Notify) {\n    n.notify_waiters();\n}\n");
        let src = "fn f(n: Notify) {\n    n.notify_waiters();\n}\n";
        assert_eq!(only(src, "notify-swap").1, "fn f(n: Notify) {\n    n.notify_one();\n}\n");
        assert_eq!(only(src, "notify").1, "fn f(n: Notify) {\n}\n");
        // A Condvar has no notify_waiters.
        assert!(of("fn f(c: Condvar) {\n    c.notify_one();\n}\n", "notify-swap").is_empty());
    }

    #[test]
    fn a_select_loses_its_bias_or_an_arm() {
        let src = "async fn f() {\n    tokio::select! {\n        biased;\n        _ = a.cancelled() => None,\n        \
                   v = job, if on => { Some(v) }\n        r = rx.recv() => match r { _ => None },\n    }\n}\n";
        let (id, text) = only(src, "biased");
        assert_eq!(id, "biased@3:9");
        assert!(!text.contains("biased") && text.contains("    tokio::select! {\n        _ = a.cancelled()"), "{text}");
        let arms = of(src, "select-arm");
        assert_eq!(arms.len(), 3, "{arms:#?}");
        assert_eq!(arms[0].0, "select-arm@4:9");
        assert!(!arms[0].1.contains("cancelled") && arms[0].1.contains("v = job"), "{}", arms[0].1);
        assert!(!arms[1].1.contains("Some(v)") && arms[1].1.contains("rx.recv()"), "{}", arms[1].1);
        assert!(arms[2].1.contains("        v = job, if on => { Some(v) }\n    }\n"), "{}", arms[2].1);
        // Inside an arm, the other operators apply.
        let src = "async fn f() {\n    tokio::select! {\n        _ = sleep_until(t), if on => { h.abort(); }\n        \
                   _ = tick() => {}\n    }\n}\n";
        assert!(only(src, "sleep").1.contains("sleep_until((t) - std::time::Duration::from_millis(1)), if on"));
        assert!(only(src, "abort").1.contains("if on => {  }"));
        // An arm's `recv()` must stay a future: no try-recv there.
        let src =
            "async fn f() {\n    tokio::select! {\n        m = rx.recv() => {}\n        _ = tick() => {}\n    }\n}\n";
        assert!(of(src, "try-recv").is_empty());
        // crossbeam's select! is not tokio's: left alone.
        let src = "fn f() {\n    select! {\n        recv(a) -> m => x(),\n        recv(b) -> m => y(),\n    }\n}\n";
        assert!(of(src, "select-arm").is_empty());
    }

    #[test]
    fn a_join_next_loop_takes_the_first_result_or_detaches_the_rest() {
        let src = "async fn f() -> Result<(), E> {\n    while let Some(d) = set.join_next().await {\n        \
                   if d.is_err() {\n            return Err(e);\n        }\n    }\n    Ok(())\n}\n";
        let (id, text) = only(src, "first-only");
        assert_eq!(id, "first-only@2:5");
        assert!(text.contains("    if let Some(d) = set.join_next().await {"), "{text}");
        let (id, text) = only(src, "detach-all");
        assert_eq!(id, "detach-all@4:13");
        assert!(text.contains("            { set.detach_all(); return Err(e) };\n"), "{text}");
        // A for loop awaiting each item: only the first.
        let src = "async fn f() {\n    for task in tasks {\n        task.await;\n    }\n}\n";
        assert_eq!(
            only(src, "first-only").1,
            "async fn f() {\n    for task in (tasks).into_iter().take(1) {\n        task.await;\n    }\n}\n"
        );
        assert!(of("fn f() {\n    for i in v {\n        g(i);\n    }\n}\n", "first-only").is_empty());
    }

    #[test]
    fn a_spawned_task_is_detached_or_not_awaited() {
        let src = "async fn f() {\n    set.spawn(async move { 1 });\n    s.spawn(|| 2);\n}\n";
        let (id, text) = only(src, "detach");
        assert_eq!(id, "detach@2:9");
        assert!(
            text.contains(
                "    { let __task = tokio::spawn(async move { 1 }); set.spawn(async move { match __task.await { \
                 Ok(v) => v, Err(e) => std::panic::resume_unwind(e.into_panic()) } }) };\n    s.spawn(|| 2);"
            ),
            "{text}"
        );
        let src = "async fn f() {\n    h.await.unwrap();\n    let _ = g.await;\n    let v = k.await;\n}\n";
        let all = of(src, "await");
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].1, "async fn f() {\n    let _ = g.await;\n    let v = k.await;\n}\n");
    }

    #[test]
    fn a_timeout_goes_and_a_sleep_wakes_early() {
        let (id, text) = only("async fn f() {\n    let r = timeout(d, work()).await;\n}\n", "timeout");
        assert_eq!(id, "timeout@2:13");
        assert!(
            text.contains("let r = async { Ok::<_, tokio::time::error::Elapsed>((work()).await) }.await;"),
            "{text}"
        );
        let src = "async fn f() {\n    sleep(d * 2).await;\n    let t = interval(every);\n    time::sleep_until(at).await;\n}\n";
        let all = of(src, "sleep");
        assert_eq!(all.len(), 3, "{all:#?}");
        assert!(all[0].1.contains("sleep((d * 2) / 2).await;"));
        assert!(all[1].1.contains("interval((every) / 2);"));
        assert_eq!(all[2].0, "sleep@4:5");
        assert!(all[2].1.contains("time::sleep_until((at) - std::time::Duration::from_millis(1)).await;"));
        // A reset deadline moves too, or the reset goes; half of nothing is nothing.
        let src = "fn f() {\n    t.as_mut().reset(at);\n    let s = sleep(Duration::ZERO);\n}\n";
        assert_eq!(
            only(src, "sleep").1,
            "fn f() {\n    t.as_mut().reset((at) - std::time::Duration::from_millis(1));\n    let s = sleep(Duration::ZERO);\n}\n"
        );
        assert_eq!(only(src, "reset").1, "fn f() {\n    let s = sleep(Duration::ZERO);\n}\n");
        assert!(
            only("async fn f() {\n    timeout_at(t, g()).await;\n}\n", "timeout")
                .1
                .contains("async { Ok::<_, tokio::time::error::Elapsed>((g()).await) }.await;")
        );
    }

    #[test]
    fn duplicates_are_dropped_and_ids_stay_unique() {
        // Removing either of two identical statements gives one text.
        let m = generate("fn f() {\n    drop(a);\n    drop(a);\n}\n").unwrap();
        let drops: Vec<_> = m.list.iter().filter(|m| m.operator == "drop").collect();
        assert_eq!(drops.len(), 1);
        // Swapping two identical statements is the solution itself.
        assert!(m.duplicates >= 2, "{m:#?}");
        let mut ids: Vec<_> = m.list.iter().map(|m| &m.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), m.list.len());
    }

    #[test]
    fn ids_are_recognised() {
        for good in ["drop@12:5", "while-if@3:9", "join@4:7#2"] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["drop", "drop@12", "Drop@1:2", "@1:2", "drop@a:b", "join@4:7#x"] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn a_diff_shows_only_the_change() {
        let d = diff("solution.rs", "mutant drop@2:5", "a\nb\nc\n", "a\nc\n");
        assert!(d.contains("--- solution.rs") && d.contains("+++ mutant drop@2:5") && d.contains("-b"), "{d}");
    }
}
