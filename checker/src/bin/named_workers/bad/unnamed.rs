// Known-bad (expect `wrong`): spawns with `thread::spawn`, so the workers' threads
// have no names.
use checker::thread;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Finished(u32),
    Panicked(String),
}

pub fn run_workers(names: &[&str], work: fn(&str) -> u32) -> Vec<(String, Outcome)> {
    let mut handles = Vec::new();
    for &name in names {
        let own = name.to_string();
        handles.push((name.to_string(), thread::spawn(move || work(&own))));
    }
    handles
        .into_iter()
        .map(|(name, h)| match h.join() {
            Ok(v) => (name, Outcome::Finished(v)),
            Err(p) => (name, Outcome::Panicked(panic_message(p))),
        })
        .collect()
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}
