use checker::channel::{Receiver, never, select};

pub fn merge(mut a: Receiver<u32>, mut b: Receiver<u32>) -> Vec<u32> {
    let mut merged = Vec::new();
    let mut open = 2;
    while open > 0 {
        select! {
            recv(a) -> msg => match msg {
                Ok(m) => merged.push(m),
                Err(_) => {
                    a = never(); // closed: never choose it again
                    open -= 1;
                }
            },
            recv(b) -> msg => match msg {
                Ok(m) => merged.push(m),
                Err(_) => {
                    b = never();
                    open -= 1;
                }
            },
        }
    }
    merged
}
