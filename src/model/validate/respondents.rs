//! Respondent-level results (STATISTICS.md): one file per perspective, one row per respondent,
//! streamed and checked row by row, every mistake located. Each answer is kept as a 16-bit code
//! into the file's values, numbered in value order (two bytes per criterion, and eight for a
//! weight, not a float per criterion); `condense` turns them into what scoring needs.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::condense::{Answers, NOT_ANSWERED, condense};
use super::*;
use crate::diagnostics::{Phrase, Phrases};
use crate::input::ResponseFile;
use crate::input::responses::{Header, column_of, line_text};

/// The distinct values of a piece of a file (later of the whole file), each with its code.
#[derive(Default)]
struct Dictionary {
    /// By code: the value's bits.
    values: Vec<u64>,
    codes: FxHashMap<u64, u16>,
}

impl Dictionary {
    /// The code of `value` (0.0 and -0.0 are one value), or `None` when the file already has
    /// `NOT_ANSWERED` distinct values.
    fn code(&mut self, value: f64) -> Option<u16> {
        let bits = (value + 0.0).to_bits();
        if let Some(&code) = self.codes.get(&bits) {
            return Some(code);
        }
        let code = u16::try_from(self.values.len())
            .ok()
            .filter(|&c| c != NOT_ANSWERED)?;
        self.values.push(bits);
        self.codes.insert(bits, code);
        Some(code)
    }
}

/// What one worker gathered from its piece of a file.
#[derive(Default)]
struct Piece {
    answers: FxHashMap<usize, Answers>,
    dictionary: Dictionary,
    /// The codes of the row being read.
    scratch: Vec<u16>,
    /// Every respondent id (as a 128-bit fingerprint) with its line and column: sorted once for
    /// the whole file, this finds every repeat in far less memory than a set of the ids.
    respondents: Vec<Seen>,
    /// Suggestions for unknown company ids, worked out once per id.
    suggestions: HashMap<String, Option<String>>,
    problems: crate::diagnostics::Capped,
}

/// Where a file's columns are, from its header.
struct Columns {
    company: Option<usize>,
    respondent: Option<usize>,
    weight: Option<usize>,
    /// Per criterion of the perspective, in its order.
    criteria: Vec<Option<usize>>,
    decimal_comma: bool,
    delimiter: u8,
}

/// A respondent id's fingerprint (two 64-bit halves: 24 bytes an entry, where a `u128` would
/// align to 32) with its line and column.
type Seen = (u64, u64, u32, u32);

/// Unknown header columns named one by one; beyond, one error counts them.
const MAX_UNKNOWN_COLUMNS_NAMED: usize = 20;

/// What one perspective file gave.
struct PerspectiveFile {
    perspective: usize,
    /// By company index, with codes into `values`.
    answers: FxHashMap<usize, Answers>,
    /// The file's distinct values in value order, by code.
    values: Vec<f64>,
    problems: crate::diagnostics::Capped,
    /// The sheet a spreadsheet was read from, for `--verbose`.
    note: Option<crate::diagnostics::Note>,
}

/// Reads every respondent file of an edition and condenses them into one submission per company
/// that appears in any of them.
pub(super) fn respondent_submissions(
    folder: &str,
    files: &[ResponseFile],
    sheet: Option<&str>,
    methodology: &Methodology,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    // Every perspective has its file; no file names anything else.
    let mut jobs = Vec::new();
    for file in files {
        match methodology
            .perspectives
            .iter()
            .position(|p| p.id == file.perspective)
        {
            Some(index) => jobs.push((index, file)),
            None => diagnostics.push(
                Diagnostic::error(
                    &file.relative,
                    format!("no perspective `{}` in the methodology", file.perspective),
                )
                .expected("one file <perspective-id>.csv per perspective of data/methodology.yaml")
                .hint(did_you_mean(
                    &file.perspective,
                    methodology.perspectives.iter().map(|p| p.id.as_str()),
                ))
                .says("diag_no_such_perspective", &[("perspective", &file.perspective)])
                .expects("diag_file_per_perspective", &[]),
            ),
        }
    }
    for perspective in &methodology.perspectives {
        if !files.iter().any(|f| f.perspective == perspective.id) {
            diagnostics.push(
                Diagnostic::error(
                    folder,
                    format!(
                        "the respondent file of perspective `{}` is missing",
                        perspective.id
                    ),
                )
                .expected(format!("{folder}/{}.csv", perspective.id))
                .hint(did_you_mean(
                    &perspective.id,
                    files.iter().map(|f| f.perspective.as_str()),
                ))
                .says("diag_perspective_file_missing", &[("perspective", &perspective.id)]),
            );
        }
    }
    let read: Vec<PerspectiveFile> = jobs
        .par_iter()
        .map(|(perspective, file)| read_file(*perspective, file, sheet, methodology, catalogue))
        .collect();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); methodology.perspectives.len()];
    let mut by_company: BTreeMap<usize, Vec<Option<Answers>>> = BTreeMap::new();
    for file in read {
        file.problems.report(diagnostics);
        if let Some(note) = file.note {
            diagnostics.note(note);
        }
        if let Some(slot) = values.get_mut(file.perspective) {
            *slot = file.values;
        }
        for (company, answers) in file.answers {
            let slots = by_company
                .entry(company)
                .or_insert_with(|| (0..methodology.perspectives.len()).map(|_| None).collect());
            if let Some(slot) = slots.get_mut(file.perspective) {
                *slot = Some(answers);
            }
        }
    }
    let companies: Vec<(usize, Vec<Option<Answers>>)> = by_company.into_iter().collect();
    companies
        .into_par_iter()
        .filter_map(|(company, answers)| {
            let record = catalogue.companies.get(company)?;
            let sample = condense(methodology, &values, answers);
            // `responses` keeps its v1 meaning: the first sampled perspective's count.
            let responses = methodology
                .perspectives
                .iter()
                .zip(&sample.perspectives)
                .find(|(p, _)| p.sampled)
                .map(|(_, s)| s.respondents);
            Some(Submission {
                company,
                sector: record.sector,
                responses,
                values: Vec::new(),
                left_out: Vec::new(),
                sample: Some(sample),
            })
        })
        .collect()
}

/// A 128-bit fingerprint of a respondent id: two SipHash values with different fixed keys.
/// Different ids share one with a chance of about 2⁻¹²⁸ per pair, so the repeats found are real.
fn fingerprint(id: &str) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut low = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut low);
    let mut high = std::collections::hash_map::DefaultHasher::new();
    0x9e37_79b9_7f4a_7c15u64.hash(&mut high);
    id.hash(&mut high);
    (high.finish(), low.finish())
}

/// Streams one perspective's file, checking every row.
fn read_file(
    perspective_index: usize,
    file: &ResponseFile,
    sheet: Option<&str>,
    methodology: &Methodology,
    catalogue: &Catalogue,
) -> PerspectiveFile {
    // A spreadsheet is read as the CSV text of its sheet; its problems are moved to its cells.
    let mut opened = match file.open(sheet) {
        Ok(opened) => opened,
        Err(problem) => {
            let mut problems = crate::diagnostics::Capped::new(1);
            problems.push(*problem);
            return PerspectiveFile {
                perspective: perspective_index,
                answers: FxHashMap::default(),
                values: Vec::new(),
                problems,
                note: None,
            };
        }
    };
    let mut read = read_rows(perspective_index, &opened, methodology, catalogue);
    let mut problems = crate::diagnostics::Capped::new(crate::input::responses::MAX_FILE_PROBLEMS);
    for problem in opened.cells.take_problems() {
        problems.push(problem);
    }
    let found = std::mem::take(&mut read.problems);
    problems.extend(found.map(|p| opened.cells.relocate(p)));
    read.problems = problems;
    read.note = opened.cells.note();
    read
}

/// Whether a respondent file's header can be read, and what is wrong with it: unknown columns
/// (named one by one up to a limit, then counted), and missing required ones.
fn check_header(
    file: &ResponseFile,
    perspective: &crate::model::Perspective,
    criteria: &[(usize, &crate::model::Criterion)],
    header: &Header,
) -> (bool, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut ok = true;
    // Where each column starts, worked out once: a header of 100,000 unknown columns is
    // located in one pass, not one pass per column.
    let starts: Vec<usize> = std::iter::once(1)
        .chain(
            header
                .line
                .split(char::from(header.delimiter))
                .scan(1usize, |at, cell| {
                    *at += cell.chars().count() + 1;
                    Some(*at)
                }),
        )
        .collect();
    let at = |index: usize| starts.get(index).copied().unwrap_or(1);
    let known: Vec<&str> = ["company", "respondent", "weight"]
        .into_iter()
        .chain(criteria.iter().map(|(_, c)| c.id.as_str()))
        .collect();
    let unknown: Vec<usize> = header
        .columns
        .iter()
        .enumerate()
        .filter(|(_, name)| !known.contains(&name.as_str()))
        .map(|(index, _)| index)
        .collect();
    if unknown.len() > MAX_UNKNOWN_COLUMNS_NAMED {
        ok = false;
        found.push(
            Diagnostic::error(
                &file.relative,
                format!(
                    "{} unknown columns in the header; the first {MAX_UNKNOWN_COLUMNS_NAMED} \
                     are named below",
                    unknown.len()
                ),
            )
            .at(1, 1)
            .expected(format!(
                "`company`, `respondent` and the criteria of perspective `{}`",
                perspective.id
            ))
            .says(
                "diag_unknown_columns_named_below",
                &[
                    ("count", &unknown.len().to_string()),
                    ("named", &MAX_UNKNOWN_COLUMNS_NAMED.to_string()),
                ],
            )
            .expects(
                "diag_respondent_columns",
                &[("perspective", &perspective.id)],
            ),
        );
    }
    for (index, name) in unknown
        .iter()
        .take(MAX_UNKNOWN_COLUMNS_NAMED)
        .filter_map(|&index| Some((index, header.columns.get(index)?)))
    {
        {
            ok = false;
            found.push(
                Diagnostic::error(&file.relative, format!("unknown column `{name}`"))
                    .at(1, at(index))
                    .with_source_line(&header.line)
                    .expected(format!(
                        "`company`, `respondent`, `weight` or a criterion of perspective `{}`",
                        perspective.id
                    ))
                    .hint(did_you_mean(name, known.iter().copied()))
                    .says("diag_unknown_column", &[("column", name)])
                    .expects(
                        "diag_respondent_column",
                        &[("perspective", &perspective.id)],
                    ),
            );
        }
    }
    for required in known
        .iter()
        .filter(|k| !matches!(**k, "respondent" | "weight"))
    {
        if !header.columns.iter().any(|c| c == required) {
            ok = false;
            found.push(
                Diagnostic::error(
                    &file.relative,
                    format!("the header has no `{required}` column"),
                )
                .at(1, 1)
                .with_source_line(&header.line)
                .expected(format!(
                    "`company`, optionally `respondent` and `weight`, and one column per criterion of `{}`",
                    perspective.id
                ))
                .hint(did_you_mean(
                    required,
                    header.columns.iter().map(String::as_str),
                ))
                .says("diag_header_lacks", &[("column", required)])
                .expects(
                    "diag_respondent_header",
                    &[("perspective", &perspective.id)],
                ),
            );
        }
    }
    (ok, found)
}

/// What is wrong with a cell: the message, what was expected, and a hint where there is one;
/// the same as interface strings where a theme can say them in the site's language.
struct CellProblem {
    message: String,
    expected: String,
    hint: Option<String>,
    phrases: Option<Box<Phrases>>,
}

/// A cell as a number, read with a decimal comma where the file uses them.
fn number(cell: &str, decimal_comma: bool) -> Result<f64, std::num::ParseFloatError> {
    if decimal_comma {
        cell.replace(',', ".").parse()
    } else {
        cell.parse()
    }
}

/// A respondent's survey weight (STATISTICS.md v3): a finite number above 0.
fn parse_weight(cell: &str, decimal_comma: bool) -> Result<f64, CellProblem> {
    let parsed = number(cell, decimal_comma);
    if let Ok(weight) = parsed
        && weight.is_finite()
        && weight > 0.0
    {
        return Ok(weight);
    }
    let (message, key) = if cell.is_empty() {
        ("the weight is empty".to_string(), "diag_weight_empty")
    } else if parsed.as_ref().is_ok_and(|w| !w.is_finite()) {
        (
            format!("weight {cell} is not a finite number"),
            "diag_weight_not_finite",
        )
    } else if parsed.is_ok() {
        (format!("weight {cell} is not above 0"), "diag_weight_not_positive")
    } else {
        (
            format!("weight \"{cell}\" is not a number"),
            "diag_weight_not_number",
        )
    };
    let (hint, advice) = super::results::decimal_point_advice(cell).unzip();
    Err(CellProblem {
        message,
        expected: "the respondent's survey weight, a number above 0 (leave the column out for \
                   weights of 1)"
            .to_string(),
        hint,
        phrases: Some(Box::new(Phrases {
            message: Some(Phrase::new(key, &[("value", cell)])),
            expected: Some(Phrase::new("diag_weight_expected", &[])),
            hint: advice.into_iter().collect(),
        })),
    })
}

/// An answer on the perspective's scale: `None` for an empty cell or a "not answered" code.
fn parse_answer(
    cell: &str,
    decimal_comma: bool,
    perspective: &crate::model::Perspective,
    criterion: &crate::model::Criterion,
) -> Result<Option<f64>, CellProblem> {
    if cell.is_empty() {
        return Ok(None);
    }
    let (min, max) = (
        perspective.scale.min.to_string(),
        perspective.scale.max.to_string(),
    );
    let Ok(value) = number(cell, decimal_comma) else {
        let (hint, advice) = super::results::decimal_point_advice(cell).unzip();
        return Err(CellProblem {
            message: format!("\"{cell}\" is not a number"),
            expected: format!("a number from {min} to {max}, or an empty cell for no answer"),
            phrases: Some(Box::new(Phrases {
                message: Some(Phrase::new(
                    "diag_not_a_number",
                    &[("value", &format!("\"{cell}\""))],
                )),
                expected: Some(Phrase::new(
                    "diag_answer_expected",
                    &[("min", &min), ("max", &max)],
                )),
                hint: advice.into_iter().collect(),
            })),
            hint,
        });
    };
    if perspective.not_answered.contains(&value) {
        return Ok(None);
    }
    if !value.is_finite() || value < perspective.scale.min || value > perspective.scale.max {
        return Err(CellProblem {
            message: format!("{cell} is outside the scale of `{}`", criterion.id),
            expected: format!(
                "a number from {} to {}",
                perspective.scale.min, perspective.scale.max
            ),
            hint: perspective.not_answered.is_empty().then(|| {
                format!(
                    "if {cell} is a code for \"no answer\", list it under `not_answered` of perspective `{}`",
                    perspective.id
                )
            }),
            phrases: Some(Box::new(Phrases {
                message: Some(Phrase::new(
                    "diag_outside_scale",
                    &[("value", cell), ("criterion", &criterion.id)],
                )),
                expected: Some(Phrase::new(
                    "diag_number_range",
                    &[("min", &min), ("max", &max)],
                )),
                hint: perspective
                    .not_answered
                    .is_empty()
                    .then(|| {
                        Phrase::new(
                            "diag_not_answered_hint",
                            &[("value", cell), ("perspective", &perspective.id)],
                        )
                    })
                    .into_iter()
                    .collect(),
            })),
        });
    }
    Ok(Some(value))
}

/// What reading a row needs besides the row: its file, perspective and criteria, and the
/// companies by id.
struct RowContext<'a> {
    file: &'a ResponseFile,
    perspective: &'a crate::model::Perspective,
    criteria: &'a [(usize, &'a crate::model::Criterion)],
    company_index: &'a FxHashMap<&'a str, usize>,
    catalogue: &'a Catalogue<'a>,
}

/// The company of a row (an unknown id is an error at its cell, with a suggestion), and its
/// respondent id noted for the check for repeats.
fn row_company(
    context: &RowContext<'_>,
    columns: &Columns,
    piece: &mut Piece,
    company_at: usize,
    line: usize,
    record: &csv::StringRecord,
) -> Option<usize> {
    let RowContext {
        file,
        company_index,
        catalogue,
        ..
    } = *context;
    let problems = &mut piece.problems;
    let error = |column: usize, message: String| {
        Diagnostic::error(&file.relative, message)
            .at(line, column_of(record, column, columns.delimiter))
            .with_source_line(&line_text(record, columns.delimiter))
    };
    let id = record.get(company_at).unwrap_or("").trim();
    let company = company_index.get(id).copied();
    if company.is_none() && !catalogue.skipped.contains(id) && problems.is_full() {
        problems.count(true);
    } else if company.is_none() && !catalogue.skipped.contains(id) {
        let hint = piece
            .suggestions
            .entry(id.to_string())
            .or_insert_with(|| did_you_mean(id, company_index.keys().copied()))
            .clone();
        problems.push(
            error(company_at, format!("unknown company `{id}`"))
                .says("diag_unknown_company", &[("company", id)])
                .expected("a company id from data/companies.yaml")
                .expects("diag_company_id_expected", &[])
                .hint(hint),
        );
    }
    if let Some(respondent_at) = columns.respondent {
        let respondent = record.get(respondent_at).unwrap_or("").trim();
        if !respondent.is_empty() {
            let (high, low) = fingerprint(respondent);
            piece.respondents.push((
                high,
                low,
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column_of(record, respondent_at, columns.delimiter))
                    .unwrap_or(u32::MAX),
            ));
        }
    }
    company
}

/// Checks one data row and adds its answers to the piece: each mistake located at its cell.
fn read_row(
    context: &RowContext<'_>,
    columns: &Columns,
    piece: &mut Piece,
    line: usize,
    record: &csv::StringRecord,
) {
    let RowContext {
        file,
        perspective,
        criteria,
        ..
    } = *context;
    let Some(company_at) = columns.company else {
        return;
    };
    let company = row_company(context, columns, piece, company_at, line, record);
    let problems = &mut piece.problems;
    // Beyond the problems kept, a problem is counted without its message.
    let error = |column: usize, message: String| {
        Diagnostic::error(&file.relative, message)
            .at(line, column_of(record, column, columns.delimiter))
            .with_source_line(&line_text(record, columns.delimiter))
    };
    let mut row_ok = true;
    let mut report =
        |problems: &mut crate::diagnostics::Capped, column: usize, problem: CellProblem| {
            row_ok = false;
            if problems.is_full() {
                problems.count(true);
            } else {
                let mut diagnostic = error(column, problem.message)
                    .expected(problem.expected)
                    .hint(problem.hint);
                diagnostic.phrases = problem.phrases;
                problems.push(diagnostic);
            }
        };
    let weight = columns.weight.and_then(|column| {
        let cell = record.get(column).unwrap_or("").trim();
        parse_weight(cell, columns.decimal_comma)
            .map_err(|problem| report(problems, column, problem))
            .ok()
    });
    // The row's codes, in a buffer the piece reuses: no allocation per row.
    let mut codes = std::mem::take(&mut piece.scratch);
    codes.clear();
    let mut any = false;
    for ((_, criterion), column) in criteria.iter().zip(&columns.criteria) {
        let Some(column) = *column else {
            codes.push(NOT_ANSWERED);
            continue;
        };
        let cell = record.get(column).unwrap_or("").trim();
        let value = match parse_answer(cell, columns.decimal_comma, perspective, criterion) {
            Ok(Some(value)) => value,
            Ok(None) => {
                codes.push(NOT_ANSWERED);
                continue;
            }
            Err(problem) => {
                codes.push(NOT_ANSWERED);
                report(problems, column, problem);
                continue;
            }
        };
        let Some(code) = piece.dictionary.code(value) else {
            codes.push(NOT_ANSWERED);
            report(
                problems,
                column,
                CellProblem {
                    message: format!("more than {NOT_ANSWERED} different answers in one file"),
                    expected: "answers on the perspective's scale, such as 1 to 5 or 0 to 10"
                        .to_string(),
                    hint: None,
                    phrases: None,
                },
            );
            continue;
        };
        codes.push(code);
        any = true;
    }
    if let Some(company) = company
        && row_ok
        && any
    {
        // (A respondent who answered nothing does not count.)
        let entry = piece.answers.entry(company).or_default();
        entry.codes.extend_from_slice(&codes);
        if let Some(weight) = weight {
            entry.weights.push(weight);
        }
    }
    piece.scratch = codes;
}

/// The pieces of a file in file order, joined: their answers with the codes renumbered to the
/// file's values in value order, the values, and every respondent id seen.
fn join_pieces(
    pieces: Vec<Piece>,
    file: &ResponseFile,
    problems: &mut crate::diagnostics::Capped,
) -> (FxHashMap<usize, Answers>, Vec<f64>, Vec<Seen>) {
    // The file's values in value order: the codes of every piece are renumbered to them, so that
    // a code's order is its value's, whatever the order of the rows.
    let mut bits: Vec<u64> = pieces
        .iter()
        .flat_map(|p| p.dictionary.values.iter().copied())
        .collect();
    bits.sort_unstable_by(|a, b| f64::from_bits(*a).total_cmp(&f64::from_bits(*b)));
    bits.dedup();
    let values: Vec<f64> = bits.iter().map(|&b| f64::from_bits(b)).collect();
    let mut answers: FxHashMap<usize, Answers> = FxHashMap::default();
    let mut respondents: Vec<Seen> =
        Vec::with_capacity(pieces.iter().map(|p| p.respondents.len()).sum());
    for piece in pieces {
        problems.extend(piece.problems);
        respondents.extend(piece.respondents);
        let renumber: Vec<u16> = piece
            .dictionary
            .values
            .iter()
            .map(|b| {
                let at = values.partition_point(|v| v.total_cmp(&f64::from_bits(*b)).is_lt());
                u16::try_from(at).unwrap_or(NOT_ANSWERED)
            })
            .collect();
        for (company, mut got) in piece.answers {
            for code in &mut got.codes {
                if *code != NOT_ANSWERED {
                    *code = renumber
                        .get(usize::from(*code))
                        .copied()
                        .unwrap_or(NOT_ANSWERED);
                }
            }
            match answers.entry(company) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(got);
                }
                std::collections::hash_map::Entry::Occupied(mut slot) => {
                    let into = slot.get_mut();
                    into.codes.extend(got.codes);
                    into.weights.extend(got.weights);
                }
            }
        }
    }
    if values.len() >= usize::from(NOT_ANSWERED) {
        problems.push(
            Diagnostic::error(
                &file.relative,
                format!("more than {NOT_ANSWERED} different answers in one file"),
            )
            .expected("answers on the perspective's scale, such as 1 to 5 or 0 to 10")
            .says(
                "diag_too_many_answers",
                &[("count", &NOT_ANSWERED.to_string())],
            )
            .expects("diag_answers_on_scale", &[]),
        );
        answers.clear();
    }
    (answers, values, respondents)
}

/// Every respondent id seen again is an error at its cell, naming the line (a spreadsheet's row)
/// it was first seen on.
fn report_repeated_ids(
    respondents: &mut [Seen],
    file: &ResponseFile,
    cells: &crate::input::tables::Cells,
    problems: &mut crate::diagnostics::Capped,
) {
    // Equal ids sort together, the first line first: every later one is a repeat.
    respondents.sort_unstable();
    for pair in respondents.windows(2) {
        if let [first, (high, low, line, column)] = pair
            && (first.0, first.1) == (*high, *low)
        {
            let earliest = respondents
                .partition_point(|entry| (entry.0, entry.1) < (*high, *low))
                .min(respondents.len() - 1);
            let first_line = respondents.get(earliest).map_or(first.2, |entry| entry.2);
            // A spreadsheet user counts rows, not lines of the CSV it was turned into.
            if problems.is_full() {
                problems.count(true);
                continue;
            }
            let (first_place, key, number) = match cells.row_number(first_line as usize) {
                Some(row) => (format!("row {row}"), "diag_respondent_again_row", row as usize),
                None => (
                    format!("line {first_line}"),
                    "diag_respondent_again_line",
                    first_line as usize,
                ),
            };
            problems.push(
                Diagnostic::error(
                    &file.relative,
                    format!(
                        "this respondent id is on {first_place} too: were rows imported twice?"
                    ),
                )
                .at(*line as usize, *column as usize)
                .expected("each respondent id once per file")
                .says(key, &[("number", &number.to_string())])
                .expects("diag_respondent_once", &[]),
            );
        }
    }
}

/// Streams the rows of one perspective's file (or of a spreadsheet's sheet, as CSV).
fn read_rows(
    perspective_index: usize,
    opened: &crate::input::tables::OpenedResponses,
    methodology: &Methodology,
    catalogue: &Catalogue,
) -> PerspectiveFile {
    let file = opened.file;
    let perspective = methodology.perspective(perspective_index);
    let criteria: Vec<(usize, &crate::model::Criterion)> = perspective
        .criteria
        .clone()
        .map(|c| (c, methodology.criterion(c)))
        .collect();
    let mut problems = crate::diagnostics::Capped::new(crate::input::responses::MAX_FILE_PROBLEMS);
    let company_index: FxHashMap<&str, usize> = catalogue.company_index().into_iter().collect();
    let context = RowContext {
        file,
        perspective,
        criteria: &criteria,
        company_index: &company_index,
        catalogue,
    };
    let mut header_problems: Vec<Diagnostic> = Vec::new();
    let pieces = opened.stream(
        |header| {
            let (ok, found) = check_header(file, perspective, &criteria, header);
            header_problems = found;
            let position = |name: &str| header.columns.iter().position(|c| c == name);
            ok.then(|| Columns {
                company: position("company"),
                respondent: position("respondent"),
                weight: position("weight"),
                criteria: criteria.iter().map(|(_, c)| position(&c.id)).collect(),
                decimal_comma: header.decimal_comma(),
                delimiter: header.delimiter,
            })
        },
        Piece::default,
        |columns: &Columns, piece: &mut Piece, line, record| {
            read_row(&context, columns, piece, line, record);
        },
        &mut problems,
    );
    for problem in header_problems {
        problems.push(problem);
    }
    let (answers, values, mut respondents) = join_pieces(pieces, file, &mut problems);
    report_repeated_ids(&mut respondents, file, &opened.cells, &mut problems);
    PerspectiveFile {
        perspective: perspective_index,
        answers,
        values,
        problems,
        note: None,
    }
}
