//! Input files held in memory, and the way from a place in the parsed data back to a line and
//! column in the text, so that a problem found after parsing can still point at the source.

use std::collections::HashMap;
use std::sync::OnceLock;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Diagnostic;

/// One step into parsed YAML: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path into a YAML document, such as `results[3].scores.responsiveness`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataPath(pub Vec<Step>);

impl DataPath {
    pub fn root() -> Self {
        DataPath(Vec::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_string()));
        DataPath(steps)
    }

    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        DataPath(steps)
    }

    fn joined(steps: &[Step]) -> String {
        let mut text = String::new();
        for step in steps {
            match step {
                Step::Key(key) => {
                    text.push('.');
                    text.push_str(key);
                }
                Step::Index(index) => {
                    text.push('[');
                    text.push_str(&index.to_string());
                    text.push(']');
                }
            }
        }
        text
    }
}

/// The text of one input file and its name relative to the site root.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Line offset added to every reported line: front matter starts below the `---` line.
    pub first_line: usize,
    /// Where each node and key of a YAML document is, by the hash of its path (a path string per
    /// node took 0.7 GB for an edition of 552,631 rows).
    yaml_index: OnceLock<HashMap<u64, (u32, u32)>>,
    /// Byte offset of the start of each line, built on the first error: a file with thousands
    /// of errors is scanned once, not once per error.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            first_line: 1,
            yaml_index: OnceLock::new(),
            line_starts: OnceLock::new(),
        }
    }

    /// A YAML document that is a part of a larger file (front matter) starting at `first_line`.
    pub fn embedded(name: impl Into<String>, text: impl Into<String>, first_line: usize) -> Self {
        SourceFile {
            first_line,
            ..SourceFile::new(name, text)
        }
    }

    /// The 1-based whole-file line holding byte `offset` of the text.
    pub fn line_of_offset(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&start| start <= offset) + self.first_line - 1
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(at, _)| at + 1));
            starts
        })
    }

    /// The text of 1-based line `line` of the whole file, without its line ending. Lines end at
    /// `\n`; a `\r` before it belongs to the ending (files saved on Windows).
    pub fn line_text(&self, line: usize) -> Option<String> {
        let local = line.checked_sub(self.first_line)?;
        let starts = self.line_starts();
        let start = *starts.get(local)?;
        if start >= self.text.len() && local > 0 {
            return None;
        }
        let end = starts
            .get(local + 1)
            .map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?;
        Some(text.trim_end_matches('\r').to_string())
    }

    /// An error in this file at `line` and `column` (both 1-based, whole-file), with the line shown.
    pub fn error_at(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        let diagnostic = Diagnostic::error(&self.name, message).at(line, column);
        match self.line_text(line) {
            Some(text) => diagnostic.with_source_line(&text),
            None => diagnostic,
        }
    }

    /// An error about the value at `path` in this YAML file, located as precisely as the
    /// document allows (the value itself, else its nearest enclosing node).
    pub fn error_at_path(&self, path: &DataPath, message: impl Into<String>) -> Diagnostic {
        match self.locate(path) {
            Some((line, column)) => self.error_at(line, column, message),
            None => Diagnostic::error(&self.name, message),
        }
    }

    /// Same as [`SourceFile::error_at_path`] but pointing at the key rather than its value, which
    /// reads better for "unknown key" problems.
    pub fn error_at_key(&self, path: &DataPath, message: impl Into<String>) -> Diagnostic {
        let index = self.yaml_index();
        let key = format!("{}#key", DataPath::joined(&path.0));
        match index.get(&path_hash(&key)) {
            Some(&(line, column)) => self.error_at(line as usize, column as usize, message),
            None => self.error_at_path(path, message),
        }
    }

    /// Where the key `key` of the mapping at `path` is given for the second time.
    pub fn duplicate_key(&self, path: &DataPath, key: &str) -> Option<(usize, usize)> {
        let index = self.yaml_index();
        index
            .get(&path_hash(&format!(
                "{}.{key}#duplicate",
                DataPath::joined(&path.0)
            )))
            .map(|&(line, column)| (line as usize, column as usize))
    }

    /// Line and column of the node at `path`, or of its nearest ancestor that exists.
    pub fn locate(&self, path: &DataPath) -> Option<(usize, usize)> {
        let index = self.yaml_index();
        (0..=path.0.len()).rev().find_map(|len| {
            index
                .get(&path_hash(&DataPath::joined(
                    path.0.get(..len).unwrap_or_default(),
                )))
                .map(|&(line, column)| (line as usize, column as usize))
        })
    }

    /// Built on first use only: a valid file never pays for a second parse.
    fn yaml_index(&self) -> &HashMap<u64, (u32, u32)> {
        self.yaml_index.get_or_init(|| {
            let mut builder = IndexBuilder {
                stack: Vec::new(),
                skipped: 0,
                positions: HashMap::new(),
                line_offset: self.first_line - 1,
            };
            // A document that does not parse has no index; its error was reported by serde_yaml.
            let _ = Parser::new_from_str(&self.text).load(&mut builder, false);
            builder.positions
        })
    }
}

/// Nodes deeper than this are not indexed: serde_yaml refuses documents nested beyond 128
/// levels, so no error can point deeper, and indexing a path per node of a 100,000-level document
/// would take time and memory growing with the square of its depth.
const MAX_INDEXED_DEPTH: usize = 160;

enum Frame {
    Sequence {
        prefix: String,
        next: usize,
    },
    Mapping {
        prefix: String,
        /// The key whose value comes next; `None` when a key comes next.
        key: Option<String>,
        /// Keys seen so far, to record where a key is given a second time.
        seen: std::collections::HashSet<String>,
    },
}

struct IndexBuilder {
    stack: Vec<Frame>,
    /// Containers opened below [`MAX_INDEXED_DEPTH`], counted only.
    skipped: usize,
    positions: HashMap<u64, (u32, u32)>,
    line_offset: usize,
}

/// The key of a path in the index: a 64-bit hash of its text (two of a file's paths sharing one
/// is as likely as winning a lottery many times over, and would only move a message's place).
fn path_hash(path: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    path.hash(&mut hasher);
    hasher.finish()
}

/// A position as the index keeps it.
fn compact((line, column): (usize, usize)) -> (u32, u32) {
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

impl IndexBuilder {
    /// The path of the node that starts now, or `None` when the node is a mapping key.
    fn next_node_path(&mut self, scalar: Option<&str>, position: (usize, usize)) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { prefix, next }) => {
                let path = format!("{prefix}[{next}]");
                *next += 1;
                Some(path)
            }
            Some(Frame::Mapping { prefix, key, seen }) => match key.take() {
                Some(current) => Some(format!("{prefix}.{current}")),
                None => {
                    let name = scalar.unwrap_or("<complex key>").to_string();
                    let located = format!("{prefix}.{name}#key");
                    if seen.insert(name.clone()) {
                        self.positions
                            .entry(path_hash(&located))
                            .or_insert(compact(position));
                    } else {
                        // The second time a key is given: where a duplicate is reported.
                        self.positions
                            .entry(path_hash(&format!("{prefix}.{name}#duplicate")))
                            .or_insert(compact(position));
                    }
                    *key = Some(name);
                    None
                }
            },
        }
    }

    fn open(&mut self, mapping: bool, position: (usize, usize)) {
        if self.skipped > 0 || self.stack.len() >= MAX_INDEXED_DEPTH {
            self.skipped += 1;
            return;
        }
        let prefix = self.next_node_path(None, position).unwrap_or_default();
        self.positions
            .entry(path_hash(&prefix))
            .or_insert(compact(position));
        self.stack.push(if mapping {
            Frame::Mapping {
                prefix,
                key: None,
                seen: std::collections::HashSet::new(),
            }
        } else {
            Frame::Sequence { prefix, next: 0 }
        });
    }

    fn close(&mut self) {
        if self.skipped > 0 {
            self.skipped -= 1;
        } else {
            self.stack.pop();
        }
    }
}

impl MarkedEventReceiver for IndexBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let position = (mark.line() + self.line_offset, mark.col() + 1);
        match event {
            Event::Scalar(..) | Event::Alias(_) if self.skipped > 0 => {}
            Event::Scalar(ref value, ..) => {
                if let Some(path) = self.next_node_path(Some(value), position) {
                    self.positions
                        .entry(path_hash(&path))
                        .or_insert(compact(position));
                }
            }
            Event::Alias(_) => {
                if let Some(path) = self.next_node_path(None, position) {
                    self.positions
                        .entry(path_hash(&path))
                        .or_insert(compact(position));
                }
            }
            Event::SequenceStart(..) => self.open(false, position),
            Event::MappingStart(..) => self.open(true, position),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values_and_keys() {
        let file = SourceFile::new(
            "data/editions/2026.yaml",
            "year: 2026\nresults:\n  - company: a\n    scores:\n      speed: 7\n",
        );
        let path = DataPath::root()
            .key("results")
            .index(0)
            .key("scores")
            .key("speed");
        assert_eq!(file.locate(&path), Some((5, 14)));
        let error = file.error_at_key(&path, "x");
        assert_eq!((error.line, error.column), (Some(5), Some(7)));
        assert_eq!(error.source_line.as_deref(), Some("      speed: 7"));
        // A path that does not exist falls back to its nearest ancestor.
        let missing = DataPath::root().key("results").index(0).key("responses");
        assert_eq!(file.locate(&missing).map(|(line, _)| line), Some(3));
    }
}
