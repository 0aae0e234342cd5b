//! What a spreadsheet file is before it is read: a zip archive (`.xlsx` and `.ods` both are)
//! whose size unpacked is known and bounded, or something else, named so that its user knows
//! what to do (a password-protected workbook, an old `.xls`, a CSV or web page renamed).
//!
//! The zip reader bounds what it unpacks of an entry by the size the archive declares for it, so
//! checking the declared sizes here bounds what calamine and the OpenDocument reader unpack.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Phrase, as_given, io_reason};
use crate::input::limits;

pub(super) type Archive = zip::ZipArchive<BufReader<File>>;

/// Opens the spreadsheet at `path` as a zip archive, after checking what its first bytes say it
/// is and, from its central directory, how many entries it has and how large they unpack.
pub(super) fn open(path: &Path, relative: &str) -> Result<Archive, Box<Diagnostic>> {
    let problem = |message: String, says: Phrase, save_as: bool| {
        let diagnostic = Diagnostic::error(relative, message).saying(Some(says));
        Box::new(if save_as {
            diagnostic
                .expected(SAVE_AS)
                .expects("diag_spreadsheet_save_as", &[])
        } else {
            diagnostic
                .expected(SPREADSHEET)
                .expects("diag_spreadsheet_expected", &[])
        })
    };
    let system = |english: &str, key: &'static str, error: std::io::Error| {
        problem(
            format!("{english}: {error}"),
            Phrase::new(key, &[]).with("reason", io_reason(&error)),
            false,
        )
    };
    let mut file = File::open(path)
        .map_err(|e| system("cannot open the spreadsheet", "diag_cannot_open_spreadsheet", e))?;
    let mut start = [0u8; 8];
    let read = read_up_to(&mut file, &mut start);
    if let Some((what, says)) = not_a_zip(start.get(..read).unwrap_or_default()) {
        return Err(problem(what.to_string(), Phrase::new(says, &[]), true));
    }
    file.rewind()
        .map_err(|e| system("cannot read the spreadsheet", "diag_cannot_read_spreadsheet", e))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        problem(
            format!("the file is not a complete spreadsheet (its zip archive is damaged: {e})"),
            Phrase::new("diag_spreadsheet_damaged", &[]).with("reason", as_given(&e.to_string())),
            true,
        )
    })?;
    if archive.len() > limits::MAX_SPREADSHEET_ENTRIES {
        let (count, limit) = (
            archive.len().to_string(),
            limits::MAX_SPREADSHEET_ENTRIES.to_string(),
        );
        return Err(problem(
            format!("the spreadsheet holds {count} parts, more than rankpress reads ({limit})"),
            Phrase::new("diag_spreadsheet_parts", &[("count", &count), ("limit", &limit)]),
            true,
        ));
    }
    let mut unpacked: u64 = 0;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(index) else {
            continue;
        };
        if entry.encrypted() {
            return Err(problem(
                "the spreadsheet is protected by a password".to_string(),
                Phrase::new("diag_spreadsheet_password", &[]),
                true,
            ));
        }
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > limits::MAX_SPREADSHEET_UNPACKED_BYTES {
        let (size, limit) = (
            limits::megabytes(unpacked),
            limits::megabytes(limits::MAX_SPREADSHEET_UNPACKED_BYTES),
        );
        return Err(Box::new(
            Diagnostic::error(
                relative,
                format!("the spreadsheet unpacks to {size}, more than rankpress reads"),
            )
            .expected(format!(
                "a spreadsheet of at most {limit} unpacked (a CSV file of the sheet is read in \
                 rows and may be larger)"
            ))
            .says("diag_spreadsheet_unpacks", &[("size", &size)])
            .expects("diag_spreadsheet_unpacked_at_most", &[("limit", &limit)]),
        ));
    }
    Ok(archive)
}

/// "cannot read the spreadsheet", with the reason the reader gave.
pub(super) fn cannot_read(relative: &str, error: &dyn std::fmt::Display) -> Diagnostic {
    let reason = error.to_string();
    Diagnostic::error(relative, format!("cannot read the spreadsheet: {reason}")).saying(Some(
        Phrase::new("diag_cannot_read_spreadsheet", &[]).with("reason", as_given(&reason)),
    ))
}

const SPREADSHEET: &str = "an .xlsx file (Excel) or an .ods file (LibreOffice, OpenOffice)";

const SAVE_AS: &str = "an .xlsx file (Excel) or an .ods file (LibreOffice, OpenOffice): open the \
                       file and save it again as \"Excel Workbook (.xlsx)\" or \"ODF \
                       Spreadsheet (.ods)\", without a password";

/// Reads up to `buffer.len()` bytes; how many were read.
fn read_up_to(file: &mut File, buffer: &mut [u8]) -> usize {
    let mut filled = 0;
    while let Some(rest) = buffer.get_mut(filled..) {
        match file.read(rest) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
        if filled == buffer.len() {
            break;
        }
    }
    filled
}

/// What a file that should be a spreadsheet is when it is not a zip archive, from its first
/// bytes, in English and as the key of its interface string; `None` for a zip archive.
fn not_a_zip(start: &[u8]) -> Option<(&'static str, &'static str)> {
    if start.starts_with(b"PK\x03\x04") || start.starts_with(b"PK\x05\x06") {
        return None;
    }
    if start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE compound file: how Excel stores a workbook encrypted with a password, and
        // the old .xls format.
        return Some((
            "the file is a password-protected workbook or an old Excel 97-2003 (.xls) file, \
             not an .xlsx or .ods spreadsheet",
            "diag_spreadsheet_ole",
        ));
    }
    if start.is_empty() {
        return Some(("the file is empty", "diag_empty_file"));
    }
    let text = start
        .iter()
        .all(|&b| b.is_ascii_graphic() || b.is_ascii_whitespace() || b >= 0x80);
    if text {
        let lower = String::from_utf8_lossy(start).to_ascii_lowercase();
        let lower = lower.trim_start_matches('\u{feff}').trim_start();
        if lower.starts_with('<') {
            return Some((
                "the file is a web page or XML file (HTML, as some programs export a \
                 \"spreadsheet\"), not an .xlsx or .ods spreadsheet",
                "diag_spreadsheet_html",
            ));
        }
        return Some((
            "the file is text (a CSV file renamed?), not an .xlsx or .ods spreadsheet: give a \
             CSV file the extension .csv",
            "diag_spreadsheet_text",
        ));
    }
    Some((
        "the file is not an .xlsx or .ods spreadsheet (it is no zip archive)",
        "diag_spreadsheet_not_zip",
    ))
}

#[cfg(test)]
mod tests {
    use super::not_a_zip;

    #[test]
    fn files_that_are_no_spreadsheet_are_named() {
        assert_eq!(not_a_zip(b"PK\x03\x04\x14\x00"), None);
        assert!(
            not_a_zip(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
                .unwrap()
                .0
                .contains("password")
        );
        assert!(not_a_zip(b"company,").unwrap().0.contains("CSV"));
        assert!(not_a_zip(b"<html>").unwrap().0.contains("web page"));
        assert!(not_a_zip(b"").unwrap().0.contains("empty"));
    }
}
