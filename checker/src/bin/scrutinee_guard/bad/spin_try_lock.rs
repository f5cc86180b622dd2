// Known-bad (expect `timeout`), written blind from the exercise text: thinks the lock is just busy
// for a moment: in the None arm it spins on try_lock until it is free, but the guard it waits for
// is its own scrutinee temporary
// Day 26 (stretch): debugging a deadlock with one lock and one thread
//
// TODO: fix `id` so it never deadlocks, and so that two threads asking for
// one new name at once both get the same number.
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
        match self.ids.lock().unwrap().get(name).copied() {
            Some(id) => id,
            None => loop {
                // the first lock may still be held for a moment: retry
                if let Ok(mut ids) = self.ids.try_lock() {
                    let id = ids.len() as u32;
                    ids.insert(name.to_string(), id);
                    break id;
                }
            },
        }
    }
}
