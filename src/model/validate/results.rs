//! An edition's results, from YAML rows or a CSV file: every row checked the same way (known
//! company once, a count of responses, scores on their scale, the edition's sector).

use super::*;
use crate::diagnostics::Phrase;

/// The validated catalogue results refer to.
pub(super) struct Catalogue<'a> {
    pub(super) sectors: &'a [Sector],
    pub(super) companies: &'a [Company],
    /// Ids of companies left out of `companies` for an error already reported.
    pub(super) skipped: &'a HashSet<String>,
}

impl<'a> Catalogue<'a> {
    /// Company names, in every site language, to the companies with that name.
    pub(super) fn company_names(&self) -> HashMap<&'a str, Vec<usize>> {
        let mut names: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (index, company) in self.companies.iter().enumerate() {
            for name in company.name.all() {
                let entry = names.entry(name.trim()).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
        names
    }
}

impl Catalogue<'_> {
    /// Company ids to indices, for the rows of one file.
    pub(super) fn company_index(&self) -> HashMap<&str, usize> {
        self.companies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect()
    }
}

/// What a single results row looks like before it is checked, whichever file it came from.
pub(super) struct RowInput<'a> {
    pub(super) company: &'a str,
    /// The sector given in the row, if any.
    pub(super) sector: Option<&'a str>,
    pub(super) responses: Cell<'a>,
    pub(super) scores: Vec<(&'a str, Cell<'a>)>,
}

/// A value from YAML or a CSV cell, with the way to report a problem at its place.
pub(super) enum Cell<'a> {
    Missing,
    Yaml(&'a Value),
    Csv(&'a str),
}

impl Cell<'_> {
    /// A count: like [`Cell::number`], but in a file with decimal commas a `.` between groups of
    /// three digits is the thousands separator German and other spreadsheets write (`1.537`).
    fn count(&self, decimal_comma: bool) -> Result<Option<f64>, String> {
        if let (Cell::Csv(text), true) = (self, decimal_comma) {
            let trimmed = text.trim();
            let mut groups = trimmed.split('.');
            let first_ok = groups.next().is_some_and(|g| {
                (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit())
            });
            let grouped = trimmed.contains('.')
                && first_ok
                && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
            if grouped {
                return Ok(trimmed.replace('.', "").parse::<f64>().ok());
            }
        }
        self.number(decimal_comma)
    }

    /// For a number written with a decimal comma where a point is read, how to write it.
    fn decimal_point_advice(&self) -> Option<(String, Phrase)> {
        match self {
            Cell::Yaml(Value::String(text)) => decimal_point_advice(text),
            Cell::Csv(text) => decimal_point_advice(text),
            _ => None,
        }
    }

    /// `Ok(None)` for a missing value, `Err(what was found)` for a non-number.
    fn number(&self, decimal_comma: bool) -> Result<Option<f64>, String> {
        match self {
            Cell::Missing | Cell::Yaml(Value::Null) => Ok(None),
            // `.nan` and `.inf` are numbers to YAML, not to a ranking.
            Cell::Yaml(Value::Number(n)) => n
                .as_f64()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| format!("`{n}`")),
            Cell::Yaml(Value::String(s)) => Err(format!("the text \"{s}\"")),
            Cell::Yaml(Value::Bool(b)) => Err(format!("`{b}`")),
            Cell::Yaml(_) => Err("a list or map".to_string()),
            Cell::Csv(s) => {
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    return Ok(None);
                }
                let normalised = if decimal_comma {
                    trimmed.replace(',', ".")
                } else {
                    trimmed.to_string()
                };
                match normalised.parse::<f64>() {
                    Ok(value) if value.is_finite() => Ok(Some(value)),
                    _ => Err(format!("\"{trimmed}\"")),
                }
            }
        }
    }
}

/// For `text` written with a decimal comma ("3,4") where a point is read (YAML, a
/// comma-separated file, a spreadsheet's text cell), how to write it: in English, and as the
/// phrase a theme can say in the site's language.
pub(super) fn decimal_point_advice(text: &str) -> Option<(String, Phrase)> {
    let (whole, fraction) = text.trim().split_once(',')?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let whole_digits = whole.strip_prefix('-').unwrap_or(whole);
    (digits(whole_digits) && digits(fraction)).then(|| {
        let number = format!("{whole}.{fraction}");
        (
            format!("write decimals with a point: {number}"),
            Phrase::new("diag_decimal_point", &[("number", &number)]),
        )
    })
}

/// A score written with a decimal comma in a YAML `{…}` map (`{speed: 3,4}`): YAML reads the
/// whole number as the score and the decimals as a criterion `4` without a value. How to write
/// it, when the unknown `id` is such decimals right after a whole number and a comma in the
/// source line at `place`.
fn split_decimal(place: &Diagnostic, id: &str, cell: &Cell) -> Option<String> {
    let decimals = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    if !decimals || !matches!(cell, Cell::Yaml(Value::Null)) {
        return None;
    }
    let line = place.source_line.as_deref()?;
    let before = place.column?.checked_sub(1 + place.source_start)?;
    let text: String = line.chars().take(before).collect();
    // The place is the key itself, or its missing value right after it.
    let text = text.trim_end();
    let text = text.strip_suffix(id).unwrap_or(text).trim_end();
    let text = text.strip_suffix(',')?.trim_end();
    let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let whole = text.get(text.len() - digits..).filter(|w| !w.is_empty())?;
    Some(format!(
        "in `{{…}}` a comma ends a value, so `{whole},{id}` reads as {whole} and a criterion \
         `{id}`: write decimals with a point, {whole}.{id}"
    ))
}

/// Where a row's cells are in the source, to report problems precisely.
pub(super) trait RowLocator {
    fn company(&self, row: usize) -> Diagnostic;
    fn responses(&self, row: usize) -> Diagnostic;
    fn sector(&self, row: usize) -> Diagnostic;
    fn score(&self, row: usize, criterion: &str) -> Diagnostic;
    /// Where the criterion itself is named (an unknown one): its key in YAML, its cell in a CSV.
    fn criterion(&self, row: usize, criterion: &str) -> Diagnostic {
        self.score(row, criterion)
    }
}

pub(super) struct YamlRows<'a>(&'a SourceFile);

impl YamlRows<'_> {
    fn row(&self, row: usize) -> DataPath {
        DataPath::root().key("results").index(row)
    }
}

impl RowLocator for YamlRows<'_> {
    fn company(&self, row: usize) -> Diagnostic {
        self.0.error_at_path(&self.row(row).key("company"), "")
    }
    fn responses(&self, row: usize) -> Diagnostic {
        self.0.error_at_path(&self.row(row).key("responses"), "")
    }
    fn sector(&self, row: usize) -> Diagnostic {
        self.0.error_at_path(&self.row(row).key("sector"), "")
    }
    fn score(&self, row: usize, criterion: &str) -> Diagnostic {
        self.0
            .error_at_path(&self.row(row).key("scores").key(criterion), "")
    }
    fn criterion(&self, row: usize, criterion: &str) -> Diagnostic {
        self.0
            .error_at_key(&self.row(row).key("scores").key(criterion), "")
    }
}

/// [`place_of`] without English words, for a report in another language: the file and line as
/// the report marks places ("data/editions/2026.csv:12"), or the cell ("D14").
fn marked_place_of(diagnostic: &Diagnostic) -> String {
    match diagnostic.line {
        Some(line) => format!("{}:{line}", diagnostic.file),
        None => place_of(diagnostic),
    }
}

/// Where `diagnostic` points, as its reader finds it: "line 12" in a text file, the cell ("D14")
/// in a spreadsheet, whose diagnostics name it after the file and sheet.
fn place_of(diagnostic: &Diagnostic) -> String {
    match diagnostic.line {
        Some(line) => format!("line {line}"),
        None => diagnostic
            .file
            .rsplit(", ")
            .next()
            .unwrap_or(&diagnostic.file)
            .to_string(),
    }
}

pub(super) fn with_message(diagnostic: Diagnostic, message: String) -> Diagnostic {
    Diagnostic {
        message,
        ..diagnostic
    }
}

pub(super) fn edition(
    files: &EditionFiles,
    raw: Option<RawEdition>,
    languages: &[String],
    methodology: &Methodology,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Option<Edition> {
    let Some(yaml) = &files.yaml else {
        without_yaml(files, diagnostics);
        return None;
    };
    // Parsed beforehand (see `validate_data`); a parse error is already reported.
    let raw = raw?;
    let before = diagnostics.error_count();
    let root = DataPath::root();
    let year = edition_year(files, yaml, &raw, diagnostics);
    let (published, valid_until) = edition_dates(yaml, &raw, diagnostics);
    if let Some(title) = &raw.title {
        check_text_languages(yaml, &root.key("title"), title, languages, diagnostics);
    }
    let survey = raw.survey.as_ref().map(|raw_survey| {
        super::survey::survey(
            yaml,
            &root.key("survey"),
            raw_survey,
            languages,
            diagnostics,
        )
    });
    let folder = format!("data/editions/{}", files.stem);
    // Exactly one way of giving the results: every way given is named.
    let mut ways: Vec<String> = Vec::new();
    if raw.results.is_some() {
        ways.push(format!("`results:` in {}", yaml.name));
    }
    ways.extend(files.results.iter().map(|file| file.name(&files.stem)));
    let submissions = if ways.len() > 1 {
        let (count, listed) = (ways.len().to_string(), ways.join(", "));
        let message = format!(
            "the results of {} are given {count} ways: {listed}",
            files.stem
        );
        let mut twice = if raw.results.is_some() {
            yaml.error_at_key(&root.key("results"), message)
        } else {
            Diagnostic::error(&yaml.name, message)
        };
        twice = twice
            .expected(ONE_WAY)
            .says(
                "diag_results_given_twice",
                &[("year", &files.stem), ("count", &count), ("ways", &listed)],
            )
            .expects("diag_one_way_expected", &[]);
        diagnostics.push(twice);
        Vec::new()
    } else if let Some(results) = &raw.results {
        yaml_rows(yaml, results, methodology, catalogue, diagnostics)
    } else {
        match files.results.first() {
            Some(ResultsFile::Table(table)) => table_rows(
                table,
                raw.sheet.as_deref(),
                raw.ignore_columns.as_deref().unwrap_or_default(),
                methodology,
                catalogue,
                diagnostics,
            ),
            Some(ResultsFile::Respondents(responses)) => respondent_submissions(
                &folder,
                responses,
                raw.sheet.as_deref(),
                methodology,
                catalogue,
                diagnostics,
            ),
            None => Vec::new(),
        }
    };
    if diagnostics.error_count() > before {
        return None;
    }
    let not_participating = not_participating(yaml, &raw, catalogue, diagnostics);
    let respondent_files = matches!(files.results.first(), Some(ResultsFile::Respondents(_)));
    if let (Some(given), true) = (raw.respondents, respondent_files) {
        warn_of_other_respondents(yaml, given, &submissions, methodology, diagnostics);
    }
    Some(Edition {
        not_participating,
        survey,
        year: year?,
        title: raw.title.as_ref().map(|t| Text::resolve(t, languages)),
        published,
        valid_until,
        respondents: raw.respondents,
        submissions,
    })
}

/// The edition's `year`, which must be its file's name.
fn edition_year(
    files: &EditionFiles,
    yaml: &SourceFile,
    raw: &RawEdition,
    diagnostics: &mut Diagnostics,
) -> Option<i32> {
    let root = DataPath::root();
    let year = match &raw.year {
        Value::Number(n) => n.as_i64().and_then(|y| i32::try_from(y).ok()),
        _ => None,
    };
    match year {
        Some(year) if year.to_string() == files.stem => Some(year),
        Some(year) => {
            diagnostics.push(
                yaml.error_at_path(
                    &root.key("year"),
                    format!("year {year} does not match the file name {}", yaml.name),
                )
                .expected(format!(
                    "`year: {}`, or rename the file to {year}.yaml",
                    files.stem
                ))
                .says(
                    "diag_year_not_file_name",
                    &[("year", &year.to_string()), ("file", &yaml.name)],
                )
                .expects(
                    "diag_year_or_rename",
                    &[("stem", &files.stem), ("year", &year.to_string())],
                ),
            );
            None
        }
        None => {
            diagnostics.push(
                yaml.error_at_path(&root.key("year"), "`year` is not a whole number")
                    .expected(format!("`year: {}`", files.stem))
                    .says("diag_year_not_number", &[]),
            );
            None
        }
    }
}

/// The edition's `published` and `valid_until` dates; an error at a value that is no date and
/// at seals that would expire before the edition is published.
fn edition_dates(
    yaml: &SourceFile,
    raw: &RawEdition,
    diagnostics: &mut Diagnostics,
) -> (Option<Date>, Option<Date>) {
    let root = DataPath::root();
    let mut date_at = |key: &str, value: Option<&Value>| {
        value.and_then(|value| {
            let parsed = match value {
                Value::String(text) => Date::parse(text),
                _ => None,
            };
            if parsed.is_none() {
                let shown = match value {
                    Value::String(text) => text.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                };
                diagnostics.push(
                    yaml.error_at_path(&root.key(key), format!("`{shown}` is not a date"))
                        .expected("an ISO date YYYY-MM-DD, such as 2026-06-15")
                        .says("diag_not_a_date", &[("value", &shown)])
                        .expects("diag_date_expected", &[]),
                );
            }
            parsed
        })
    };
    let published = date_at("published", raw.published.as_ref());
    let valid_until = date_at("valid_until", raw.valid_until.as_ref());
    if let (Some(from), Some(until)) = (published, valid_until)
        && until < from
    {
        diagnostics.push(
            yaml.error_at_path(
                &root.key("valid_until"),
                format!(
                    "the seals would expire on {until}, before the edition is published on {from}"
                ),
            )
            .expected("a date on or after `published`")
            .says(
                "diag_seals_expire_early",
                &[("until", &until.to_string()), ("from", &from.to_string())],
            )
            .expects("diag_after_published", &[]),
        );
    }
    (published, valid_until)
}

/// With respondent files, the pages count the respondents of the first sampled perspective
/// over every company (the one definition STATISTICS.md gives): a different `respondents:` in
/// the edition's file is not shown, which the editor is told.
fn warn_of_other_respondents(
    yaml: &SourceFile,
    given: u64,
    submissions: &[Submission],
    methodology: &Methodology,
    diagnostics: &mut Diagnostics,
) {
    let Some(first) = methodology.perspectives.iter().position(|p| p.sampled) else {
        return;
    };
    let counted: u64 = submissions
        .iter()
        .filter_map(|s| s.sample.as_ref()?.perspectives.get(first))
        .map(|p| p.respondents)
        .sum();
    if counted == given {
        return;
    }
    let perspective = &methodology.perspective(first).id;
    let mut warning = yaml.error_at_path(
        &DataPath::root().key("respondents"),
        format!(
            "`respondents: {given}`, but the respondent files hold {counted} respondents of \
             perspective `{perspective}`: the pages show {counted}"
        ),
    );
    warning.severity = crate::diagnostics::Severity::Warning;
    diagnostics.push(
        warning
            .expected("the number the respondent files hold, or no `respondents:` at all")
            .says(
                "diag_respondents_differ",
                &[
                    ("given", &given.to_string()),
                    ("counted", &counted.to_string()),
                    ("perspective", perspective),
                ],
            )
            .expects("diag_respondents_expected", &[]),
    );
}

/// The companies `not_participating:` names, each a company id of the catalogue.
fn not_participating(
    yaml: &SourceFile,
    raw: &RawEdition,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Vec<usize> {
    let Some(ids) = &raw.not_participating else {
        return Vec::new();
    };
    let index = catalogue.company_index();
    let key = DataPath::root().key("not_participating");
    let mut companies = Vec::new();
    for (position, id) in ids.iter().enumerate() {
        match index.get(id.as_str()) {
            Some(&company) => companies.push(company),
            None => diagnostics.push(
                yaml.error_at_path(&key.index(position), format!("unknown company `{id}`"))
                    .expected("a company id from data/companies.yaml")
                    .hint(did_you_mean(id, index.keys().copied()))
                    .says("diag_unknown_company", &[("company", id)])
                    .expects("diag_company_id_expected", &[]),
            ),
        }
    }
    companies
}

/// The results of a table file: its rows as CSV text, every problem moved to where the user
/// sees it (a spreadsheet's cell).
fn table_rows(
    table: &TableFile,
    sheet: Option<&str>,
    ignore: &[String],
    methodology: &Methodology,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    let mut read = match table.read(sheet) {
        Ok(read) => read,
        Err(problem) => {
            diagnostics.push(*problem);
            return Vec::new();
        }
    };
    if let Some(note) = read.cells.note() {
        diagnostics.note(note);
    }
    let mut found = Diagnostics::new();
    let rows = csv_rows(read.source(), ignore, methodology, catalogue, &mut found);
    for problem in read.cells.take_problems() {
        diagnostics.push(problem);
    }
    diagnostics.extend(found.map(|problem| read.cells.relocate(problem)));
    rows
}

/// An edition's results or respondent files without its YAML file: an error at each.
fn without_yaml(files: &EditionFiles, diagnostics: &mut Diagnostics) {
    for file in &files.results {
        let (place, what, beside, keys) = match file {
            ResultsFile::Respondents(_) => (
                format!("data/editions/{}", files.stem),
                "respondent files",
                "the folder",
                ("diag_respondents_without_edition", "diag_edition_file_beside_folder"),
            ),
            ResultsFile::Table(table) => (
                table.name().to_string(),
                "results",
                "the results",
                ("diag_results_without_edition", "diag_edition_file_beside_results"),
            ),
        };
        diagnostics.push(
            Diagnostic::error(
                place,
                format!(
                    "{what} without an edition file: data/editions/{}.yaml is missing",
                    files.stem
                ),
            )
            .expected(format!(
                "the edition's facts (at least `year:`) in a YAML file beside {beside}"
            ))
            .says(keys.0, &[("file", &format!("data/editions/{}.yaml", files.stem))])
            .expects(keys.1, &[]),
        );
    }
}

/// The ways of giving an edition's results, for the error when more than one is given.
const ONE_WAY: &str =
    "one way: a `results:` list, a CSV or spreadsheet file, or a folder of respondent files";

pub(super) fn yaml_rows(
    file: &SourceFile,
    results: &[RawResult],
    methodology: &Methodology,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    let rows: Vec<RowInput> = results
        .iter()
        .map(|result| RowInput {
            company: &result.company,
            sector: result.sector.as_deref(),
            responses: result.responses.as_ref().map_or(Cell::Missing, Cell::Yaml),
            scores: result
                .scores
                .iter()
                .flat_map(|scores: &crate::input::unique_map::UniqueMap<Value>| scores.iter())
                .map(|(id, value)| (id.as_str(), Cell::Yaml(value)))
                .collect(),
        })
        .collect();
    check_rows(
        &rows,
        &YamlRows(file),
        methodology,
        catalogue,
        false,
        diagnostics,
    )
}

/// The checks shared by YAML and CSV results: companies exist once, responses are counts, scores
/// are numbers on their scale and belong to known criteria.
pub(super) fn check_rows(
    rows: &[RowInput],
    locate: &dyn RowLocator,
    methodology: &Methodology,
    catalogue: &Catalogue,
    decimal_comma: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    let mut seen = HashMap::new();
    let options = RowChecks {
        methodology,
        catalogue,
        decimal_comma,
    };
    check_rows_from(rows, 0, &mut seen, locate, &options, diagnostics)
}

/// What rows are checked against.
pub(super) struct RowChecks<'a> {
    pub(super) methodology: &'a Methodology,
    pub(super) catalogue: &'a Catalogue<'a>,
    pub(super) decimal_comma: bool,
}

/// [`check_rows`] for a run of rows starting at row number `first` (rows are read in runs, so
/// that a file of millions of rows is never held parsed whole), with the companies `seen` in
/// earlier runs, each with its row number.
pub(super) fn check_rows_from(
    rows: &[RowInput],
    first: usize,
    seen: &mut HashMap<usize, usize>,
    locate: &dyn RowLocator,
    checks: &RowChecks<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    let (methodology, catalogue) = (checks.methodology, checks.catalogue);
    let company_index = catalogue.company_index();
    // Companies by their name in any language, made when a row first names one that way.
    let mut by_name: Option<HashMap<&str, Vec<usize>>> = None;
    let mut submissions = Vec::with_capacity(rows.len());
    for (row_number, row) in rows.iter().enumerate() {
        let row_number = first + row_number;
        let mut company = company_index.get(row.company).copied();
        if company.is_none() && !catalogue.skipped.contains(row.company) {
            let names = by_name.get_or_insert_with(|| catalogue.company_names());
            match names.get(row.company.trim()).map(Vec::as_slice) {
                Some(&[one]) => company = Some(one),
                Some(several) if several.len() > 1 => {
                    let ids: Vec<String> = several
                        .iter()
                        .filter_map(|&i| catalogue.companies.get(i))
                        .map(|c| format!("`{}`", c.id))
                        .collect();
                    diagnostics.push_error_with(|| {
                        with_message(
                            locate.company(row_number),
                            format!(
                                "`{}` is the name of {} companies: {}",
                                row.company,
                                ids.len(),
                                ids.join(", ")
                            ),
                        )
                        .says(
                            "diag_name_of_several",
                            &[("name", row.company), ("companies", &ids.join(", "))],
                        )
                        .expected("the company's id from data/companies.yaml, which is unique")
                        .expects("diag_unique_id_expected", &[])
                    });
                    continue;
                }
                _ => {}
            }
        }
        match company {
            None if catalogue.skipped.contains(row.company) => {}
            None => diagnostics.push_error_with(|| {
                with_message(
                    locate.company(row_number),
                    format!("unknown company `{}`", row.company),
                )
                .says("diag_unknown_company", &[("company", row.company)])
                .expected("a company id, or a company's name, from data/companies.yaml")
                .expects("diag_company_expected", &[])
                .hint(did_you_mean(row.company, company_index.keys().copied()))
            }),
            Some(index) => {
                if let Some(first) = seen.insert(index, row_number) {
                    diagnostics.push_error_with(|| {
                        with_message(
                            locate.company(row_number),
                            format!("duplicate result for company `{}`", row.company),
                        )
                        .says("diag_duplicate_result", &[("company", row.company)])
                        .expected(format!(
                            "one result per company and edition (the first is at {})",
                            place_of(&locate.company(first))
                        ))
                        .expects(
                            "diag_duplicate_expected",
                            &[("place", &marked_place_of(&locate.company(first)))],
                        )
                    });
                }
            }
        }
        let responses = row_responses(row, row_number, locate, checks, diagnostics);
        let values = row_scores(row, row_number, locate, checks, diagnostics);
        let sector = row_sector(row, row_number, company, locate, catalogue, diagnostics);
        if let (Some(company), Some(sector)) = (company, sector) {
            let left_out = methodology
                .criteria
                .iter()
                .enumerate()
                .filter(|(_, c)| !row.scores.iter().any(|(id, _)| *id == c.id))
                .map(|(index, _)| index)
                .collect();
            submissions.push(Submission {
                company,
                sector,
                responses,
                values,
                left_out,
                sample: None,
            });
        }
    }
    submissions
}

/// A row's count of responses; an error where it is not a whole number, or missing while
/// `min_responses` asks for one.
fn row_responses(
    row: &RowInput,
    row_number: usize,
    locate: &dyn RowLocator,
    checks: &RowChecks<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<u64> {
    let (methodology, decimal_comma) = (checks.methodology, checks.decimal_comma);
    let responses = match &row.responses {
        Cell::Missing | Cell::Yaml(Value::Null) => None,
        cell => match cell.count(decimal_comma) {
            Ok(Some(value))
                if value >= 0.0 && value.fract() == 0.0 && value <= u64::MAX as f64 =>
            {
                Some(value as u64)
            }
            Ok(None) => None,
            Ok(Some(value)) => {
                diagnostics.push_error_with(|| {
                    with_message(
                        locate.responses(row_number),
                        format!("{value} is not a count of responses"),
                    )
                    .says("diag_not_a_count", &[("value", &value.to_string())])
                    .expected("a whole number of at least 0")
                    .expects("diag_count_expected", &[])
                });
                None
            }
            Err(found) => {
                diagnostics.push_error_with(|| {
                    with_message(
                        locate.responses(row_number),
                        format!("{found} is not a number"),
                    )
                    .says("diag_not_a_number", &[("value", &found)])
                    .expected("the number of customer responses, a whole number")
                    .expects("diag_responses_expected", &[])
                });
                None
            }
        },
    };
    // A count that is there but wrong has its own error above.
    let responses_given = match &row.responses {
        Cell::Missing | Cell::Yaml(Value::Null) => false,
        Cell::Csv(text) => !text.trim().is_empty(),
        Cell::Yaml(_) => true,
    };
    if responses.is_none() && !responses_given && methodology.min_responses > 0 {
        diagnostics.push_error_with(|| {
            with_message(
                locate.company(row_number),
                format!("no `responses` for company `{}`", row.company),
            )
            .says("diag_no_responses", &[("company", row.company)])
            .expected(format!(
                "a response count: methodology.yaml sets min_responses: {}",
                methodology.min_responses
            ))
            .expects(
                "diag_no_responses_expected",
                &[("min", &methodology.min_responses.to_string())],
            )
        });
    }
    responses
}

/// A row's scores by criterion index; an error at each unknown criterion, value off the scale
/// or text that is not a number.
fn row_scores(
    row: &RowInput,
    row_number: usize,
    locate: &dyn RowLocator,
    checks: &RowChecks<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Option<f64>> {
    let (methodology, decimal_comma) = (checks.methodology, checks.decimal_comma);
    let mut values = vec![None; methodology.criteria.len()];
    for (criterion_id, cell) in &row.scores {
        let Some(criterion) = methodology.criterion_index(criterion_id) else {
            diagnostics.push_error_with(|| {
                let place = locate.criterion(row_number, criterion_id);
                let hint = split_decimal(&place, criterion_id, cell).or_else(|| {
                    did_you_mean(
                        criterion_id,
                        methodology.criteria.iter().map(|c| c.id.as_str()),
                    )
                });
                with_message(place, format!("unknown criterion `{criterion_id}`"))
                    .expected("a criterion id from data/methodology.yaml")
                    .hint(hint)
            });
            continue;
        };
        let scale = methodology
            .perspective(methodology.criterion(criterion).perspective)
            .scale;
        match cell.number(decimal_comma) {
            Ok(Some(value)) if value < scale.min || value > scale.max => diagnostics
                .push_error_with(|| {
                    with_message(
                        locate.score(row_number, criterion_id),
                        format!("{value} is outside the scale of `{criterion_id}`"),
                    )
                    .says(
                        "diag_outside_scale",
                        &[("value", &value.to_string()), ("criterion", criterion_id)],
                    )
                    .expected(format!("a number from {} to {}", scale.min, scale.max))
                    .expects(
                        "diag_number_range",
                        &[("min", &scale.min.to_string()), ("max", &scale.max.to_string())],
                    )
                }),
            Ok(value) => {
                if let Some(slot) = values.get_mut(criterion) {
                    *slot = value;
                }
            }
            Err(found) => diagnostics.push_error_with(|| {
                with_message(
                    locate.score(row_number, criterion_id),
                    format!("{found} is not a number"),
                )
                .says("diag_not_a_number", &[("value", &found)])
                .expected(format!(
                    "a number from {} to {}, or an empty value for a missing score",
                    scale.min, scale.max
                ))
                .expects(
                    "diag_score_expected",
                    &[("min", &scale.min.to_string()), ("max", &scale.max.to_string())],
                )
                .advise(cell.decimal_point_advice())
            }),
        }
    }
    values
}

/// The sector a row gives, or else the company's; an error at an unknown one.
fn row_sector(
    row: &RowInput,
    row_number: usize,
    company: Option<usize>,
    locate: &dyn RowLocator,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    match row.sector {
        None => company
            .and_then(|c| catalogue.companies.get(c))
            .map(|c| c.sector),
        Some(id) => {
            let found = catalogue.sectors.iter().position(|s| s.id == id);
            if found.is_none() {
                diagnostics.push_error_with(||
                    with_message(locate.sector(row_number), format!("unknown sector `{id}`"))
                        .says("diag_unknown_sector", &[("sector", id)])
                        .expected("a sector id from data/sectors.yaml: the sector the company had in this edition")
                        .expects("diag_sector_expected", &[])
                        .hint(did_you_mean(id, catalogue.sectors.iter().map(|s| s.id.as_str()))),
                );
            }
            found
        }
    }
}
