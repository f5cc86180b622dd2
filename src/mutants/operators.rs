//! The concurrency mutation operators (ConMAn's, Bradbury, Cordy and Dingel
//! 2006, translated to Rust), as text edits found by walking the syntax tree.
//!
//! A mutant is a few edits of the solution's own text, not a re-printed tree:
//! its diff shows only the change, and its line numbers stay the solution's.
//!
//! | id | what it does |
//! | --- | --- |
//! | `join` | removes a `h.join()..;` or `wg.wait();` statement; a used `h.join()` becomes `Ok(Default::default())` |
//! | `join-swallow` | `h.join().expect(..);` becomes `let _ = h.join();`: a thread's panic is lost |
//! | `drop`, `notify` | removes a `drop(x);`, a `notify_one()`/`notify_all()` statement |
//! | `while-if` | `while` -> `if` around a wait; `wait_while` -> one check and one `wait` |
//! | `lock-swap`, `send-swap` | swaps two consecutive lock acquisitions, two consecutive sends |
//! | `widen` | moves a `drop(x);` past the next statement; holds a temporary guard over it |
//! | `narrow`, `underscore` | drops a guard or permit right after it is taken; binds it to `_` |
//! | `ordering` | `SeqCst`, `AcqRel`, `Release`, `Acquire` -> `Relaxed` |
//! | `try-recv` | `recv()` -> `try_recv()`; `recv().await` -> `try_recv().ok()` |
//! | `clone-in`, `clone-out`, `spawn-in`, `spawn-out` | moves a `let` of a clone or a spawn into a loop that follows it, or out of the loop (or per-item closure) it opens |
//!
//! The async ones (tokio), for the mistakes async learners make:
//!
//! | id | what it does |
//! | --- | --- |
//! | `abort`, `cancel`, `reset` | removes an `.abort()`/`.abort_all()`/`.shutdown()..;`, a `.cancel();`, a `.reset(..);`/`.reset_at(t);` statement |
//! | `notify-swap` | `notify_one()` <-> `notify_waiters()`, in a file that names tokio's `Notify` (`notify` also removes a `notify_waiters();`) |
//! | `biased`, `select-arm` | a `tokio::select!` without its `biased;`, or with one arm removed |
//! | `first-only` | `while let .. = set.join_next().await` -> `if let`; a `for` loop that awaits its item only takes the first |
//! | `detach-all` | `set.detach_all();` before each `return` in a `join_next` loop: the rest of the set keeps running |
//! | `detach` | `set.spawn(f);` -> the set gets a task that awaits `tokio::spawn(f)`: aborting or dropping the set leaves `f` running |
//! | `await` | removes an `h.await;` statement (`let _ = h.await;`, `h.await.unwrap();`): the task runs on, detached |
//! | `timeout` | `timeout(d, f)`, `timeout_at(t, f)` -> `f` (as an `Ok`): no time limit |
//! | `sleep` | `sleep(d)`, `interval(d)`, `interval_at(_, d)` -> `d / 2` (not `Duration::ZERO`); `sleep_until(t)`, `.reset(t)`, `.reset_at(t)` -> 1 ms before `t` |
//!
//! Other code inside macros (`vec!`, crossbeam's `select!`) is tokens to syn, and not mutated.

use std::ops::Range;

use proc_macro2::{LineColumn, TokenTree};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, ExprMethodCall, Local, Pat, Stmt};

/// One change to the source text: `range` (bytes) becomes `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// A place an operator applies, and the edits that make its mutant.
#[derive(Clone, Debug)]
pub struct Site {
    pub operator: &'static str,
    /// 1-based line and column of the construct mutated.
    pub line: usize,
    pub column: usize,
    pub edits: Vec<Edit>,
}

/// Every operator's sites in `source`.
pub fn sites(source: &str) -> syn::Result<Vec<Site>> {
    let file = syn::parse_file(source)?;
    let mut finder = Finder { text: Text::new(source), sites: Vec::new(), handled: Vec::new(), enclosing: Vec::new() };
    finder.visit_file(&file);
    Ok(finder.sites)
}

/// The source with byte offsets for the parser's line/column positions.
struct Text<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Text<'a> {
    fn new(source: &'a str) -> Text<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Text { source, line_starts }
    }

    /// proc-macro2 gives 1-based lines and 0-based columns in chars.
    fn offset(&self, at: LineColumn) -> usize {
        let start = self.line_starts.get(at.line.saturating_sub(1)).copied().unwrap_or(self.source.len());
        let line = &self.source[start..];
        start + line.char_indices().nth(at.column).map_or(line.len(), |(i, _)| i)
    }

    fn range(&self, node: &impl Spanned) -> Range<usize> {
        let span = node.span();
        self.offset(span.start())..self.offset(span.end())
    }

    fn slice(&self, r: &Range<usize>) -> &'a str {
        &self.source[r.clone()]
    }

    fn line_start(&self, at: usize) -> usize {
        self.source[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The whitespace before the code on `at`'s line.
    fn indent(&self, at: usize) -> &'a str {
        let start = self.line_start(at);
        let line = &self.source[start..];
        &line[..line.len() - line.trim_start().len()]
    }

    /// Does `r` stand alone on its lines (at most a trailing comment after it)?
    fn whole_lines(&self, r: &Range<usize>) -> Option<Range<usize>> {
        let start = self.line_start(r.start);
        if !self.source[start..r.start].trim().is_empty() {
            return None;
        }
        let end = self.source[r.end..].find('\n').map_or(self.source.len(), |i| r.end + i + 1);
        let rest = self.source[r.end..end].trim();
        (rest.is_empty() || rest.starts_with("//")).then_some(start..end)
    }

    /// The edit that deletes the statement at `r`: its whole line when it
    /// stands alone there.
    fn delete(&self, r: &Range<usize>) -> Edit {
        Edit { range: self.whole_lines(r).unwrap_or(r.clone()), text: String::new() }
    }

    /// The edits that move the statement at `from` to just before `to`.
    fn move_before(&self, from: &Range<usize>, to: usize) -> Vec<Edit> {
        let line = self.line_start(to);
        let insert = if self.source[line..to].trim().is_empty() {
            Edit { range: line..line, text: format!("{}{}\n", self.indent(to), self.slice(from)) }
        } else {
            // `to` shares its line with code before it (`for x in y { a(); }`).
            Edit { range: to..to, text: format!("{} ", self.slice(from)) }
        };
        vec![insert, self.delete(from)]
    }

    /// The edit that swaps the statements at `a` and `b` (`a` first).
    fn swap(&self, a: &Range<usize>, b: &Range<usize>) -> Edit {
        let between = &self.source[a.end..b.start];
        Edit { range: a.start..b.end, text: format!("{}{between}{}", self.slice(b), self.slice(a)) }
    }
}

struct Finder<'a> {
    text: Text<'a>,
    sites: Vec<Site>,
    /// Method calls already mutated through their statement (by span start).
    handled: Vec<usize>,
    /// The statements being walked, innermost last (for moving out of a loop).
    enclosing: Vec<Range<usize>>,
}

impl Finder<'_> {
    fn site(&mut self, operator: &'static str, at: &impl Spanned, edits: Vec<Edit>) {
        let start = at.span().start();
        self.sites.push(Site { operator, line: start.line, column: start.column + 1, edits });
    }

    /// Operators on a block's statement list: removals, swaps, moves.
    fn statements(&mut self, block: &Block) {
        let stmts = &block.stmts;
        for (i, stmt) in stmts.iter().enumerate() {
            let r = self.text.range(stmt);
            let next = stmts.get(i + 1).filter(|n| ends_with_semi(n));
            if let Some(call) = removable_join(stmt) {
                self.handled.push(self.text.range(&call.method).start);
                self.site("join", stmt, vec![self.text.delete(&r)]);
            }
            if let Some(join) = checked_join(stmt) {
                // A panic in the thread, lost: its join result thrown away.
                let text = format!("let _ = {};", self.text.slice(&self.text.range(join)));
                self.site("join-swallow", stmt, vec![Edit { range: r.clone(), text }]);
            }
            if dropped(stmt) {
                self.site("drop", stmt, vec![self.text.delete(&r)]);
                // Widen: the drop (of a guard, a sender, a permit) one statement later.
                if let Some(next) = next {
                    self.site("widen", stmt, vec![self.text.swap(&r, &self.text.range(next))]);
                }
            }
            if let Stmt::Expr(Expr::MethodCall(m), Some(_)) = stmt
                && (m.method == "notify_one" || m.method == "notify_all" || m.method == "notify_waiters")
            {
                self.site("notify", stmt, vec![self.text.delete(&r)]);
            }
            if let Some(operator) = stopping_call(stmt) {
                self.site(operator, stmt, vec![self.text.delete(&r)]);
            }
            if awaited_handle(stmt) {
                self.site("await", stmt, vec![self.text.delete(&r)]);
            }
            if let Stmt::Expr(Expr::MethodCall(m), Some(_)) = stmt
                && m.method == "spawn"
                && m.args.len() == 1
                && !matches!(m.args[0], Expr::Closure(_))
            {
                // Spawned beside the set, which only gets a task awaiting it:
                // the result still comes, but aborting the set (or dropping
                // it) leaves the real task running.
                let text = format!(
                    "{{ let __task = tokio::spawn({}); {}.spawn(async move {{ match __task.await {{ Ok(v) => v, \
                     Err(e) => std::panic::resume_unwind(e.into_panic()) }} }}) }}",
                    self.text.slice(&self.text.range(&m.args[0])),
                    self.text.slice(&self.text.range(&m.receiver))
                );
                self.site("detach", &m.method, vec![Edit { range: self.text.range(m), text }]);
            }
            if let Some(next) = next {
                if is_lock_let(stmt) && is_lock_let(next) {
                    self.site("lock-swap", stmt, vec![self.text.swap(&r, &self.text.range(next))]);
                }
                if is_send(stmt) && is_send(next) {
                    self.site("send-swap", stmt, vec![self.text.swap(&r, &self.text.range(next))]);
                }
                if let Stmt::Expr(e, Some(_)) = stmt
                    && let Some(lock) = temporary_lock(e)
                {
                    self.widen_temporary(stmt, lock, next);
                }
            }
            if let Stmt::Local(local) = stmt
                && let Some(name) = held_binding(local)
            {
                // Narrow: the guard or permit let go as soon as it is taken.
                let at = r.end;
                let text = format!("\n{}drop({name});", self.text.indent(r.start));
                self.site("narrow", stmt, vec![Edit { range: at..at, text }]);
                self.site(
                    "underscore",
                    &local.pat,
                    vec![Edit { range: self.text.range(&local.pat), text: "_".into() }],
                );
            }
            // Into a loop: a clone or a spawn just before a loop, moved to its start.
            if let Some(moved) = loop_mover(stmt)
                && let Some(body) = stmts.get(i + 1).and_then(loop_body)
                && let Some(first) = body.stmts.first()
            {
                let to = self.text.range(first).start;
                self.site(moved.into_loop(), stmt, self.text.move_before(&r, to));
            }
        }
    }

    /// `*m.lock().unwrap() -= 1; next;` becomes
    /// `let mut __guard = m.lock().unwrap(); *__guard -= 1; next; drop(__guard);`.
    fn widen_temporary(&mut self, stmt: &Stmt, lock: &Expr, next: &Stmt) {
        let (s, l, n) = (self.text.range(stmt), self.text.range(lock), self.text.range(next));
        let indent = self.text.indent(s.start);
        let edits = vec![
            Edit { range: s.start..s.start, text: format!("let mut __guard = {};\n{indent}", self.text.slice(&l)) },
            Edit { range: l, text: "__guard".into() },
            Edit { range: n.end..n.end, text: format!("\n{indent}drop(__guard);") },
        ];
        self.site("widen", lock, edits);
    }

    /// `while` -> `if` for `cv.wait_while(g, pred)`: the predicate checked
    /// once, then a single wait, with no re-check after waking.
    fn wait_once(&mut self, m: &ExprMethodCall) {
        let receiver = self.text.slice(&self.text.range(&m.receiver));
        let (guard, pred) =
            (self.text.slice(&self.text.range(&m.args[0])), self.text.slice(&self.text.range(&m.args[1])));
        let text = format!(
            "{{ fn __holds<T, F: FnMut(&mut T) -> bool>(t: &mut T, mut f: F) -> bool {{ f(t) }} \
             let mut __guard = {guard}; \
             if __holds(&mut *__guard, {pred}) {{ {receiver}.wait(__guard) }} else {{ Ok(__guard) }} }}"
        );
        self.site("while-if", &m.method, vec![Edit { range: self.text.range(m), text }]);
    }

    /// The deadline `t` moved 1 ms earlier: the sleep wakes too soon.
    fn earlier(&mut self, at: &impl Spanned, t: &Expr) {
        let r = self.text.range(t);
        let text = format!("({}) - std::time::Duration::from_millis(1)", self.text.slice(&r));
        self.site("sleep", at, vec![Edit { range: r, text }]);
    }

    /// `tokio::select!`: its `biased;` removed, or one of its arms.
    fn select(&mut self, m: &syn::Macro) {
        let tokens: Vec<TokenTree> = m.tokens.clone().into_iter().collect();
        let mut at = 0;
        if let [TokenTree::Ident(b), TokenTree::Punct(semi), ..] = tokens.as_slice()
            && b == "biased"
            && semi.as_char() == ';'
        {
            let r = self.text.offset(b.span().start())..self.text.offset(semi.span().end());
            self.site("biased", b, vec![self.text.delete(&r)]);
            at = 2;
        }
        let Some(arms) = select_arms(&tokens[at..]) else { return };
        for arm in arms.iter().filter(|_| arms.len() > 1) {
            let (first, last) = (&arm[0], &arm[arm.len() - 1]);
            let r = self.text.offset(first.span().start())..self.text.offset(last.span().end());
            self.site("select-arm", first, vec![self.text.delete(&r)]);
        }
        // An arm's future, condition and handler are expressions: the
        // other operators apply inside them too.
        for arm in arms.iter().filter(|_| arms.len() > 1) {
            for (k, part) in arm_expressions(arm).into_iter().enumerate() {
                if let Ok(e) = syn::parse2::<Expr>(part.iter().cloned().collect()) {
                    // An arm's future must be one: no `try_recv()` for its `recv()`.
                    if k == 0
                        && let Expr::MethodCall(m) = &e
                        && m.method == "recv"
                    {
                        self.handled.push(self.text.range(&m.method).start);
                    }
                    self.visit_expr(&e);
                }
            }
        }
    }

    /// Out of a loop: a clone or a spawn that opens a loop body, moved to
    /// just before the statement holding the loop.
    fn out_of_loop(&mut self, body: &Block) {
        let (Some(first), Some(outer)) = (body.stmts.first(), self.enclosing.last().cloned()) else { return };
        if let Some(moved) = loop_mover(first) {
            let from = self.text.range(first);
            self.site(moved.out_of_loop(), first, self.text.move_before(&from, outer.start));
        }
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_block(&mut self, block: &'ast Block) {
        self.statements(block);
        visit::visit_block(self, block);
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        self.enclosing.push(self.text.range(stmt));
        visit::visit_stmt(self, stmt);
        self.enclosing.pop();
    }

    fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
        self.out_of_loop(&e.body);
        if let Pat::Ident(item) = &*e.pat
            && awaits(&e.body, &item.ident)
        {
            // Each item awaited in turn: only the first one is.
            let r = self.text.range(&e.expr);
            let text = format!("({}).into_iter().take(1)", self.text.slice(&r));
            self.site("first-only", &e.expr, vec![Edit { range: r, text }]);
        }
        visit::visit_expr_for_loop(self, e);
    }

    fn visit_expr_loop(&mut self, e: &'ast syn::ExprLoop) {
        self.out_of_loop(&e.body);
        visit::visit_expr_loop(self, e);
    }

    fn visit_expr_while(&mut self, e: &'ast syn::ExprWhile) {
        self.out_of_loop(&e.body);
        // `while` -> `if` around a wait: the condition is checked once only.
        if e.label.is_none() && calls(&e.body, &|m| m.method.to_string().starts_with("wait")) {
            let r = self.text.range(&e.while_token);
            self.site("while-if", &e.while_token, vec![Edit { range: r, text: "if".into() }]);
        }
        if e.label.is_none()
            && let Some(set) = joined_set(&e.cond)
        {
            // The first task's result only: the loop that waits for the rest, an `if`.
            let r = self.text.range(&e.while_token);
            self.site("first-only", &e.while_token, vec![Edit { range: r, text: "if".into() }]);
            let set = self.text.slice(&self.text.range(set));
            for ret in returns(&e.body) {
                let r = self.text.range(ret);
                let text = format!("{{ {set}.detach_all(); {} }}", self.text.slice(&r));
                self.site("detach-all", ret, vec![Edit { range: r, text }]);
            }
        }
        visit::visit_expr_while(self, e);
    }

    fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
        if let Some(body) = iterator_closure_body(m) {
            self.out_of_loop(body);
        }
        let at = self.text.range(&m.method);
        let handled = self.handled.contains(&at.start);
        if m.method == "join" && m.args.is_empty() && !handled {
            // The result is used: a made-up one, if the type has a default.
            let value = "Ok::<_, Box<dyn std::any::Any + Send + 'static>>(Default::default())";
            self.site("join", &m.method, vec![Edit { range: self.text.range(m), text: value.into() }]);
        }
        // Only tokio's `Notify` has both (a `Condvar` has no `notify_waiters`).
        if m.args.is_empty()
            && (m.method == "notify_one" || m.method == "notify_waiters")
            && self.text.source.contains("Notify")
        {
            // One waiter woken instead of all of them, or all instead of one
            // (and no permit stored for a task not yet waiting).
            let other = if m.method == "notify_one" { "notify_waiters" } else { "notify_one" };
            self.site("notify-swap", &m.method, vec![Edit { range: at.clone(), text: other.into() }]);
        }
        if (m.method == "reset" || m.method == "reset_at") && m.args.len() == 1 {
            // `sleep.reset(t)`, `interval.reset_at(t)`: the new deadline early.
            self.earlier(&m.method, &m.args[0]);
        }
        if m.method == "wait_while" && m.args.len() == 2 {
            self.wait_once(m);
        }
        if m.method == "recv" && m.args.is_empty() && !handled {
            self.site("try-recv", &m.method, vec![Edit { range: at, text: "try_recv".into() }]);
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        // An async `recv().await` (an Option) becomes `try_recv().ok()`.
        if let Expr::MethodCall(m) = &*e.base
            && m.method == "recv"
            && m.args.is_empty()
        {
            let at = self.text.range(&m.method);
            self.handled.push(at.start);
            let edit = Edit { range: at.start..self.text.range(e).end, text: "try_recv().ok()".into() };
            self.site("try-recv", &m.method, vec![edit]);
        }
        visit::visit_expr_await(self, e);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(f) = &*c.func
            && let Some(name) = f.path.segments.last().map(|s| s.ident.to_string())
        {
            let args: Vec<&Expr> = c.args.iter().collect();
            match (name.as_str(), args.as_slice()) {
                ("timeout" | "timeout_at", [_, fut]) => {
                    let fut = self.text.slice(&self.text.range(*fut));
                    let text = format!("async {{ Ok::<_, tokio::time::error::Elapsed>(({fut}).await) }}");
                    self.site("timeout", &f.path, vec![Edit { range: self.text.range(c), text }]);
                }
                ("sleep" | "interval", [d]) | ("interval_at", [_, d]) if !is_zero(d) => {
                    let r = self.text.range(*d);
                    let text = format!("({}) / 2", self.text.slice(&r));
                    self.site("sleep", &f.path, vec![Edit { range: r, text }]);
                }
                ("sleep_until", [t]) => self.earlier(&f.path, t),
                _ => {}
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if is_tokio_select(m) {
            self.select(m);
        }
        visit::visit_macro(self, m);
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
        let n = segments.len();
        let ordering = n == 1 || segments[n - 2] == "Ordering";
        if ordering
            && ["SeqCst", "AcqRel", "Release", "Acquire"].contains(&segments[n - 1].as_str())
            && let Some(last) = p.path.segments.last()
        {
            let r = self.text.range(&last.ident);
            self.site("ordering", &last.ident, vec![Edit { range: r, text: "Relaxed".into() }]);
        }
        visit::visit_expr_path(self, p);
    }
}

fn ends_with_semi(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Local(_) | Stmt::Expr(_, Some(_)) | Stmt::Macro(_))
}

/// The receivers of a method chain, outermost first: `a.b().c()` gives the
/// calls `c`, then `b`.
fn chain(mut e: &Expr) -> impl Iterator<Item = &ExprMethodCall> {
    std::iter::from_fn(move || match e {
        Expr::MethodCall(m) => {
            e = &m.receiver;
            Some(m)
        }
        Expr::Try(t) => match &*t.expr {
            Expr::MethodCall(m) => {
                e = &m.receiver;
                Some(m)
            }
            _ => None,
        },
        _ => None,
    })
}

/// A statement that only waits for a thread: `h.join();`,
/// `h.join().expect(..);`, `let _ = h.join();`, `wg.wait();`.
fn removable_join(stmt: &Stmt) -> Option<&ExprMethodCall> {
    let e = match stmt {
        Stmt::Expr(e, Some(_)) => e,
        Stmt::Local(Local { pat: Pat::Wild(_), init: Some(init), .. }) => &init.expr,
        _ => return None,
    };
    chain(e).find(|m| m.args.is_empty() && (m.method == "join" || m.method == "wait"))
}

/// `h.join().expect(..);` or `.unwrap();`: the `h.join()`.
fn checked_join(stmt: &Stmt) -> Option<&Expr> {
    let Stmt::Expr(Expr::MethodCall(check), Some(_)) = stmt else { return None };
    let join = &*check.receiver;
    let is_join = matches!(join, Expr::MethodCall(j) if j.method == "join" && j.args.is_empty());
    (is_join && (check.method == "expect" || check.method == "unwrap")).then_some(join)
}

/// `drop(x);`
fn dropped(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(Expr::Call(call), Some(_))
        if call.args.len() == 1
            && matches!(&*call.func, Expr::Path(f) if f.path.segments.last().is_some_and(|s| s.ident == "drop")))
}

/// Does `block` call a method that `pick` accepts (outside macros)?
fn calls(block: &Block, pick: &dyn Fn(&ExprMethodCall) -> bool) -> bool {
    struct Find<'p> {
        pick: &'p dyn Fn(&ExprMethodCall) -> bool,
        found: bool,
    }
    impl<'a> Visit<'a> for Find<'_> {
        fn visit_expr_method_call(&mut self, m: &'a ExprMethodCall) {
            self.found |= (self.pick)(m);
            visit::visit_expr_method_call(self, m);
        }
    }
    let mut find = Find { pick, found: false };
    find.visit_block(block);
    find.found
}

const LOCKS: [&str; 3] = ["lock", "read", "write"];

/// `let g = m.lock()...;`
fn is_lock_let(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Local(Local { init: Some(init), .. }) if chain(&init.expr).any(|m| LOCKS.contains(&m.method.to_string().as_str()) && m.args.is_empty()))
}

/// `tx.send(x)...;`
fn is_send(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(e, Some(_)) if chain(e).any(|m| m.method == "send"))
}

/// In `*m.lock().unwrap() -= 1`, the guard expression `m.lock().unwrap()`.
fn temporary_lock(e: &Expr) -> Option<&Expr> {
    let mut found = None;
    struct Find<'a, 'b>(&'b mut Option<&'a Expr>);
    impl<'a> Visit<'a> for Find<'a, '_> {
        fn visit_expr(&mut self, e: &'a Expr) {
            if self.0.is_some() {
                return;
            }
            if let Expr::MethodCall(outer) = e
                && (outer.method == "unwrap" || outer.method == "expect")
                && let Expr::MethodCall(inner) = &*outer.receiver
                && inner.method == "lock"
                && inner.args.is_empty()
            {
                *self.0 = Some(e);
                return;
            }
            if !matches!(e, Expr::Closure(_) | Expr::Block(_)) {
                visit::visit_expr(self, e);
            }
        }
    }
    Find(&mut found).visit_expr(e);
    found
}

/// `let g = m.lock()..;`, `let _permit = sem.acquire();`: a binding held for
/// its scope. Its name, with `mut` if it has one.
fn held_binding(local: &Local) -> Option<String> {
    let Pat::Ident(p) = &local.pat else { return None };
    let init = local.init.as_ref()?;
    let name = p.ident.to_string();
    let guardish = chain(&init.expr).any(|m| {
        let m = m.method.to_string();
        LOCKS.contains(&m.as_str()) || m == "acquire" || m == "drop_guard"
    });
    (guardish || name.starts_with('_')).then_some(name)
}

/// What a loop mover moves.
#[derive(Clone, Copy)]
enum Moved {
    Clone,
    Spawn,
}

impl Moved {
    fn into_loop(self) -> &'static str {
        match self {
            Moved::Clone => "clone-in",
            Moved::Spawn => "spawn-in",
        }
    }
    fn out_of_loop(self) -> &'static str {
        match self {
            Moved::Clone => "clone-out",
            Moved::Spawn => "spawn-out",
        }
    }
}

/// `let x = y.clone();` or `let h = thread::spawn(..);`.
fn loop_mover(stmt: &Stmt) -> Option<Moved> {
    let Stmt::Local(Local { init: Some(init), .. }) = stmt else { return None };
    if chain(&init.expr).next().is_some_and(|m| m.method == "clone") {
        return Some(Moved::Clone);
    }
    if let Expr::Tuple(t) = &*init.expr
        && t.elems.iter().any(|e| chain(e).next().is_some_and(|m| m.method == "clone"))
    {
        return Some(Moved::Clone);
    }
    let spawn = match &*init.expr {
        Expr::Call(c) => {
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "spawn"))
        }
        e => chain(e).any(|m| m.method == "spawn"),
    };
    spawn.then_some(Moved::Spawn)
}

/// The body of a loop statement: `for`, `while`, `loop`.
fn loop_body(stmt: &Stmt) -> Option<&Block> {
    match stmt {
        Stmt::Expr(Expr::ForLoop(f), _) => Some(&f.body),
        Stmt::Expr(Expr::While(w), _) => Some(&w.body),
        Stmt::Expr(Expr::Loop(l), _) => Some(&l.body),
        _ => None,
    }
}

/// `.map(|x| { .. })` and its kin run their closure once per item: a loop.
fn iterator_closure_body(m: &ExprMethodCall) -> Option<&Block> {
    const PER_ITEM: [&str; 6] = ["map", "for_each", "flat_map", "filter_map", "inspect", "try_for_each"];
    if !PER_ITEM.contains(&m.method.to_string().as_str()) {
        return None;
    }
    match m.args.first()? {
        Expr::Closure(c) => match &*c.body {
            Expr::Block(b) => Some(&b.block),
            _ => None,
        },
        _ => None,
    }
}

/// `a.abort();`, `set.abort_all();`, `set.shutdown().await;`,
/// `token.cancel();`, `timer.reset();`: the operator that removes it.
fn stopping_call(stmt: &Stmt) -> Option<&'static str> {
    let Stmt::Expr(e, Some(_)) = stmt else { return None };
    let mut e = e;
    loop {
        match e {
            Expr::Await(a) => e = &a.base,
            Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => e = &m.receiver,
            Expr::MethodCall(m) => {
                return match (m.method.to_string().as_str(), m.args.len()) {
                    ("abort" | "abort_all" | "shutdown", 0) => Some("abort"),
                    ("cancel", 0) => Some("cancel"),
                    ("reset", 0 | 1) | ("reset_at", 1) => Some("reset"),
                    _ => None,
                };
            }
            _ => return None,
        }
    }
}

/// `h.await;`, `let _ = h.await;`, `h.await.unwrap();`: a task waited for
/// and its result unused.
fn awaited_handle(stmt: &Stmt) -> bool {
    let mut e = match stmt {
        Stmt::Expr(e, Some(_)) => e,
        Stmt::Local(Local { pat: Pat::Wild(_), init: Some(init), .. }) => &init.expr,
        _ => return false,
    };
    while let Expr::MethodCall(m) = e
        && (m.method == "unwrap" || m.method == "expect")
    {
        e = &m.receiver;
    }
    matches!(e, Expr::Await(a) if matches!(&*a.base, Expr::Path(p) if p.path.get_ident().is_some()))
}

/// In `let Some(x) = set.join_next().await`, the `set`.
fn joined_set(cond: &Expr) -> Option<&Expr> {
    let Expr::Let(l) = cond else { return None };
    let Expr::Await(a) = &*l.expr else { return None };
    match &*a.base {
        Expr::MethodCall(m) if m.method == "join_next" || m.method == "join_next_with_id" => Some(&m.receiver),
        _ => None,
    }
}

/// The `return`s of `block`, outside closures and async blocks (whose
/// `return` is theirs).
fn returns(block: &Block) -> Vec<&syn::ExprReturn> {
    struct Find<'a>(Vec<&'a syn::ExprReturn>);
    impl<'a> Visit<'a> for Find<'a> {
        fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
            self.0.push(r);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    }
    let mut find = Find(Vec::new());
    find.visit_block(block);
    find.0
}

/// Does `block` await `name` itself (`name.await`)?
fn awaits(block: &Block, name: &syn::Ident) -> bool {
    struct Find<'n> {
        name: &'n syn::Ident,
        found: bool,
    }
    impl<'a> Visit<'a> for Find<'_> {
        fn visit_expr_await(&mut self, a: &'a syn::ExprAwait) {
            self.found |= matches!(&*a.base, Expr::Path(p) if p.path.is_ident(self.name));
            visit::visit_expr_await(self, a);
        }
    }
    let mut find = Find { name, found: false };
    find.visit_block(block);
    find.found
}

/// `tokio::select!`, or a bare `select!` shaped like tokio's (no
/// crossbeam `recv(r) -> msg` arm).
fn is_tokio_select(m: &syn::Macro) -> bool {
    let names: Vec<String> = m.path.segments.iter().map(|s| s.ident.to_string()).collect();
    match names.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["tokio", "select"] => true,
        ["select"] => {
            let tokens: Vec<TokenTree> = m.tokens.clone().into_iter().collect();
            !tokens.windows(2).any(|w| is_punct_pair(w, '-', '>'))
        }
        _ => false,
    }
}

fn is_punct_pair(w: &[TokenTree], a: char, b: char) -> bool {
    matches!(w, [TokenTree::Punct(x), TokenTree::Punct(y), ..]
        if x.as_char() == a && y.as_char() == b && x.spacing() == proc_macro2::Spacing::Joint)
}

/// A `select!`'s arms, each its tokens with its trailing comma:
/// `pat = fut (, if cond)? => handler,`. A handler that is a `{ .. }` block
/// needs no comma; any other ends at the next comma.
fn select_arms(tokens: &[TokenTree]) -> Option<Vec<&[TokenTree]>> {
    let mut arms = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let arrow = (start..tokens.len().saturating_sub(1)).find(|&i| is_punct_pair(&tokens[i..], '=', '>'))?;
        let handler = arrow + 2;
        let mut end = match tokens.get(handler)? {
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => handler + 1,
            _ => (handler..tokens.len())
                .find(|&i| matches!(&tokens[i], TokenTree::Punct(p) if p.as_char() == ','))
                .unwrap_or(tokens.len()),
        };
        if matches!(tokens.get(end), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
            end += 1;
        }
        arms.push(&tokens[start..end]);
        start = end;
    }
    Some(arms)
}

/// The expressions of a `select!` arm `pat = fut (, if cond)? => handler,`:
/// `fut`, `cond` and `handler`.
fn arm_expressions(arm: &[TokenTree]) -> Vec<&[TokenTree]> {
    let is = |t: &TokenTree, c: char| matches!(t, TokenTree::Punct(p) if p.as_char() == c);
    let Some(arrow) = (0..arm.len().saturating_sub(1)).find(|&i| is_punct_pair(&arm[i..], '=', '>')) else {
        return Vec::new();
    };
    let Some(eq) = (0..arrow).find(|&i| {
        matches!(&arm[i], TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone)
            && !(i > 0 && matches!(&arm[i - 1], TokenTree::Punct(p) if p.spacing() == proc_macro2::Spacing::Joint))
    }) else {
        return Vec::new();
    };
    let guard =
        (eq + 1..arrow).find(|&i| is(&arm[i], ',') && matches!(arm.get(i + 1), Some(TokenTree::Ident(k)) if k == "if"));
    let mut end = arm.len();
    if end > arrow + 2 && is(&arm[end - 1], ',') {
        end -= 1;
    }
    let mut parts = vec![&arm[eq + 1..guard.unwrap_or(arrow)]];
    if let Some(g) = guard {
        parts.push(&arm[g + 2..arrow]);
    }
    parts.push(&arm[arrow + 2..end]);
    parts
}

/// `Duration::ZERO`: half of it is the same.
fn is_zero(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "ZERO"))
}
