//! Every limit rankpress puts on its input and on requests to the dev server, in one place.
//! Input past a limit is an error with the file and the limit, never a hang or an exhausted
//! machine. docs/format.md ("Limits") lists them for users; keep the two in step.
//!
//! Two more limits belong to serde_yaml and are relied on, not re-implemented: nesting deeper
//! than 128 levels and alias expansion beyond its repetition limit (an "alias bomb") are parse
//! errors at the offending line.

/// A data file (CSV, or a spreadsheet). A results file of 100,000 companies is about 26 MB as
/// YAML and 8 MB as CSV.
pub const MAX_DATA_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A YAML data file: the YAML parser holds every event of a document at once, about 30 times
/// the file's size (a 63 MB edition took 1.9 GB and 12 s), so YAML gets the size that stays
/// within the budget; larger results belong in a CSV file.
pub const MAX_YAML_DATA_BYTES: u64 = 24 * 1024 * 1024;

/// A respondent file (`data/editions/<year>/<perspective>.csv`): streamed, never held whole; two
/// million rows of eight criteria are about 80 MB. What is kept per respondent grows with the
/// rows, so the limit is the size whose build stays within the budget of 10 s and 1 GB
/// (benches/hostile.sh: about ten million rows of five criteria).
pub const MAX_RESPONSE_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Parts (files) of a spreadsheet's zip archive; a workbook of a few sheets has a few dozen.
pub const MAX_SPREADSHEET_ENTRIES: usize = 10_000;

/// What a spreadsheet unpacks to, as its archive declares (the zip reader unpacks no entry
/// beyond its declared size). A sheet of the most cells read (4 million, about 30 bytes of XML
/// each) is about 120 MB; a zip bomb of one huge cell is refused before it is unpacked (a cell
/// of 200 MB took 778 MB to reject).
pub const MAX_SPREADSHEET_UNPACKED_BYTES: u64 = 160 * 1024 * 1024;

/// Different texts of an Excel workbook (its shared strings), counted before they are read.
pub const MAX_SHARED_STRINGS: usize = 2_000_000;

/// Filled cells of one sheet, counted as they are read (a repeated OpenDocument cell counts as
/// often as it is repeated) and before they are stored.
pub const MAX_SHEET_CELLS: usize = 4_000_000;

/// Cells of a sheet's table: rows that hold a value times the columns from its first to its
/// last filled column. A stray value far to the right makes every row that wide.
pub const MAX_SHEET_AREA: usize = 4_000_000;

/// Merged cell ranges of one sheet.
pub const MAX_MERGED_REGIONS: usize = 10_000;

/// A Markdown commentary file, a template or an interface-strings file.
pub const MAX_TEXT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Characters of one text in the data or front matter (a name, a title, a description): far
/// more than any of them needs, and little enough that no page, card or seal grows without
/// bound.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// Characters of one interface string (a form of it, for strings with plural forms), and the
/// placeholders (`{best}`) it may hold: the longest of the default theme's strings has 603
/// characters, the most placeholders in one are 11. With names bounded too, no string expands
/// without bound.
pub const MAX_STRING_CHARS: usize = 2_000;
pub const MAX_STRING_PLACEHOLDERS: usize = 16;

/// Characters of an id (of a company, sector, perspective or criterion): ids become file names.
pub const MAX_ID_CHARS: usize = 100;

/// A font of the theme (for share cards): even large CJK fonts are under 20 MB.
pub const MAX_FONT_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// `{{ ranking }}` and `{{ chart }}` embeds in one Markdown file: each is drawn where it stands.
pub const MAX_BLOCK_EMBEDS_PER_TEXT: usize = 100;

/// `[[company:…]]`-style links in one Markdown file.
pub const MAX_LINK_EMBEDS_PER_TEXT: usize = 10_000;

/// The address (request target) of one request to `rankpress serve`; a longer one gets 414.
/// Headers are bounded by hyper's own buffer limit (about 400 KB; the connection is closed with
/// 431 beyond it), and the server takes no request bodies at all (GET and HEAD only).
pub const MAX_REQUEST_TARGET_BYTES: usize = 2048;

/// How long `rankpress serve` waits for a request's headers, and for the next request on an
/// idle connection, before it closes the connection.
pub const SERVE_HEADER_TIMEOUT_SECONDS: u64 = 10;

/// Connections `rankpress serve` handles at once; more wait until one closes.
pub const SERVE_MAX_CONNECTIONS: usize = 256;

/// The most bytes of a file read for a data or text file at `path`.
pub fn max_file_bytes(path: &std::path::Path) -> u64 {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") if path.components().any(|c| c.as_os_str() == "data") => {
            MAX_YAML_DATA_BYTES
        }
        Some("csv") if path.components().any(|c| c.as_os_str() == "data") => MAX_DATA_FILE_BYTES,
        _ => MAX_TEXT_FILE_BYTES,
    }
}

/// `bytes` for people: "100.0 MB".
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}
