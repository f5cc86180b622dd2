//! Child output kept within a fixed size: the head and the tail.

use std::collections::VecDeque;

/// Keeps the first and the last `half` bytes of a stream; counts the rest.
#[derive(Debug)]
pub struct HeadTail {
    half: usize,
    head: Vec<u8>,
    tail: VecDeque<u8>,
    dropped: u64,
}

impl HeadTail {
    pub fn new(half: usize) -> Self {
        HeadTail { half, head: Vec::new(), tail: VecDeque::new(), dropped: 0 }
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        let room = self.half - self.head.len();
        if room > 0 {
            let n = room.min(bytes.len());
            self.head.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
        }
        if bytes.len() >= self.half {
            self.dropped += (self.tail.len() + bytes.len() - self.half) as u64;
            self.tail.clear();
            self.tail.extend(&bytes[bytes.len() - self.half..]);
            return;
        }
        let overflow = (self.tail.len() + bytes.len()).saturating_sub(self.half);
        self.tail.drain(..overflow);
        self.dropped += overflow as u64;
        self.tail.extend(bytes);
    }

    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    pub fn text(&self) -> String {
        let mut s = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            s.push_str(&format!("\n… {} bytes of output left out …\n", self.dropped));
        }
        let (a, b) = self.tail.as_slices();
        s.push_str(&String::from_utf8_lossy(&[a, b].concat()));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_everything_while_small() {
        let mut c = HeadTail::new(8);
        c.push(b"hello ");
        c.push(b"world");
        assert_eq!(c.text(), "hello world");
        assert_eq!(c.dropped(), 0);
    }

    #[test]
    fn keeps_head_and_tail_of_a_flood() {
        let mut c = HeadTail::new(4);
        c.push(b"ABCD");
        for _ in 0..1000 {
            c.push(b"xxxxxxxxxx");
        }
        c.push(b"wxyz");
        assert_eq!(c.dropped(), 10_000);
        assert!(c.text().starts_with("ABCD"));
        assert!(c.text().ends_with("wxyz"));
        assert!(c.text().contains("10000 bytes of output left out"));
    }

    #[test]
    fn one_huge_write() {
        let mut c = HeadTail::new(3);
        c.push(b"0123456789");
        assert_eq!(c.dropped(), 4);
        assert!(c.text().starts_with("012") && c.text().ends_with("789"));
    }
}
