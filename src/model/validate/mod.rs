//! From input text to the validated [`model`](crate::model): parsing with serde, then checking
//! every rule of FORMAT.md, collecting all problems instead of stopping at the first.

mod catalogue;
mod condense;
mod csv_results;
mod respondents;
mod results;
mod survey;

use catalogue::*;
use csv_results::*;
use respondents::*;
use results::*;

use std::collections::{HashMap, HashSet};

use serde_yaml::Value;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, LanguageNote, Phrase, did_you_mean};
use crate::input::source::{DataPath, SourceFile};
use crate::input::yaml::parse_yaml;
use crate::input::{EditionFiles, Inputs, ResultsFile, TableFile};
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
    let (config, declared) = match &inputs.site {
        Some(file) => site_config(file, &inputs.static_files, diagnostics),
        None => (None, None),
    };
    // The languages the other files are checked against: the site's, even when another key of
    // site.yaml is wrong, so that one bad `base_url` does not also warn about every `de:` text.
    let languages = config
        .as_ref()
        .map(|c| c.languages.clone())
        .or(declared)
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
                    .expected("at least one file data/editions/<year>.yaml")
                    .says("diag_no_edition", &[])
                    .expects("diag_edition_expected", &[]),
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
    if let Some(companies) = &companies {
        warn_of_dropped_companies(&editions, companies, diagnostics);
    }
    diagnostics.report_languages(&languages);
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

/// A company with results in an earlier edition and none in a later one would leave that
/// edition's ranking without a word (not even under "not ranked") while its page still shows
/// the earlier result: a warning naming it, unless the edition lists it in
/// `not_participating:`.
fn warn_of_dropped_companies(
    editions: &[Edition],
    companies: &[crate::model::Company],
    diagnostics: &mut Diagnostics,
) {
    let mut seen_in: Vec<Option<i32>> = vec![None; companies.len()];
    for edition in editions {
        let mut present = vec![false; companies.len()];
        for submission in &edition.submissions {
            if let Some(slot) = present.get_mut(submission.company) {
                *slot = true;
            }
        }
        for &company in &edition.not_participating {
            if let Some(slot) = present.get_mut(company) {
                *slot = true;
            }
        }
        for (company, here) in present.iter().enumerate() {
            let (Some(Some(earlier)), false) = (seen_in.get(company), *here) else {
                continue;
            };
            let Some(entry) = companies.get(company) else {
                continue;
            };
            diagnostics.push(
                Diagnostic::warning(
                    format!("data/editions/{}.yaml", edition.year),
                    format!(
                        "company `{}` has results in {earlier} but none in {}: it is left out of \
                         the {} ranking without a word",
                        entry.id, edition.year, edition.year
                    ),
                )
                .says(
                    "diag_missing_from_edition",
                    &[
                        ("company", &entry.id),
                        ("earlier", &earlier.to_string()),
                        ("year", &edition.year.to_string()),
                    ],
                )
                .expected(format!(
                    "a row for `{}` in the {} results, or `not_participating: [{}]` in this file \
                     if it did not take part",
                    entry.id, edition.year, entry.id
                ))
                .expects(
                    "diag_missing_from_edition_expected",
                    &[("company", &entry.id), ("year", &edition.year.to_string())],
                ),
            );
        }
        for submission in &edition.submissions {
            if let Some(slot) = seen_in.get_mut(submission.company) {
                *slot = Some(edition.year);
            }
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    if id.len() > crate::input::limits::MAX_ID_CHARS {
        return false;
    }
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks the id pattern and uniqueness within `seen`; reports at `path`.
fn check_id(
    file: &SourceFile,
    path: &DataPath,
    id: &str,
    what: &str,
    seen: &mut HashMap<String, DataPath>,
    diagnostics: &mut Diagnostics,
) {
    if !is_valid_id(id) {
        let suggestion: String = crate::model::text::address_slug(id)
            .chars()
            .take(crate::input::limits::MAX_ID_CHARS)
            .collect();
        diagnostics.push(
            file.error_at_path(path, format!("`{id}` is not a valid {what} id"))
                .expected(format!("at most {} lower-case letters a-z, digits and `-`, starting with a letter or digit (ids become URL paths)", crate::input::limits::MAX_ID_CHARS))
                .says("diag_not_an_id", &[("id", id)])
                .expects("diag_id_expected", &[("max", &crate::input::limits::MAX_ID_CHARS.to_string())])
                .hint((!suggestion.is_empty()).then(|| format!("try `{suggestion}`")))
                .suggests("diag_try", &[("id", &suggestion)]),
        );
    }
    match seen.get(id) {
        None => {
            seen.insert(id.to_string(), path.clone());
        }
        Some(first) => {
            // Located only now: the first place costs nothing until there is a duplicate.
            let line = file.locate(first).map(|(line, _)| line);
            let (message, phrase) = match line {
                Some(line) => (
                    format!("duplicate {what} id `{id}`, first given at line {line}"),
                    Phrase::new(
                        "diag_id_twice_at",
                        &[("id", id), ("line", &line.to_string())],
                    ),
                ),
                None => (
                    format!("duplicate {what} id `{id}`"),
                    Phrase::new("diag_id_twice", &[("id", id)]),
                ),
            };
            diagnostics.push(
                file.error_at_path(path, message)
                    .expected(format!("every {what} id to be unique"))
                    .saying(Some(phrase))
                    .expects("diag_unique_ids_expected", &[]),
            );
        }
    }
}

/// [`check_text_languages`] for each text given under `path`, by key.
fn check_texts<const N: usize>(
    file: &SourceFile,
    path: &DataPath,
    texts: [(&str, Option<&RawText>); N],
    languages: &[String],
    diagnostics: &mut Diagnostics,
) {
    for (key, text) in texts {
        if let Some(text) = text {
            check_text_languages(file, &path.key(key), text, languages, diagnostics);
        }
    }
}

fn check_text_languages(
    file: &SourceFile,
    path: &DataPath,
    text: &RawText,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) {
    let shown = text.fallback_language(languages);
    // A text in none of the site's languages shows its first version everywhere: the warnings
    // about the site languages it lacks say so, and its other versions are not "unused" alone.
    if shown.is_some() {
        for code in text.unknown_languages(languages) {
            diagnostics.language_note(
                LanguageNote::NotPublished,
                code,
                file.error_at_key(&path.key(code), ""),
            );
        }
    }
    for code in text.missing_languages(languages) {
        diagnostics.language_note(
            LanguageNote::Missing(shown.map(str::to_string)),
            code,
            file.error_at_path(path, ""),
        );
    }
}

/// The theme a site without a `theme:` key uses.
const DEFAULT_THEME: &str = "default";
/// An edition's full ranking is split into pages of this many rows unless site.yaml says
/// otherwise: about 90 KB of HTML, small enough for a phone on a slow connection.
const DEFAULT_ROWS_PER_PAGE: u64 = 100;
const MIN_ROWS_PER_PAGE: u64 = 10;

/// A theme is a folder name under themes/: never a path that leads elsewhere, whose static
/// files would then be published.
fn is_theme_name(theme: &str) -> bool {
    !theme.is_empty()
        && theme != "."
        && theme != ".."
        && !theme.starts_with('.')
        && theme
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A BCP 47 code as `site.yaml` takes it: `en`, `pt-BR`.
pub fn is_language_code(code: &str) -> bool {
    code.len() >= 2
        && code.split('-').enumerate().all(|(i, part)| {
            !part.is_empty()
                && part.chars().all(|c| c.is_ascii_alphanumeric())
                && (i > 0 || part.chars().all(|c| c.is_ascii_lowercase()))
        })
}

/// The theme `site.yaml` names and its valid language codes, read leniently for a run whose data
/// did not validate, so that the theme's own mistakes are reported in the same run as the
/// data's. `None` when site.yaml is missing or cannot be parsed, or its theme is no folder name:
/// then which theme to check is unknown. Problems of site.yaml are reported by
/// [`validate_data`], not here.
pub fn theme_settings(inputs: &Inputs) -> Option<(String, Vec<String>)> {
    let raw = parse_yaml::<RawSiteConfig>(inputs.site.as_ref()?, &mut Diagnostics::new())?;
    let theme = raw.theme.unwrap_or_else(|| DEFAULT_THEME.to_string());
    if !is_theme_name(&theme) {
        return None;
    }
    let mut languages = Vec::new();
    for code in raw.languages.unwrap_or_else(|| vec!["en".to_string()]) {
        if is_language_code(&code) && !languages.contains(&code) {
            languages.push(code);
        }
    }
    Some((theme, languages))
}

/// The site's settings, and the languages it declares whenever site.yaml could be read (even if
/// some other key is wrong).
fn site_config(
    file: &SourceFile,
    static_files: &std::collections::BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> (Option<SiteConfig>, Option<Vec<String>>) {
    let Some(raw) = parse_yaml::<RawSiteConfig>(file, diagnostics) else {
        return (None, None);
    };
    let declared = raw.languages.clone().filter(|l| !l.is_empty());
    (site_settings(file, raw, static_files, diagnostics), declared)
}

fn site_settings(
    file: &SourceFile,
    raw: RawSiteConfig,
    static_files: &std::collections::BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> Option<SiteConfig> {
    let before = diagnostics.error_count();
    let root = DataPath::root();
    let languages = raw
        .languages
        .clone()
        .unwrap_or_else(|| vec!["en".to_string()]);
    if languages.is_empty() {
        diagnostics.push(
            file.error_at_path(&root.key("languages"), "no language given")
                .expected("a list of language codes such as [en, de]")
                .says("diag_no_language", &[])
                .expects("diag_languages_expected", &[]),
        );
    }
    check_languages(file, &languages, diagnostics);
    let base_url = raw.base_url.trim().to_string();
    if !is_web_address(&base_url) {
        diagnostics.push(
            file.error_at_path(
                &root.key("base_url"),
                format!("`{base_url}` is not an absolute URL"),
            )
            .expected("an absolute URL such as https://rankings.example.org/")
            .says("diag_not_absolute_url", &[("url", &base_url)])
            .expects("diag_absolute_url_expected", &[]),
        );
    }
    let precision = raw.precision.unwrap_or(1);
    if precision > 6 {
        diagnostics.push(
            file.error_at_path(
                &root.key("precision"),
                format!("precision {precision} is too fine"),
            )
            .expected("a number of decimals from 0 to 6")
            .says("diag_precision_too_fine", &[("precision", &precision.to_string())])
            .expects("diag_precision_expected", &[]),
        );
    }
    let top = raw.top.unwrap_or(50);
    if top == 0 {
        diagnostics.push(
            file.error_at_path(&root.key("top"), "the top list cannot be empty")
                .expected("a whole number of at least 1")
                .says("diag_top_empty", &[])
                .expects("diag_whole_number_from", &[("min", "1")]),
        );
    }
    let rows_per_page = raw.rows_per_page.unwrap_or(DEFAULT_ROWS_PER_PAGE);
    if rows_per_page < MIN_ROWS_PER_PAGE {
        diagnostics.push(
            file.error_at_path(
                &root.key("rows_per_page"),
                format!("{rows_per_page} rows per page would split the ranking too finely"),
            )
            .expected(format!(
                "a whole number of at least {MIN_ROWS_PER_PAGE} (default {DEFAULT_ROWS_PER_PAGE})"
            ))
            .says("diag_rows_too_few", &[("rows", &rows_per_page.to_string())])
            .expects(
                "diag_rows_expected",
                &[
                    ("min", &MIN_ROWS_PER_PAGE.to_string()),
                    ("default", &DEFAULT_ROWS_PER_PAGE.to_string()),
                ],
            ),
        );
    }
    let hosting = raw
        .hosting
        .as_ref()
        .and_then(|value| crate::model::hosting::read(file, value, diagnostics));
    let brand = raw.brand.as_ref().and_then(|value| {
        crate::model::brand::read(file, value, &|path| static_files.contains(path), diagnostics)
    });
    check_texts(
        file,
        &root,
        [
            ("title", Some(&raw.title)),
            ("description", raw.description.as_ref()),
            ("publisher", raw.publisher.as_ref()),
            ("notice", raw.notice.as_ref()),
        ],
        &languages,
        diagnostics,
    );
    if diagnostics.error_count() > before {
        return None;
    }
    let theme = raw
        .theme
        .clone()
        .unwrap_or_else(|| DEFAULT_THEME.to_string());
    if !is_theme_name(&theme) {
        diagnostics.push(
            file.error_at_path(&root.key("theme"), format!("`{theme}` is not a theme name"))
                .expected("the name of a folder under themes/, such as `default`")
                .hint(Some(
                    "copy the theme into themes/ and give its folder name".to_string(),
                ))
                .says("diag_not_theme_name", &[("theme", &theme)])
                .expects("diag_theme_expected", &[])
                .suggests("diag_copy_theme", &[]),
        );
        return None;
    }
    Some(SiteConfig {
        title: Text::resolve(&raw.title, &languages),
        description: raw
            .description
            .as_ref()
            .map(|d| Text::resolve(d, &languages)),
        publisher: raw.publisher.as_ref().map(|p| Text::resolve(p, &languages)),
        notice: raw.notice.as_ref().map(|n| Text::resolve(n, &languages)),
        base_url: with_trailing_slash(&base_url),
        theme,
        top: usize::try_from(top).unwrap_or(usize::MAX),
        rows_per_page: usize::try_from(rows_per_page).unwrap_or(usize::MAX),
        precision,
        min_sector_size: usize::try_from(raw.min_sector_size.unwrap_or(3)).unwrap_or(usize::MAX),
        allow_html: raw.markdown.and_then(|m| m.allow_html).unwrap_or(false),
        share_images: raw.share_images.unwrap_or_default(),
        system_fonts: raw.system_fonts.unwrap_or(true),
        hosting,
        brand,
        custom_stylesheet: static_files.contains("assets/custom.css"),
        languages,
    })
}

/// Each language code of site.yaml: a BCP 47 code, listed once, and (after the first) not the
/// name of a folder of the site.
fn check_languages(file: &SourceFile, languages: &[String], diagnostics: &mut Diagnostics) {
    let root = DataPath::root();
    let mut seen = HashSet::new();
    for (index, code) in languages.iter().enumerate() {
        if !is_language_code(code) {
            diagnostics.push(
                file.error_at_path(
                    &root.key("languages").index(index),
                    format!("`{code}` is not a language code"),
                )
                .expected("a BCP 47 language code such as `en`, `de` or `pt-BR`")
                .says("diag_not_language_code", &[("code", code)])
                .expects("diag_language_code_expected", &[]),
            );
        }
        if index > 0 && crate::routes::ROOT_NAMES.contains(&code.to_ascii_lowercase().as_str()) {
            diagnostics.push(
                file.error_at_path(
                    &root.key("languages").index(index),
                    format!(
                        "`{code}` is the name of a folder of the site: its pages would be \
                         written over the {code}/ pages of the first language"
                    ),
                )
                .expected("a BCP 47 language code such as `en`, `de` or `pt-BR`")
                .says("diag_language_is_folder", &[("code", code)])
                .expects("diag_language_code_expected", &[]),
            );
        }
        if !seen.insert(code.clone()) {
            diagnostics.push(file.error_at_path(
                &root.key("languages").index(index),
                format!("language `{code}` is listed twice"),
            )
            .says("diag_language_twice", &[("code", code)]));
        }
    }
}

/// `base_url` as every link is made from it: ending in `/`.
pub fn with_trailing_slash(base_url: &str) -> String {
    if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    }
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
