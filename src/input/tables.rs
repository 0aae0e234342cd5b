//! Where an edition's results come from, in whatever format the input reads them: the seam
//! between the file formats and the model. The model asks a [`TableFile`] for its rows as CSV
//! text and a [`crate::input::ResponseFile`] to stream its rows; it never opens a file and never
//! learns which format a file had, except through [`ReadTable::relocate`], which moves a problem
//! found in the CSV text to the place the user sees (a spreadsheet's cell). A new format (SPSS
//! `.sav`, Parquet) is a variant here and a reader beside `spreadsheet/` (ARCHITECTURE.md).

use crate::diagnostics::Diagnostic;
use crate::input::SpreadsheetFile;
use crate::input::source::SourceFile;
use crate::input::spreadsheet::{Table, read_table};

/// The files that give an edition's results besides its YAML file, one per way of giving them.
#[derive(Debug)]
pub enum ResultsFile {
    /// `<year>.csv`, `<year>.xlsx` or `<year>.ods`: a row per company.
    Table(TableFile),
    /// `data/editions/<year>/`: a file of one row per respondent for each perspective, streamed.
    Respondents(Vec<crate::input::ResponseFile>),
}

impl ResultsFile {
    /// The file (or folder) as messages name it.
    pub fn name(&self, stem: &str) -> String {
        match self {
            ResultsFile::Table(table) => table.name().to_string(),
            ResultsFile::Respondents(_) => format!("the respondent files in data/editions/{stem}/"),
        }
    }

    /// The order in which the ways of giving results are named.
    pub(crate) fn rank(&self) -> u8 {
        match self {
            ResultsFile::Table(TableFile::Csv(_)) => 0,
            ResultsFile::Table(TableFile::Spreadsheet(_)) => 1,
            ResultsFile::Respondents(_) => 2,
        }
    }
}

/// A table of results, read or not.
#[derive(Debug)]
pub enum TableFile {
    /// CSV, read as text when the site was read.
    Csv(SourceFile),
    /// A spreadsheet, read when its rows are asked for (the edition's `sheet:` says which sheet).
    Spreadsheet(SpreadsheetFile),
}

impl TableFile {
    /// The file, relative to the site.
    pub fn name(&self) -> &str {
        match self {
            TableFile::Csv(source) => &source.name,
            TableFile::Spreadsheet(file) => &file.relative,
        }
    }

    /// The table as CSV text: the CSV file itself, or sheet `sheet` of a spreadsheet (the first
    /// visible one when `None`).
    pub fn read(&self, sheet: Option<&str>) -> Result<ReadTable<'_>, Box<Diagnostic>> {
        match self {
            TableFile::Csv(source) => Ok(ReadTable {
                text: TableText::File(source),
                cells: Cells(None),
            }),
            TableFile::Spreadsheet(file) => {
                let table = read_table(&file.path, &file.relative, sheet)?;
                Ok(ReadTable {
                    text: TableText::Sheet(SourceFile::new(&file.relative, table.csv())),
                    cells: Cells(Some(table)),
                })
            }
        }
    }
}

/// A table of results as CSV text, with the way back to where its cells are.
pub struct ReadTable<'a> {
    text: TableText<'a>,
    pub cells: Cells,
}

enum TableText<'a> {
    /// A CSV file's own text.
    File(&'a SourceFile),
    /// A spreadsheet's sheet, written as CSV.
    Sheet(SourceFile),
}

impl ReadTable<'_> {
    /// The table as CSV text, named as the file is.
    pub fn source(&self) -> &SourceFile {
        match &self.text {
            TableText::File(source) => source,
            TableText::Sheet(source) => source,
        }
    }
}

impl crate::input::ResponseFile {
    /// The file, ready to be streamed: a spreadsheet's sheet `sheet` (the first visible one
    /// when `None`) is read into memory as CSV first; a CSV file stays on disk.
    pub fn open(&self, sheet: Option<&str>) -> Result<OpenedResponses<'_>, Box<Diagnostic>> {
        let table = if self.spreadsheet {
            Some(read_table(&self.path, &self.relative, sheet)?)
        } else {
            None
        };
        Ok(OpenedResponses {
            file: self,
            cells: Cells(table),
        })
    }
}

/// A respondent file ready to be streamed ([`crate::input::responses::stream`]).
pub struct OpenedResponses<'a> {
    pub file: &'a crate::input::ResponseFile,
    pub cells: Cells,
}

impl OpenedResponses<'_> {
    /// Streams the file's rows in parallel, from disk or from the sheet read into memory: see
    /// [`crate::input::responses::stream`].
    pub fn stream<T: Sync, A: Send>(
        &self,
        on_header: impl FnOnce(&crate::input::responses::Header) -> Option<T>,
        start: impl Fn() -> A + Sync,
        on_row: impl Fn(&T, &mut A, usize, &csv::StringRecord) + Sync,
        problems: &mut crate::diagnostics::Capped,
    ) -> Vec<A> {
        let memory = self.cells.0.as_ref().map(|table| table.csv().as_bytes());
        crate::input::responses::stream(self.file, memory, on_header, start, on_row, problems)
    }
}

/// Where the cells of a table read as CSV text are: the lines of the text itself, or a
/// spreadsheet's cells.
pub struct Cells(Option<Table>);

impl Cells {
    /// A problem found in the CSV text, moved to where the user sees it.
    pub fn relocate(&self, problem: Diagnostic) -> Diagnostic {
        match &self.0 {
            Some(table) => table.map.relocate(problem),
            None => problem,
        }
    }

    /// Problems of the file itself, found while reading it (a formula error in a cell).
    pub fn take_problems(&mut self) -> Vec<Diagnostic> {
        self.0
            .as_mut()
            .map(|table| std::mem::take(&mut table.problems))
            .unwrap_or_default()
    }

    /// What was read, where the file does not say it alone ("read the sheet Results").
    pub fn note(&self) -> Option<crate::diagnostics::Note> {
        let table = self.0.as_ref()?;
        let (file, sheet) = (&table.map.file, &table.map.sheet);
        Some(crate::diagnostics::Note::new(
            format!("{file}: read the sheet {sheet}"),
            crate::diagnostics::Phrase::new("diag_note_sheet", &[("file", file), ("sheet", sheet)]),
        ))
    }

    /// The row number the user sees for line `line` of the CSV text (a sheet's row), where it
    /// differs from the line.
    pub fn row_number(&self, line: usize) -> Option<u32> {
        self.0.as_ref()?.map.row_number(line)
    }
}
