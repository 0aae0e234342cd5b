//! JSON as the downloads write it: the outer object's keys and its lists' items a line each,
//! everything inside an item on that line. A 10,000-company ranking.json is half the size it is
//! indented throughout (4.4 MB instead of 8.9 MB), and still reads a company per line in an
//! editor or `grep`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// How many levels of nesting break their entries onto lines of their own: the outer object
/// and the lists (or objects) it holds.
const LEVELS: usize = 2;

#[derive(Default)]
struct Lines {
    depth: usize,
    /// Whether each open container has had an entry, for the line break before its end.
    filled: Vec<bool>,
}

impl Lines {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.filled.push(false);
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        let filled = self.filled.pop().unwrap_or(false);
        self.depth = self.depth.saturating_sub(1);
        if filled && self.depth < LEVELS {
            self.newline(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    fn entry<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if let Some(filled) = self.filled.last_mut() {
            *filled = true;
        }
        if self.depth <= LEVELS {
            self.newline(w, self.depth)?;
        }
        Ok(())
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W, depth: usize) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl Formatter for Lines {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.entry(w, first)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.entry(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.depth <= LEVELS { b": " } else { b":" })
    }
}

/// `value` as JSON with its outer entries a line each, ending in a newline.
pub fn to_string(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Lines::default());
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outer_entries_and_list_items_take_a_line_each_and_the_rest_stays_on_it() {
        let value = serde_json::json!({
            "edition": 2026,
            "companies": [
                {"id": "a", "scores": {"x": 1.5, "y": [1, 2]}},
                {"id": "b", "scores": {}}
            ],
            "empty": [],
        });
        let text = to_string(&value);
        assert_eq!(
            text,
            "{\n  \"companies\": [\n    {\"id\":\"a\",\"scores\":{\"x\":1.5,\"y\":[1,2]}},\n    \
             {\"id\":\"b\",\"scores\":{}}\n  ],\n  \"edition\": 2026,\n  \"empty\": []\n}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
