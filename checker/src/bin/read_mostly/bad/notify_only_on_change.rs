// Known-bad: calls the listener only when the route really changed; setting a route to what it already was never calls `changed`, though set_route always calls it (wrong).
use checker::sync::{OnceLock, RwLock};
use std::collections::HashMap;

#[derive(Default)]
pub struct Settings {
    config: OnceLock<String>,
    routes: RwLock<HashMap<String, String>>,
}

impl Settings {
    pub fn config(&self, load: impl FnOnce() -> String) -> &str {
        self.config.get_or_init(load)
    }

    pub fn route<R>(&self, path: &str, f: impl FnOnce(Option<&str>) -> R) -> R {
        let routes = self.routes.read().unwrap();
        f(routes.get(path).map(String::as_str))
    }

    pub fn set_route(&self, path: &str, to: &str, changed: impl FnOnce()) {
        let previous = self.routes.write().unwrap().insert(path.to_string(), to.to_string());
        if previous.as_deref() != Some(to) {
            changed();
        }
    }
}
