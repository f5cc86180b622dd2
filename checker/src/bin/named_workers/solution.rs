use checker::thread;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Finished(u32),
    Panicked(String),
}

pub fn run_workers(names: &[&str], work: fn(&str) -> u32) -> Vec<(String, Outcome)> {
    let handles: Vec<_> = names
        .iter()
        .map(|&name| {
            let own = name.to_string();
            let handle = thread::Builder::new()
                .name(name.to_string())
                .spawn(move || work(&own))
                .expect("failed to spawn a worker");
            (name.to_string(), handle)
        })
        .collect();
    handles
        .into_iter()
        .map(|(name, handle)| {
            let outcome = match handle.join() {
                Ok(value) => Outcome::Finished(value),
                Err(payload) => Outcome::Panicked(panic_message(payload)),
            };
            (name, outcome)
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
