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

use checker::sync::atomic::{AtomicBool, Ordering};
use checker::sync::{Arc, Mutex};
use checker::thread::{self, JoinHandle};

pub struct Server {
    addr: SocketAddr,
    // TODO: what else must `shutdown` reach? The total, the flag, the acceptor's thread...
}

impl Server {
    /// Listens on 127.0.0.1, at a port the system picks, and serves on threads of its own.
    pub fn start() -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        // TODO: an acceptor thread: a thread per connection, running `handle`.
        todo!()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, waits for every open connection to end, joins every thread, and
    /// returns the total.
    pub fn shutdown(self) -> u64 {
        todo!()
    }
}

/// Serves one client: a reply for each line (the new total), until it hangs up.
pub fn handle(input: impl Read, mut out: impl Write, total: &Mutex<u64>) -> io::Result<()> {
    todo!()
}
