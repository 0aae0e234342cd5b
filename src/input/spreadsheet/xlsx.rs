//! An Excel workbook's sheet, read with calamine's streaming cell reader: only filled cells are
//! kept, so a stray cell at XFD1048576 costs one cell, not the sheet's whole used area. Shared
//! strings are counted before calamine reads them (it reserves room for as many as the file
//! declares).

use std::fs::File;
use std::io::{BufReader, Seek};

use calamine::{DataRef, Reader, SheetVisible, Xlsx};
use quick_xml::events::Event;

use super::archive::Archive;
use super::grid::{Grid, TooLarge, Value, Why};
use crate::diagnostics::Phrase;
use crate::diagnostics::Diagnostic;
use crate::input::limits;

/// The workbook of `archive`, opened by calamine (from the same open file) after its shared
/// strings were counted.
pub(super) fn open(
    relative: &str,
    mut archive: Archive,
) -> Result<Xlsx<BufReader<File>>, Box<Diagnostic>> {
    check_shared_strings(&mut archive).map_err(|why| Box::new(why.at(relative.to_string())))?;
    let mut file = archive.into_inner();
    file.rewind().map_err(|e| cannot_read(relative, &e))?;
    Xlsx::new(file).map_err(|e| cannot_read(relative, &e))
}

fn cannot_read(relative: &str, error: &dyn std::fmt::Display) -> Box<Diagnostic> {
    Box::new(
        super::archive::cannot_read(relative, error)
            .expected("an .xlsx file as Excel or LibreOffice saves it")
            .expects("diag_xlsx_expected", &[]),
    )
}

/// The sheets of the workbook, each with whether it is visible.
pub(super) fn sheets(workbook: &Xlsx<BufReader<File>>) -> Vec<(String, bool)> {
    workbook
        .sheets_metadata()
        .iter()
        .map(|sheet| (sheet.name.clone(), sheet.visible == SheetVisible::Visible))
        .collect()
}

/// The filled cells and merged regions of sheet `name`.
pub(super) fn read_sheet(
    workbook: &mut Xlsx<BufReader<File>>,
    relative: &str,
    name: &str,
) -> Result<Grid, Box<Diagnostic>> {
    let too_large = |problem: TooLarge| super::grid::sheet_error(relative, name, *problem);
    let mut grid = Grid::default();
    // Values and how each is shown (a percentage), in one pass.
    {
        let mut cells = workbook
            .worksheet_cells_reader(name)
            .map_err(|e| cannot_read(relative, &e))?;
        let percent: Vec<bool> = cells
            .styles()
            .iter()
            .map(|style| {
                style
                    .number_format
                    .as_ref()
                    .is_some_and(|format| format.format_code.contains('%'))
            })
            .collect();
        while let Some((cell, style)) = cells
            .next_cell_with_style_id()
            .map_err(|e| cannot_read(relative, &e))?
        {
            let (row, column) = cell.get_position();
            let percent = percent.get(style).copied().unwrap_or(false);
            if let Some(value) = value(cell.get_value(), percent) {
                grid.push(row, column, value).map_err(too_large)?;
            }
        }
    }
    // Formulas whose result was never saved read as empty: a second pass finds them.
    {
        let mut cells = workbook
            .worksheet_cells_reader(name)
            .map_err(|e| cannot_read(relative, &e))?;
        while let Some(record) = cells
            .next_cell_with_formula_metadata()
            .map_err(|e| cannot_read(relative, &e))?
        {
            if record.formula.is_some() && matches!(record.value, DataRef::Empty) {
                let (row, column) = record.pos;
                grid.push(row, column, Value::UncomputedFormula)
                    .map_err(too_large)?;
            }
        }
    }
    let regions = workbook
        .merge_cells_by_sheet_name(name)
        .map_err(|e| cannot_read(relative, &e))?;
    for region in regions {
        grid.merge((region.start.0, region.start.1, region.end.0, region.end.1))
            .map_err(too_large)?;
    }
    Ok(grid)
}

/// A cell's value as rankpress reads it; `None` for an empty one.
fn value(data: &DataRef<'_>, percent: bool) -> Option<Value> {
    let text = |text: &str| {
        let chars = text.chars().count();
        if chars > limits::MAX_TEXT_CHARS {
            Value::TooLong(chars)
        } else {
            Value::Text(text.to_string())
        }
    };
    Some(match data {
        DataRef::Empty => return None,
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Float(f) => Value::Number(*f, percent),
        DataRef::Int(i) => Value::Number(*i as f64, percent),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::DateTime(date) if date.is_duration() => {
            Value::Date(format!("{} days", date.as_f64()))
        }
        DataRef::DateTime(date) => {
            let (year, month, day, hour, minute, ..) = date.to_ymd_hms_milli();
            Value::Date(if (hour, minute) == (0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
            })
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(s.clone()),
    })
}

/// Counts the shared strings (every text of the workbook, kept once) before calamine reads
/// them: it reserves room for as many as the file declares, and keeps each one.
fn check_shared_strings(archive: &mut Archive) -> Result<(), TooLarge> {
    let name = archive
        .file_names()
        .flatten()
        .find(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(|name| name.into_owned());
    let Some(name) = name else {
        return Ok(());
    };
    let Ok(entry) = archive.by_name(&name) else {
        return Ok(());
    };
    let too_many = |count: u64| {
        let (count, limit) = (count.to_string(), limits::MAX_SHARED_STRINGS.to_string());
        Box::new(Why::new(
            (
                format!(
                    "the workbook has {count} different texts, more than rankpress reads ({limit})"
                ),
                Phrase::new("diag_workbook_texts", &[("count", &count), ("limit", &limit)]),
            ),
            (
                "a workbook of fewer texts: delete the sheets that are not the table, or export \
                 the sheet as CSV"
                    .to_string(),
                Phrase::new("diag_workbook_texts_expected", &[]),
            ),
        ))
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buffer = Vec::new();
    let mut count: u64 = 0;
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) | Ok(Event::Empty(element)) => {
                match element.local_name().as_ref() {
                    "sst" => {
                        let declared = element
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "uniqueCount")
                            .and_then(|a| a.value.trim().parse::<u64>().ok());
                        if let Some(declared) =
                            declared.filter(|&n| n > limits::MAX_SHARED_STRINGS as u64)
                        {
                            return Err(too_many(declared));
                        }
                    }
                    "si" => {
                        count += 1;
                        if count > limits::MAX_SHARED_STRINGS as u64 {
                            return Err(too_many(count));
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
        buffer.clear();
    }
}
