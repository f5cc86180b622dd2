// Known-bad (expect `deadlock`): the lock moved out of the `match` into a named
// guard, which lives to the end of the function: the second lock still waits
// for the first. The deadlock moved up a line; it did not go.
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
        let ids = self.ids.lock().unwrap();
        match ids.get(name).copied() {
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
