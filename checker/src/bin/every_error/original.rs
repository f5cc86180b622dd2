// Day 18 (stretch): every error, not just the first
//
// Sometimes the first error is not enough: a batch of uploads, a form's
// fields, a set of health checks. The caller wants every job's fate, so no
// job is cancelled, and the answer comes when the last one is done. Go
// collects them into a slice and joins them with `errors.Join(errs...)`
// (or a "multierror" package); here the answer is `Err(Vec<String>)`.
//
// The errors go back in the order of the jobs, not in the order they
// happened: the caller can then tell which error is whose. A job that
// panics has failed too: its error is `panic_error(panic)`, as in
// run_group, and it never takes the other jobs down with it.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;

/// A job: it works in steps (each an `.await`), then succeeds with a
/// number or fails with the reason why.
pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

/// Runs every job on a task of its own, all at once, each to its end. If
/// every job succeeds, returns their values in the order of `jobs`;
/// otherwise every job's error, in the order of `jobs`. Either way, as soon
/// as the last job is done. A job that panics has failed, with
/// `panic_error(panic)`.
pub async fn run_all(jobs: Vec<Job>) -> Result<Vec<u32>, Vec<String>> {
    // TODO: start every job on a task, and keep every job's outcome in its
    // place. Only when all are in, decide: the values, or the errors.
    todo!()
}

/// A panicked job's error: "panicked: " and the panic's message.
pub fn panic_error(panic: Box<dyn Any + Send>) -> String {
    let message = match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic.downcast_ref::<&str>().map_or("(no message)", |s| s).to_string(),
    };
    format!("panicked: {message}")
}
