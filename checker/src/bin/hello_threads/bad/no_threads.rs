// Known-bad: right answer, but no threads at all.
pub fn greet_all(n: usize, greet: fn(usize) -> String) -> Vec<String> {
    (0..n).map(greet).collect()
}
