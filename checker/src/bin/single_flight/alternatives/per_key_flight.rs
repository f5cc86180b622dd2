use checker::sync::{Arc, Condvar, Mutex};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What time it is: the checks hand the cache their own clock.
pub type Clock = Box<dyn Fn() -> Instant + Send + Sync>;

/// One load in flight, as Go's singleflight keeps it: its waiters sleep on
/// its own Condvar until `done` holds the value.
#[derive(Default)]
struct Flight {
    done: Mutex<Option<String>>,
    landed: Condvar,
}

#[derive(Default)]
struct State {
    values: HashMap<String, (String, Instant)>,
    flights: HashMap<String, Arc<Flight>>,
}

pub struct Cache {
    ttl: Duration,
    now: Clock,
    state: Mutex<State>,
}

impl Cache {
    pub fn new(ttl: Duration, now: Clock) -> Cache {
        Cache { ttl, now, state: Mutex::new(State::default()) }
    }

    pub fn get_or_load(&self, key: &str, load: impl FnOnce() -> String) -> String {
        let (flight, leader) = {
            let mut state = self.state.lock().unwrap();
            if let Some((value, at)) = state.values.get(key) {
                if (self.now)().duration_since(*at) < self.ttl {
                    return value.clone();
                }
            }
            match state.flights.get(key) {
                Some(f) => (Arc::clone(f), false),
                None => {
                    let f = Arc::new(Flight::default());
                    state.flights.insert(key.to_string(), Arc::clone(&f));
                    (f, true)
                }
            }
        };
        if !leader {
            let done = flight.landed.wait_while(flight.done.lock().unwrap(), |d| d.is_none()).unwrap();
            return done.clone().unwrap();
        }
        let value = load();
        {
            let mut state = self.state.lock().unwrap();
            state.values.insert(key.to_string(), (value.clone(), (self.now)()));
            state.flights.remove(key);
        }
        *flight.done.lock().unwrap() = Some(value.clone());
        flight.landed.notify_all();
        value
    }
}
