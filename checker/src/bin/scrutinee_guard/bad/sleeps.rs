// Known-bad (expect `deadlock`): a sleep before locking again, as if the first
// lock were let go by itself after a while. It is let go when its guard is
// dropped, at the end of the `match`, and that is after the second lock.
use checker::sync::Mutex;
use checker::thread;
use std::collections::HashMap;
use std::time::Duration;

#[derive(Default)]
pub struct Names {
    ids: Mutex<HashMap<String, u32>>,
}

impl Names {
    /// The number of `name`: 0 for the first name ever asked for, 1 for the
    /// next new one, and so on; the same number every time for one name.
    pub fn id(&self, name: &str) -> u32 {
        match self.ids.lock().unwrap().get(name).copied() {
            Some(id) => id,
            None => {
                // Give the first lock time to be let go.
                thread::sleep(Duration::from_millis(10));
                let mut ids = self.ids.lock().unwrap();
                let id = ids.len() as u32;
                ids.insert(name.to_string(), id);
                id
            }
        }
    }
}
