//! Respondent-level results (STATISTICS.md): one file per perspective, one row per respondent,
//! streamed and checked row by row, and condensed per company into what scoring needs: each
//! perspective's respondents, mean and standard error, and each criterion's answers and mean.
//!
//! The arithmetic does not depend on the order of the rows: a respondent's perspective score is
//! kept per company and sorted before the two-pass mean and variance, and a criterion's answers
//! are counted per distinct value, summed in value order.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::*;
use crate::input::ResponseFile;
use crate::input::responses::{Header, column_of, line_text, stream};
use crate::model::{CriterionSample, PerspectiveSample, Sample};

/// One perspective's answers for one company, as read.
#[derive(Default)]
struct Answers {
    /// The perspective score of every counted respondent.
    scores: Vec<f64>,
    /// Per criterion of the perspective: the count of each value given (by its bits, so that
    /// equal values count together).
    values: Vec<Counts>,
}

/// What one worker gathered from its piece of a file.
#[derive(Default)]
struct Piece {
    answers: FxHashMap<usize, Answers>,
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
    /// Per criterion of the perspective, in its order.
    criteria: Vec<Option<usize>>,
    decimal_comma: bool,
    delimiter: u8,
}

/// How often each value was given, by the value's bits: a scale has few distinct values, so a
/// short list is smaller and faster than a map.
#[derive(Default, Clone)]
struct Counts(Vec<(u64, u64)>);

impl Counts {
    fn add(&mut self, bits: u64, count: u64) {
        match self.0.iter_mut().find(|(b, _)| *b == bits) {
            Some((_, n)) => *n += count,
            None => self.0.push((bits, count)),
        }
    }

    /// The values in value order, so that sums do not depend on the order of the rows.
    fn sorted(&self) -> Vec<(f64, u64)> {
        let mut values: Vec<(f64, u64)> = self
            .0
            .iter()
            .map(|&(bits, n)| (f64::from_bits(bits), n))
            .collect();
        values.sort_by(|a, b| a.0.total_cmp(&b.0));
        values
    }
}

/// A respondent id's fingerprint (two 64-bit halves: 24 bytes an entry, where a `u128` would
/// align to 32) with its line and column.
type Seen = (u64, u64, u32, u32);

/// Unknown header columns named one by one; beyond, one error counts them.
const MAX_UNKNOWN_COLUMNS_NAMED: usize = 20;

/// What one perspective file gave.
struct PerspectiveFile {
    perspective: usize,
    /// By company index.
    answers: FxHashMap<usize, Answers>,
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
    let mut by_company: BTreeMap<usize, Vec<Option<Answers>>> = BTreeMap::new();
    for file in read {
        file.problems.report(diagnostics);
        if let Some(note) = file.note {
            diagnostics.note(note);
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
    by_company
        .into_iter()
        .filter_map(|(company, answers)| {
            let record = catalogue.companies.get(company)?;
            let sample = condense(methodology, answers);
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

/// Mean and sample variance in two passes over sorted values: the same result whatever order the
/// rows came in, and stable with values near 100.
fn mean_and_variance(values: &mut [f64]) -> (f64, Option<f64>) {
    values.sort_by(f64::total_cmp);
    let n = values.len() as f64;
    if values.is_empty() {
        return (0.0, None);
    }
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, None);
    }
    let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    (mean, Some(squares / (n - 1.0)))
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

/// One company's answers per perspective, condensed.
fn condense(methodology: &Methodology, answers: Vec<Option<Answers>>) -> Sample {
    let mut perspectives = Vec::with_capacity(methodology.perspectives.len());
    let mut criteria: Vec<CriterionSample> = methodology
        .criteria
        .iter()
        .map(|_| CriterionSample {
            answers: 0,
            mean: 0.0,
            se: None,
        })
        .collect();
    for (perspective, answers) in methodology.perspectives.iter().zip(answers) {
        let Some(mut answers) = answers else {
            perspectives.push(PerspectiveSample {
                respondents: 0,
                mean: 0.0,
                se: None,
            });
            continue;
        };
        let n = answers.scores.len() as u64;
        let (mean, variance) = mean_and_variance(&mut answers.scores);
        let se = if !perspective.sampled {
            Some(0.0)
        } else {
            variance.map(|v| (v / n as f64).sqrt())
        };
        perspectives.push(PerspectiveSample {
            respondents: n,
            mean,
            se,
        });
        for (offset, counts) in answers.values.iter().enumerate() {
            let sorted = counts.sorted();
            let answered: u64 = sorted.iter().map(|(_, n)| n).sum();
            let total: f64 = sorted
                .iter()
                .map(|&(value, count)| points(perspective, value) * count as f64)
                .sum();
            let mean = if answered > 0 {
                total / answered as f64
            } else {
                0.0
            };
            // Two passes over the counted values, in value order, like the perspective scores.
            let se = if !perspective.sampled {
                Some(0.0)
            } else if answered >= 2 {
                let squares: f64 = sorted
                    .iter()
                    .map(|&(value, count)| {
                        (points(perspective, value) - mean).powi(2) * count as f64
                    })
                    .sum();
                Some((squares / (answered as f64 - 1.0) / answered as f64).sqrt())
            } else {
                None
            };
            if let Some(slot) = criteria.get_mut(perspective.criteria.start + offset) {
                *slot = CriterionSample {
                    answers: answered,
                    mean,
                    se,
                };
            }
        }
    }
    Sample {
        perspectives,
        criteria,
    }
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
    let header_ok = |header: &Header| -> (bool, Vec<Diagnostic>) {
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
        let known: Vec<&str> = ["company", "respondent"]
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
                            "`company`, `respondent` or a criterion of perspective `{}`",
                            perspective.id
                        ))
                        .hint(did_you_mean(name, known.iter().copied())),
                );
            }
        }
        for required in known.iter().filter(|k| **k != "respondent") {
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
                        "`company`, optionally `respondent`, and one column per criterion of `{}`",
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
    };
    let mut header_problems: Vec<Diagnostic> = Vec::new();
    let pieces = stream(
        file,
        table.map(|t| t.csv().as_bytes()),
        |header| {
            let (ok, found) = header_ok(header);
            header_problems = found;
            let position = |name: &str| header.columns.iter().position(|c| c == name);
            ok.then(|| Columns {
                company: position("company"),
                respondent: position("respondent"),
                criteria: criteria.iter().map(|(_, c)| position(&c.id)).collect(),
                decimal_comma: header.decimal_comma(),
                delimiter: header.delimiter,
            })
        },
        Piece::default,
        |columns: &Columns, piece: &mut Piece, line, record| {
            let problems = &mut piece.problems;
            let answers = &mut piece.answers;
            // Beyond the problems kept, a problem is counted without its message (or its
            // suggestion, which compares the id with every company's).
            let error = |column: usize, message: String| {
                Diagnostic::error(&file.relative, message)
                    .at(line, column_of(record, column, columns.delimiter))
                    .with_source_line(&line_text(record, columns.delimiter))
            };
            let Some(company_at) = columns.company else {
                return;
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
            let mut weighted = 0.0;
            let mut weights = 0.0;
            let mut given: Vec<Option<f64>> = Vec::with_capacity(criteria.len());
            let mut row_ok = true;
            for ((_, criterion), column) in criteria.iter().zip(&columns.criteria) {
                let Some(column) = *column else {
                    given.push(None);
                    continue;
                };
                let cell = record.get(column).unwrap_or("").trim();
                if cell.is_empty() {
                    given.push(None);
                    continue;
                }
                let text = if columns.decimal_comma {
                    std::borrow::Cow::Owned(cell.replace(',', "."))
                } else {
                    std::borrow::Cow::Borrowed(cell)
                };
                let Ok(value) = text.parse::<f64>() else {
                    row_ok = false;
                    if problems.is_full() {
                        problems.count(true);
                        given.push(None);
                        continue;
                    }
                    problems.push(
                        error(column, format!("\"{cell}\" is not a number"))
                            .expected(format!(
                                "a number from {} to {}, or an empty cell for no answer",
                                perspective.scale.min, perspective.scale.max
                            ))
                            .hint(super::results::decimal_point_hint(cell)),
                    );
                    given.push(None);
                    continue;
                };
                if perspective.not_answered.contains(&value) {
                    given.push(None);
                    continue;
                }
                if !value.is_finite()
                    || value < perspective.scale.min
                    || value > perspective.scale.max
                {
                    row_ok = false;
                    let mut wrong = error(
                        column,
                        format!("{cell} is outside the scale of `{}`", criterion.id),
                    )
                    .expected(format!(
                        "a number from {} to {}",
                        perspective.scale.min, perspective.scale.max
                    ));
                    if perspective.not_answered.is_empty() {
                        wrong = wrong.hint(Some(format!(
                            "if {cell} is a code for \"no answer\", list it under `not_answered` of perspective `{}`",
                            perspective.id
                        )));
                    }
                    problems.push(wrong);
                    given.push(None);
                    continue;
                }
                let y = points(perspective, value);
                weighted += criterion.weight * y;
                weights += criterion.weight;
                given.push(Some(value));
            }
            let Some(company) = company else {
                return;
            };
            if !row_ok || weights == 0.0 {
                // A respondent who answered nothing does not count.
                return;
            }
            let entry = answers.entry(company).or_insert_with(|| Answers {
                scores: Vec::new(),
                values: vec![Counts::default(); criteria.len()],
            });
            entry.scores.push(weighted / weights);
            for (slot, value) in entry.values.iter_mut().zip(given) {
                if let Some(value) = value {
                    // 0.0 and -0.0 count as one value.
                    slot.add((value + 0.0).to_bits(), 1);
                }
            }
        },
        &mut problems,
    );
    for problem in header_problems {
        problems.push(problem);
    }
    // The pieces in file order: answers joined, and a respondent id seen in an earlier piece is
    // a repeat too.
    let mut answers: FxHashMap<usize, Answers> = FxHashMap::default();
    let mut respondents: Vec<Seen> =
        Vec::with_capacity(pieces.iter().map(|p| p.respondents.len()).sum());
    for piece in pieces {
        problems.extend(piece.problems);
        respondents.extend(piece.respondents);
        for (company, got) in piece.answers {
            match answers.entry(company) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(got);
                }
                std::collections::hash_map::Entry::Occupied(mut slot) => {
                    let into = slot.get_mut();
                    into.scores.extend(got.scores);
                    for (counts, more) in into.values.iter_mut().zip(got.values) {
                        for (value, count) in more.0 {
                            counts.add(value, count);
                        }
                    }
                }
            }
        }
    }
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
    PerspectiveFile {
        perspective: perspective_index,
        answers,
        problems,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::mean_and_variance;

    /// Three million scores within a hair of 100: the sum of squares minus the square of the sum
    /// would lose every digit of the variance; two passes keep it.
    #[test]
    fn mean_and_variance_stay_exact_near_100_over_millions_of_rows() {
        let n = 3_000_000usize;
        let mut values: Vec<f64> = (0..n)
            .map(|i| if i % 2 == 0 { 100.0 } else { 100.0 - 1e-6 })
            .collect();
        let (mean, variance) = mean_and_variance(&mut values);
        assert!((mean - (100.0 - 0.5e-6)).abs() < 1e-9, "{mean}");
        // Half the values 1e-6 below the other half: variance = (0.5e-6)² × n / (n − 1).
        let expected = 0.25e-12 * n as f64 / (n as f64 - 1.0);
        let variance = variance.unwrap();
        assert!(
            ((variance - expected) / expected).abs() < 1e-6,
            "{variance} against {expected}"
        );
        // The naive formula on the same numbers, to show what the test guards against.
        let sum: f64 = values.iter().sum();
        let squares: f64 = values.iter().map(|v| v * v).sum();
        let naive = (squares - sum * sum / n as f64) / (n as f64 - 1.0);
        assert!(((naive - expected) / expected).abs() > 1e-3, "{naive}");
    }

    #[test]
    fn z_at_95_percent_is_the_specs_value() {
        let z = crate::model::scoring::z_for(0.95);
        assert!((z - 1.959963984540054).abs() < 1e-12, "{z}");
    }
}
