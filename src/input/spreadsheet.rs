//! Spreadsheets (`.xlsx`, `.ods`) wherever a CSV file is accepted, read with calamine.
//!
//! A sheet is turned into the CSV text the CSV readers already understand, with a map from each
//! CSV line and field back to the sheet's cell, so that every error names the cell the way the
//! spreadsheet user sees it: `data/editions/2026.xlsx, sheet Results, D14`. What a spreadsheet
//! holds that a CSV export would not is settled here, the way its user expects:
//!
//! - a formula cell counts with its cached value (calamine reads that value);
//! - numbers stored as text (`"4,5"`, `" 82 "`) are numbers, with a decimal comma or point;
//! - a percentage (`85%`, as a number formatted as percent or as text) is the number 85;
//! - rows above the header (a title) and empty rows anywhere, trailing ones too, are left out;
//! - a header cell merged over several columns or rows counts for each of them, so a two-row
//!   header ("Customer survey" over its criteria, `company` merged down) gives one column name
//!   per column;
//! - a cell showing a spreadsheet error (`#DIV/0!`) is an error at that cell.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto};

use crate::diagnostics::{Diagnostic, did_you_mean};

/// File extensions read as spreadsheets.
pub const EXTENSIONS: &[&str] = &["xlsx", "ods"];

/// Whether `extension` (lower case, no dot) names a spreadsheet.
pub fn is_spreadsheet(extension: &str) -> bool {
    EXTENSIONS.contains(&extension)
}

/// A sheet as CSV text, with the way back to its cells.
#[derive(Debug)]
pub struct Table {
    pub map: SheetMap,
    /// Cells that cannot become CSV (a formula error, a value in a column without a header).
    pub problems: Vec<Diagnostic>,
}

/// From a line and character column of the CSV text to a cell of the sheet.
#[derive(Debug)]
pub struct SheetMap {
    /// The file, relative to the site.
    pub file: String,
    pub sheet: String,
    /// The sheet column of CSV field 0 (0-based).
    first_column: u32,
    /// The sheet row (0-based) of each CSV line, line 1 first.
    rows: Vec<u32>,
    /// Byte offset where each CSV line starts.
    line_starts: Vec<usize>,
    /// The sheet as CSV: comma-separated, a header line first, numbers with a decimal point.
    csv: String,
}

impl Table {
    /// The sheet as CSV text (held once, by the map that also locates its lines).
    pub fn csv(&self) -> &str {
        &self.map.csv
    }
}

impl SheetMap {
    /// Where `line`, `column` of the CSV text is, as a spreadsheet user names it ("D14").
    pub fn cell(&self, line: usize, column: Option<usize>) -> Option<String> {
        let row = *self.rows.get(line.checked_sub(1)?)?;
        let field = column.map_or(0, |column| {
            let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
            let end = self
                .line_starts
                .get(line)
                .copied()
                .unwrap_or(self.csv.len());
            field_at(self.csv.get(start..end).unwrap_or_default(), column)
        });
        let column = self.first_column + u32::try_from(field).unwrap_or(0);
        Some(cell_name(row, column))
    }

    /// The sheet's row number (1-based, as the spreadsheet shows it) of CSV line `line`.
    pub fn row_number(&self, line: usize) -> Option<u32> {
        self.rows.get(line.checked_sub(1)?).map(|row| row + 1)
    }

    /// `diagnostic`, reported against the CSV text, moved to the sheet's cell.
    pub fn relocate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.file != self.file {
            return diagnostic;
        }
        let place = diagnostic
            .line
            .and_then(|line| self.cell(line, diagnostic.column));
        diagnostic.file = match place {
            Some(cell) => format!("{}, sheet {}, {cell}", self.file, self.sheet),
            None => format!("{}, sheet {}", self.file, self.sheet),
        };
        diagnostic.line = None;
        diagnostic.column = None;
        diagnostic.source_line = None;
        diagnostic.source_start = 0;
        diagnostic
    }
}

/// An error at a cell of a sheet.
fn error_at_cell(file: &str, sheet: &str, row: u32, column: u32, message: String) -> Diagnostic {
    Diagnostic::error(
        format!("{file}, sheet {sheet}, {}", cell_name(row, column)),
        message,
    )
}

/// The spreadsheet's name for a 0-based cell position: (13, 3) is "D14".
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The 0-based field of a comma-separated line that character column `column` falls in.
fn field_at(line: &str, column: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    for (position, c) in line.chars().enumerate() {
        if position + 1 >= column {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    field
}

/// Reads sheet `sheet` (the first when `None`) of the spreadsheet at `path` (`relative` to the
/// site, for messages) into CSV text.
pub fn read_table(
    path: &Path,
    relative: &str,
    sheet: Option<&str>,
) -> Result<Table, Box<Diagnostic>> {
    let cannot_read = |error: &dyn std::fmt::Display| {
        Box::new(
            Diagnostic::error(relative, format!("cannot read the spreadsheet: {error}"))
                .expected("an .xlsx file (Excel) or an .ods file (LibreOffice, OpenOffice)"),
        )
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| cannot_read(&e))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                Box::new(
                    Diagnostic::error(relative, format!("the spreadsheet has no sheet `{wanted}`"))
                        .expected(format!(
                            "one of its sheets: {}",
                            names
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                        .hint(did_you_mean(wanted, names.iter().map(String::as_str))),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| {
            Box::new(Diagnostic::error(relative, "the spreadsheet has no sheets"))
        })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| cannot_read(&e))?;
    // Merged cells and number formats: calamine gives both for .xlsx; an .ods file's merged
    // cells are read as empty covered cells, which the header rule below fills from above, and
    // its percentage cells are found in its content.xml.
    let mut merged: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    let mut percent: Box<dyn Fn(u32, u32) -> bool> = Box::new(|_, _| false);
    if matches!(workbook, Sheets::Ods(_)) {
        let cells = ods_percent_cells(path, &name);
        percent = Box::new(move |row, column| cells.contains(&(row, column)));
    }
    if let Sheets::Xlsx(xlsx) = &mut workbook {
        if let Ok(regions) = xlsx.merge_cells_by_sheet_name(&name) {
            for region in regions {
                for row in region.start.0..=region.end.0 {
                    for column in region.start.1..=region.end.1 {
                        if (row, column) != region.start {
                            merged.insert((row, column), region.start);
                        }
                    }
                }
            }
        }
        if let Ok(styles) = xlsx.worksheet_style(&name) {
            percent = Box::new(move |row, column| {
                styles
                    .get((row, column))
                    .and_then(|style| style.number_format.as_ref())
                    .is_some_and(|format| format.format_code.contains('%'))
            });
        }
    }
    let (top, left) = range.start().unwrap_or((0, 0));
    let height = range.height() as u32;
    let width = range.width() as u32;
    let raw = |row: u32, column: u32| -> Option<&Data> {
        let (row, column) = merged.get(&(row, column)).copied().unwrap_or((row, column));
        range.get_value((row, column))
    };
    let mut map = SheetMap {
        file: relative.to_string(),
        sheet: name.clone(),
        first_column: left,
        rows: Vec::new(),
        line_starts: Vec::new(),
        csv: String::new(),
    };
    let mut problems = Vec::new();
    let text = |row: u32, column: u32, problems: &mut Vec<Diagnostic>| -> String {
        match raw(row, column) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => cell_text(s),
            Some(Data::Float(f)) => number_text(*f, percent(row, column)),
            Some(Data::Int(i)) => number_text(*i as f64, percent(row, column)),
            Some(Data::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Some(Data::Error(e)) => {
                problems.push(
                    error_at_cell(
                        relative,
                        &name,
                        row,
                        column,
                        format!("the cell shows the spreadsheet error {e}, not a value"),
                    )
                    .expected("a number, or an empty cell for a missing value"),
                );
                String::new()
            }
            Some(other) => other.to_string(),
        }
    };
    let rows: Vec<Vec<String>> = (top..top + height)
        .map(|row| {
            (left..left + width)
                .map(|column| text(row, column, &mut problems))
                .collect()
        })
        .collect();
    let header_at = header_rows(&rows);
    let (first, last) = header_at.unwrap_or((0, 0));
    // One name per column: the lowest non-empty header cell (a merged or covered cell counts).
    let header: Vec<String> = (0..width as usize)
        .map(|column| {
            (first..=last)
                .rev()
                .filter_map(|row| rows.get(row).and_then(|r| r.get(column)))
                .find(|cell| !cell.is_empty())
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    let used = header
        .iter()
        .rposition(|name| !name.is_empty())
        .map_or(0, |p| p + 1);
    let mut csv = String::new();
    let push_line = |cells: &[String], row: u32, csv: &mut String, map: &mut SheetMap| {
        map.line_starts.push(csv.len());
        map.rows.push(row);
        let fields: Vec<String> = cells.iter().map(|c| quoted(c)).collect();
        csv.push_str(&fields.join(","));
        csv.push('\n');
    };
    if header_at.is_some() {
        push_line(
            header.get(..used).unwrap_or_default(),
            top + last as u32,
            &mut csv,
            &mut map,
        );
    }
    let data_start = header_at.map_or(0, |_| last + 1);
    for (index, cells) in rows.iter().enumerate().skip(data_start) {
        let row = top + index as u32;
        if cells.iter().all(String::is_empty) {
            continue;
        }
        for (column, cell) in cells.iter().enumerate().skip(used) {
            if !cell.is_empty() {
                problems.push(
                    error_at_cell(
                        relative,
                        &name,
                        row,
                        left + column as u32,
                        format!("a value (`{cell}`) in a column without a header"),
                    )
                    .expected("a header cell above every column that holds values"),
                );
            }
        }
        push_line(
            cells.get(..used).unwrap_or_default(),
            row,
            &mut csv,
            &mut map,
        );
    }
    map.csv = csv;
    Ok(Table { map, problems })
}

/// The cells of sheet `sheet` of an OpenDocument file whose value type is a percentage (calamine
/// gives their fraction, 0.85, but not their type). Rows and cells repeated by count are counted,
/// not expanded; a percentage cell repeated more than a sheet's width is ignored. Any problem
/// reading the file leaves the set empty: calamine has read the same file already.
fn ods_percent_cells(path: &Path, sheet: &str) -> std::collections::HashSet<(u32, u32)> {
    use quick_xml::events::Event;
    let mut cells = std::collections::HashSet::new();
    let Ok(file) = std::fs::File::open(path) else {
        return cells;
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return cells;
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return cells;
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buffer = Vec::new();
    let attribute = |element: &quick_xml::events::BytesStart<'_>, name: &str| {
        element
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.to_string())
    };
    let count = |value: Option<String>| value.and_then(|v| v.parse::<u32>().ok()).unwrap_or(1);
    let (mut in_sheet, mut row, mut column, mut row_repeat) = (false, 0u32, 0u32, 1u32);
    loop {
        let event = reader.read_event_into(&mut buffer);
        match event {
            Ok(Event::Start(element)) | Ok(Event::Empty(element)) => {
                match element.name().as_ref() {
                    "table:table" => {
                        in_sheet = attribute(&element, "table:name").as_deref() == Some(sheet);
                        row = 0;
                    }
                    "table:table-row" if in_sheet => {
                        column = 0;
                        row_repeat = count(attribute(&element, "table:number-rows-repeated"));
                    }
                    "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                        let repeat = count(attribute(&element, "table:number-columns-repeated"));
                        let percentage = attribute(&element, "office:value-type").as_deref()
                            == Some("percentage");
                        if percentage && repeat <= 16_384 && row_repeat <= 16_384 {
                            for r in row..row.saturating_add(row_repeat) {
                                for c in column..column.saturating_add(repeat) {
                                    cells.insert((r, c));
                                }
                            }
                        }
                        column = column.saturating_add(repeat);
                    }
                    _ => {}
                }
            }
            Ok(Event::End(element)) => match element.name().as_ref() {
                "table:table-row" if in_sheet => row = row.saturating_add(row_repeat),
                "table:table" if in_sheet => break,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buffer.clear();
    }
    cells
}

/// The header: from the first row with a `company` cell down through the rows below it that
/// continue it (the `company` cell merged down, or left empty by a covered cell, and nothing
/// but labels beside it). Rows above it are a title. `None` when no row names `company`: then
/// the first row is taken as the header and the CSV reader reports the missing column.
fn header_rows(rows: &[Vec<String>]) -> Option<(usize, usize)> {
    let is_company = |cell: &String| cell.trim().eq_ignore_ascii_case("company");
    let (first, column) = rows
        .iter()
        .enumerate()
        .find_map(|(index, row)| row.iter().position(is_company).map(|c| (index, c)))?;
    let mut last = first;
    while let Some(next) = rows.get(last + 1) {
        let continues = next
            .get(column)
            .is_some_and(|c| c.is_empty() || is_company(c))
            && next.iter().any(|c| !c.is_empty())
            && next
                .iter()
                .all(|c| c.is_empty() || c.trim().parse::<f64>().is_err());
        if !continues {
            break;
        }
        last += 1;
    }
    Some((first, last))
}

/// A text cell as a CSV cell: trimmed (no-break spaces too), and a number stored as text
/// ("4,5", "85 %") written as the number.
fn cell_text(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    // A percentage is the number it shows: "85%" is 85, as a cell formatted as percent is.
    let digits = trimmed.strip_suffix('%').map_or(trimmed, str::trim_end);
    let plain = digits.replace(',', ".");
    let numeric = !digits.is_empty()
        && digits.matches([',', '.']).count() <= 1
        && digits
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && digits.chars().any(|c| c.is_ascii_digit());
    if numeric && plain.parse::<f64>().is_ok() {
        plain
    } else {
        trimmed.to_string()
    }
}

/// A number cell as CSV text: the shortest text that reads back as the same number, and a
/// percentage (0.85 formatted as 85%) as the number it shows (85).
fn number_text(value: f64, percent: bool) -> String {
    if percent {
        // 0.85 * 100 is 85.00000000000001 in binary: keep the digits the sheet could show.
        let shown = format!("{:.10}", value * 100.0);
        let shown = shown.trim_end_matches('0').trim_end_matches('.');
        return shown.to_string();
    }
    format!("{value}")
}

/// A CSV field, quoted when it holds a comma, a quote or a line end.
fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 3), "D14");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 701), "ZZ10");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn numbers_stored_as_text_and_percentages_are_numbers() {
        assert_eq!(cell_text(" 4,5 "), "4.5");
        assert_eq!(cell_text("85%"), "85");
        assert_eq!(cell_text("85 %"), "85");
        assert_eq!(cell_text("\u{a0}82"), "82");
        assert_eq!(cell_text("kontor-bank"), "kontor-bank");
        assert_eq!(cell_text("1.234,5"), "1.234,5");
        assert_eq!(number_text(0.85, true), "85");
        assert_eq!(number_text(0.825, true), "82.5");
        assert_eq!(number_text(4.1, false), "4.1");
        assert_eq!(number_text(214.0, false), "214");
    }

    #[test]
    fn a_csv_column_maps_back_to_its_field() {
        assert_eq!(field_at("a,b,c", 1), 0);
        assert_eq!(field_at("a,b,c", 3), 1);
        assert_eq!(field_at("\"x,y\",b", 7), 1);
        assert_eq!(field_at("\"x,y\",b", 3), 0);
    }
}
