//! Rankings, charts and links inside Markdown commentary, written with a short syntax:
//!
//! ```text
//! {{ ranking 2026 }}                      the ranking table of an edition
//! {{ ranking 2026 sector=telecom top=5 }} a sector's, or the first N
//! {{ chart sectors 2026 }}                sector comparison of an edition
//! {{ chart scatter 2026 }}                management against customer score
//! {{ chart sector 2026 telecom }}         a sector's companies
//! {{ chart criteria kontor-bank }}        a company's criteria against its sector
//! {{ chart history kontor-bank }}         a company over the editions
//! [[company:kontor-bank]] [[sector:telecom]] [[edition:2026]]   links, named in the page's language
//! ```
//!
//! Tables and charts stand alone on their line; links go anywhere in the text. Each embed is
//! replaced by a placeholder before Markdown rendering and filled in per page and language.
//! Pure: text and the validated site in, embeds and problems out.

use crate::diagnostics::{Phrase, Phrases, did_you_mean};
use crate::model::Site;

/// A validated embed, ids resolved to indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    Ranking {
        year: i32,
        sector: Option<usize>,
        top: Option<usize>,
    },
    SectorsChart {
        year: i32,
    },
    ScatterChart {
        year: i32,
    },
    SectorChart {
        year: i32,
        sector: usize,
    },
    CriteriaChart {
        company: usize,
    },
    HistoryChart {
        company: usize,
    },
    CompanyLink {
        company: usize,
    },
    SectorLink {
        sector: usize,
    },
    EditionLink {
        year: i32,
    },
}

/// A problem with an embed, at a line and column of the Markdown text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub expected: String,
    pub hint: Option<String>,
    /// The message, expectation and hint as interface strings a theme can translate.
    pub phrases: Phrases,
}

/// The placeholder an embed leaves in the Markdown; `markdown::render` lets it through as HTML.
pub fn placeholder(index: usize) -> String {
    format!("<rankpress-embed index=\"{index}\"></rankpress-embed>")
}

/// Whether `html` is exactly one half of a placeholder that [`extract`] made, for one of the
/// `count` embeds of the text: the only HTML that Markdown rendering lets through unescaped when
/// the site does not allow HTML. A look-alike with other attributes is not one.
pub fn is_placeholder(html: &str, count: usize) -> bool {
    let trimmed = html.trim();
    if trimmed == "</rankpress-embed>" {
        return count > 0;
    }
    trimmed
        .strip_prefix("<rankpress-embed index=\"")
        .and_then(|rest| rest.strip_suffix("\">"))
        .and_then(|index| {
            // Digits only: `+1` or ` 1` parse too, but rankpress never writes them.
            index
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| index.parse::<usize>().ok())
                .flatten()
        })
        .is_some_and(|index| index < count)
}

/// Replaces each placeholder of `html` by the embed at its index, in one pass. A table or
/// chart alone on its line became a paragraph of its own: the whole paragraph is replaced.
pub fn fill_placeholders(html: &str, rendered: &[String]) -> String {
    const OPEN: &str = "<rankpress-embed index=\"";
    const CLOSE: &str = "\"></rankpress-embed>";
    let mut output =
        String::with_capacity(html.len() + rendered.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = rest.get(start + OPEN.len()..).unwrap_or_default();
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let embed = after
            .get(..digits)
            .and_then(|d| d.parse::<usize>().ok())
            .and_then(|index| rendered.get(index));
        let tail = after.get(digits..).unwrap_or_default();
        match (embed, tail.strip_prefix(CLOSE)) {
            (Some(embed), Some(remaining)) => {
                let before = rest.get(..start).unwrap_or_default();
                let (before, remaining) =
                    match (before.strip_suffix("<p>"), remaining.strip_prefix("</p>")) {
                        (Some(before), Some(remaining)) => (before, remaining),
                        _ => (before, remaining),
                    };
                output.push_str(before);
                output.push_str(embed);
                rest = remaining;
            }
            _ => {
                // Not a placeholder rankpress made: kept as it is.
                output.push_str(rest.get(..start + OPEN.len()).unwrap_or_default());
                rest = after;
            }
        }
    }
    output.push_str(rest);
    output
}

/// The user's own text never holds a placeholder: the tag name is escaped where the text writes
/// it, so only [`extract`]'s placeholders are recognised.
const TAG_OPEN: &str = "<rankpress-embed";
const TAG_CLOSE: &str = "</rankpress-embed";

fn push_text(output: &mut String, text: &str) {
    if text.contains(TAG_OPEN) || text.contains(TAG_CLOSE) {
        output.push_str(
            &text
                .replace(TAG_CLOSE, "&lt;/rankpress-embed")
                .replace(TAG_OPEN, "&lt;rankpress-embed"),
        );
    } else {
        output.push_str(text);
    }
}

const SYNTAX: &str = "{{ ranking YEAR [sector=ID] [top=N] }}, {{ chart sectors|scatter YEAR }}, {{ chart sector YEAR SECTOR }} or {{ chart criteria|history COMPANY }}";

/// The embeds of [`SYNTAX`] as a list, for a sentence in any language.
const SYNTAX_FORMS: &str = "{{ ranking YEAR [sector=ID] [top=N] }}, {{ chart sectors|scatter YEAR }}, {{ chart sector YEAR SECTOR }}, {{ chart criteria|history COMPANY }}";

/// The ranking embed's form.
const RANKING_FORM: &str = "{{ ranking YEAR [sector=ID] [top=N] }}";

/// A text with its embeds replaced by placeholders.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The Markdown with a placeholder where each embed was.
    pub markdown: String,
    pub embeds: Vec<Embed>,
    /// Line and column (1-based, in the text given) of each embed.
    pub positions: Vec<(usize, usize)>,
    pub errors: Vec<EmbedError>,
}

/// What embeds are checked against: the validated site's editions, sectors and companies, or,
/// while the data has errors of its own, nothing but the embeds' syntax.
#[derive(Clone, Copy)]
enum Known<'a> {
    Site(&'a Site),
    SyntaxOnly,
}

/// Replaces the embeds of `markdown` by placeholders. Code blocks are left alone.
pub fn extract(markdown: &str, site: &Site) -> Extracted {
    extract_against(markdown, Known::Site(site))
}

/// The problems of the embeds of `markdown` that need no data to find: their syntax, their
/// options, an edition that is no year, one sharing its line with text. For commentary while
/// the data has errors of its own, so that both are reported in one run.
pub fn syntax_errors(markdown: &str) -> Vec<EmbedError> {
    extract_against(markdown, Known::SyntaxOnly).errors
}

fn extract_against(markdown: &str, site: Known) -> Extracted {
    let mut output = String::with_capacity(markdown.len());
    let mut collected = Collected::default();
    let mut fence: Option<&str> = None;
    for (line_index, line) in markdown.split_inclusive('\n').enumerate() {
        let line_number = line_index + 1;
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            output.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            output.push_str(line);
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        if let Some(inner) = content
            .trim()
            .strip_prefix("{{")
            .and_then(|r| r.strip_suffix("}}"))
        {
            let column = content.len() - content.trim_start().len() + 1;
            let outcome = block(inner.trim(), site);
            place(
                outcome,
                content,
                (line_number, column),
                &mut output,
                &mut collected,
            );
            output.push_str(ending);
            continue;
        }
        // A table or chart that shares its line with text is never published as raw `{{ … }}`:
        // it is an error at its place, naming the embed's own mistake first when it has one.
        for (column, inner) in inline_blocks(content) {
            let problem = match block(inner.trim(), site) {
                Err(problem) => problem,
                Ok(_) => {
                    let embed = format!("{{{{ {} }}}}", inner.trim());
                    Problem::new(
                        format!("`{embed}` shares its line with other text"),
                        "a table or chart embed alone on its line",
                        Some(
                            "put the embed on a line of its own, with the text before or after it"
                                .to_string(),
                        ),
                    )
                    .says("diag_embed_in_text", &[("embed", &embed)])
                    .expects(Phrase::new("diag_embed_alone_expected", &[]))
                    .suggests("diag_embed_own_line", &[])
                }
            };
            collected.errors.push(problem.at(line_number, column));
        }
        // Inline links: [[kind:id]].
        let mut rest = content;
        let mut consumed = 0;
        while let Some(start) = rest.find("[[") {
            let Some(length) = rest[start + 2..].find("]]") else {
                break;
            };
            let inner = &rest[start + 2..start + 2 + length];
            push_text(&mut output, &rest[..start]);
            let column = consumed + start + 1;
            let outcome = link(inner, site);
            let written = &rest[start..start + 4 + length];
            place(
                outcome,
                written,
                (line_number, column),
                &mut output,
                &mut collected,
            );
            consumed += start + 4 + length;
            rest = &rest[start + 4 + length..];
        }
        push_text(&mut output, rest);
        output.push_str(ending);
    }
    Extracted {
        markdown: output,
        embeds: collected.embeds,
        positions: collected.positions,
        errors: collected.errors,
    }
}

/// An embed's mistake: what is wrong, what was expected and a hint, in English and as interface
/// strings a theme can translate.
struct Problem {
    message: String,
    expected: String,
    hint: Option<String>,
    phrases: Box<Phrases>,
}

impl Problem {
    fn new(message: impl Into<String>, expected: impl Into<String>, hint: Option<String>) -> Self {
        Problem {
            message: message.into(),
            expected: expected.into(),
            hint,
            phrases: Box::default(),
        }
    }

    /// The message as the interface string `key`.
    fn says(mut self, key: &'static str, values: &[(&'static str, &str)]) -> Self {
        self.phrases.message = Some(Phrase::new(key, values));
        self
    }

    /// The expectation as `phrase`.
    fn expects(mut self, phrase: Phrase) -> Self {
        self.phrases.expected = Some(phrase);
        self
    }

    /// The hint as the interface string `key`, when there is a hint.
    fn suggests(mut self, key: &'static str, values: &[(&'static str, &str)]) -> Self {
        if self.hint.is_some() {
            self.phrases.hint = vec![Phrase::new(key, values)];
        }
        self
    }

    /// The problem at a line and column of the text.
    fn at(self, line: usize, column: usize) -> EmbedError {
        EmbedError {
            line,
            column,
            message: self.message,
            expected: self.expected,
            hint: self.hint,
            phrases: *self.phrases,
        }
    }
}

/// The embeds rankpress knows, as the expectation of a mistake in one.
fn embed_forms() -> Phrase {
    Phrase::new("diag_embed_forms", &[("forms", SYNTAX_FORMS)])
}

/// The inline links rankpress knows, as the expectation of a mistake in one.
fn link_forms() -> Phrase {
    Phrase::new(
        "diag_embed_forms",
        &[("forms", "[[company:ID]], [[sector:ID]], [[edition:YEAR]]")],
    )
}

/// The `{{ ranking … }}` and `{{ chart … }}` embeds inside a line of text, outside inline code
/// spans: (1-based column, what is between the braces).
fn inline_blocks(line: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = line[from..].find("{{") {
        let start = from + offset;
        let Some(length) = line[start + 2..].find("}}") else {
            break;
        };
        let inner = &line[start + 2..start + 2 + length];
        let first = inner.split_whitespace().next().unwrap_or("");
        // Inside `code` when an odd number of backticks precede it.
        let in_code = line[..start].matches('`').count() % 2 == 1;
        if !in_code && (first == "ranking" || first == "chart") {
            found.push((line[..start].chars().count() + 1, inner));
        }
        from = start + 2 + length + 2;
    }
    found
}

/// Puts a valid embed's placeholder into `output`, or keeps what was written and records why it
/// is wrong at `(line, column)`.
fn place(
    outcome: Result<Embed, Problem>,
    written: &str,
    (line, column): (usize, usize),
    output: &mut String,
    collected: &mut Collected,
) {
    let outcome = outcome.and_then(|embed| within_limits(embed, &mut collected.tally));
    match outcome {
        Ok(embed) => {
            output.push_str(&placeholder(collected.embeds.len()));
            collected.embeds.push(embed);
            collected.positions.push((line, column));
        }
        Err(problem) => {
            // One error for a run of embeds over the limit, at the first of them.
            let over_limit = problem.message.starts_with(OVER_LIMIT);
            if !(over_limit
                && collected
                    .errors
                    .iter()
                    .any(|e| e.message.starts_with(OVER_LIMIT)))
            {
                collected.errors.push(problem.at(line, column));
            }
            push_text(output, written);
        }
    }
}

const OVER_LIMIT: &str = "too many";

/// Embeds of each kind placed so far in one text.
#[derive(Default)]
struct Tally {
    blocks: usize,
    links: usize,
}

/// What [`extract`] has gathered so far.
#[derive(Default)]
struct Collected {
    embeds: Vec<Embed>,
    /// Line and column (1-based, in the text) of each embed.
    positions: Vec<(usize, usize)>,
    errors: Vec<EmbedError>,
    tally: Tally,
}

/// Refuses an embed past the per-text limits: each table or chart is drawn where it stands, so
/// thousands of them would make one page of many megabytes.
fn within_limits(embed: Embed, tally: &mut Tally) -> Result<Embed, Problem> {
    use crate::input::limits::{MAX_BLOCK_EMBEDS_PER_TEXT, MAX_LINK_EMBEDS_PER_TEXT};
    let is_link = |e: &Embed| {
        matches!(
            e,
            Embed::CompanyLink { .. } | Embed::SectorLink { .. } | Embed::EditionLink { .. }
        )
    };
    let (limit, what, keys) = if is_link(&embed) {
        (
            MAX_LINK_EMBEDS_PER_TEXT,
            "[[…]] links",
            ("diag_too_many_links", "diag_links_limit"),
        )
    } else {
        (
            MAX_BLOCK_EMBEDS_PER_TEXT,
            "{{ … }} tables and charts",
            ("diag_too_many_embeds", "diag_embeds_limit"),
        )
    };
    let so_far = if is_link(&embed) {
        tally.links
    } else {
        tally.blocks
    };
    if so_far < limit {
        if is_link(&embed) {
            tally.links += 1;
        } else {
            tally.blocks += 1;
        }
        return Ok(embed);
    }
    let number = (so_far + 1).to_string();
    Err(Problem::new(
        format!("{OVER_LIMIT} {what} in one text: this is number {number}"),
        format!("at most {limit} {what} per Markdown file"),
        Some("split the text, or link to the page that shows them".to_string()),
    )
    .says(keys.0, &[("number", &number)])
    .expects(Phrase::new(keys.1, &[("limit", &limit.to_string())]))
    .suggests("diag_split_text", &[]))
}

fn year(text: &str, site: Known) -> Result<i32, Problem> {
    let Known::Site(site) = site else {
        return text.parse::<i32>().map_err(|_| {
            Problem::new(
                format!("no edition `{text}`"),
                "an edition's year, such as 2026",
                None,
            )
            .says("diag_no_such_edition", &[("year", text)])
            .expects(Phrase::new("diag_edition_year_expected", &[]))
        });
    };
    let years: Vec<String> = site.editions.iter().map(|e| e.year.to_string()).collect();
    let years = years.join(", ");
    match site.editions.iter().find(|e| e.year.to_string() == text) {
        Some(edition) => Ok(edition.year),
        None => Err(Problem::new(
            format!("no edition `{text}`"),
            format!("one of the editions: {years}"),
            site.edition_hint(text),
        )
        .says("diag_no_such_edition", &[("year", text)])
        .expects(Phrase::new("diag_one_of_editions", &[("years", &years)]))),
    }
}

fn sector(text: &str, site: Known) -> Result<usize, Problem> {
    let Known::Site(site) = site else {
        return Ok(0);
    };
    site.sector_index(text).ok_or_else(|| {
        let (ids, phrase) = some_ids(site.sectors.iter().map(|s| s.id.as_str()));
        Problem::new(
            format!("unknown sector `{text}`"),
            format!("a sector id from data/sectors.yaml: {ids}"),
            did_you_mean(text, site.sectors.iter().map(|s| s.id.as_str())),
        )
        .says("diag_unknown_sector", &[("sector", text)])
        .expects(phrase)
    })
}

/// Up to twelve ids, and how many more there are: in English, and as the expectation of a
/// sector id.
fn some_ids<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> (String, Phrase) {
    let count = ids.len();
    let shown: Vec<&str> = ids.take(12).collect();
    let rest = count - shown.len();
    let listed = shown.join(", ");
    if rest == 0 {
        let phrase = Phrase::new("diag_sector_ids", &[("ids", &listed)]);
        return (listed, phrase);
    }
    let phrase = Phrase::new(
        "diag_sector_ids_more",
        &[("ids", &listed), ("count", &rest.to_string())],
    );
    (format!("{listed}, and {rest} more"), phrase)
}

fn company(text: &str, site: Known) -> Result<usize, Problem> {
    let Known::Site(site) = site else {
        return Ok(0);
    };
    site.company_index(text).ok_or_else(|| {
        Problem::new(
            format!("unknown company `{text}`"),
            "a company id from data/companies.yaml",
            did_you_mean(text, site.companies.iter().map(|c| c.id.as_str())),
        )
        .says("diag_unknown_company", &[("company", text)])
        .expects(Phrase::new("diag_company_id_expected", &[]))
    })
}

fn syntax_error(found: &str) -> Problem {
    let embed = format!("{{{{ {found} }}}}");
    Problem::new(
        format!("`{embed}` is not an embed rankpress knows"),
        SYNTAX,
        None,
    )
    .says("diag_not_an_embed", &[("embed", &embed)])
    .expects(embed_forms())
}

fn block(inner: &str, site: Known) -> Result<Embed, Problem> {
    let words: Vec<&str> = inner.split_whitespace().collect();
    match words.as_slice() {
        ["ranking", edition, ..] if edition.contains('=') => {
            let years: Vec<String> = match site {
                Known::Site(site) => site.editions.iter().map(|e| e.year.to_string()).collect(),
                Known::SyntaxOnly => vec!["YEAR".to_string()],
            };
            Err(Problem::new(
                format!("the ranking embed names no edition before `{edition}`"),
                format!("the year first, then the options: {RANKING_FORM}"),
                years.last().map(|year| {
                    let options = words.get(1..).unwrap_or_default().join(" ");
                    format!("{{{{ ranking {year} {options} }}}}")
                }),
            )
            .says("diag_ranking_year_after", &[("option", edition)])
            .expects(Phrase::new(
                "diag_ranking_year_first",
                &[("form", RANKING_FORM)],
            )))
        }
        ["ranking"] => Err(Problem::new(
            "the ranking embed names no edition",
            RANKING_FORM,
            None,
        )
        .says("diag_ranking_without_year", &[])),
        ["ranking", edition, options @ ..] => {
            let year = year(edition, site)?;
            let (mut sector_filter, mut top) = (None, None);
            for option in options {
                match option.split_once('=') {
                    Some(("sector", id)) => sector_filter = Some(sector(id, site)?),
                    Some(("top", n)) => {
                        top = Some(n.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                            Problem::new(
                                format!("`top={n}` is not a count"),
                                "a whole number of at least 1, such as top=10",
                                None,
                            )
                            .says("diag_top_not_count", &[("value", n)])
                            .expects(Phrase::new("diag_top_expected", &[]))
                        })?)
                    }
                    _ => {
                        return Err(Problem::new(
                            format!("unknown option `{option}` of the ranking embed"),
                            "sector=ID or top=N",
                            did_you_mean(
                                option.split('=').next().unwrap_or(option),
                                ["sector", "top"],
                            ),
                        )
                        .says("diag_unknown_ranking_option", &[("option", option)])
                        .expects(Phrase::new(
                            "diag_embed_forms",
                            &[("forms", "sector=ID, top=N")],
                        )));
                    }
                }
            }
            Ok(Embed::Ranking {
                year,
                sector: sector_filter,
                top,
            })
        }
        ["chart", "sectors", edition] => Ok(Embed::SectorsChart {
            year: year(edition, site)?,
        }),
        ["chart", "scatter", edition] => Ok(Embed::ScatterChart {
            year: year(edition, site)?,
        }),
        ["chart", "sector", edition, id] => Ok(Embed::SectorChart {
            year: year(edition, site)?,
            sector: sector(id, site)?,
        }),
        ["chart", "criteria", id] => Ok(Embed::CriteriaChart {
            company: company(id, site)?,
        }),
        ["chart", "history", id] => Ok(Embed::HistoryChart {
            company: company(id, site)?,
        }),
        ["chart", kind, ..] => Err(Problem::new(
            format!("unknown chart `{kind}` or wrong arguments"),
            SYNTAX,
            did_you_mean(
                kind,
                ["sectors", "scatter", "sector", "criteria", "history"],
            ),
        )
        .says("diag_unknown_chart", &[("chart", kind)])
        .expects(embed_forms())),
        [kind, ..] if did_you_mean(kind, ["ranking", "chart"]).is_some() => Err(Problem::new(
            format!("unknown embed `{kind}`"),
            SYNTAX,
            did_you_mean(kind, ["ranking", "chart"]),
        )
        .says("diag_unknown_embed", &[("embed", kind)])
        .expects(embed_forms())),
        _ => Err(syntax_error(inner)),
    }
}

fn link(inner: &str, site: Known) -> Result<Embed, Problem> {
    match inner.split_once(':') {
        Some(("company", id)) => Ok(Embed::CompanyLink {
            company: company(id.trim(), site)?,
        }),
        Some(("sector", id)) => Ok(Embed::SectorLink {
            sector: sector(id.trim(), site)?,
        }),
        Some(("edition", text)) => Ok(Embed::EditionLink {
            year: year(text.trim(), site)?,
        }),
        Some((kind, _)) => Err(Problem::new(
            format!("unknown link kind `{kind}`"),
            "[[company:ID]], [[sector:ID]] or [[edition:YEAR]]",
            did_you_mean(kind, ["company", "sector", "edition"]),
        )
        .says("diag_unknown_link_kind", &[("kind", kind)])
        .expects(link_forms())),
        None => Err(Problem::new(
            format!("`[[{inner}]]` is not a link rankpress knows"),
            "[[company:ID]], [[sector:ID]] or [[edition:YEAR]]",
            None,
        )
        .says("diag_not_a_link", &[("link", &format!("[[{inner}]]"))])
        .expects(link_forms())),
    }
}
