// Known-bad (expect `compile`): Rc and RefCell, the single-threaded way to
// share and mutate. Neither is `Send`, so `thread::spawn` refuses the closure.
use checker::sync::Arc;
use checker::thread;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

pub type Clean = Arc<dyn Fn(&str) -> String + Send + Sync>;

pub fn word_count(texts: Vec<String>, clean: Clean) -> BTreeMap<String, usize> {
    let counts = Rc::new(RefCell::new(BTreeMap::new()));
    let threads: Vec<_> = texts
        .into_iter()
        .map(|text| {
            let (counts, clean) = (Rc::clone(&counts), Arc::clone(&clean));
            thread::spawn(move || {
                for word in text.split_whitespace() {
                    *counts.borrow_mut().entry(clean(word)).or_insert(0) += 1;
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    counts.borrow().clone()
}
