//! Reading a child's pipes without waiting on strays. A process that escaped
//! with a copy of a pipe would keep it open forever: readers here stop when
//! told (once the child's processes are gone), after taking what the pipe
//! holds at that moment.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::Arc;
use std::thread::JoinHandle;

/// At most this much is drained after the stop: a pipe holds 64 KiB unless
/// its writer enlarged it.
const DRAIN_LIMIT: usize = 1 << 20;

/// A pipe: (read end, write end), both close-on-exec.
pub fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills the array on success; we own both ends from then on.
    unsafe {
        if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok((OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])))
    }
}

/// Threads that each copy a pipe into a sink until its end or [`Readers::finish`].
pub struct Readers {
    stop: Option<OwnedFd>,
    stopped: Arc<OwnedFd>,
    threads: Vec<JoinHandle<()>>,
}

impl Readers {
    pub fn new() -> io::Result<Readers> {
        let (stopped, stop) = pipe()?;
        Ok(Readers { stop: Some(stop), stopped: Arc::new(stopped), threads: Vec::new() })
    }

    /// Copies everything `from` yields into `sink`, on a thread of its own.
    /// The sink is dropped when the reading ends.
    pub fn read(&mut self, from: impl Into<OwnedFd>, mut sink: impl FnMut(&[u8]) + Send + 'static) {
        let (from, stopped) = (from.into(), Arc::clone(&self.stopped));
        self.threads.push(std::thread::spawn(move || pump(&from, &stopped, &mut sink)));
    }

    /// Stops every reader once it has taken what its pipe holds now, and
    /// waits for them.
    pub fn finish(mut self) {
        self.stop = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn pump(from: &OwnedFd, stopped: &OwnedFd, sink: &mut dyn FnMut(&[u8])) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let mut fds = [
            libc::pollfd { fd: stopped.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: from.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        // SAFETY: polls two descriptors we hold.
        if unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) } < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if fds[0].revents != 0 {
            break;
        }
        match read(from, &mut buf) {
            Ok(0) => return,
            Ok(n) => sink(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
    // Told to stop: take what is buffered, without waiting for more.
    // SAFETY: fcntl on a descriptor we hold.
    unsafe {
        let flags = libc::fcntl(from.as_raw_fd(), libc::F_GETFL);
        libc::fcntl(from.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
    let mut drained = 0;
    while drained < DRAIN_LIMIT {
        match read(from, &mut buf) {
            Ok(0) => return,
            Ok(n) => {
                drained += n;
                sink(&buf[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return, // WouldBlock: nothing more buffered
        }
    }
}

fn read(fd: &OwnedFd, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: reads into a buffer we own.
    let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 { Err(io::Error::last_os_error()) } else { Ok(n as usize) }
}

/// A sink that splits bytes into lines (without the newline) and hands each
/// to `each`; a last line without a newline is handed over when dropped.
pub struct Lines<F: FnMut(String)> {
    partial: Vec<u8>,
    each: F,
}

impl<F: FnMut(String)> Lines<F> {
    pub fn new(each: F) -> Self {
        Lines { partial: Vec::new(), each }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.partial.extend_from_slice(bytes);
        while let Some(at) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=at).take(at).collect();
            (self.each)(String::from_utf8_lossy(&line).into_owned());
        }
    }
}

impl<F: FnMut(String)> Drop for Lines<F> {
    fn drop(&mut self) {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            (self.each)(String::from_utf8_lossy(&line).into_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::Mutex;

    /// A writer that keeps its end open (a stray holding the pipe) does not
    /// keep `finish` waiting; what it wrote before is kept.
    #[test]
    fn finish_takes_what_is_buffered_and_does_not_wait_for_the_end() {
        let (r, w) = pipe().unwrap();
        let mut w = std::fs::File::from(w);
        w.write_all(b"before the stop").unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let mut readers = Readers::new().unwrap();
        readers.read(r, move |b| sink.lock().unwrap().extend_from_slice(b));
        readers.finish();
        assert_eq!(&got.lock().unwrap()[..], b"before the stop");
        drop(w);
    }

    #[test]
    fn reads_to_the_end_when_the_writer_closes() {
        let (r, w) = pipe().unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let mut readers = Readers::new().unwrap();
        readers.read(r, move |b| sink.lock().unwrap().extend_from_slice(b));
        let mut w = std::fs::File::from(w);
        w.write_all(b"all of it").unwrap();
        drop(w);
        // The end arrives before the stop whenever the reader gets to it;
        // either way the text is complete.
        readers.finish();
        assert_eq!(&got.lock().unwrap()[..], b"all of it");
    }

    #[test]
    fn lines_are_split_and_the_last_is_kept() {
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let mut lines = Lines::new(move |l| sink.lock().unwrap().push(l));
        lines.push(b"one\ntw");
        lines.push(b"o\nthree");
        drop(lines);
        assert_eq!(*got.lock().unwrap(), ["one", "two", "three"]);
    }
}
