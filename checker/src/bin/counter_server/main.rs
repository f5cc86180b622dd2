// Checks for day 24, counter_server. Real sockets on loopback: a thread
// blocked on a socket is not on the course's clock, so nothing here waits
// for the code under test to rest. Events are ordered by the protocol
// (a reply, an EOF), by joins, and by `checker::net::wait_accepting` (the
// acceptor is blocked in accept(), so the next connection is the one it
// takes). A server that never answers leaves the check to its deadline.
checker::subject!("../../../../exercises/day24_counter_server.rs");

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

use checker::harness::{self, Check};
use checker::{Failure, ensure, net, thread};

fn start() -> Result<exercise::Server, Failure> {
    exercise::Server::start().map_err(|e| Failure::wrong(format!("Server::start failed: {e}")))
}

/// One client of the check's: a line out, a line back.
struct Client {
    name: String,
    out: TcpStream,
    from: BufReader<TcpStream>,
}

impl Client {
    fn connect(addr: SocketAddr, name: &str) -> Result<Client, Failure> {
        let out = TcpStream::connect(addr)
            .map_err(|e| Failure::wrong(format!("{name} could not connect to the server at {addr}: {e}")))?;
        let from = BufReader::new(out.try_clone().expect("cannot clone a socket"));
        Ok(Client { name: name.into(), out, from })
    }

    fn send(&mut self, text: &str) {
        // A server that already hung up is seen at the reply.
        let _ = self.out.write_all(text.as_bytes());
    }

    /// The next reply; `None` if the server hung up instead.
    fn reply(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.from.read_line(&mut line) {
            Ok(n) if n > 0 => Some(line.trim_end().to_string()),
            _ => None,
        }
    }

    /// Sends `n` and expects the total `want` back.
    fn add(&mut self, n: u64, want: u64, context: &str) -> Result<(), Failure> {
        self.send(&format!("{n}\n"));
        match self.reply() {
            Some(got) => ensure!(
                got == want.to_string(),
                "{context}{} sent {n} and got back {got:?}, not the new total {want}.\n\
                 Every connection adds to one and the same total: do all your connection threads share it, \
                 or does each have its own?",
                self.name
            ),
            None => {
                return Err(Failure::wrong(format!(
                    "{context}{} sent {n}, and the server hung up without a reply: that request was dropped.\n\
                     A connection the server accepted is served until its client hangs up. What ended it?",
                    self.name
                )));
            }
        }
        Ok(())
    }

    /// Hangs up (the server reads EOF) and reads what is left until the server closes.
    fn hang_up(mut self) -> String {
        let _ = self.out.shutdown(Shutdown::Write);
        let mut rest = String::new();
        let _ = self.from.read_to_string(&mut rest);
        rest
    }
}

fn one_client_gets_every_reply() -> Result<(), Failure> {
    let server = start()?;
    let mut c = Client::connect(server.addr(), "the client")?;
    // Three requests in one write: they reach the server together.
    c.send("1\n2\n3\n");
    let replies = c.hang_up();
    ensure!(
        replies == "1\n3\n6\n",
        "The client sent \"1\\n2\\n3\\n\" in one write, then hung up, and got back {replies:?}, not \"1\\n3\\n6\\n\".\n\
         TCP is a stream of bytes, not of messages: one read may bring several lines, or part of one. \
         What happens to the bytes your reader has read ahead but not handled yet?"
    );
    let total = server.shutdown();
    ensure!(total == 6, "After the client added 1, 2 and 3, shutdown returned {total}, not 6.");
    harness::no_unjoined_threads("Server::shutdown")
}

fn clients_share_one_total() -> Result<(), Failure> {
    let server = start()?;
    let mut clients = Vec::new();
    for i in 1..=4 {
        clients.push(Client::connect(server.addr(), &format!("client {i}"))?);
    }
    // All four are connected at once; they take turns, each waiting for its reply.
    let mut want = 0;
    for round in 1..=2u64 {
        for (i, c) in clients.iter_mut().enumerate() {
            let n = round * 10 + i as u64 + 1;
            want += n;
            c.add(n, want, "With four clients connected at once, ")?;
        }
    }
    for c in clients {
        let rest = c.hang_up();
        ensure!(rest.is_empty(), "After its last reply, a client hung up and got {rest:?} more.");
    }
    let total = server.shutdown();
    ensure!(total == want, "Four clients added up to {want}, yet shutdown returned {total}.");
    harness::no_unjoined_threads("Server::shutdown")
}

fn shutdown_serves_open_connections_and_accepts_no_more() -> Result<(), Failure> {
    let server = start()?;
    let addr = server.addr();
    let mut c = Client::connect(addr, "the client")?;
    c.add(5, 5, "")?;
    // The acceptor is back in accept(): the next connection is the one it takes.
    let acceptor = net::wait_accepting();
    let before = thread::all_spawned().len();
    let stopping = std::thread::spawn(move || server.shutdown());
    // Shutdown has begun once it joins a thread (or has returned).
    while !stopping.is_finished() && !thread::all_spawned().iter().any(|t| t.joined) {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    // Once the acceptor stops, the listener must close before anyone waits
    // for the open connection: a new client is refused, not queued behind it.
    if !net::wait_closed(addr.port(), acceptor) {
        return Err(Failure::wrong(
            "After shutdown began, the server went on to wait (for the open connection, most likely) \
             with its listener still open: a new client could still connect, and would sit in the \
             listener's queue with no one to serve it.\n\
             Shutdown stops accepting: new clients must be refused. When does your listener close?"
                .to_string(),
        ));
    }
    // A connection already accepted is served until its client hangs up.
    c.add(10, 15, "After shutdown began, ")?;
    let rest = c.hang_up();
    ensure!(rest.is_empty(), "After its last reply, the client hung up and got {rest:?} more.");
    let total = match stopping.join() {
        Ok(total) => total,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    ensure!(total == 15, "The client added 5, then 10 while shutdown waited, yet shutdown returned {total}, not 15.");
    let after: Vec<_> = thread::all_spawned().into_iter().skip(before).collect();
    if let Some(t) = after.first() {
        return Err(Failure::wrong(format!(
            "After shutdown began, the server started a thread at {}:{} for a new connection (its own \
             wake-up call, most likely).\nOnce shutdown begins, a connection the acceptor takes is not served. \
             When does your acceptor look at the flag: before accept() blocks, or after it returns?",
            harness::relative(t.at.file()),
            t.at.line()
        )));
    }
    harness::no_unjoined_threads("Server::shutdown")?;
    // Stopped: no one serves a new client now.
    if let Ok(mut late) = TcpStream::connect(addr) {
        let _ = late.write_all(b"100\n");
        let _ = late.shutdown(Shutdown::Write);
        let mut got = String::new();
        let _ = late.read_to_string(&mut got);
        ensure!(
            got.is_empty(),
            "After shutdown returned, a new client connected, sent 100 and got {got:?} back: \
             the server still accepts. What stops your acceptor?"
        );
    }
    Ok(())
}

fn main() {
    harness::run(&[
        Check {
            name: "one client sends three requests at once and gets every reply",
            run: one_client_gets_every_reply,
        },
        Check { name: "four clients connected at once share one total", run: clients_share_one_total },
        Check {
            name: "shutdown serves open connections to their end, accepts no more, and joins every thread",
            run: shutdown_serves_open_connections_and_accepts_no_more,
        },
    ])
}
