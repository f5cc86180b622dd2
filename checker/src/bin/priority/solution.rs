use checker::channel::{Receiver, never, select};

pub fn serve(mut urgent: Receiver<u32>, mut normal: Receiver<u32>) -> Vec<u32> {
    let mut handled = Vec::new();
    let mut open = 2;
    while open > 0 {
        // An urgent message that is already waiting goes first.
        if let Ok(m) = urgent.try_recv() {
            handled.push(m);
            continue;
        }
        // Nothing urgent right now: wait for whichever comes first.
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
