//! Respondent-level results (STATISTICS.md): one file per perspective, one row per respondent,
//! streamed and checked row by row, and condensed per company into what scoring needs
//! (STATISTICS.md v3, steps 2 to 5 before pooling): counts, Kish's effective n, the weighted
//! criterion scores, the perspective score as their weighted mean, and the linearised
//! per-respondent variances.
//!
//! The arithmetic does not depend on the order of the rows: each answer is kept as a 16-bit code
//! into the file's values, numbered in value order, and a company's respondents are sorted by
//! their answers and weight before anything is summed. A respondent costs two bytes per
//! criterion (and eight for a weight), not a float per criterion.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::*;
use crate::input::ResponseFile;
use crate::input::responses::{Header, column_of, line_text, stream};
use crate::model::{CriterionSample, PerspectiveSample, Sample};

/// One perspective's answers for one company, as read: per counted respondent, one code per
/// criterion of the perspective (`NOT_ANSWERED` for none) and, when the file has a `weight`
/// column, the weight.
#[derive(Default)]
struct Answers {
    codes: Vec<u16>,
    weights: Vec<f64>,
}

/// The code of an unanswered cell.
const NOT_ANSWERED: u16 = u16::MAX;

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
    note: Option<String>,
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
                )),
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
                )),
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

/// Points from 0 to 100 for `value` on the perspective's scale.
fn points(perspective: &crate::model::Perspective, value: f64) -> f64 {
    crate::model::scoring::criterion_score(
        value,
        perspective.scale.min,
        perspective.scale.max,
        perspective.higher_is_better,
    )
}

/// Kish's effective number of respondents, (Σ g)² / Σ g²; 0 without respondents.
fn effective(sum: f64, squares: f64) -> f64 {
    if squares > 0.0 {
        sum * sum / squares
    } else {
        0.0
    }
}

/// One company's answers per perspective, condensed (STATISTICS.md v3, steps 2 to 5 up to the
/// per-respondent variances). `values[p]` are perspective `p`'s file's values by code.
fn condense(
    methodology: &Methodology,
    values: &[Vec<f64>],
    answers: Vec<Option<Answers>>,
) -> Sample {
    let mut perspectives = Vec::with_capacity(methodology.perspectives.len());
    let mut criteria: Vec<CriterionSample> = methodology
        .criteria
        .iter()
        .map(|_| CriterionSample {
            answers: 0,
            effective: 0.0,
            mean: 0.0,
            variance: None,
        })
        .collect();
    for ((index, perspective), answers) in methodology.perspectives.iter().enumerate().zip(answers)
    {
        let points_of: Vec<f64> = values
            .get(index)
            .map(|v| v.iter().map(|&value| points(perspective, value)).collect())
            .unwrap_or_default();
        let (sample, condensed) = condense_perspective(
            methodology,
            perspective,
            &points_of,
            answers.unwrap_or_default(),
        );
        perspectives.push(sample);
        for (slot, criterion) in criteria
            .get_mut(perspective.criteria.clone())
            .unwrap_or_default()
            .iter_mut()
            .zip(condensed)
        {
            *slot = criterion;
        }
    }
    Sample {
        perspectives,
        criteria,
    }
}

/// The respondents `0..n` sorted by their answers' codes (in value order), then by weight: an
/// order that does not depend on the rows'. Up to eight criteria, a respondent's codes are packed
/// into one 128-bit key (weights above 0 order like their bits), which sorts several times
/// faster than comparing slices; beyond, slices are compared.
fn canonical_order<'a>(
    n: usize,
    k: usize,
    row: &impl Fn(usize) -> &'a [u16],
    weight: &impl Fn(usize) -> f64,
) -> Vec<usize> {
    if k <= 8 {
        let mut keyed: Vec<(u128, u64, usize)> = (0..n)
            .map(|r| {
                let codes = row(r)
                    .iter()
                    .fold(0u128, |key, &code| (key << 16) | u128::from(code));
                (codes, weight(r).to_bits(), r)
            })
            .collect();
        keyed.sort_unstable();
        return keyed.into_iter().map(|(_, _, r)| r).collect();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| {
        row(a)
            .cmp(row(b))
            .then_with(|| weight(a).total_cmp(&weight(b)))
    });
    order
}

/// Step 5's sums, in `order`: Σ u_r² with u_r = Σ_k a_k g_r (y_rk − S_k) / G_k over the criteria
/// r answered, and per criterion Σ (g_r (y_rk − S_k) / G_k)² over its answerers. `means`,
/// `weight_sums` and `shares` are S_k, G_k and a_k.
fn linearised(
    order: &[usize],
    criteria: usize,
    weight: &impl Fn(usize) -> f64,
    y: &impl Fn(usize, usize) -> Option<f64>,
    (means, weight_sums, shares): (&[f64], &[f64], &[f64]),
) -> (f64, Vec<f64>) {
    let mut u_squares = 0.0;
    let mut criterion_u_squares = vec![0.0; criteria];
    for &r in order {
        let g = weight(r);
        let mut u = 0.0;
        for c in 0..criteria {
            let Some(points) = y(r, c) else {
                continue;
            };
            let (Some(mean), Some(gs), Some(a)) = (means.get(c), weight_sums.get(c), shares.get(c))
            else {
                continue;
            };
            let part = g * (points - mean) / gs;
            u += a * part;
            if let Some(slot) = criterion_u_squares.get_mut(c) {
                *slot += part * part;
            }
        }
        u_squares += u * u;
    }
    (u_squares, criterion_u_squares)
}

/// Steps 2 to 5 for one perspective of one company: its respondents sorted by answers and
/// weight first, so that every sum runs in the same order whatever the order of the rows.
fn condense_perspective(
    methodology: &Methodology,
    perspective: &crate::model::Perspective,
    points_of: &[f64],
    answers: Answers,
) -> (PerspectiveSample, Vec<CriterionSample>) {
    let k = perspective.criteria.len().max(1);
    let n = answers.codes.len() / k;
    let weight = |r: usize| answers.weights.get(r).copied().unwrap_or(1.0);
    let row = |r: usize| answers.codes.get(r * k..(r + 1) * k).unwrap_or_default();
    let order = canonical_order(n, k, &row, &weight);
    let y = |r: usize, c: usize| -> Option<f64> {
        let code = *row(r).get(c)?;
        (code != NOT_ANSWERED).then(|| points_of.get(usize::from(code)).copied())?
    };
    // a_k = w_k / Σ w over the perspective's criteria.
    let criterion_weights: Vec<f64> = perspective
        .criteria
        .clone()
        .map(|c| methodology.criterion(c).weight)
        .collect();
    let total_weight: f64 = criterion_weights.iter().sum();
    let shares: Vec<f64> = criterion_weights
        .iter()
        .map(|w| {
            if total_weight > 0.0 {
                w / total_weight
            } else {
                0.0
            }
        })
        .collect();
    // Step 2 and 3: counts, weights, and the weighted criterion scores.
    let (mut sum, mut squares) = (0.0, 0.0);
    let mut answered = vec![0u64; k];
    let mut weight_sums = vec![0.0; k];
    let mut weight_squares = vec![0.0; k];
    let mut weighted_points = vec![0.0; k];
    for &r in &order {
        let g = weight(r);
        sum += g;
        squares += g * g;
        for c in 0..perspective.criteria.len() {
            if let Some(points) = y(r, c)
                && let (Some(count), Some(gs), Some(g2), Some(gy)) = (
                    answered.get_mut(c),
                    weight_sums.get_mut(c),
                    weight_squares.get_mut(c),
                    weighted_points.get_mut(c),
                )
            {
                *count += 1;
                *gs += g;
                *g2 += g * g;
                *gy += g * points;
            }
        }
    }
    let means: Vec<f64> = weighted_points
        .iter()
        .zip(&weight_sums)
        .map(|(gy, gs)| if *gs > 0.0 { gy / gs } else { 0.0 })
        .collect();
    let every_answered = answered
        .iter()
        .take(perspective.criteria.len())
        .all(|&a| a > 0);
    // Step 4: the perspective score is the weighted mean of the published criterion scores.
    let score = every_answered.then(|| shares.iter().zip(&means).map(|(a, s)| a * s).sum());
    // Step 5, linearised: Σ u_r² over the respondents, and per criterion over its answerers.
    let (u_squares, criterion_u_squares) = linearised(
        &order,
        perspective.criteria.len(),
        &weight,
        &y,
        (&means, &weight_sums, &shares),
    );
    let n_eff = effective(sum, squares);
    let variance =
        (n >= 2 && score.is_some()).then(|| n_eff * n as f64 / (n as f64 - 1.0) * u_squares);
    let criteria = (0..perspective.criteria.len())
        .map(|c| {
            let count = answered.get(c).copied().unwrap_or(0);
            let n_k = effective(
                weight_sums.get(c).copied().unwrap_or(0.0),
                weight_squares.get(c).copied().unwrap_or(0.0),
            );
            CriterionSample {
                answers: count,
                effective: n_k,
                mean: means.get(c).copied().unwrap_or(0.0),
                variance: (count >= 2).then(|| {
                    n_k * count as f64 / (count as f64 - 1.0)
                        * criterion_u_squares.get(c).copied().unwrap_or(0.0)
                }),
            }
        })
        .collect();
    (
        PerspectiveSample {
            respondents: n as u64,
            effective: n_eff,
            score,
            variance,
        },
        criteria,
    )
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
    let table = if file.spreadsheet {
        match crate::input::spreadsheet::read_table(&file.path, &file.relative, sheet) {
            Ok(table) => Some(table),
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
        }
    } else {
        None
    };
    let mut read = read_rows(
        perspective_index,
        file,
        table.as_ref(),
        methodology,
        catalogue,
    );
    if let Some(table) = table {
        let mut problems =
            crate::diagnostics::Capped::new(crate::input::responses::MAX_FILE_PROBLEMS);
        for problem in table.problems {
            problems.push(problem);
        }
        let found = std::mem::take(&mut read.problems);
        problems.extend(found.map(|p| table.map.relocate(p)));
        read.problems = problems;
        read.note = Some(format!(
            "{}: read the sheet {}",
            file.relative, table.map.sheet
        ));
    }
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
            )),
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
                    .hint(did_you_mean(name, known.iter().copied())),
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
                )),
            );
        }
    }
    (ok, found)
}

/// What is wrong with a cell: the message, what was expected, and a hint where there is one.
struct CellProblem {
    message: String,
    expected: String,
    hint: Option<String>,
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
    let message = if cell.is_empty() {
        "the weight is empty".to_string()
    } else if parsed.as_ref().is_ok_and(|w| !w.is_finite()) {
        format!("weight {cell} is not a finite number")
    } else if parsed.is_ok() {
        format!("weight {cell} is not above 0")
    } else {
        format!("weight \"{cell}\" is not a number")
    };
    Err(CellProblem {
        message,
        expected: "the respondent's survey weight, a number above 0 (leave the column out for \
                   weights of 1)"
            .to_string(),
        hint: super::results::decimal_point_hint(cell),
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
    let Ok(value) = number(cell, decimal_comma) else {
        return Err(CellProblem {
            message: format!("\"{cell}\" is not a number"),
            expected: format!(
                "a number from {} to {}, or an empty cell for no answer",
                perspective.scale.min, perspective.scale.max
            ),
            hint: super::results::decimal_point_hint(cell),
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
                .expected("a company id from data/companies.yaml")
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
                problems.push(
                    error(column, problem.message)
                        .expected(problem.expected)
                        .hint(problem.hint),
                );
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
            .expected("answers on the perspective's scale, such as 1 to 5 or 0 to 10"),
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
    table: Option<&crate::input::spreadsheet::Table>,
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
            let first_place = match table.and_then(|t| t.map.row_number(first_line as usize)) {
                Some(row) => format!("row {row}"),
                None => format!("line {first_line}"),
            };
            problems.push(
                Diagnostic::error(
                    &file.relative,
                    format!(
                        "this respondent id is on {first_place} too: were rows imported twice?"
                    ),
                )
                .at(*line as usize, *column as usize)
                .expected("each respondent id once per file"),
            );
        }
    }
}

/// Streams the rows of one perspective's file (or of a spreadsheet's sheet, as CSV).
fn read_rows(
    perspective_index: usize,
    file: &ResponseFile,
    table: Option<&crate::input::spreadsheet::Table>,
    methodology: &Methodology,
    catalogue: &Catalogue,
) -> PerspectiveFile {
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
    let pieces = stream(
        file,
        table.map(|t| t.csv().as_bytes()),
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
    report_repeated_ids(&mut respondents, file, table, &mut problems);
    PerspectiveFile {
        perspective: perspective_index,
        answers,
        values,
        problems,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Criterion, Perspective, Scale, Text};

    fn methodology(criteria: usize) -> Methodology {
        let text = |t: &str| Text::same(t, 1);
        Methodology {
            min_responses: 0,
            confidence: 0.95,
            z: crate::model::statistics::z_for(0.95),
            variance_prior_df: 10.0,
            tiers: Vec::new(),
            perspectives: vec![Perspective {
                id: "customer".to_string(),
                name: text("Customer"),
                description: None,
                weight: 1.0,
                scale: Scale {
                    min: 0.0,
                    max: 100.0,
                },
                higher_is_better: true,
                sampled: true,
                min_responses: 1,
                min_answers: 1,
                not_answered: Vec::new(),
                criteria: 0..criteria,
            }],
            criteria: (0..criteria)
                .map(|c| Criterion {
                    id: format!("c{c}"),
                    name: text("C"),
                    question: None,
                    weight: 1.0,
                    perspective: 0,
                })
                .collect(),
        }
    }

    /// Three million answers within a hair of 100: the sum of squares minus the square of the
    /// sum would lose every digit of the variance; the deviations from the mean, summed in a
    /// second pass, keep it.
    #[test]
    fn variance_stays_exact_near_100_over_millions_of_rows() {
        let n = 3_000_000usize;
        let methodology = methodology(1);
        let values = vec![100.0 - 1e-6, 100.0];
        let answers = Answers {
            codes: (0..n).map(|i| if i % 2 == 0 { 1 } else { 0 }).collect(),
            weights: Vec::new(),
        };
        let (perspective, criteria) =
            condense_perspective(&methodology, methodology.perspective(0), &values, answers);
        let mean = perspective.score.unwrap();
        assert!((mean - (100.0 - 0.5e-6)).abs() < 1e-9, "{mean}");
        // Half the values 1e-6 below the other half: ŝ² = (0.5e-6)² × n / (n − 1).
        let expected = 0.25e-12 * n as f64 / (n as f64 - 1.0);
        for variance in [perspective.variance.unwrap(), criteria[0].variance.unwrap()] {
            assert!(
                ((variance - expected) / expected).abs() < 1e-6,
                "{variance} against {expected}"
            );
        }
    }

    /// The order of the rows changes no bit: respondents are sorted before summing.
    #[test]
    fn row_order_changes_no_bit() {
        let methodology = methodology(2);
        let values = vec![13.0, 61.7, 88.1, 99.9];
        let rows: Vec<([u16; 2], f64)> = (0..500u16)
            .map(|i| {
                let a = i % 4;
                let b = if i % 7 == 0 {
                    NOT_ANSWERED
                } else {
                    (i / 3) % 4
                };
                ([a, b], 0.3 + f64::from(i % 11) * 0.77)
            })
            .collect();
        let condense = |rows: &[([u16; 2], f64)]| {
            let answers = Answers {
                codes: rows.iter().flat_map(|(c, _)| *c).collect(),
                weights: rows.iter().map(|(_, w)| *w).collect(),
            };
            condense_perspective(&methodology, methodology.perspective(0), &values, answers)
        };
        let forward = condense(&rows);
        let mut reversed = rows.clone();
        reversed.reverse();
        let mut shuffled = rows.clone();
        shuffled.sort_by_key(|(c, w)| (c[1], (w * 1000.0) as i64 % 17));
        assert_eq!(forward, condense(&reversed));
        assert_eq!(forward, condense(&shuffled));
    }

    #[test]
    fn z_at_95_percent_is_the_specs_value() {
        let z = crate::model::statistics::z_for(0.95);
        assert!((z - 1.959963984540054).abs() < 1e-12, "{z}");
    }
}
