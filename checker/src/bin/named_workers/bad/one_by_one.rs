// Known-bad (expect `wrong`): joins each worker right after spawning it, so the
// workers run one after another, never at the same time.
use checker::thread;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Finished(u32),
    Panicked(String),
}

pub fn run_workers(names: &[&str], work: fn(&str) -> u32) -> Vec<(String, Outcome)> {
    let mut report = Vec::new();
    for &name in names {
        let own = name.to_string();
        let handle = thread::Builder::new().name(name.to_string()).spawn(move || work(&own)).unwrap();
        let outcome = match handle.join() {
            Ok(v) => Outcome::Finished(v),
            Err(p) => Outcome::Panicked(panic_message(p)),
        };
        report.push((name.to_string(), outcome));
    }
    report
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
