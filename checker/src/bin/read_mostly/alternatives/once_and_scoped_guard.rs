// Day 20: run once, read mostly (an alternative: Go's sync.Once style, a
// `Once` that decides who loads next to a `OnceLock` that holds the value;
// guards in blocks of their own, and a poisoned lock's data still used)
use checker::sync::{Once, OnceLock, PoisonError, RwLock};
use std::collections::HashMap;

#[derive(Default)]
pub struct Settings {
    once: Once,
    config: OnceLock<String>,
    routes: RwLock<HashMap<String, String>>,
}

impl Settings {
    pub fn config(&self, load: impl FnOnce() -> String) -> &str {
        // `call_once_force`, not `call_once`: a load that panicked poisons
        // the Once, and the next caller must be let in to load again.
        self.once.call_once_force(|_| {
            let _ = self.config.set(load());
        });
        self.config.get().expect("the Once completed, so the value is set")
    }

    pub fn route<R>(&self, path: &str, f: impl FnOnce(Option<&str>) -> R) -> R {
        let routes = self.routes.read().unwrap_or_else(PoisonError::into_inner);
        let to = routes.get(path);
        f(to.map(|s| s.as_str()))
    }

    pub fn set_route(&self, path: &str, to: &str, changed: impl FnOnce()) {
        {
            let mut routes = self.routes.write().unwrap_or_else(PoisonError::into_inner);
            routes.insert(path.to_owned(), to.to_owned());
        }
        changed();
    }
}
