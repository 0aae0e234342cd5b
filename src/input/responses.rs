//! Respondent files, streamed: one row at a time from disk to the caller, never the whole file
//! in memory. Lines are counted by the reader itself, so a row's line is its physical line with
//! Unix and Windows line ends alike.

use std::fs;
use std::io::{BufRead, BufReader};

use crate::diagnostics::{Capped, Diagnostic, MAX_SHOWN, MAX_STORED};
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

/// Reads `file` in parallel: `on_header` gets its header and, if it returns the columns to read,
/// the rest of the file is cut into pieces at line ends, each piece is read by one worker into an
/// accumulator of its own (`start`), and `on_row` gets the columns, the accumulator, and each data
/// row's physical line and cells. Returns the accumulators in file order. Problems of the file
/// itself (unreadable, not UTF-8, a row with the wrong number of cells) go to `problems`,
/// located. A cell must not span lines (respondent files hold ids and numbers). `memory` holds
/// the file's bytes when they are not on disk (a spreadsheet's sheet, as CSV).
pub fn stream<T: Sync, A: Send>(
    file: &ResponseFile,
    memory: Option<&[u8]>,
    on_header: impl FnOnce(&Header) -> Option<T>,
    start: impl Fn() -> A + Sync,
    on_row: impl Fn(&T, &mut A, usize, &csv::StringRecord) + Sync,
    problems: &mut Capped,
) -> Vec<A> {
    use rayon::prelude::*;
    let cannot_read =
        |error: std::io::Error| crate::diagnostics::cannot_read_file(&file.relative, &error);
    let source = Source {
        path: &file.path,
        memory,
    };
    let (opened, size) = match source.open() {
        Ok(opened) => opened,
        Err(error) => {
            problems.push(cannot_read(error));
            return Vec::new();
        }
    };
    let mut reader = BufReader::new(opened);
    // The header line decides the delimiter, as for v1 CSV files. It is read up to a limit: a
    // file without a line end would otherwise be read whole as one header.
    let mut first = Vec::new();
    let header_bytes = match std::io::Read::take(&mut reader, MAX_HEADER_BYTES + 1)
        .read_until(b'\n', &mut first)
    {
        Ok(read) if read as u64 > MAX_HEADER_BYTES => {
            problems.push(
                Diagnostic::error(
                    &file.relative,
                    format!(
                        "the header line is longer than {} KB: a header names a few columns",
                        MAX_HEADER_BYTES / 1024
                    ),
                )
                .at(1, 1)
                .expected("a header line of column names, ended by a line end")
                .says(
                    "diag_header_too_long",
                    &[("size", &(MAX_HEADER_BYTES / 1024).to_string())],
                )
                .expects("diag_header_line_expected", &[]),
            );
            return Vec::new();
        }
        Ok(read) => read as u64,
        Err(error) => {
            problems.push(
                Diagnostic::error(&file.relative, format!("cannot read the header: {error}"))
                    .saying(Some(
                        crate::diagnostics::Phrase::new("diag_cannot_read_header", &[])
                            .with("reason", crate::diagnostics::io_reason(&error)),
                    ))
                    .at(1, 1)
                    .expected("UTF-8 text, with a header line of column names")
                    .expects("diag_header_line_expected", &[]),
            );
            return Vec::new();
        }
    };
    let first = match String::from_utf8(first) {
        Ok(first) => first,
        Err(error) => {
            problems.push(crate::input::encoding_hint(
                Diagnostic::error(&file.relative, "the header line is not valid UTF-8 text")
                    .says("diag_header_not_utf8", &[])
                    .at(1, 1)
                    .expected("UTF-8 text")
                    .expects("diag_utf8_expected", &[]),
                error.as_bytes(),
            ));
            return Vec::new();
        }
    };
    let header = Header::read(&first);
    let delimiter = header.delimiter;
    let Some(columns) = on_header(&header) else {
        return Vec::new();
    };
    // Pieces of about 8 MB, each starting right after a line end, with the line it starts on.
    let pieces = match pieces(&source, header_bytes, size) {
        Ok(pieces) => pieces,
        Err(error) => {
            problems.push(cannot_read(error));
            return Vec::new();
        }
    };
    let expected = header.columns.len();
    let read: Vec<(A, Capped)> = pieces
        .par_iter()
        .map(|piece| {
            let mut accumulator = start();
            let mut found = Capped::new(MAX_SHOWN);
            if let Err(error) = read_piece(
                file,
                &source,
                piece,
                delimiter,
                expected,
                &mut found,
                |line, record| on_row(&columns, &mut accumulator, line, record),
            ) {
                found.push(cannot_read(error));
            }
            (accumulator, found)
        })
        .collect();
    let mut accumulators = Vec::with_capacity(read.len());
    for (accumulator, found) in read {
        problems.extend(found);
        accumulators.push(accumulator);
    }
    accumulators
}

impl Header {
    /// The header of the file whose first line is `first` (a byte-order mark and the line end
    /// removed): `;`-separated when it has a `;` and no `,`.
    fn read(first: &str) -> Header {
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
        
        Header {
            columns,
            line: first_line,
            delimiter,
        }
    }
}

/// The longest header line read: a header of a few hundred columns is a few KB.
const MAX_HEADER_BYTES: u64 = 1024 * 1024;

/// Problems kept per respondent file, beyond the pieces' own caps.
pub const MAX_FILE_PROBLEMS: usize = MAX_STORED;

/// Where the bytes of a respondent file are: on disk, or in memory.
struct Source<'a> {
    path: &'a std::path::Path,
    memory: Option<&'a [u8]>,
}

/// Something to read from and seek in: an open file or a slice of memory.
trait ReadSeek: std::io::Read + std::io::Seek + Send {}
impl<T: std::io::Read + std::io::Seek + Send> ReadSeek for T {}

impl Source<'_> {
    /// The bytes opened for reading, and their length.
    fn open(&self) -> std::io::Result<(Box<dyn ReadSeek + '_>, u64)> {
        match self.memory {
            Some(bytes) => Ok((Box::new(std::io::Cursor::new(bytes)), bytes.len() as u64)),
            None => {
                let opened = fs::File::open(self.path)?;
                let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
                Ok((Box::new(opened), size))
            }
        }
    }
}

/// A byte range of a file that starts at the beginning of a line.
struct Piece {
    start: u64,
    end: u64,
    /// The 1-based line the piece starts on.
    line: usize,
}

const PIECE_BYTES: u64 = 8 * 1024 * 1024;

/// Cuts `start..size` of the file into pieces at line ends, and counts the lines before each.
fn pieces(source: &Source<'_>, start: u64, size: u64) -> std::io::Result<Vec<Piece>> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut file, _) = source.open()?;
    // Each cut moves forward to just after the next line end.
    let mut cuts = vec![start];
    let mut at = start + PIECE_BYTES;
    while at < size {
        file.seek(SeekFrom::Start(at))?;
        let mut buffer = [0u8; 4096];
        let mut offset = at;
        let mut found = None;
        while found.is_none() {
            let read = file.read(&mut buffer)?;
            if read == 0 {
                break;
            }
            found = buffer
                .get(..read)
                .and_then(|b| b.iter().position(|&byte| byte == b'\n'))
                .map(|p| offset + p as u64 + 1);
            offset += read as u64;
        }
        match found {
            Some(cut) if cut < size => {
                cuts.push(cut);
                at = cut + PIECE_BYTES;
            }
            _ => break,
        }
    }
    cuts.push(size);
    // Lines before each cut: one pass counting line ends, the file read once more from cache.
    let mut lines = vec![2usize];
    file.seek(SeekFrom::Start(start))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut position = start;
    let mut count = 2usize;
    for &cut in cuts.iter().skip(1) {
        let mut remaining = cut - position;
        while remaining > 0 {
            let buffer = reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            let take = buffer
                .len()
                .min(usize::try_from(remaining).unwrap_or(usize::MAX));
            count += buffer
                .get(..take)
                .map_or(0, |b| b.iter().filter(|&&byte| byte == b'\n').count());
            reader.consume(take);
            remaining -= take as u64;
        }
        position = cut;
        lines.push(count);
    }
    Ok(cuts
        .windows(2)
        .zip(lines)
        .filter_map(|(pair, line)| match pair {
            [start, end] => Some(Piece {
                start: *start,
                end: *end,
                line,
            }),
            _ => None,
        })
        .collect())
}

/// Reads the rows of one piece.
fn read_piece(
    file: &ResponseFile,
    source: &Source<'_>,
    piece: &Piece,
    delimiter: u8,
    expected: usize,
    problems: &mut Capped,
    mut on_row: impl FnMut(usize, &csv::StringRecord),
) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut opened, _) = source.open()?;
    opened.seek(SeekFrom::Start(piece.start))?;
    let reader = BufReader::with_capacity(1 << 20, opened.take(piece.end - piece.start));
    // Only `\n` ends a row: a `\r` before it is trimmed from the last cell, and the reader's line
    // count stays the physical line.
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::StringRecord::new();
    loop {
        match rows.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(1, |p| p.line() as usize) - 1 + piece.line;
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
                        .says(
                            "diag_row_cells",
                            &[
                                ("cells", &record.len().to_string()),
                                ("header", &expected.to_string()),
                            ],
                        )
                        .at(line, 1)
                        .expected("one cell per header column")
                        .expects("diag_cell_per_column", &[]),
                    );
                    continue;
                }
                on_row(line, &record);
            }
            Err(error) => {
                let line = error.position().map_or(1, |p| p.line() as usize) - 1 + piece.line;
                let utf8 = matches!(error.kind(), csv::ErrorKind::Utf8 { .. });
                let message = if utf8 {
                    "the row is not valid UTF-8 text".to_string()
                } else {
                    format!("cannot read this row: {error}")
                };
                let mut problem = Diagnostic::error(&file.relative, message)
                    .at(line, 1)
                    .expected("UTF-8 text, one cell per header column");
                if utf8 {
                    problem = problem
                        .says("diag_row_not_utf8", &[])
                        .expects("diag_row_utf8_expected", &[])
                        .hint(Some(
                            "save the file again as \"CSV UTF-8\": a plain \"CSV\" from Excel is \
                             Windows-1251 in Russian, Windows-1252 in Western Europe"
                                .to_string(),
                        ))
                        .suggests("diag_save_utf8", &[]);
                }
                problems.push(problem);
                if !utf8 {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// The 1-based character column where cell `index` of `record` starts, assuming cells are
/// written as read (no quotes), which is how spreadsheets export numbers and ids.
pub fn column_of(record: &csv::StringRecord, index: usize, delimiter: u8) -> usize {
    record
        .iter()
        .take(index)
        .map(|cell| written(cell, delimiter).chars().count() + 1)
        .sum::<usize>()
        + 1
}

/// The row as it was written, for messages (cells joined by the file's delimiter, quoted where
/// they must have been: `r1,alpha,"4,5"`, not `r1,alpha,4,5`, which reads as four cells).
pub fn line_text(record: &csv::StringRecord, delimiter: u8) -> String {
    let separator = char::from(delimiter).to_string();
    record
        .iter()
        .map(|cell| written(cell.trim_end_matches('\r'), delimiter))
        .collect::<Vec<_>>()
        .join(&separator)
}

/// A cell as a CSV file holds it: in quotes, its quotes doubled, when it has the delimiter, a
/// quote or a line break. The file is read as a stream, so its own text of the line is gone; a
/// cell quoted without need is shown without its quotes.
fn written(cell: &str, delimiter: u8) -> std::borrow::Cow<'_, str> {
    if cell.contains([char::from(delimiter), '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
