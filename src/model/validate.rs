//! From input text to the validated [`model`](crate::model): parsing with serde, then checking
//! every rule of FORMAT.md, collecting all problems instead of stopping at the first.

use std::collections::{HashMap, HashSet};

use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::input::source::{DataPath, SourceFile};
use crate::input::yaml::parse_yaml;
use crate::input::{EditionFiles, Inputs};
use crate::model::date::Date;
use crate::model::raw::{
    RawCompany, RawEdition, RawMethodology, RawResult, RawSector, RawSiteConfig,
};
use crate::model::text::{RawText, Text};
use crate::model::{
    Company, Criterion, Edition, Methodology, Perspective, Scale, Sector, Site, SiteConfig,
    Submission,
};

/// Parses and checks the data files. Returns the model only when no error was found.
pub fn validate_data(inputs: &Inputs, diagnostics: &mut Diagnostics) -> Option<Site> {
    let before = diagnostics.error_count();
    let config = inputs
        .site
        .as_ref()
        .and_then(|file| site_config(file, diagnostics));
    let languages = config
        .as_ref()
        .map(|c| c.languages.clone())
        .unwrap_or_else(|| vec!["en".to_string()]);
    let methodology = inputs
        .methodology
        .as_ref()
        .and_then(|file| methodology(file, &languages, diagnostics));
    // A catalogue that could not be read is reported once; references into it are not checked,
    // which would only repeat that one problem once per company or result.
    let sectors = inputs
        .sectors
        .as_ref()
        .and_then(|file| sectors(file, &languages, diagnostics));
    // The company catalogue and the editions' YAML are parsed at the same time: on a large site
    // parsing is most of validation, and an edition needs the catalogue only afterwards, to
    // resolve its company ids. Editions are independent of each other and run in parallel too.
    use rayon::prelude::*;
    let ((companies, company_diagnostics), parsed_editions) = rayon::join(
        || {
            let mut local = Diagnostics::new();
            // Without sectors the catalogue is still parsed and checked, so that its own
            // mistakes are reported in this run; only its references to sectors wait.
            let companies = inputs
                .companies
                .as_ref()
                .and_then(|file| companies(file, &languages, sectors.as_deref(), &mut local));
            (companies, local)
        },
        || {
            inputs
                .editions
                .par_iter()
                .map(|files| {
                    let mut local = Diagnostics::new();
                    let raw = files
                        .yaml
                        .as_ref()
                        .and_then(|yaml| parse_yaml::<RawEdition>(yaml, &mut local));
                    (raw, local)
                })
                .collect::<Vec<_>>()
        },
    );
    diagnostics.extend(company_diagnostics);
    let (companies, skipped) = match companies {
        Some((companies, skipped)) => (Some(companies), skipped),
        None => (None, HashSet::new()),
    };
    let mut editions = Vec::new();
    if let (Some(methodology), Some(companies), Some(sectors)) =
        (&methodology, &companies, &sectors)
    {
        let catalogue = Catalogue {
            sectors,
            companies,
            skipped: &skipped,
        };
        let validated: Vec<(Option<Edition>, Diagnostics)> = inputs
            .editions
            .par_iter()
            .zip(parsed_editions)
            .map(|(files, (raw, mut local))| {
                let result = edition(files, raw, &languages, methodology, &catalogue, &mut local);
                (result, local)
            })
            .collect();
        for (result, local) in validated {
            diagnostics.extend(local);
            editions.extend(result);
        }
        if inputs.editions.is_empty() {
            diagnostics.push(
                Diagnostic::error("data/editions", "no edition found")
                    .expected("at least one file data/editions/<year>.yaml"),
            );
        }
    } else {
        // The editions cannot be checked against a catalogue with errors, but their own syntax
        // errors are reported in this run.
        for (_, local) in parsed_editions {
            diagnostics.extend(local);
        }
    }
    editions.sort_by_key(|e| e.year);
    if diagnostics.error_count() > before {
        return None;
    }
    let (sectors, companies) = (sectors?, companies?);
    Some(Site {
        config: config?,
        methodology: methodology?,
        index: crate::model::Index::new(&sectors, &companies),
        sectors,
        companies,
        editions,
    })
}

fn is_valid_id(id: &str) -> bool {
    if id.len() > crate::input::limits::MAX_ID_CHARS {
        return false;
    }
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn suggest_id(id: &str) -> String {
    let mut slug = String::new();
    for c in id.trim().chars() {
        match c {
            'ä' | 'Ä' => slug.push_str("ae"),
            'ö' | 'Ö' => slug.push_str("oe"),
            'ü' | 'Ü' => slug.push_str("ue"),
            'ß' => slug.push_str("ss"),
            c if c.is_ascii_alphanumeric() => slug.push(c.to_ascii_lowercase()),
            _ if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Checks the id pattern and uniqueness within `seen`; reports at `path`.
fn check_id(
    file: &SourceFile,
    path: &DataPath,
    id: &str,
    what: &str,
    seen: &mut HashSet<String>,
    diagnostics: &mut Diagnostics,
) {
    if !is_valid_id(id) {
        let suggestion: String = suggest_id(id)
            .chars()
            .take(crate::input::limits::MAX_ID_CHARS)
            .collect();
        diagnostics.push(
            file.error_at_path(path, format!("`{id}` is not a valid {what} id"))
                .expected(format!("at most {} lower-case letters, digits and `-`, starting with a letter or digit (ids become URL paths)", crate::input::limits::MAX_ID_CHARS))
                .hint((!suggestion.is_empty()).then(|| format!("try `{suggestion}`"))),
        );
    }
    if !seen.insert(id.to_string()) {
        diagnostics.push(
            file.error_at_path(path, format!("duplicate {what} id `{id}`"))
                .expected(format!("every {what} id to be unique")),
        );
    }
}

fn check_text_languages(
    file: &SourceFile,
    path: &DataPath,
    text: &RawText,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) {
    for code in text.unknown_languages(languages) {
        diagnostics.push(
            Diagnostic {
                severity: crate::diagnostics::Severity::Warning,
                ..file.error_at_key(
                    &path.key(code),
                    format!(
                        "language `{code}` is not one of the site's languages; the text is not used"
                    ),
                )
            }
            .hint(did_you_mean(code, languages.iter().map(String::as_str))),
        );
    }
}

fn site_config(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let raw: RawSiteConfig = parse_yaml(file, diagnostics)?;
    let before = diagnostics.error_count();
    let root = DataPath::root();
    let languages = raw
        .languages
        .clone()
        .unwrap_or_else(|| vec!["en".to_string()]);
    if languages.is_empty() {
        diagnostics.push(
            file.error_at_path(&root.key("languages"), "no language given")
                .expected("a list of language codes such as [en, de]"),
        );
    }
    let mut seen = HashSet::new();
    for (index, code) in languages.iter().enumerate() {
        let valid = code.len() >= 2
            && code.split('-').enumerate().all(|(i, part)| {
                !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
                    && (i > 0 || part.chars().all(|c| c.is_ascii_lowercase()))
            });
        if !valid {
            diagnostics.push(
                file.error_at_path(
                    &root.key("languages").index(index),
                    format!("`{code}` is not a language code"),
                )
                .expected("a BCP 47 language code such as `en`, `de` or `pt-BR`"),
            );
        }
        if !seen.insert(code.clone()) {
            diagnostics.push(file.error_at_path(
                &root.key("languages").index(index),
                format!("language `{code}` is listed twice"),
            ));
        }
    }
    let base_url = raw.base_url.trim().to_string();
    if !is_web_address(&base_url) {
        diagnostics.push(
            file.error_at_path(
                &root.key("base_url"),
                format!("`{base_url}` is not an absolute URL"),
            )
            .expected("an absolute URL such as https://rankings.example.org/"),
        );
    }
    let precision = raw.precision.unwrap_or(1);
    if precision > 6 {
        diagnostics.push(
            file.error_at_path(
                &root.key("precision"),
                format!("precision {precision} is too fine"),
            )
            .expected("a number of decimals from 0 to 6"),
        );
    }
    let top = raw.top.unwrap_or(50);
    if top == 0 {
        diagnostics.push(
            file.error_at_path(&root.key("top"), "the top list cannot be empty")
                .expected("a whole number of at least 1"),
        );
    }
    check_text_languages(
        file,
        &root.key("title"),
        &raw.title,
        &languages,
        diagnostics,
    );
    if diagnostics.error_count() > before {
        return None;
    }
    let theme = raw.theme.clone().unwrap_or_else(|| "default".to_string());
    // A theme is a folder name under themes/: never a path that leads elsewhere, whose
    // static files would then be published.
    let plain_name = !theme.is_empty()
        && theme != "."
        && theme != ".."
        && !theme.starts_with('.')
        && theme
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain_name {
        diagnostics.push(
            file.error_at_path(&root.key("theme"), format!("`{theme}` is not a theme name"))
                .expected("the name of a folder under themes/, such as `default`")
                .hint(Some(
                    "copy the theme into themes/ and give its folder name".to_string(),
                )),
        );
        return None;
    }
    Some(SiteConfig {
        title: Text::resolve(&raw.title, &languages),
        description: raw
            .description
            .as_ref()
            .map(|d| Text::resolve(d, &languages)),
        base_url: if base_url.ends_with('/') {
            base_url
        } else {
            format!("{base_url}/")
        },
        theme,
        top: usize::try_from(top).unwrap_or(usize::MAX),
        precision,
        min_sector_size: usize::try_from(raw.min_sector_size.unwrap_or(3)).unwrap_or(usize::MAX),
        allow_html: raw.markdown.and_then(|m| m.allow_html).unwrap_or(false),
        share_images: raw.share_images.unwrap_or_default(),
        languages,
    })
}

/// The largest weight: weighted sums of scores up to 100 stay far from overflow, and the
/// ratio of two weights can still be a million to one.
const MAX_WEIGHT: f64 = 1e6;

/// The largest magnitude of a scale's end: a scale beyond it loses every score to rounding.
const MAX_SCALE_END: f64 = 1e9;

fn check_weight(file: &SourceFile, path: &DataPath, weight: f64, diagnostics: &mut Diagnostics) {
    if !(weight.is_finite() && weight > 0.0 && weight <= MAX_WEIGHT) {
        diagnostics.push(
            file.error_at_path(path, format!("weight {weight} is not a usable weight"))
                .expected(
                    "a positive number of at most 1000000 (weights are relative: 1, 2, 0.5...)",
                ),
        );
    }
}

fn methodology(
    file: &SourceFile,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Methodology> {
    let raw: RawMethodology = parse_yaml(file, diagnostics)?;
    let before = diagnostics.error_count();
    let root = DataPath::root();
    if raw.perspectives.is_empty() {
        diagnostics.push(
            file.error_at_path(&root.key("perspectives"), "no perspective defined")
                .expected("at least one perspective with at least one criterion"),
        );
    }
    let mut perspective_ids = HashSet::new();
    let mut criterion_ids = HashSet::new();
    let mut perspectives = Vec::new();
    let mut criteria = Vec::new();
    for (p_index, raw_perspective) in raw.perspectives.iter().enumerate() {
        let path = root.key("perspectives").index(p_index);
        check_id(
            file,
            &path.key("id"),
            &raw_perspective.id,
            "perspective",
            &mut perspective_ids,
            diagnostics,
        );
        check_text_languages(
            file,
            &path.key("name"),
            &raw_perspective.name,
            languages,
            diagnostics,
        );
        let weight = raw_perspective.weight.unwrap_or(1.0);
        check_weight(file, &path.key("weight"), weight, diagnostics);
        let scale = Scale {
            min: raw_perspective.scale.min,
            max: raw_perspective.scale.max,
        };
        let usable = |end: f64| end.is_finite() && end.abs() <= MAX_SCALE_END;
        if !(usable(scale.min) && usable(scale.max)) {
            diagnostics.push(
                file.error_at_path(
                    &path.key("scale"),
                    format!(
                        "scale from {} to {} cannot be computed with",
                        scale.min, scale.max
                    ),
                )
                .expected("finite numbers between -1000000000 and 1000000000, such as 1 to 5"),
            );
        } else if scale.min >= scale.max {
            diagnostics.push(
                file.error_at_path(
                    &path.key("scale"),
                    format!("scale from {} to {} is empty", scale.min, scale.max),
                )
                .expected("`min` smaller than `max`"),
            );
        }
        if raw_perspective.criteria.is_empty() {
            diagnostics.push(
                file.error_at_path(
                    &path.key("criteria"),
                    format!("perspective `{}` has no criteria", raw_perspective.id),
                )
                .expected("at least one criterion"),
            );
        }
        let start = criteria.len();
        for (c_index, raw_criterion) in raw_perspective.criteria.iter().enumerate() {
            let c_path = path.key("criteria").index(c_index);
            check_id(
                file,
                &c_path.key("id"),
                &raw_criterion.id,
                "criterion",
                &mut criterion_ids,
                diagnostics,
            );
            check_text_languages(
                file,
                &c_path.key("name"),
                &raw_criterion.name,
                languages,
                diagnostics,
            );
            let weight = raw_criterion.weight.unwrap_or(1.0);
            check_weight(file, &c_path.key("weight"), weight, diagnostics);
            criteria.push(Criterion {
                id: raw_criterion.id.clone(),
                name: Text::resolve(&raw_criterion.name, languages),
                question: raw_criterion
                    .question
                    .as_ref()
                    .map(|q| Text::resolve(q, languages)),
                weight,
                perspective: p_index,
            });
        }
        perspectives.push(Perspective {
            id: raw_perspective.id.clone(),
            name: Text::resolve(&raw_perspective.name, languages),
            description: raw_perspective
                .description
                .as_ref()
                .map(|d| Text::resolve(d, languages)),
            weight,
            scale,
            higher_is_better: raw_perspective.higher_is_better.unwrap_or(true),
            criteria: start..criteria.len(),
        });
    }
    (diagnostics.error_count() == before).then_some(Methodology {
        min_responses: raw.min_responses.unwrap_or(0),
        perspectives,
        criteria,
    })
}

fn sectors(
    file: &SourceFile,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Vec<Sector>> {
    let raw = parse_yaml::<Vec<RawSector>>(file, diagnostics)?;
    let mut seen = HashSet::new();
    let sectors = raw
        .iter()
        .enumerate()
        .map(|(index, sector)| {
            let path = DataPath::root().index(index);
            check_id(
                file,
                &path.key("id"),
                &sector.id,
                "sector",
                &mut seen,
                diagnostics,
            );
            check_text_languages(
                file,
                &path.key("name"),
                &sector.name,
                languages,
                diagnostics,
            );
            Sector {
                id: sector.id.clone(),
                name: Text::resolve(&sector.name, languages),
                description: sector
                    .description
                    .as_ref()
                    .map(|d| Text::resolve(d, languages)),
            }
        })
        .collect();
    Some(sectors)
}

fn companies(
    file: &SourceFile,
    languages: &[String],
    sectors: Option<&[Sector]>,
    diagnostics: &mut Diagnostics,
) -> Option<(Vec<Company>, HashSet<String>)> {
    let raw = parse_yaml::<Vec<RawCompany>>(file, diagnostics)?;
    // Companies left out for an error of their own: results that name them are not reported
    // again as "unknown company".
    let mut skipped = HashSet::new();
    let sector_index: HashMap<&str, usize> = sectors
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut seen = HashSet::new();
    let mut companies = Vec::with_capacity(raw.len());
    for (index, company) in raw.iter().enumerate() {
        let path = DataPath::root().index(index);
        check_id(
            file,
            &path.key("id"),
            &company.id,
            "company",
            &mut seen,
            diagnostics,
        );
        check_text_languages(
            file,
            &path.key("name"),
            &company.name,
            languages,
            diagnostics,
        );
        if sectors.is_none() {
            // The sectors file had an error of its own, reported already.
            skipped.insert(company.id.clone());
            continue;
        }
        let Some(&sector) = sector_index.get(company.sector.as_str()) else {
            diagnostics.push(
                file.error_at_path(
                    &path.key("sector"),
                    format!("unknown sector `{}`", company.sector),
                )
                .expected("a sector id from data/sectors.yaml")
                .hint(did_you_mean(&company.sector, sector_index.keys().copied())),
            );
            skipped.insert(company.id.clone());
            continue;
        };
        if let Some(website) = &company.website
            && !is_web_address(website.trim())
        {
            diagnostics.push(
                file.error_at_path(
                    &path.key("website"),
                    format!("`{website}` is not a web address"),
                )
                .expected(
                    "an absolute http:// or https:// address, such as https://www.example.com/",
                ),
            );
        }
        companies.push(Company {
            id: company.id.clone(),
            name: Text::resolve(&company.name, languages),
            sector,
            website: company.website.as_ref().map(|w| w.trim().to_string()),
        });
    }
    Some((companies, skipped))
}

/// The validated catalogue results refer to.
struct Catalogue<'a> {
    sectors: &'a [Sector],
    companies: &'a [Company],
    /// Ids of companies left out of `companies` for an error already reported.
    skipped: &'a HashSet<String>,
}

/// What a single results row looks like before it is checked, whichever file it came from.
struct RowInput<'a> {
    company: &'a str,
    /// The sector given in the row, if any.
    sector: Option<&'a str>,
    responses: Cell<'a>,
    scores: Vec<(&'a str, Cell<'a>)>,
}

/// A value from YAML or a CSV cell, with the way to report a problem at its place.
enum Cell<'a> {
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

/// Where a row's cells are in the source, to report problems precisely.
trait RowLocator {
    fn company(&self, row: usize) -> Diagnostic;
    fn responses(&self, row: usize) -> Diagnostic;
    fn sector(&self, row: usize) -> Diagnostic;
    fn score(&self, row: usize, criterion: &str) -> Diagnostic;
}

struct YamlRows<'a>(&'a SourceFile);

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
}

struct CsvRows<'a> {
    file: &'a SourceFile,
    /// Source line of each data row.
    lines: Vec<usize>,
    columns: HashMap<String, usize>,
    delimiter: u8,
}

impl CsvRows<'_> {
    fn cell(&self, row: usize, column: usize) -> Diagnostic {
        let line = self.lines.get(row).copied().unwrap_or(1);
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
fn record_line(file: &SourceFile, byte: u64) -> usize {
    let start = usize::try_from(byte).unwrap_or(usize::MAX);
    let skipped = file.text.as_bytes().get(start..).map_or(0, |rest| {
        rest.iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count()
    });
    file.line_of_offset(start + skipped)
}

/// The 1-based character column where each field of a CSV line starts.
fn csv_columns(line: &str, delimiter: u8) -> Vec<usize> {
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
fn csv_column(line: &str, field: usize, delimiter: u8) -> usize {
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

fn with_message(diagnostic: Diagnostic, message: String) -> Diagnostic {
    Diagnostic {
        message,
        ..diagnostic
    }
}

fn edition(
    files: &EditionFiles,
    raw: Option<RawEdition>,
    languages: &[String],
    methodology: &Methodology,
    catalogue: &Catalogue,
    diagnostics: &mut Diagnostics,
) -> Option<Edition> {
    let Some(yaml) = &files.yaml else {
        if let Some(csv) = &files.csv {
            diagnostics.push(
                Diagnostic::error(
                    &csv.name,
                    format!(
                        "results without an edition file: data/editions/{}.yaml is missing",
                        files.stem
                    ),
                )
                .expected("the edition's facts (at least `year:`) in a YAML file beside the CSV"),
            );
        }
        return None;
    };
    // Parsed beforehand (see `validate_data`); a parse error is already reported.
    let raw = raw?;
    let before = diagnostics.error_count();
    let root = DataPath::root();
    let year = match &raw.year {
        Value::Number(n) => n.as_i64().and_then(|y| i32::try_from(y).ok()),
        _ => None,
    };
    let year = match year {
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
                )),
            );
            None
        }
        None => {
            diagnostics.push(
                yaml.error_at_path(&root.key("year"), "`year` is not a whole number")
                    .expected(format!("`year: {}`", files.stem)),
            );
            None
        }
    };
    let published = raw.published.as_ref().and_then(|value| {
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
                yaml.error_at_path(&root.key("published"), format!("`{shown}` is not a date"))
                    .expected("an ISO date YYYY-MM-DD, such as 2026-06-15"),
            );
        }
        parsed
    });
    if let Some(title) = &raw.title {
        check_text_languages(yaml, &root.key("title"), title, languages, diagnostics);
    }
    let submissions = match (&raw.results, &files.csv) {
        (Some(_), Some(csv)) => {
            diagnostics.push(
                yaml.error_at_key(
                    &root.key("results"),
                    format!("results are given twice: here and in {}", csv.name),
                )
                .expected("either a `results:` list or a CSV file, not both"),
            );
            Vec::new()
        }
        (Some(results), None) => yaml_rows(yaml, results, methodology, catalogue, diagnostics),
        (None, Some(csv)) => csv_rows(csv, methodology, catalogue, diagnostics),
        (None, None) => Vec::new(),
    };
    if diagnostics.error_count() > before {
        return None;
    }
    Some(Edition {
        year: year?,
        title: raw.title.as_ref().map(|t| Text::resolve(t, languages)),
        published,
        respondents: raw.respondents,
        submissions,
    })
}

fn yaml_rows(
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

fn csv_rows(
    file: &SourceFile,
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
    let mut reader = csv::ReaderBuilder::new()
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
    let mut columns = HashMap::new();
    let mut header_ok = true;
    // Columns are located by one walk along the header line, not one walk per column.
    let header_columns = csv_columns(first_line, delimiter);
    let column_of = |index: usize| header_columns.get(index).copied().unwrap_or(1);
    let mut unknown_run: Vec<usize> = Vec::new();
    let report_run = |run: &mut Vec<usize>, diagnostics: &mut Diagnostics| {
        let Some(&first) = run.first() else {
            return;
        };
        let name = |index: usize| headers.get(index).map_or("", String::as_str);
        let names = ["company", "responses", "sector"]
            .into_iter()
            .chain(methodology.criteria.iter().map(|c| c.id.as_str()));
        let message = if run.len() == 1 {
            format!("unknown column `{}`", name(first))
        } else {
            let shown: Vec<String> = run
                .iter()
                .take(3)
                .map(|&i| format!("`{}`", name(i)))
                .collect();
            format!(
                "{} unknown columns in a row: {}{}",
                run.len(),
                shown.join(", "),
                if run.len() > 3 { ", …" } else { "" }
            )
        };
        diagnostics.push(
            file.error_at(1, column_of(first), message)
                .expected(
                    "`company`, `responses`, `sector` or a criterion id from data/methodology.yaml",
                )
                .hint(did_you_mean(name(first), names)),
        );
        run.clear();
    };
    for (index, header) in headers.iter().enumerate() {
        let known = matches!(header.as_str(), "company" | "responses" | "sector")
            || methodology.criterion_index(header).is_some();
        if !known {
            header_ok = false;
            unknown_run.push(index);
            continue;
        }
        report_run(&mut unknown_run, diagnostics);
        if columns.insert(header.clone(), index).is_some() {
            header_ok = false;
            diagnostics.push(file.error_at(
                1,
                column_of(index),
                format!("column `{header}` appears twice"),
            ));
        }
    }
    report_run(&mut unknown_run, diagnostics);
    let Some(company_column) = columns.get("company").copied() else {
        diagnostics.push(
            file.error_at(1, 1, "the header has no `company` column")
                .expected("a header such as `company,responses,<criterion id>,...`"),
        );
        return Vec::new();
    };
    if !header_ok {
        return Vec::new();
    }
    let mut records = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                // The csv crate counts a CRLF line end as two lines: lines come from the byte
                // offset instead, the same for every line ending.
                let line = record.position().map_or(1, |p| record_line(file, p.byte()));
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                lines.push(line);
                records.push(record);
            }
            Err(error) => {
                let line = error.position().map_or(1, |p| record_line(file, p.byte()));
                let message = match error.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("this row has {len} cells, the header has {expected_len}")
                    }
                    _ => format!("cannot read this row: {error}"),
                };
                diagnostics.push(
                    file.error_at(line, 1, message)
                        .expected("one cell per header column"),
                );
            }
        }
    }
    let responses_column = columns.get("responses").copied();
    let sector_column = columns.get("sector").copied();
    let rows: Vec<RowInput> = records
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
        .collect();
    let locator = CsvRows {
        file,
        lines,
        columns: columns.clone(),
        delimiter,
    };
    check_rows(
        &rows,
        &locator,
        methodology,
        catalogue,
        delimiter == b';',
        diagnostics,
    )
}

/// The checks shared by YAML and CSV results: companies exist once, responses are counts, scores
/// are numbers on their scale and belong to known criteria.
fn check_rows(
    rows: &[RowInput],
    locate: &dyn RowLocator,
    methodology: &Methodology,
    catalogue: &Catalogue,
    decimal_comma: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Submission> {
    let company_index: HashMap<&str, usize> = catalogue
        .companies
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut submissions = Vec::with_capacity(rows.len());
    for (row_number, row) in rows.iter().enumerate() {
        let company = company_index.get(row.company).copied();
        match company {
            None if catalogue.skipped.contains(row.company) => {}
            None => diagnostics.push(
                with_message(
                    locate.company(row_number),
                    format!("unknown company `{}`", row.company),
                )
                .expected("a company id from data/companies.yaml")
                .hint(did_you_mean(row.company, company_index.keys().copied())),
            ),
            Some(index) => {
                if let Some(first) = seen.insert(index, row_number) {
                    diagnostics.push(
                        with_message(
                            locate.company(row_number),
                            format!("duplicate result for company `{}`", row.company),
                        )
                        .expected(format!(
                            "one result per company and edition (the first is result number {})",
                            first + 1
                        )),
                    );
                }
            }
        }
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
                    diagnostics.push(
                        with_message(
                            locate.responses(row_number),
                            format!("{value} is not a count of responses"),
                        )
                        .expected("a whole number of at least 0"),
                    );
                    None
                }
                Err(found) => {
                    diagnostics.push(
                        with_message(
                            locate.responses(row_number),
                            format!("{found} is not a number"),
                        )
                        .expected("the number of customer responses, a whole number"),
                    );
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
            diagnostics.push(
                with_message(
                    locate.company(row_number),
                    format!("no `responses` for company `{}`", row.company),
                )
                .expected(format!(
                    "a response count: methodology.yaml sets min_responses: {}",
                    methodology.min_responses
                )),
            );
        }
        let mut values = vec![None; methodology.criteria.len()];
        for (criterion_id, cell) in &row.scores {
            let Some(criterion) = methodology.criterion_index(criterion_id) else {
                diagnostics.push(
                    with_message(
                        locate.score(row_number, criterion_id),
                        format!("unknown criterion `{criterion_id}`"),
                    )
                    .expected("a criterion id from data/methodology.yaml")
                    .hint(did_you_mean(
                        criterion_id,
                        methodology.criteria.iter().map(|c| c.id.as_str()),
                    )),
                );
                continue;
            };
            let scale = methodology
                .perspective(methodology.criterion(criterion).perspective)
                .scale;
            match cell.number(decimal_comma) {
                Ok(Some(value)) if value < scale.min || value > scale.max => diagnostics.push(
                    with_message(
                        locate.score(row_number, criterion_id),
                        format!("{value} is outside the scale of `{criterion_id}`"),
                    )
                    .expected(format!("a number from {} to {}", scale.min, scale.max)),
                ),
                Ok(value) => {
                    if let Some(slot) = values.get_mut(criterion) {
                        *slot = value;
                    }
                }
                Err(found) => diagnostics.push(
                    with_message(
                        locate.score(row_number, criterion_id),
                        format!("{found} is not a number"),
                    )
                    .expected(format!(
                        "a number from {} to {}, or an empty value for a missing score",
                        scale.min, scale.max
                    )),
                ),
            }
        }
        let sector = match row.sector {
            None => company
                .and_then(|c| catalogue.companies.get(c))
                .map(|c| c.sector),
            Some(id) => {
                let found = catalogue.sectors.iter().position(|s| s.id == id);
                if found.is_none() {
                    diagnostics.push(
                        with_message(locate.sector(row_number), format!("unknown sector `{id}`"))
                            .expected("a sector id from data/sectors.yaml: the sector the company had in this edition")
                            .hint(did_you_mean(id, catalogue.sectors.iter().map(|s| s.id.as_str()))),
                    );
                }
                found
            }
        };
        if let (Some(company), Some(sector)) = (company, sector) {
            submissions.push(Submission {
                company,
                sector,
                responses,
                values,
            });
        }
    }
    submissions
}

/// Whether `url` is an absolute `http` or `https` address with a host, and nothing a browser or
/// an HTML attribute would read differently (spaces, quotes, angle brackets, control characters).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !host.starts_with(['.', ':', '@'])
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
        })
}
