// Known-bad (expect `wrong`): swallows the panic: a worker that panicked is
// reported as having finished with 0.
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
        let handle = thread::Builder::new().name(name.to_string()).spawn(move || work(&own)).unwrap();
        handles.push((name.to_string(), handle));
    }
    handles.into_iter().map(|(name, h)| (name, Outcome::Finished(h.join().unwrap_or_default()))).collect()
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
