//! Respondent files, streamed: one row at a time from disk to the caller, never the whole file
//! in memory. Lines are counted by the reader itself, so a row's line is its physical line with
//! Unix and Windows line ends alike.

use std::fs;
use std::io::{BufRead, BufReader};

use crate::diagnostics::Diagnostic;
use crate::input::ResponseFile;

/// The header of a respondent file and how its cells are written.
#[derive(Debug, Clone)]
pub struct Header {
    /// Column names, trimmed.
    pub columns: Vec<String>,
    /// The raw header line, for messages.
    pub line: String,
    pub delimiter: u8,
}

impl Header {
    /// `;`-separated files (spreadsheets in German and many other languages) use decimal commas.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter == b';'
    }
}

/// Reads `file`, calls `on_header` with its header and, if it returns the columns to read, `on_row`
/// with them and each data row's physical line and cells. Problems of the file itself
/// (unreadable, not UTF-8, a row with the wrong number of cells) go to `problems`, located.
pub fn stream<T>(
    file: &ResponseFile,
    on_header: impl FnOnce(&Header) -> Option<T>,
    mut on_row: impl FnMut(&T, usize, &csv::StringRecord),
    problems: &mut Vec<Diagnostic>,
) {
    let opened = match fs::File::open(&file.path) {
        Ok(opened) => opened,
        Err(error) => {
            problems.push(Diagnostic::error(
                &file.relative,
                format!("cannot read the file: {error}"),
            ));
            return;
        }
    };
    let mut reader = BufReader::with_capacity(1 << 20, opened);
    // The header line decides the delimiter, as for v1 CSV files.
    let mut first = String::new();
    if let Err(error) = reader.read_line(&mut first) {
        problems.push(
            Diagnostic::error(&file.relative, format!("cannot read the header: {error}"))
                .at(1, 1)
                .expected("UTF-8 text, with a header line of column names"),
        );
        return;
    }
    let first_line = first
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\n', '\r'])
        .to_string();
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut header_reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(first_line.as_bytes());
    let columns: Vec<String> = match header_reader.records().next() {
        Some(Ok(record)) => record.iter().map(|c| c.trim().to_string()).collect(),
        _ => Vec::new(),
    };
    let header = Header {
        columns,
        line: first_line,
        delimiter,
    };
    let Some(columns) = on_header(&header) else {
        return;
    };
    // Only `\n` ends a row: a `\r` before it is trimmed from the last cell, and the reader's line
    // count stays the physical line.
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_reader(reader);
    let expected = header.columns.len();
    let mut record = csv::StringRecord::new();
    loop {
        match rows.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The header was line 1; the reader counts from the line after it.
                let line = record.position().map_or(0, |p| p.line() as usize) + 1;
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                if record.len() != expected {
                    problems.push(
                        Diagnostic::error(
                            &file.relative,
                            format!(
                                "this row has {} cells, the header has {expected}",
                                record.len()
                            ),
                        )
                        .at(line, 1)
                        .expected("one cell per header column"),
                    );
                    continue;
                }
                on_row(&columns, line, &record);
            }
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize) + 1;
                let message = match error.kind() {
                    csv::ErrorKind::Utf8 { .. } => "the row is not valid UTF-8 text".to_string(),
                    _ => format!("cannot read this row: {error}"),
                };
                problems.push(
                    Diagnostic::error(&file.relative, message)
                        .at(line, 1)
                        .expected("UTF-8 text, one cell per header column"),
                );
                if !matches!(error.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
}

/// The 1-based character column where cell `index` of `record` starts, assuming cells are
/// written as read (no quotes), which is how spreadsheets export numbers and ids.
pub fn column_of(record: &csv::StringRecord, index: usize) -> usize {
    record
        .iter()
        .take(index)
        .map(|cell| cell.chars().count() + 1)
        .sum::<usize>()
        + 1
}

/// The row as it was written, for messages (cells joined by the file's delimiter).
pub fn line_text(record: &csv::StringRecord, delimiter: u8) -> String {
    let separator = char::from(delimiter).to_string();
    record
        .iter()
        .map(|cell| cell.trim_end_matches('\r'))
        .collect::<Vec<_>>()
        .join(&separator)
}
