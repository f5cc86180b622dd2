// Known-bad (expect `wrong`): one fair select! over both channels, as in
// `merge`. When both have messages waiting, it picks at random, so normal
// messages go before waiting urgent ones.
use checker::channel::{Receiver, never, select};

pub fn serve(mut urgent: Receiver<u32>, mut normal: Receiver<u32>) -> Vec<u32> {
    let mut handled = Vec::new();
    let mut open = 2;
    while open > 0 {
        select! {
            recv(urgent) -> msg => match msg {
                Ok(m) => handled.push(m),
                Err(_) => {
                    urgent = never();
                    open -= 1;
                }
            },
            recv(normal) -> msg => match msg {
                Ok(m) => handled.push(m),
                Err(_) => {
                    normal = never();
                    open -= 1;
                }
            },
        }
    }
    handled
}
