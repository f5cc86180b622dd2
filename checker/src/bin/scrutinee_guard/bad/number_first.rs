// Known-bad (expect `race`): the next number is read under one lock and the
// name inserted under another, with `entry`: two threads can each read the
// same free number for two different names.
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
        let next = self.ids.lock().unwrap().len() as u32;
        *self.ids.lock().unwrap().entry(name.to_string()).or_insert(next)
    }
}
