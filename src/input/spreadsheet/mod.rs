//! Spreadsheets (`.xlsx`, `.ods`) wherever a CSV file is accepted: Excel files with calamine's
//! streaming cell reader (`xlsx.rs`), OpenDocument files with a streaming reader of their own
//! (`ods.rs`), both after the archive's size is checked (`archive.rs`) and keeping only filled
//! cells, counted against the limits (`grid.rs`).
//!
//! A sheet is turned into the CSV text the CSV readers already understand, with a map from each
//! CSV line and field back to the sheet's cell, so that every error names the cell the way the
//! spreadsheet user sees it: `data/editions/2026.xlsx, sheet Results, D14`. What a spreadsheet
//! holds that a CSV export would not is settled here, the way its user expects:
//!
//! - the sheet named by `sheet:`, or else the first *visible* sheet (a hidden draft is never
//!   published);
//! - a formula cell counts with its cached value; a formula without one is an error at its cell,
//!   and so is a date where a number or text belongs;
//! - numbers stored as text (`"4,5"`, `" 82 "`) are numbers, with a decimal comma or point;
//! - a percentage (`85%`, as a number formatted as percent or as text) is the number 85;
//! - rows above the header (a title) and empty rows anywhere, trailing ones too, are left out;
//! - a header cell merged over several columns or rows counts for each of them, so a two-row
//!   header ("Customer survey" over its criteria, `company` merged down) gives one column name
//!   per column;
//! - a cell showing a spreadsheet error (`#DIV/0!`) is an error at that cell.

mod archive;
mod grid;
mod ods;
mod xlsx;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Phrase, did_you_mean};
use crate::input::limits;
use grid::{Grid, Value};

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
    Diagnostic::error(at_cell(file, sheet, row, column), message)
}

/// Where a cell of a sheet is, as a diagnostic names it.
fn at_cell(file: &str, sheet: &str, row: u32, column: u32) -> String {
    format!("{file}, sheet {sheet}, {}", cell_name(row, column))
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

/// Reads sheet `sheet` (the first visible one when `None`) of the spreadsheet at `path`
/// (`relative` to the site, for messages) into CSV text. Whether it is an Excel or an
/// OpenDocument file is read from the file, not from its name.
pub fn read_table(
    path: &Path,
    relative: &str,
    sheet: Option<&str>,
) -> Result<Table, Box<Diagnostic>> {
    let mut archive = archive::open(path, relative)?;
    let is_ods = archive.index_for_name("content.xml").is_some()
        && archive.index_for_name("xl/workbook.xml").is_none();
    // Without `sheet:` and no `company` on the first visible sheet: the visible sheet after it
    // that has one, to name in the error ("sheet Итоги has a `company` header").
    let lacks_header = |chosen: &Option<(String, Grid)>| {
        sheet.is_none() && chosen.as_ref().is_some_and(|(_, grid)| !grid.has_company())
    };
    let (sheets, chosen, better) = if is_ods {
        let read = ods::read(&mut archive, relative, sheet)?;
        let mut better = None;
        if lacks_header(&read.sheet) {
            let first = read.sheet.as_ref().map(|(name, _)| name.clone());
            for (name, _) in read.sheets.iter().filter(|(n, visible)| *visible && Some(n) != first.as_ref()) {
                let other = ods::read(&mut archive, relative, Some(name))?;
                if other.sheet.as_ref().is_some_and(|(_, grid)| grid.has_company()) {
                    better = Some(name.clone());
                    break;
                }
            }
        }
        (read.sheets, read.sheet, better)
    } else {
        let mut workbook = xlsx::open(relative, archive)?;
        let sheets = xlsx::sheets(&workbook);
        let name = match sheet {
            Some(wanted) => sheets.iter().find(|(n, _)| n == wanted),
            None => sheets.iter().find(|(_, visible)| *visible),
        };
        let chosen = match name {
            Some((name, _)) => Some((
                name.clone(),
                xlsx::read_sheet(&mut workbook, relative, name)?,
            )),
            None => None,
        };
        let mut better = None;
        if lacks_header(&chosen) {
            let first = chosen.as_ref().map(|(name, _)| name.clone());
            for (name, _) in sheets.iter().filter(|(n, visible)| *visible && Some(n) != first.as_ref()) {
                if xlsx::read_sheet(&mut workbook, relative, name)?.has_company() {
                    better = Some(name.clone());
                    break;
                }
            }
        }
        (sheets, chosen, better)
    };
    let Some((name, grid)) = chosen else {
        return Err(no_such_sheet(relative, sheet, &sheets));
    };
    if let Some(better) = better {
        return Err(Box::new(
            Diagnostic::error(
                format!("{relative}, sheet {name}"),
                format!("the first sheet, `{name}`, has no `company` header; the sheet `{better}` has one"),
            )
            .says("diag_sheet_without_company", &[("sheet", &name), ("better", &better)])
            .expected("the results on the first visible sheet, or the sheet to read named in the edition's YAML file")
            .expects("diag_sheet_expected", &[])
            .hint(Some(format!("add `sheet: {better}` to the edition's YAML file")))
            .suggests("diag_add_sheet", &[("sheet", &better)]),
        ));
    }
    table(relative, &name, grid)
}

/// The error when the sheet asked for, or any visible sheet, is not there.
fn no_such_sheet(
    relative: &str,
    wanted: Option<&str>,
    sheets: &[(String, bool)],
) -> Box<Diagnostic> {
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    let listed = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Box::new(match wanted {
        Some(wanted) => {
            Diagnostic::error(relative, format!("the spreadsheet has no sheet `{wanted}`"))
                .expected(format!("one of its sheets: {listed}"))
                .hint(did_you_mean(wanted, names.iter().copied()))
                .says("diag_no_such_sheet", &[("sheet", wanted)])
                .expects("diag_one_of_sheets", &[("sheets", &listed)])
        }
        None if sheets.is_empty() => Diagnostic::error(relative, "the spreadsheet has no sheets")
            .says("diag_no_sheets", &[]),
        None => Diagnostic::error(relative, "every sheet of the spreadsheet is hidden")
            .expected(format!(
                "a visible sheet, or `sheet:` in the edition's YAML file naming one of {listed}"
            ))
            .says("diag_all_sheets_hidden", &[])
            .expects("diag_visible_sheet_expected", &[("sheets", &listed)]),
    })
}

/// Problems kept per sheet; the rest are counted in one last problem.
const MAX_SHEET_PROBLEMS: usize = 1_000;

/// Problems at cells, kept up to [`MAX_SHEET_PROBLEMS`].
struct Problems {
    kept: Vec<Diagnostic>,
    more: usize,
}

impl Problems {
    fn push(&mut self, problem: Diagnostic) {
        if self.kept.len() < MAX_SHEET_PROBLEMS {
            self.kept.push(problem);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self, file: &str, sheet: &str) -> Vec<Diagnostic> {
        if self.more > 0 {
            let more = self.more.to_string();
            self.kept.push(
                Diagnostic::error(
                    format!("{file}, sheet {sheet}"),
                    format!("… and {more} more cells with problems, not listed"),
                )
                .says("diag_more_cells", &[("count", &more)]),
            );
        }
        self.kept
    }
}

/// The sheet's filled cells as CSV text: the header row found, the rows above it and empty
/// rows left out, merged cells filled from their first cell.
fn table(relative: &str, name: &str, grid: Grid) -> Result<Table, Box<Diagnostic>> {
    let merges = grid.merges.clone();
    let filled = grid.into_rows();
    let left = filled
        .iter()
        .filter_map(|(_, cells)| cells.first().map(|(c, _)| *c))
        .min()
        .unwrap_or(0);
    let right = filled
        .iter()
        .filter_map(|(_, cells)| cells.last().map(|(c, _)| *c))
        .max()
        .unwrap_or(0);
    let width = (right - left) as usize + 1;
    check_area(relative, name, &filled, (left, right), width)?;
    let mut problems = Problems {
        kept: Vec::new(),
        more: 0,
    };
    let mut rows: Vec<(u32, Vec<String>)> = Vec::with_capacity(filled.len());
    for (row, cells) in filled {
        let mut texts = vec![String::new(); width];
        for (column, value) in cells {
            let text = value_text(value, |why| {
                problems.push(why.at(at_cell(relative, name, row, column)))
            });
            if let Some(slot) = texts.get_mut((column - left) as usize) {
                *slot = text;
            }
        }
        rows.push((row, texts));
    }
    fill_merged(&mut rows, &merges, left)
        .map_err(|problem| grid::sheet_error(relative, name, *problem))?;
    let mut map = SheetMap {
        file: relative.to_string(),
        sheet: name.to_string(),
        first_column: left,
        rows: Vec::new(),
        line_starts: Vec::new(),
        csv: String::new(),
    };
    let header_at = header_rows(&rows);
    let (first, last) = header_at.unwrap_or((0, 0));
    // One name per column: the lowest non-empty header cell (a merged or covered cell counts).
    let header: Vec<String> = (0..width)
        .map(|column| {
            (first..=last)
                .rev()
                .filter_map(|row| rows.get(row).and_then(|(_, r)| r.get(column)))
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
        for (index, cell) in cells.iter().enumerate() {
            if index > 0 {
                csv.push(',');
            }
            csv.push_str(&quoted(cell));
        }
        csv.push('\n');
    };
    if let Some((header_row, _)) = header_at.and_then(|_| rows.get(last)) {
        push_line(
            header.get(..used).unwrap_or_default(),
            *header_row,
            &mut csv,
            &mut map,
        );
    }
    let data_start = header_at.map_or(0, |_| last + 1);
    for (row, cells) in rows.iter().skip(data_start) {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        for (column, cell) in cells.iter().enumerate().skip(used) {
            if !cell.is_empty() {
                problems.push(
                    error_at_cell(
                        relative,
                        name,
                        *row,
                        left + column as u32,
                        format!("a value (`{}`) in a column without a header", window(cell)),
                    )
                    .expected("a header cell above every column that holds values")
                    .says("diag_value_without_header", &[("value", &window(cell))])
                    .expects("diag_header_above_values", &[]),
                );
            }
        }
        push_line(
            cells.get(..used).unwrap_or_default(),
            *row,
            &mut csv,
            &mut map,
        );
    }
    map.csv = csv;
    Ok(Table {
        map,
        problems: problems.finish(relative, name),
    })
}

/// An error when the filled cells span more than rankpress reads.
fn check_area(
    relative: &str,
    name: &str,
    filled: &[(u32, Vec<(u32, grid::Value)>)],
    (left, right): (u32, u32),
    width: usize,
) -> Result<(), Box<Diagnostic>> {
    if filled.len().saturating_mul(width) > limits::MAX_SHEET_AREA {
        let (top, bottom) = (
            filled.first().map_or(0, |(r, _)| *r),
            filled.last().map_or(0, |(r, _)| *r),
        );
        let (from, to, rows, columns, limit) = (
            cell_name(top, left),
            cell_name(bottom, right),
            filled.len().to_string(),
            width.to_string(),
            limits::MAX_SHEET_AREA.to_string(),
        );
        return Err(grid::sheet_error(
            relative,
            name,
            grid::Why::new(
                (
                    format!(
                        "the sheet's filled cells span {from}:{to}, {rows} rows by {columns} \
                         columns, more than rankpress reads ({limit} cells)"
                    ),
                    Phrase::new(
                        "diag_sheet_area",
                        &[
                            ("from", &from),
                            ("to", &to),
                            ("rows", &rows),
                            ("columns", &columns),
                            ("limit", &limit),
                        ],
                    ),
                ),
                (
                    "a sheet holding the table alone: delete the cells right of it and below it \
                     (a stray value far away makes the whole area count)"
                        .to_string(),
                    Phrase::new("diag_sheet_area_expected", &[]),
                ),
            ),
        ));
    }
    Ok(())
}

/// At most the first 80 characters of a value, for a message.
fn window(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// A cell's value as CSV text; a value that cannot be one is reported through `problem` (why,
/// and what was expected) and left empty.
fn value_text(value: Value, mut problem: impl FnMut(grid::Why)) -> String {
    let why = |(message, says): (String, Phrase), (expected, expects): (&str, Phrase)| {
        grid::Why::new((message, says), (expected.to_string(), expects))
    };
    match value {
        Value::Text(text) => cell_text(&text),
        Value::Number(number, percent) => number_text(number, percent),
        Value::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Error(error) => {
            let error = window(&error);
            problem(why(
                (
                    format!("the cell shows the spreadsheet error {error}, not a value"),
                    Phrase::new("diag_cell_error", &[("error", &error)]),
                ),
                (
                    "a number, or an empty cell for a missing value",
                    Phrase::new("diag_number_or_empty", &[]),
                ),
            ));
            String::new()
        }
        Value::Date(date) => {
            let date = window(&date);
            problem(why(
                (
                    format!("the cell holds the date {date}, not a number or a text"),
                    Phrase::new("diag_cell_date", &[("date", &date)]),
                ),
                (
                    "a number (format the cell as a number: a spreadsheet shows a number it \
                     takes for a date as one) or a text",
                    Phrase::new("diag_cell_date_expected", &[]),
                ),
            ));
            String::new()
        }
        Value::UncomputedFormula => {
            problem(why(
                (
                    "the cell's formula has no saved value (the file was written by a program \
                     that does not compute formulas, or never recalculated)"
                        .to_string(),
                    Phrase::new("diag_cell_formula", &[]),
                ),
                (
                    "a value: open the file in a spreadsheet program and save it, which \
                     computes and saves the value of every formula",
                    Phrase::new("diag_cell_formula_expected", &[]),
                ),
            ));
            String::new()
        }
        Value::TooLong(chars) => {
            let (count, limit) = (chars.to_string(), limits::MAX_TEXT_CHARS.to_string());
            problem(why(
                (
                    format!(
                        "the cell holds {count} characters, more than any value rankpress reads"
                    ),
                    Phrase::new("diag_cell_too_long", &[("count", &count)]),
                ),
                (
                    &format!("at most {limit} characters"),
                    Phrase::new("diag_at_most_characters", &[("max", &limit)]),
                ),
            ));
            String::new()
        }
    }
}

/// Gives each empty cell of a merged region the text of the region's first cell, for the rows
/// that are there; the work is bounded by the sheet's area however the regions overlap.
fn fill_merged(
    rows: &mut [(u32, Vec<String>)],
    merges: &[(u32, u32, u32, u32)],
    left: u32,
) -> Result<(), grid::TooLarge> {
    let mut budget = limits::MAX_SHEET_AREA;
    for &(top, first, bottom, last) in merges {
        let start = rows.partition_point(|(row, _)| *row < top);
        let text = rows
            .get(start)
            .filter(|(row, _)| *row == top)
            .and_then(|(_, cells)| cells.get(first.checked_sub(left)? as usize))
            .cloned()
            .unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        for (row, cells) in rows.iter_mut().skip(start) {
            if *row > bottom {
                break;
            }
            let from = first.saturating_sub(left) as usize;
            let to = (last.saturating_sub(left) as usize).min(cells.len().saturating_sub(1));
            for cell in cells.get_mut(from..=to).unwrap_or_default() {
                budget = budget.checked_sub(1).ok_or_else(|| {
                    Box::new(grid::Why::new(
                        (
                            "the sheet's merged cells cover more than rankpress reads".to_string(),
                            Phrase::new("diag_sheet_merged_area", &[]),
                        ),
                        (
                            "a sheet whose table has fewer merged cells".to_string(),
                            Phrase::new("diag_fewer_merges_expected", &[]),
                        ),
                    ))
                })?;
                if cell.is_empty() {
                    cell.clone_from(&text);
                }
            }
        }
    }
    Ok(())
}

/// The header: from the first row with a `company` cell down through the rows below it that
/// continue it (the `company` cell merged down, or left empty by a covered cell, and nothing
/// but labels beside it). Rows above it are a title. `None` when no row names `company`: then
/// the first row is taken as the header and the CSV reader reports the missing column.
fn header_rows(rows: &[(u32, Vec<String>)]) -> Option<(usize, usize)> {
    let is_company =
        |cell: &String| crate::input::column_words::fixed_column(cell) == Some("company");
    let (first, column) = rows
        .iter()
        .enumerate()
        .find_map(|(index, (_, row))| row.iter().position(is_company).map(|c| (index, c)))?;
    let mut last = first;
    while let (Some((row, _)), Some((next_row, next))) = (rows.get(last), rows.get(last + 1)) {
        // Only the row right below continues a header: an empty row ends it.
        let continues = *next_row == row + 1
            && next
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
