// Day 26, scrutinee_guard, another style: look, then lock again to insert. It
// relies on Rust 2024: an `if let`'s scrutinee temporaries (the guard) are
// dropped before its `else` block (in Rust 2021 this deadlocks). The insert
// looks again, since another thread may have added the name in between.
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
        if let Some(&id) = self.ids.lock().unwrap().get(name) {
            id
        } else {
            let mut ids = self.ids.lock().unwrap();
            let next = ids.len() as u32;
            *ids.entry(name.to_string()).or_insert(next)
        }
    }
}
