//! The editors' commentary: Markdown files under `content/`, their front matter, their language,
//! and the page each belongs to. Problems are reported with the file and line.

pub mod embeds;
pub mod markdown;
pub mod words;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, LanguageNote, Phrase, did_you_mean};
use crate::input::source::{DataPath, SourceFile};
use crate::input::yaml::parse_yaml;
use crate::model::Site;
use crate::model::raw::RawFrontMatter;
use crate::model::validate::is_language_code;

/// One rendered commentary file.
#[derive(Debug, Clone)]
pub struct Commentary {
    pub file: String,
    /// Index into `site.languages` of the language the text is written in.
    pub language: usize,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub draft: bool,
    pub extra: serde_json::Value,
    /// The front matter's `lang`: the language the text is written in, when it says so.
    pub written: Option<String>,
    /// The front matter's `placement`: `before` or `after` the page's generated sections.
    pub placement: Option<&'static str>,
    pub html: String,
    /// Links in the Markdown with their line in the file, for `rankpress check`.
    pub links: Vec<(String, usize)>,
    /// The output file of the page this text appears on in its own language.
    pub page_file: Option<String>,
    /// Tables, charts and links embedded in the text; `html` holds a placeholder for each.
    pub embeds: Vec<crate::content::embeds::Embed>,
    /// Line and column in `file` of each embed, for errors met while rendering it.
    pub embed_positions: Vec<(usize, usize)>,
    /// The first [`words::ARTICLE_WORDS`] characters of `html`'s words as plain text
    /// ([`words::plain_text`]), for the search index: found once when the file is read, and
    /// kept while it does not change; `None` when the text embeds something, whose words (a
    /// linked company's name) come from the data.
    pub words: Option<String>,
}

/// A commentary in each language it was written in; other languages fall back to the first.
#[derive(Debug, Clone, Default)]
pub struct Translations(Vec<Option<Arc<Commentary>>>);

impl Translations {
    fn set(&mut self, language: usize, commentary: Arc<Commentary>) {
        if self.0.len() <= language {
            self.0.resize(language + 1, None);
        }
        if let Some(slot) = self.0.get_mut(language) {
            *slot = Some(commentary);
        }
    }

    /// The commentary for `language`, or the default language's as a fallback.
    pub fn get(&self, language: usize) -> Option<&Commentary> {
        self.0
            .get(language)
            .and_then(Option::as_deref)
            .or_else(|| self.0.first().and_then(Option::as_deref))
    }

    /// Every language version that exists.
    pub fn all(&self) -> impl Iterator<Item = &Commentary> {
        self.0.iter().flatten().map(|commentary| &**commentary)
    }

    pub fn has_default(&self) -> bool {
        self.0.first().is_some_and(Option::is_some)
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub date: Date,
    pub translations: Translations,
}

/// All commentary of a site, by the page it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub home: Translations,
    pub methodology: Translations,
    pub editions: HashMap<i32, Translations>,
    pub sectors: HashMap<usize, Translations>,
    pub companies: HashMap<usize, Translations>,
    /// Newest first.
    pub articles: Vec<Article>,
}

impl Content {
    /// Every commentary file that was read, in every language.
    pub fn all(&self) -> Vec<&Commentary> {
        let mut all: Vec<&Commentary> = self.home.all().chain(self.methodology.all()).collect();
        all.extend(self.editions.values().flat_map(Translations::all));
        all.extend(self.sectors.values().flat_map(Translations::all));
        all.extend(self.companies.values().flat_map(Translations::all));
        all.extend(self.articles.iter().flat_map(|a| a.translations.all()));
        all.sort_by(|a, b| a.file.cmp(&b.file));
        all
    }
}

/// The page a content file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Home,
    Methodology,
    Edition(i32),
    Sector(usize),
    Company(usize),
    Article(String),
}

/// Splits `---` front matter from the body. Returns the front matter (if any), the line it starts
/// on, and the body.
pub fn split_front_matter(text: &str) -> Result<(Option<&str>, usize, &str), usize> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok((None, 1, text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "---" || bare == "..." {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((Some(front), 2, body));
        }
        offset += line.len();
    }
    Err(1)
}

/// One content file parsed: its page and commentary, and what was wrong with it. The commentary
/// is shared, so that a rebuild that reuses it copies none of its text.
type Parsed = (Option<(Target, Arc<Commentary>)>, Diagnostics);

/// Content files parsed by an earlier build, by name, with the fingerprint of their text: the
/// dev server parses again only the files whose text changed. Valid for one validated site.
#[derive(Debug, Default)]
pub struct ParsedFiles(HashMap<String, (u64, Parsed)>);

fn text_key(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Reads every content file: its target page, its language, its front matter, its HTML.
#[cfg(any(test, feature = "internals"))]
pub fn load_content(
    site: &Site,
    files: &[SourceFile],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Content {
    load_content_reusing(
        site,
        files,
        include_drafts,
        diagnostics,
        &mut ParsedFiles::default(),
    )
}

/// [`load_content`], parsing only the files whose text is not in `parsed` (which it updates).
pub fn load_content_reusing(
    site: &Site,
    files: &[SourceFile],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
    parsed: &mut ParsedFiles,
) -> Content {
    let known = &parsed.0;
    let fresh: Vec<(String, u64, Parsed)> = files
        .par_iter()
        .map(|file| {
            let key = text_key(&file.text);
            let result = match known.get(&file.name) {
                Some((previous, result)) if *previous == key => result.clone(),
                _ => {
                    let mut local = Diagnostics::new();
                    let result = parse_file(site, file, &mut local);
                    (result.map(|(target, text)| (target, Arc::new(text))), local)
                }
            };
            (file.name.clone(), key, result)
        })
        .collect();
    parsed.0 = fresh
        .iter()
        .map(|(name, key, result)| (name.clone(), (*key, result.clone())))
        .collect();
    let parsed: Vec<Parsed> = fresh.into_iter().map(|(_, _, result)| result).collect();
    let mut content = Content::default();
    let mut articles: HashMap<String, Translations> = HashMap::new();
    for (result, local) in parsed {
        diagnostics.extend(local);
        let Some((target, commentary)) = result else {
            continue;
        };
        if commentary.draft && !include_drafts {
            continue;
        }
        let language = commentary.language;
        let slot = match target {
            Target::Home => &mut content.home,
            Target::Methodology => &mut content.methodology,
            Target::Edition(year) => content.editions.entry(year).or_default(),
            Target::Sector(sector) => content.sectors.entry(sector).or_default(),
            Target::Company(company) => content.companies.entry(company).or_default(),
            Target::Article(slug) => articles.entry(slug).or_default(),
        };
        slot.set(language, commentary);
    }
    for (slug, translations) in articles {
        let Some(default) = translations.0.first().and_then(Option::as_ref) else {
            let file = translations
                .0
                .iter()
                .flatten()
                .next()
                .map(|c| c.file.clone())
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::error(
                    &file,
                    format!(
                        "article `{slug}` has a translation but no text in the default language"
                    ),
                )
                .expected(format!(
                    "content/articles/{slug}.md beside its translations"
                ))
                .says("diag_translation_only", &[("slug", &slug)])
                .expects("diag_default_text_expected", &[("slug", &slug)]),
            );
            continue;
        };
        let Some(date) = default.date else { continue };
        content.articles.push(Article {
            slug,
            date,
            translations,
        });
    }
    content
        .articles
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    note_untranslated(&content, &site.config.languages, diagnostics);
    diagnostics.report_languages(&site.config.languages);
    content
}

/// Notes every commentary file in the first language without a translation into a further site
/// language, whose pages there show its text: one warning per language says how many.
fn note_untranslated(content: &Content, languages: &[String], diagnostics: &mut Diagnostics) {
    let slots = [&content.home, &content.methodology]
        .into_iter()
        .chain(content.editions.values())
        .chain(content.sectors.values())
        .chain(content.companies.values())
        .chain(content.articles.iter().map(|a| &a.translations));
    for translations in slots {
        let Some(default) = translations.0.first().and_then(Option::as_ref) else {
            continue;
        };
        for (index, code) in languages.iter().enumerate().skip(1) {
            if translations.0.get(index).is_none_or(Option::is_none) {
                diagnostics.language_note(
                    LanguageNote::FileMissing,
                    code,
                    Diagnostic::warning(&default.file, ""),
                );
            }
        }
    }
}

/// Checks every file on its own, for a run whose data did not validate: the commentary cannot be
/// placed without the data, but its own mistakes (front matter, embeds' syntax) are reported in
/// the same run as the data's.
pub fn check_without_data(files: &[SourceFile], diagnostics: &mut Diagnostics) {
    let found: Vec<Diagnostics> = files
        .par_iter()
        .map(|file| {
            let mut local = Diagnostics::new();
            check_file_without_data(file, &mut local);
            local
        })
        .collect();
    for local in found {
        diagnostics.extend(local);
    }
}

/// What can be wrong with a commentary file whatever the data holds: its front matter (closed,
/// YAML, a real date, an article's title and date) and its embeds' syntax.
fn check_file_without_data(file: &SourceFile, diagnostics: &mut Diagnostics) {
    let Some(parts) = read_front_matter(file, diagnostics) else {
        return;
    };
    let Some(date) = front_matter_date(file, &parts, diagnostics) else {
        return;
    };
    // An article in the default language: `content/articles/<slug>.md`, no language suffix
    // (ids have no dots).
    let is_article = file
        .name
        .strip_prefix("content/articles/")
        .and_then(|name| name.strip_suffix(".md"))
        .is_some_and(|slug| !slug.contains(['.', '/']));
    if is_article {
        article_incomplete(file, &parts.front_matter, date, diagnostics);
    }
    let errors = crate::content::embeds::syntax_errors(parts.body);
    push_embed_errors(file, parts.body_line, errors, diagnostics);
}

/// A commentary file split into its front matter and its body.
struct Parts<'a> {
    front_matter: RawFrontMatter,
    /// The front matter's text and the line of the file it starts on.
    front: &'a str,
    front_line: usize,
    body: &'a str,
    /// Lines of the file before the body.
    body_line: usize,
}

/// A commentary file's front matter, parsed, and its body; `None` after an error when the front
/// matter is not closed or not valid YAML.
fn read_front_matter<'a>(file: &'a SourceFile, diagnostics: &mut Diagnostics) -> Option<Parts<'a>> {
    let (front, front_line, body) = match split_front_matter(&file.text) {
        Ok(parts) => parts,
        Err(line) => {
            diagnostics.push(
                file.error_at(line, 1, "the front matter is not closed")
                    .expected("a line `---` after the front matter")
                    .says("diag_front_matter_open", &[])
                    .expects("diag_front_matter_close", &[]),
            );
            return None;
        }
    };
    let front_matter = match front {
        Some(text) if !text.trim().is_empty() => {
            let embedded = SourceFile::embedded(&file.name, text, front_line);
            parse_yaml(&embedded, diagnostics)?
        }
        _ => RawFrontMatter::default(),
    };
    let body_line = file
        .text
        .get(..file.text.len() - body.len())
        .unwrap_or_default()
        .matches('\n')
        .count();
    Some(Parts {
        front_matter,
        front: front.unwrap_or(""),
        front_line,
        body,
        body_line,
    })
}

/// The front matter's `date`, if it has one; an error and `None` when it is no date.
fn front_matter_date(
    file: &SourceFile,
    parts: &Parts,
    diagnostics: &mut Diagnostics,
) -> Option<Option<Date>> {
    let Some(value) = &parts.front_matter.date else {
        return Some(None);
    };
    let parsed = value.as_str().and_then(Date::parse);
    if parsed.is_none() {
        let embedded = SourceFile::embedded(&file.name, parts.front, parts.front_line);
        let shown = serde_yaml::to_string(value).unwrap_or_default();
        diagnostics.push(
            embedded
                .error_at_path(
                    &DataPath::root().key("date"),
                    format!("`{}` is not a date", shown.trim()),
                )
                .expected("an ISO date YYYY-MM-DD, such as 2026-06-15")
                .says("diag_not_a_date", &[("value", shown.trim())])
                .expects("diag_date_expected", &[]),
        );
        return None;
    }
    Some(parsed)
}

/// Whether an article lacks its title or date, each an error.
fn article_incomplete(
    file: &SourceFile,
    front_matter: &RawFrontMatter,
    date: Option<Date>,
    diagnostics: &mut Diagnostics,
) -> bool {
    let (missing, key) = match (&front_matter.title, date) {
        (None, None) => ("a `title` and a `date`", "diag_article_needs_both"),
        (None, Some(_)) => ("a `title`", "diag_article_needs_title"),
        (Some(_), None) => ("a `date`", "diag_article_needs_date"),
        (Some(_), Some(_)) => return false,
    };
    diagnostics.push(
        file.error_at(
            1,
            1,
            format!("an article needs {missing} in its front matter"),
        )
        .expected("front matter such as:\n---\ntitle: Our findings\ndate: 2026-06-15\n---")
        .says(key, &[])
        .expects("diag_front_matter_example", &[]),
    );
    true
}

/// The embeds' problems, at their places in the file (the body starts after `body_line` lines).
fn push_embed_errors(
    file: &SourceFile,
    body_line: usize,
    errors: Vec<crate::content::embeds::EmbedError>,
    diagnostics: &mut Diagnostics,
) {
    for error in errors {
        let mut diagnostic = file
            .error_at(error.line + body_line, error.column, error.message)
            .expected(error.expected)
            .hint(error.hint);
        diagnostic.phrases = Some(Box::new(error.phrases));
        diagnostics.push(diagnostic);
    }
}

fn parse_file(
    site: &Site,
    file: &SourceFile,
    diagnostics: &mut Diagnostics,
) -> Option<(Target, Commentary)> {
    let name = file.name.strip_prefix("content/").unwrap_or(&file.name);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let (stem, language) = file_language(site, file, stem, diagnostics)?;
    let target = match target_of(site, &file.name, stem) {
        Ok(target) => target,
        Err(error) => {
            diagnostics.push(*error);
            return None;
        }
    };
    let parts = read_front_matter(file, diagnostics)?;
    check_text_lengths(file, &parts, diagnostics)?;
    let date = front_matter_date(file, &parts, diagnostics)?;
    // An article without its title or date is an error; its embeds are still checked, so that
    // one run reports both.
    let incomplete = matches!(target, Target::Article(_))
        && language == 0
        && article_incomplete(file, &parts.front_matter, date, diagnostics);
    let Parts {
        front_matter,
        body,
        body_line,
        ..
    } = parts;
    let links = markdown::links(body)
        .into_iter()
        .map(|(link, line)| (link, line + body_line))
        .collect();
    let page_file = page_file_of(site, &target, language);
    let crate::content::embeds::Extracted {
        markdown: body_with_placeholders,
        embeds,
        positions,
        errors: embed_errors,
    } = crate::content::embeds::extract(body, site);
    if !embed_errors.is_empty() || incomplete {
        push_embed_errors(file, body_line, embed_errors, diagnostics);
        return None;
    }
    let rendered = markdown::render(
        &body_with_placeholders,
        site.config.allow_html,
        embeds.len(),
    );
    warn_of_unsafe_links(file, body_line, &rendered.unsafe_links, diagnostics);
    let words = embeds
        .is_empty()
        .then(|| words::plain_text(&rendered.html, words::ARTICLE_WORDS));
    let extra = front_matter
        .extra
        .as_ref()
        .and_then(|value| serde_json::to_value(value).ok())
        .unwrap_or(serde_json::Value::Null);
    Some((
        target,
        Commentary {
            file: file.name.clone(),
            language,
            title: front_matter.title,
            summary: front_matter.summary,
            date,
            draft: front_matter.draft.unwrap_or(false),
            extra,
            written: front_matter.lang,
            placement: front_matter.placement.as_deref().and_then(placement),
            html: rendered.html,
            links,
            page_file,
            embeds,
            embed_positions: positions
                .into_iter()
                .map(|(line, column)| (line + body_line, column))
                .collect(),
            words,
        },
    ))
}

/// The page name of a commentary file and its language: `<name>.<lang>.md` is a translation,
/// `<name>.md` is in the default language. `None` (with the reason reported) for a file that
/// is not published.
fn file_language<'a>(
    site: &Site,
    file: &SourceFile,
    stem: &'a str,
    diagnostics: &mut Diagnostics,
) -> Option<(&'a str, usize)> {
    let languages = &site.config.languages;
    // `<name>.<lang>.md` is a translation; `<name>.md` is in the default language.
    match stem.rsplit_once('.') {
        Some((base, code)) if !code.contains('/') => match languages.iter().position(|l| l == code)
        {
            Some(0) => {
                diagnostics.push(
                    Diagnostic::error(&file.name, format!("`{code}` is the default language"))
                        .expected(format!("content/{base}.md for the default language; suffixes only for translations"))
                        .says("diag_suffix_is_default", &[("code", code)])
                        .expects("diag_suffix_default_expected", &[("base", base)]),
                );
                None
            }
            Some(index) => Some((base, index)),
            None if is_language_code(code) => {
                // A translation into a language the site does not publish in (yet, or any
                // more): not published, and counted in one warning per language.
                diagnostics.language_note(
                    LanguageNote::FileNotPublished,
                    code,
                    Diagnostic::warning(&file.name, ""),
                );
                None
            }
            None => {
                let (translations, phrase) = match languages.get(1..).unwrap_or_default() {
                    [] => {
                        let only = languages.join(", ");
                        (
                            format!("`{base}.md` only: this site publishes in `{only}` alone"),
                            Phrase::new(
                                "diag_one_language_only",
                                &[("base", base), ("language", &only)],
                            ),
                        )
                    }
                    others => {
                        let others = others.join(", ");
                        (
                            format!(
                                "`{base}.md`, or `{base}.<language>.md` for a translation into \
                                 one of: {others}"
                            ),
                            Phrase::new(
                                "diag_translation_name",
                                &[("base", base), ("languages", &others)],
                            ),
                        )
                    }
                };
                let mut error = Diagnostic::error(
                    &file.name,
                    format!("`{code}` after the last dot is not a language code"),
                )
                .expected(translations)
                .hint(did_you_mean(code, languages.iter().map(String::as_str)))
                .says("diag_suffix_not_language", &[("code", code)]);
                if let Some(phrases) = error.phrases.as_mut() {
                    phrases.expected = Some(phrase);
                }
                diagnostics.push(error);
                None
            }
        },
        _ => Some((stem, 0)),
    }
}

/// A title or summary longer than the limit: an error at its key.
fn check_text_lengths(file: &SourceFile, parts: &Parts, diagnostics: &mut Diagnostics) -> Option<()> {
    for (key, text) in [
        ("title", &parts.front_matter.title),
        ("summary", &parts.front_matter.summary),
    ] {
        let length = text.as_ref().map_or(0, |t| t.chars().count());
        if length > crate::input::limits::MAX_TEXT_CHARS {
            let embedded = SourceFile::embedded(&file.name, parts.front, parts.front_line);
            diagnostics.push(
                embedded
                    .error_at_path(
                        &DataPath::root().key(key),
                        format!("the {key} has {length} characters"),
                    )
                    .expected(format!(
                        "at most {} characters",
                        crate::input::limits::MAX_TEXT_CHARS
                    ))
                    .says(
                        if key == "title" {
                            "diag_title_too_long"
                        } else {
                            "diag_summary_too_long"
                        },
                        &[("length", &length.to_string())],
                    )
                    .expects(
                        "diag_at_most_characters",
                        &[("max", &crate::input::limits::MAX_TEXT_CHARS.to_string())],
                    ),
            );
            return None;
        }
    }
    if let Some(given) = &parts.front_matter.placement
        && placement(given).is_none()
    {
        let embedded = SourceFile::embedded(&file.name, parts.front, parts.front_line);
        diagnostics.push(
            embedded
                .error_at_path(
                    &DataPath::root().key("placement"),
                    format!("`{given}` is not a placement"),
                )
                .expected("`before` (above the sections the page generates) or `after` (below them)")
                .says("diag_not_a_placement", &[("value", given)])
                .expects("diag_placement_expected", &[]),
        );
        return None;
    }
    if let Some(code) = &parts.front_matter.lang
        && !is_language_code(code)
    {
        let embedded = SourceFile::embedded(&file.name, parts.front, parts.front_line);
        diagnostics.push(
            embedded
                .error_at_path(
                    &DataPath::root().key("lang"),
                    format!("`{code}` is not a language code"),
                )
                .expected("a BCP 47 language code, such as `en`, `de` or `pt-BR`")
                .says("diag_not_language_code", &[("code", code)])
                .expects("diag_language_code_expected", &[]),
        );
        return None;
    }
    Some(())
}

/// The front matter's `placement` as the views give it, or `None` when it is not one.
fn placement(given: &str) -> Option<&'static str> {
    match given {
        "before" => Some("before"),
        "after" => Some("after"),
        _ => None,
    }
}

/// The output file of the page a commentary appears on, in its own language.
fn page_file_of(site: &Site, target: &Target, language: usize) -> Option<String> {
    let prefix = crate::routes::language_prefix(&site.config.languages, language);
    let route = match target {
        Target::Home => Some(crate::routes::Route::home()),
        Target::Methodology => Some(crate::routes::Route::methodology()),
        Target::Edition(year) => Some(crate::routes::Route::edition(*year)),
        Target::Sector(sector) => site.editions.last().map(|edition| {
            crate::routes::Route::sector(edition.year, site.sector(*sector).id.clone())
        }),
        Target::Company(company) => Some(crate::routes::Route::company(
            site.company(*company).id.clone(),
        )),
        Target::Article(slug) => Some(crate::routes::Route::article(slug.clone())),
    };
    route.map(|route| format!("{prefix}{}", route.file()))
}

/// A link whose kind of address can run script or leave the web is shown as text: a warning
/// at it.
fn warn_of_unsafe_links(
    file: &SourceFile,
    body_line: usize,
    links: &[markdown::UnsafeLink],
    diagnostics: &mut Diagnostics,
) {
    for link in links {
        let mut warning = file
            .error_at(
                link.line + body_line,
                link.column,
                format!(
                    "the link `{}` is shown as text: its kind of address can run script or \
                     leave the web",
                    link.url
                ),
            )
            .expected("an http:, https: or mailto: address, or one relative to the site")
            .says("diag_link_shown_as_text", &[("url", &link.url)])
            .expects("diag_link_expected", &[]);
        warning.severity = crate::diagnostics::Severity::Warning;
        diagnostics.push(warning);
    }
}

/// The page a commentary file belongs to, by its path under content/ without `.md` (`stem`);
/// an error in the file `name` when there is none.
fn target_of(site: &Site, name: &str, stem: &str) -> Result<Target, Box<Diagnostic>> {
    let unknown = |what: &str, id: &str, hint: Option<String>, folder: &str| {
        let keys = match what {
            "edition" => ("diag_no_edition_for_commentary", "diag_edition_file_name"),
            "sector" => ("diag_no_sector_for_commentary", "diag_sector_file_name"),
            _ => ("diag_no_company_for_commentary", "diag_company_file_name"),
        };
        Box::new(
            Diagnostic::error(name, format!("no {what} `{id}` for this commentary"))
                .expected(format!("the file name to be a {what} id from {folder}"))
                .hint(hint)
                .says(keys.0, &[("id", id)])
                .expects(keys.1, &[]),
        )
    };
    match stem.split_once('/') {
        None if stem == "_index" => Ok(Target::Home),
        None if stem == "methodology" => Ok(Target::Methodology),
        Some(("editions", year)) => {
            match site.editions.iter().find(|e| e.year.to_string() == year) {
                Some(edition) => Ok(Target::Edition(edition.year)),
                None => Err(unknown("edition", year, site.edition_hint(year), "data/editions/")),
            }
        }
        Some(("sectors", id)) => match site.sector_index(id) {
            Some(index) => Ok(Target::Sector(index)),
            None => Err(unknown("sector", id, did_you_mean(id, site.sectors.iter().map(|s| s.id.as_str())), "data/sectors.yaml")),
        },
        Some(("companies", id)) => match site.company_index(id) {
            Some(index) => Ok(Target::Company(index)),
            None => Err(unknown("company", id, did_you_mean(id, site.companies.iter().map(|c| c.id.as_str())), "data/companies.yaml")),
        },
        Some(("articles", slug)) if !slug.contains('/') => {
            let valid = slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !slug.starts_with('-');
            if valid {
                Ok(Target::Article(slug.to_string()))
            } else {
                let suggested = crate::model::text::address_slug(slug);
                let file = format!("{suggested}.md");
                Err(Box::new(
                    Diagnostic::error(name, format!("`{slug}` cannot be an article's address"))
                        .expected("a file name of lower-case letters a-z, digits and `-`")
                        .hint((!suggested.is_empty()).then(|| format!("try `{file}`")))
                        .says("diag_not_an_address", &[("slug", slug)])
                        .expects("diag_article_file_name", &[])
                        .suggests("diag_try", &[("id", &file)]),
                ))
            }
        }
        _ => Err(Box::new(Diagnostic::error(name, "this file belongs to no page")
            .expected("content/_index.md, content/methodology.md, or a file under content/editions, content/sectors, content/companies or content/articles")
            .says("diag_no_page", &[])
            .expects("diag_commentary_places", &[]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let (front, line, body) = split_front_matter("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(front, Some("title: A\n"));
        assert_eq!(line, 2);
        assert_eq!(body, "Body\n");
        assert_eq!(split_front_matter("No front matter").unwrap().0, None);
        assert!(split_front_matter("---\ntitle: A\n").is_err());
    }
}
