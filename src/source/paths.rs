//! The paths a Rust file names, read from its tokens (so comments and
//! literals are never code) and resolved through its `use` and
//! `extern crate` aliases: `use std as s; s::thread::spawn` names
//! `std::thread::spawn`.

use std::collections::HashSet;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// A path the file names, resolved to the crate it starts from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Named {
    pub line: usize,
    /// Resolved segments: `["std", "thread", "spawn"]`; `["*"]` ends a glob.
    pub path: Vec<String>,
    pub how: How,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum How {
    /// In a `use` or `extern crate` declaration.
    Import,
    /// In code, directly or through an alias bound by the import on `line`.
    Code { alias: Option<Alias> },
    /// Not bound by any `use`: the name could come from the glob import
    /// `use <path>::*` on that line.
    FromGlob { glob_line: usize },
    /// `crate::` or a `super::` above the file: code outside the learner's
    /// file (the check program the file is built into).
    Outside,
    /// `mod name;` or `include!`: code from another file.
    OtherFile,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Alias {
    pub name: String,
    pub line: usize,
    /// What the alias stands for, resolved.
    pub target: Vec<String>,
}

/// Every path `text` names, or the lexer's error (then the file does not
/// compile either, and the compiler says why).
pub fn named(text: &str) -> Result<Vec<Named>, proc_macro2::LexError> {
    let mut walk = Walk { scopes: Vec::new(), found: Vec::new(), seen: HashSet::new(), bound: 0 };
    let lexed = text.parse::<TokenStream>().map(|stream| walk.level(stream, 0));
    // Every token is dropped: free the spans (the lexer otherwise keeps each
    // file it read in a thread-local map, and watch mode reads many).
    proc_macro2::extra::invalidate_current_thread_spans();
    lexed.map(|()| walk.found)
}

/// A name bound by a `use` (or `extern crate`), as written.
#[derive(Clone, Debug)]
struct Binding {
    /// Unique in the file: an import is resolved without itself.
    id: usize,
    name: String,
    raw: Vec<String>,
    leading: bool,
    line: usize,
}

#[derive(Default)]
struct Scope {
    bindings: Vec<Binding>,
    /// `use <path>::*`: its path as written, leading `::`, line, id.
    globs: Vec<(Vec<String>, bool, usize, usize)>,
    /// How many `mod { }` the scope is inside.
    mod_depth: usize,
}

struct Walk {
    scopes: Vec<Scope>,
    found: Vec<Named>,
    seen: HashSet<Named>,
    /// Bindings made so far (for their ids).
    bound: usize,
}

/// One leaf of a use tree.
struct Leaf {
    raw: Vec<String>,
    leading: bool,
    line: usize,
    /// `None` for a glob; `Some("_")` for `as _`.
    name: Option<String>,
}

/// Words after which `::` starts a path rather than continuing one.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "dyn", "else", "enum", "extern", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "type", "unsafe", "use", "where", "while", "yield",
];

fn ident(t: &TokenTree) -> Option<String> {
    match t {
        TokenTree::Ident(i) => {
            let s = i.to_string();
            Some(s.strip_prefix("r#").map(str::to_string).unwrap_or(s))
        }
        _ => None,
    }
}

fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// `::` starts at `i`.
fn is_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && is_punct(tokens.get(i + 1), ':')
}

fn line_of(t: &TokenTree) -> usize {
    t.span().start().line
}

impl Walk {
    /// The tokens of one delimited level (the file, or a group's inside).
    fn level(&mut self, stream: TokenStream, mod_depth: usize) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        // Uses are visible in their whole block, before and after them: bind
        // them first, then read the code.
        let (leaves, skip) = self.declarations(&tokens);
        let mut scope = Scope { mod_depth, ..Scope::default() };
        let first_id = self.bound;
        for (n, leaf) in leaves.iter().enumerate() {
            let id = first_id + n;
            match &leaf.name {
                Some(name) => scope.bindings.push(Binding {
                    id,
                    name: name.clone(),
                    raw: leaf.raw.clone(),
                    leading: leaf.leading,
                    line: leaf.line,
                }),
                None => scope.globs.push((leaf.raw.clone(), leaf.leading, leaf.line, id)),
            }
        }
        self.bound += leaves.len();
        self.scopes.push(scope);
        for (n, leaf) in leaves.iter().enumerate() {
            self.import(leaf, first_id + n);
        }
        let mut i = 0;
        while i < tokens.len() {
            if let Some(end) = skip.iter().find(|(from, _)| *from == i).map(|(_, to)| *to) {
                // A `use` item: already read, but its groups hold no code.
                i = end;
                continue;
            }
            i = self.token(&tokens, i, mod_depth);
        }
        self.scopes.pop();
    }

    /// Reads the token at `i` (and the path it starts); returns the next index.
    fn token(&mut self, tokens: &[TokenTree], i: usize, mod_depth: usize) -> usize {
        let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
        match &tokens[i] {
            TokenTree::Group(g) => {
                let is_mod = g.delimiter() == Delimiter::Brace
                    && i >= 2
                    && ident(&tokens[i - 2]).as_deref() == Some("mod")
                    && ident(&tokens[i - 1]).is_some();
                self.level(g.stream(), mod_depth + usize::from(is_mod));
                i + 1
            }
            TokenTree::Ident(_) => {
                let word = ident(&tokens[i]).unwrap_or_default();
                let after_dot_or_meta = is_punct(prev, '.') || is_punct(prev, '$') || is_punct(prev, '\'');
                let continues = i >= 2 && is_sep(tokens, i - 2);
                if word == "mod" && tokens.get(i + 1).and_then(ident).is_some() && is_punct(tokens.get(i + 2), ';') {
                    self.push(line_of(&tokens[i]), vec!["mod".into()], How::OtherFile);
                }
                if after_dot_or_meta || continues || KEYWORDS.contains(&word.as_str()) {
                    return i + 1;
                }
                if word == "include" && is_punct(tokens.get(i + 1), '!') {
                    self.push(line_of(&tokens[i]), vec!["include".into()], How::OtherFile);
                }
                let (segs, next) = segments(tokens, i);
                self.code(line_of(&tokens[i]), &segs, false);
                next
            }
            TokenTree::Punct(_) if is_sep(tokens, i) => {
                // A leading `::` (`::std::thread`), unless it follows a
                // path or a generic argument list (`Vec::<T>::new`).
                let arrow = i >= 2 && (is_punct(tokens.get(i - 2), '=') || is_punct(tokens.get(i - 2), '-'));
                let follows = prev.and_then(ident).is_some_and(|w| !KEYWORDS.contains(&w.as_str()))
                    || (is_punct(prev, '>') && !arrow);
                if follows || tokens.get(i + 2).and_then(ident).is_none() {
                    return i + 2;
                }
                let (segs, next) = segments(tokens, i + 2);
                self.code(line_of(&tokens[i]), &segs, true);
                next
            }
            _ => i + 1,
        }
    }

    fn push(&mut self, line: usize, path: Vec<String>, how: How) {
        let n = Named { line, path, how };
        if self.seen.insert(n.clone()) {
            self.found.push(n);
        }
    }

    /// The `use` and `extern crate` items of a level: their leaves, and the
    /// token ranges they span.
    fn declarations(&self, tokens: &[TokenTree]) -> (Vec<Leaf>, Vec<(usize, usize)>) {
        let mut leaves = Vec::new();
        let mut spans = Vec::new();
        for i in 0..tokens.len() {
            let word = ident(&tokens[i]);
            if !matches!(word.as_deref(), Some("use" | "extern")) {
                continue;
            }
            let end = tokens[i..].iter().position(|t| is_punct(Some(t), ';')).map(|p| i + p);
            let line = line_of(&tokens[i]);
            match (word.as_deref(), end) {
                // Not `impl Trait + use<'a>`.
                (Some("use"), Some(end)) if !is_punct(tokens.get(i + 1), '<') => {
                    let mut at = i + 1;
                    use_tree(tokens, &mut at, end, Vec::new(), false, line, &mut leaves);
                    spans.push((i, end + 1));
                }
                (Some("extern"), Some(end)) if tokens.get(i + 1).and_then(ident).as_deref() == Some("crate") => {
                    let items: Vec<String> = tokens[i + 2..end].iter().filter_map(ident).collect();
                    if let Some(krate) = items.first() {
                        let name = match items.as_slice() {
                            [_, as_, alias] if as_ == "as" => alias.clone(),
                            _ => krate.clone(),
                        };
                        let krate = if krate == "self" { "crate".to_string() } else { krate.clone() };
                        leaves.push(Leaf { raw: vec![krate], leading: true, line, name: Some(name) });
                    }
                    spans.push((i, end + 1));
                }
                _ => {}
            }
        }
        (leaves, spans)
    }

    /// A `use` leaf (binding `id`): the path it imports, resolved
    /// (`use s::thread::spawn` where `s` is `std` imports `std::thread::spawn`).
    fn import(&mut self, leaf: &Leaf, id: usize) {
        let mut raw = leaf.raw.clone();
        if leaf.name.is_none() {
            raw.push("*".into());
        }
        if let Some((path, _, outside)) = self.resolve(&raw, leaf.leading, Some(id)) {
            self.push(leaf.line, path, if outside { How::Outside } else { How::Import });
        }
    }

    /// A path in code.
    fn code(&mut self, line: usize, segs: &[String], leading: bool) {
        if segs.is_empty() {
            return;
        }
        match self.resolve(segs, leading, None) {
            Some((path, _, true)) => self.push(line, path, How::Outside),
            Some((path, alias, false)) => self.push(line, path, How::Code { alias }),
            None => {
                // Not bound by a `use`: it may come from a glob import. Only
                // `checker`'s globs can bring in a name refused on its own (the
                // checks' bookkeeping); a std glob that could is refused itself.
                let globs: Vec<(Vec<String>, usize)> = self
                    .scopes
                    .iter()
                    .flat_map(|s| s.globs.iter())
                    .filter_map(|(raw, leading, line, id)| {
                        self.resolve(raw, *leading, Some(*id)).map(|(p, _, _)| (p, *line))
                    })
                    .filter(|(glob, _)| glob.first().is_some_and(|root| root == "checker"))
                    .collect();
                for (glob, glob_line) in globs {
                    let path = glob.into_iter().chain(segs.iter().cloned()).collect();
                    self.push(line, path, How::FromGlob { glob_line });
                }
            }
        }
    }

    /// Resolves `segs` to the crate it starts from: `(path, alias used,
    /// reaches outside the file)`, or `None` for a name no `use` binds
    /// (a local item, a variable, a prelude name). `skip` is the binding
    /// being resolved (so `use std;` does not resolve to itself).
    fn resolve(
        &self,
        segs: &[String],
        leading: bool,
        skip: Option<usize>,
    ) -> Option<(Vec<String>, Option<Alias>, bool)> {
        self.resolve_depth(segs, leading, skip, 0)
    }

    fn resolve_depth(
        &self,
        segs: &[String],
        leading: bool,
        skip: Option<usize>,
        depth: usize,
    ) -> Option<(Vec<String>, Option<Alias>, bool)> {
        let first = segs.first()?;
        if leading || depth > 8 {
            return Some((segs.to_vec(), None, false));
        }
        let mod_depth = self.scopes.last().map_or(0, |s| s.mod_depth);
        match first.as_str() {
            "crate" => return Some((segs.to_vec(), None, true)),
            "self" | "super" => {
                let supers = segs.iter().take_while(|s| *s == "super").count();
                let rest: Vec<String> = segs.iter().skip_while(|s| *s == "self" || *s == "super").cloned().collect();
                if supers > mod_depth {
                    return Some((segs.to_vec(), None, true));
                }
                // Within the file: a name bound in an enclosing module.
                return self.resolve_depth(&rest, false, skip, depth + 1);
            }
            _ => {}
        }
        let binding = self
            .scopes
            .iter()
            .rev()
            .flat_map(|s| s.bindings.iter().rev())
            .find(|b| b.name == *first && Some(b.id) != skip);
        match binding {
            Some(b) if b.name != "_" => {
                let (target, _, outside) = self.resolve_depth(&b.raw, b.leading, Some(b.id), depth + 1)?;
                let path = target.iter().cloned().chain(segs[1..].iter().cloned()).collect();
                let alias = Alias { name: b.name.clone(), line: b.line, target };
                Some((path, Some(alias), outside))
            }
            // A crate by its own name (`std::`, `checker::`), or a
            // local name the rules will not know.
            _ if segs.len() > 1 || skip.is_some() => Some((segs.to_vec(), None, false)),
            _ => None,
        }
    }
}

/// The path starting at ident `i`: its segments and the index after it.
/// Stops at a turbofish (`spawn::<T>`) or anything else.
fn segments(tokens: &[TokenTree], mut i: usize) -> (Vec<String>, usize) {
    let mut segs = Vec::new();
    while let Some(name) = tokens.get(i).and_then(ident) {
        segs.push(name);
        if is_sep(tokens, i + 1) && tokens.get(i + 3).and_then(ident).is_some() {
            i += 3;
        } else {
            return (segs, i + 1);
        }
    }
    (segs, i)
}

/// Reads a use tree from `tokens[*at..end]` under `prefix`, adding leaves.
fn use_tree(
    tokens: &[TokenTree],
    at: &mut usize,
    end: usize,
    prefix: Vec<String>,
    mut leading: bool,
    line: usize,
    leaves: &mut Vec<Leaf>,
) {
    let mut path = prefix;
    if path.is_empty() && is_sep(tokens, *at) {
        leading = true;
        *at += 2;
    }
    while *at < end {
        match &tokens[*at] {
            TokenTree::Ident(_) => {
                let word = ident(&tokens[*at]).unwrap_or_default();
                if word == "as" {
                    let name = tokens.get(*at + 1).and_then(ident).unwrap_or_else(|| "_".into());
                    let name = if name == "_" { "_".to_string() } else { name };
                    *at += 2;
                    finish(path, leading, line, Some(name), leaves);
                    return;
                }
                if word != "self" || path.is_empty() {
                    path.push(word);
                }
                *at += 1;
                if is_sep(tokens, *at) {
                    *at += 2;
                } else if tokens.get(*at).and_then(ident).as_deref() == Some("as") {
                    continue;
                } else {
                    let name = path.last().cloned();
                    finish(path, leading, line, name, leaves);
                    return;
                }
            }
            TokenTree::Punct(p) if p.as_char() == '*' => {
                *at += 1;
                finish(path, leading, line, None, leaves);
                return;
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                *at += 1;
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let mut j = 0;
                while j < inner.len() {
                    let item_end =
                        inner[j..].iter().position(|t| is_punct(Some(t), ',')).map_or(inner.len(), |p| j + p);
                    let mut k = j;
                    use_tree(&inner, &mut k, item_end, path.clone(), leading, line_of(&inner[j]), leaves);
                    j = item_end + 1;
                }
                return;
            }
            _ => return,
        }
    }
}

fn finish(path: Vec<String>, leading: bool, line: usize, name: Option<String>, leaves: &mut Vec<Leaf>) {
    if !path.is_empty() {
        leaves.push(Leaf { raw: path, leading, line, name });
    }
}
