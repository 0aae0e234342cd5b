//! A sheet as read, before it becomes CSV: its filled cells only (a sheet's used area can be a
//! million rows by sixteen thousand columns while its table is a few hundred cells), with the
//! merged regions, counted against the limits as they are added.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Phrase};
use crate::input::limits;

/// A cell's content as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Text(String),
    /// A number, and whether it is shown as a percentage (0.85 as 85%).
    Number(f64, bool),
    Bool(bool),
    /// A spreadsheet error shown in the cell (`#DIV/0!`).
    Error(String),
    /// A date or time, as the spreadsheet shows it (ISO 8601).
    Date(String),
    /// A formula whose result was never saved (a file written by a script, or not recalculated).
    UncomputedFormula,
    /// A text longer than any value rankpress reads: its length only.
    TooLong(usize),
}

/// The filled cells of one sheet, by 0-based row and column.
#[derive(Debug, Default)]
pub(super) struct Grid {
    rows: BTreeMap<u32, Vec<(u32, Value)>>,
    cells: usize,
    /// Merged regions: first row, first column, last row, last column.
    pub(super) merges: Vec<(u32, u32, u32, u32)>,
}

/// Why a sheet or a cell is not read: the message and what was expected, in English and as the
/// phrases a theme translates.
#[derive(Debug)]
pub(super) struct Why {
    message: String,
    expected: String,
    says: Phrase,
    expects: Phrase,
}

impl Why {
    pub(super) fn new(
        (message, says): (String, Phrase),
        (expected, expects): (String, Phrase),
    ) -> Why {
        Why {
            message,
            expected,
            says,
            expects,
        }
    }

    /// An error at `place` saying why.
    pub(super) fn at(self, place: String) -> Diagnostic {
        Diagnostic::error(place, self.message)
            .expected(self.expected)
            .saying(Some(self.says))
            .expecting(self.expects)
    }
}

/// Why a sheet is not read (boxed: the reader's results stay small).
pub(super) type TooLarge = Box<Why>;

impl Grid {
    /// Adds a filled cell; an error once the sheet holds more than rankpress reads.
    pub(super) fn push(&mut self, row: u32, column: u32, value: Value) -> Result<(), TooLarge> {
        self.push_repeated(row, 1, column, 1, value)
    }

    /// Adds a cell repeated over `rows` rows and `columns` columns (an OpenDocument file writes
    /// a run of equal cells once, with a count), checking the count before anything is added.
    pub(super) fn push_repeated(
        &mut self,
        row: u32,
        rows: u32,
        column: u32,
        columns: u32,
        value: Value,
    ) -> Result<(), TooLarge> {
        let count = u64::from(rows) * u64::from(columns);
        if (self.cells as u64).saturating_add(count) > limits::MAX_SHEET_CELLS as u64 {
            let limit = limits::MAX_SHEET_CELLS.to_string();
            return Err(Box::new(Why::new(
                (
                    format!("the sheet has more than {limit} filled cells, more than rankpress reads"),
                    Phrase::new("diag_sheet_cells", &[("limit", &limit)]),
                ),
                (
                    "a sheet of at most that many filled cells: delete what is not the table, or \
                     export the sheet as CSV, which is read row by row"
                        .to_string(),
                    Phrase::new("diag_sheet_cells_expected", &[]),
                ),
            )));
        }
        for r in row..row.saturating_add(rows) {
            let cells = self.rows.entry(r).or_default();
            for c in column..column.saturating_add(columns) {
                cells.push((c, value.clone()));
            }
        }
        self.cells += count as usize;
        Ok(())
    }

    /// Adds a merged region, unless the sheet has more than rankpress reads.
    pub(super) fn merge(&mut self, region: (u32, u32, u32, u32)) -> Result<(), TooLarge> {
        if self.merges.len() >= limits::MAX_MERGED_REGIONS {
            let limit = limits::MAX_MERGED_REGIONS.to_string();
            return Err(Box::new(Why::new(
                (
                    format!(
                        "the sheet has more than {limit} merged cell ranges, more than rankpress \
                         reads"
                    ),
                    Phrase::new("diag_sheet_merges", &[("limit", &limit)]),
                ),
                (
                    "a sheet whose table has fewer merged cells".to_string(),
                    Phrase::new("diag_fewer_merges_expected", &[]),
                ),
            )));
        }
        self.merges.push(region);
        Ok(())
    }

    /// The rows that hold a cell, in order, each with its cells in column order (the last of
    /// two at one place wins, as in the file).
    /// Whether a cell of the sheet names the `company` column (by id or heading, "Компания"):
    /// the sheet has a results header.
    pub(super) fn has_company(&self) -> bool {
        self.rows.values().flatten().any(|(_, value)| {
            matches!(value, Value::Text(text) if crate::input::column_words::fixed_column(text) == Some("company"))
        })
    }

    pub(super) fn into_rows(self) -> Vec<(u32, Vec<(u32, Value)>)> {
        self.rows
            .into_iter()
            .map(|(row, mut cells)| {
                cells.reverse();
                cells.sort_by_key(|(column, _)| *column);
                cells.dedup_by_key(|(column, _)| *column);
                (row, cells)
            })
            .collect()
    }
}

/// A problem with the whole sheet, as an error at its file and sheet.
pub(super) fn sheet_error(file: &str, sheet: &str, why: Why) -> Box<Diagnostic> {
    Box::new(why.at(format!("{file}, sheet {sheet}")))
}
