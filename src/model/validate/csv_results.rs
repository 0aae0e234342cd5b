//! Results from a spreadsheet's CSV export: the header, the delimiter and decimal commas, and the
//! place of every cell for errors, whatever the line ends.

use super::*;

pub(super) struct CsvRows<'a> {
    file: &'a SourceFile,
    /// Source line of each data row of the run being checked.
    lines: Vec<usize>,
    /// The row number of the run's first row.
    first: usize,
    columns: HashMap<String, usize>,
    delimiter: u8,
}

impl CsvRows<'_> {
    fn cell(&self, row: usize, column: usize) -> Diagnostic {
        let line = row
            .checked_sub(self.first)
            .and_then(|at| self.lines.get(at))
            .copied()
            .unwrap_or(1);
        let text = self.file.line_text(line).unwrap_or_default();
        self.file
            .error_at(line, csv_column(&text, column, self.delimiter), "")
    }
}

impl RowLocator for CsvRows<'_> {
    fn company(&self, row: usize) -> Diagnostic {
        self.cell(row, self.columns.get("company").copied().unwrap_or(0))
    }
    fn responses(&self, row: usize) -> Diagnostic {
        self.cell(row, self.columns.get("responses").copied().unwrap_or(0))
    }
    fn sector(&self, row: usize) -> Diagnostic {
        self.cell(row, self.columns.get("sector").copied().unwrap_or(0))
    }
    fn score(&self, row: usize, criterion: &str) -> Diagnostic {
        self.cell(row, self.columns.get(criterion).copied().unwrap_or(0))
    }
}

/// The line a CSV record starts on, from the byte offset the csv crate gives: that offset can
/// sit on the `\n` of a previous `\r\n` (Windows line ends, as Excel writes them), so line-end
/// bytes are skipped first.
pub(super) fn record_line(file: &SourceFile, byte: u64) -> usize {
    let start = usize::try_from(byte).unwrap_or(usize::MAX);
    let skipped = file.text.as_bytes().get(start..).map_or(0, |rest| {
        rest.iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count()
    });
    file.line_of_offset(start + skipped)
}

/// The 1-based character column where each field of a CSV line starts.
pub(super) fn csv_columns(line: &str, delimiter: u8) -> Vec<usize> {
    let mut starts = vec![1];
    let mut quoted = false;
    for (position, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            c if c as u32 == u32::from(delimiter) && !quoted => starts.push(position + 2),
            _ => {}
        }
    }
    starts
}

/// The 1-based character column where field number `field` starts in a CSV line.
pub(super) fn csv_column(line: &str, field: usize, delimiter: u8) -> usize {
    let mut current = 0;
    let mut quoted = false;
    for (position, c) in line.chars().enumerate() {
        if current == field {
            return position + 1;
        }
        match c {
            '"' => quoted = !quoted,
            c if c as u32 == u32::from(delimiter) && !quoted => current += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}
pub(super) fn csv_rows(
    file: &SourceFile,
    ignore: &[String],
    methodology: &Methodology,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    // Spreadsheets set to German and other locales export `;` with decimal commas.
    let first_line = file.text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(file.text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_string()).collect(),
        Err(error) => {
            diagnostics.push(file.error_at(1, 1, format!("cannot read the CSV header: {error}")));
            return Vec::new();
        }
    };
    let (columns, header_ok) = header_columns(
        file,
        first_line,
        delimiter,
        (&headers, ignore),
        methodology,
        diagnostics,
    );
    let Some(company_column) = columns.get("company").copied() else {
        diagnostics.push(
            file.error_at(1, 1, "the header has no `company` column")
                .says("diag_no_company_column", &[])
                .expected(format!(
                    "a header such as `company,responses,<criterion id>,...`; the company \
                     column may also be headed in words ({})",
                    crate::input::column_words::examples("company")
                ))
                .expects(
                    "diag_company_column_expected",
                    &[("examples", &crate::input::column_words::examples("company"))],
                ),
        );
        return Vec::new();
    };
    if !header_ok {
        return Vec::new();
    }
    let checks = super::results::RowChecks {
        methodology,
        catalogue,
        decimal_comma: delimiter == b';',
    };
    checked_rows(file, reader.records(), &columns, company_column, delimiter, &checks, diagnostics)
}

/// The columns of a results CSV by name, and whether the header is usable: every column known
/// and none twice (each problem an error at its column; a run of unknown columns, one error).
fn header_columns(
    file: &SourceFile,
    first_line: &str,
    delimiter: u8,
    (headers, ignore): (&[String], &[String]),
    methodology: &Methodology,
    diagnostics: &mut Diagnostics,
) -> (HashMap<String, usize>, bool) {
    let mut columns = HashMap::new();
    let mut header_ok = true;
    // Columns are located by one walk along the header line, not one walk per column.
    let header_columns = csv_columns(first_line, delimiter);
    let column_of = |index: usize| header_columns.get(index).copied().unwrap_or(1);
    let mut unknown_run: Vec<usize> = Vec::new();
    // The first unknown column's error says what a header may hold; the others name theirs.
    let mut told = false;
    let mut report_run = |run: &mut Vec<usize>, diagnostics: &mut Diagnostics| {
        let Some(&first) = run.first() else {
            return;
        };
        let name = |index: usize| headers.get(index).map_or("", String::as_str);
        let names = ["company", "responses", "sector"]
            .into_iter()
            .chain(methodology.criteria.iter().map(|c| c.id.as_str()));
        let error = file.error_at(1, column_of(first), String::new());
        let mut error = if run.len() == 1 {
            let message = format!("unknown column `{}`", name(first));
            with_message(error, message).says("diag_unknown_column", &[("column", name(first))])
        } else {
            let shown: Vec<String> = run
                .iter()
                .take(3)
                .map(|&i| format!("`{}`", name(i)))
                .collect();
            let shown = format!("{}{}", shown.join(", "), if run.len() > 3 { ", …" } else { "" });
            let count = run.len().to_string();
            let message = format!("{count} unknown columns in a row: {shown}");
            with_message(error, message)
                .says("diag_unknown_columns", &[("count", &count), ("columns", &shown)])
        };
        // A word of a column's heading ("Ответы" for "Ответы клиентов") says which heading
        // would be read.
        if let Some(hint) = did_you_mean(name(first), names) {
            error = error.hint(Some(hint));
        } else if let Some((column, heading)) =
            crate::input::column_words::heading_with_word(name(first))
        {
            error = error
                .hint(Some(format!(
                    "the column `{column}` is headed `{column}` or by its full heading, such as `{heading}`"
                )))
                .suggests("diag_heading_hint", &[("column", column), ("heading", &heading)]);
        }
        if !told {
            told = true;
            error = error
                .expected(
                    "a header of `company` (ids or names), `responses`, `sector` (each by id or by its \
                     heading on the pages, such as `Компания`) and one column per criterion, named by its id or its name in any of the site's languages, from \
                     data/methodology.yaml; columns of labels (a name, a region) listed in \
                     `ignore_columns: [...]` in the edition's YAML file",
                )
                .expects("diag_header_expected", &[]);
        }
        diagnostics.push(error);
        run.clear();
    };
    for (index, header) in headers.iter().enumerate() {
        if ignore.iter().any(|i| i.trim() == header) {
            report_run(&mut unknown_run, diagnostics);
            continue;
        }
        let Some(key) = column_key(header, methodology) else {
            header_ok = false;
            unknown_run.push(index);
            continue;
        };
        report_run(&mut unknown_run, diagnostics);
        if columns.insert(key, index).is_some() {
            header_ok = false;
            diagnostics.push(file.error_at(
                1,
                column_of(index),
                format!("column `{header}` appears twice"),
            ).says("diag_column_twice", &[("column", header)]));
        }
    }
    report_run(&mut unknown_run, diagnostics);
    (columns, header_ok)
}

/// The column a header names: `company`, `responses`, `sector` by id or by the theme's heading
/// ("Компания"), or a criterion by its id or by its name in any site language, compared
/// without regard to case ("Отзывчивость", "Speed").
fn column_key(header: &str, methodology: &Methodology) -> Option<String> {
    if let Some(fixed) = crate::input::column_words::fixed_column(header) {
        return Some(fixed.to_string());
    }
    if methodology.criterion_index(header).is_some() {
        return Some(header.to_string());
    }
    let wanted = header.to_lowercase();
    methodology
        .criteria
        .iter()
        .find(|c| c.name.all().any(|name| name.trim().to_lowercase() == wanted))
        .map(|c| c.id.clone())
}

/// The rows of a results CSV, parsed and checked a run at a time: a file of millions of rows
/// is never held parsed whole (3.5 million rows took 0.9 GB held at once).
fn checked_rows(
    file: &SourceFile,
    mut rows_of_file: ::csv::StringRecordsIter<&[u8]>,
    columns: &HashMap<String, usize>,
    company_column: usize,
    delimiter: u8,
    checks: &super::results::RowChecks,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    let mut seen = HashMap::new();
    let mut submissions = Vec::new();
    let mut records = Vec::new();
    let mut lines = Vec::new();
    let mut first = 0;
    loop {
        let record = rows_of_file.next();
        let at_end = record.is_none();
        match record {
            None => {}
            Some(Ok(record)) => {
                // The csv crate counts a CRLF line end as two lines: lines come from the byte
                // offset instead, the same for every line ending.
                let line = record.position().map_or(1, |p| record_line(file, p.byte()));
                if !record.iter().all(|cell| cell.trim().is_empty()) {
                    lines.push(line);
                    records.push(record);
                }
            }
            Some(Err(error)) => {
                let line = error.position().map_or(1, |p| record_line(file, p.byte()));
                let (message, phrase) = match error.kind() {
                    ::csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => (
                        format!("this row has {len} cells, the header has {expected_len}"),
                        Some(crate::diagnostics::Phrase::new(
                            "diag_row_cells",
                            &[
                                ("cells", &len.to_string()),
                                ("header", &expected_len.to_string()),
                            ],
                        )),
                    ),
                    _ => (format!("cannot read this row: {error}"), None),
                };
                let cells_expected = phrase.is_some();
                diagnostics.push_error_with(|| {
                    let error = file.error_at(line, 1, message).saying(phrase);
                    let error = if cells_expected {
                        error.expects("diag_cell_per_column", &[])
                    } else {
                        error
                    };
                    error
                        .expected("one cell per header column")
                });
            }
        }
        if records.len() < ROWS_PER_RUN && !at_end {
            continue;
        }
        let rows = row_inputs(&records, columns, company_column);
        let locator = CsvRows {
            file,
            lines: std::mem::take(&mut lines),
            first,
            columns: columns.clone(),
            delimiter,
        };
        submissions.extend(super::results::check_rows_from(
            &rows,
            first,
            &mut seen,
            &locator,
            checks,
            diagnostics,
        ));
        first += records.len();
        drop(rows);
        records.clear();
        if at_end {
            return submissions;
        }
    }
}

/// Rows checked at a time.
const ROWS_PER_RUN: usize = 65_536;

/// The rows of `records` as the row checks take them, their cells borrowed.
fn row_inputs<'a>(
    records: &'a [::csv::StringRecord],
    columns: &'a HashMap<String, usize>,
    company_column: usize,
) -> Vec<RowInput<'a>> {
    let responses_column = columns.get("responses").copied();
    let sector_column = columns.get("sector").copied();
    records
        .iter()
        .map(|record| RowInput {
            company: record.get(company_column).unwrap_or("").trim(),
            sector: sector_column
                .and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            responses: responses_column
                .and_then(|c| record.get(c))
                .map_or(Cell::Missing, Cell::Csv),
            scores: columns
                .iter()
                .filter(|(name, _)| !matches!(name.as_str(), "company" | "responses" | "sector"))
                .map(|(name, &column)| (name.as_str(), Cell::Csv(record.get(column).unwrap_or(""))))
                .collect(),
        })
        .collect()
}
