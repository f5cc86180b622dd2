// Day 26, scrutinee_guard: the reference solution. One guard, named, held for
// the look and the insert: no second lock, and no moment for another thread
// to slip in between.
use checker::sync::Mutex;
use std::collections::HashMap;

#[derive(Default)]
pub struct Names {
    ids: Mutex<HashMap<String, u32>>,
}

impl Names {
    /// The number of `name`: 0 for the first name ever asked for, 1 for the
    /// next new one, and so on; the same number every time for one name.
    pub fn id(&self, name: &str) -> u32 {
        let mut ids = self.ids.lock().unwrap();
        let next = ids.len() as u32;
        *ids.entry(name.to_string()).or_insert(next)
    }
}
