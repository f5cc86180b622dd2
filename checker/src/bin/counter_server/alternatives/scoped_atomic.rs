// Day 24: a counter server over TCP, on loopback.
//
// Clients connect to 127.0.0.1 and send numbers, one per line; the server adds each to one
// shared total and replies with the new total, one line per request. A client hangs up (EOF)
// when it is done. Go would write: `ln, _ := net.Listen("tcp", "127.0.0.1:0")`, then
// `for { c, err := ln.Accept(); if err != nil { break }; wg.Add(1); go handle(c) }`, the
// total behind a `sync.Mutex`, and shut down with `ln.Close()` (Accept returns an error)
// and `wg.Wait()`. Rust's `TcpListener` is `net.Listener`, `TcpStream` is `net.Conn`, and
// `BufReader::lines()` is a `bufio.Scanner`. The one difference: std has no way to close a
// listener another thread is blocked on. `accept()` returns only when someone connects, so
// shutdown raises a flag (an `AtomicBool`) and then connects once itself, to wake the acceptor.
//
// Shutdown stops accepting (drop the listener: new clients are then refused), lets every
// connection already accepted run until its client hangs up, joins every thread it started,
// and returns the total.
//
// `handle` serves any reader and writer, as a Go handler takes a `net.Conn` (an interface a
// test fills with `net.Pipe()`): `&TcpStream` is both, so pass `&conn` twice. The checks also
// run `handle` on in-memory connections of their own, under the model checker, in the ways
// two connections' threads can interleave: keep its parameters (the total's type is yours).
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use checker::sync::Arc;
use checker::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use checker::thread::{self, JoinHandle};

// Another style: the total is an AtomicU64 (fetch_add returns the value before the add), and
// the connection threads are scoped, so the scope joins every one of them.
pub struct Server {
    addr: SocketAddr,
    total: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    acceptor: JoinHandle<()>,
}

impl Server {
    pub fn start() -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let total = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopping) = (Arc::clone(&total), Arc::clone(&stop));
        let acceptor = thread::spawn(move || {
            thread::scope(|s| {
                // Owned here, so it can be closed before the scope waits.
                let listener = listener;
                loop {
                    let accepted = listener.accept();
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok((conn, _)) = accepted {
                        let total = &*shared;
                        s.spawn(move || handle(&conn, &conn, total));
                    }
                }
                // Refuse new clients while the scope waits for the open ones.
                drop(listener);
            })
        });
        Ok(Server { addr, total, stop, acceptor })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn shutdown(self) -> u64 {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        self.acceptor.join().expect("the acceptor panicked");
        self.total.load(Ordering::SeqCst)
    }
}

pub fn handle(input: impl Read, mut out: impl Write, total: &AtomicU64) -> io::Result<()> {
    let mut lines = BufReader::new(input).lines();
    while let Some(line) = lines.next() {
        let n: u64 = line?.trim().parse().unwrap_or(0);
        let now = total.fetch_add(n, Ordering::SeqCst) + n;
        out.write_all(format!("{now}\n").as_bytes())?;
    }
    Ok(())
}
