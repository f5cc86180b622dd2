// Known-bad (expect `race`): the look is a statement of its own, so its guard
// is gone before the insert: no deadlock. But two threads can both miss one new
// name, and the second insert overwrites the first with another number.
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
        let found = self.ids.lock().unwrap().get(name).copied();
        match found {
            Some(id) => id,
            None => {
                let mut ids = self.ids.lock().unwrap();
                let id = ids.len() as u32;
                ids.insert(name.to_string(), id);
                id
            }
        }
    }
}
