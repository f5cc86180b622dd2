// Day 26 (stretch): debugging a deadlock with one lock and one thread
//
// `id` hands out numbers for names, the same number for the same name, from
// any thread. It compiles, and it looks as if it locks the map once to look
// and once to insert. Save it untouched: one thread, one call, and it hangs.
//
// A guard unlocks when it is dropped, and a guard nobody named is a
// temporary. A temporary lives to the end of the statement that made it, and
// for a `match`, the statement is the whole `match`: a temporary made in its
// scrutinee lives on through every arm. Rust 2024 (this course's edition)
// changed `if let`: its scrutinee's temporaries are now dropped before its
// `else` block, but they still live through the `if let`'s own block, and
// through a `while let`'s body; `match` did not change.
//
// Go has no temporaries: `mu.Lock()` holds until `mu.Unlock()`, so the same
// bug there is a missing `Unlock` before locking again. Neither language's
// mutex is reentrant: locking it again on the thread that holds it never
// returns (std allows a panic instead; here it waits for itself).
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
            None => {
                let mut ids = self.ids.lock().unwrap();
                let id = ids.len() as u32;
                ids.insert(name.to_string(), id);
                id
            }
        }
    }
}
