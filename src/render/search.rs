//! The search index: one small file per language listing companies, sectors and articles with
//! the words they can be found by. It is a JavaScript file rather than JSON so that it also
//! loads when the site is opened from disk, where browsers refuse `fetch`. Pure.

use serde::Serialize;

use std::borrow::Cow;

use crate::content::embeds::{Embed, fill_placeholders};
use crate::content::words::{ARTICLE_WORDS, PAGE_WORDS, first_words, plain_text};
use crate::content::{Commentary, Content};
use crate::escape::escape_xml;
use crate::model::Site;
use crate::model::results::EditionResults;
use crate::routes::{Route, language_prefix};

#[derive(Debug, Serialize)]
struct Entry {
    /// Title shown in the results.
    t: String,
    /// Kind and context shown under the title ("Company · Banks").
    m: String,
    /// Link, relative to the site root.
    u: String,
    /// Further words to match: sector, commentary.
    x: String,
}

/// The first words of a commentary that fit in `limit` characters, as plain text. A text that
/// embeds nothing has its words found when it was read; in one that does, each link it embeds
/// counts as the name the link shows (an article that names a company only as
/// `[[company:…]]` is found by that name), and tables and charts add no words.
fn searchable_words<'a>(
    site: &Site,
    commentary: &'a Commentary,
    language: usize,
    limit: usize,
) -> Cow<'a, str> {
    if let Some(words) = &commentary.words {
        return Cow::Borrowed(first_words(words, limit));
    }
    let names: Vec<String> = commentary
        .embeds
        .iter()
        .map(|embed| match embed {
            Embed::CompanyLink { company } => escape_xml(site.company(*company).name.get(language)),
            Embed::SectorLink { sector } => escape_xml(site.sector(*sector).name.get(language)),
            Embed::EditionLink { year } => escape_xml(&site.edition_title(*year, language)),
            _ => String::new(),
        })
        .collect();
    Cow::Owned(plain_text(
        &fill_placeholders(&commentary.html, &names),
        limit,
    ))
}

/// Labels for the kinds of entries, in the index's language.
pub struct Labels {
    pub company: String,
    pub sector: String,
    pub article: String,
    /// Per company (indexed like `Site::companies`), its latest ranked result in words.
    pub latest_results: Vec<Option<String>>,
    /// What the search says (`none`, and `results` and `all` in each plural form), as a JSON
    /// object: written once into the index, not into the search form of every page (600 bytes
    /// a page, 12 MB of a site of 20,000 pages).
    pub texts: String,
}

/// The index of language `language` as scripts that set `window.rankpressSearchIndex`: one,
/// or for a large site several parts (see [`PART_BYTES`]).
pub fn index_scripts(
    site: &Site,
    content: &Content,
    results: &[EditionResults],
    language: usize,
    labels: &Labels,
) -> Vec<String> {
    let prefix = language_prefix(&site.config.languages, language);
    let mut entries = Vec::new();
    let latest_sector_page = |sector: usize| {
        results
            .iter()
            .rev()
            .find(|r| r.has_sector_page(sector))
            .map(|r| Route::sector(r.year, site.sector(sector).id.clone()))
    };
    for (index, company) in site.companies.iter().enumerate() {
        let sector = site.sector(company.sector).name.get(language);
        let commentary = content
            .companies
            .get(&index)
            .and_then(|t| t.get(language))
            .map(|c| searchable_words(site, c, language, PAGE_WORDS))
            .unwrap_or_default();
        entries.push(Entry {
            t: company.name.get(language).to_string(),
            m: match labels.latest_results.get(index).and_then(Option::as_ref) {
                Some(result) => format!("{} · {sector} · {result}", labels.company),
                None => format!("{} · {sector}", labels.company),
            },
            u: format!("{prefix}{}", Route::company(company.id.clone()).file()),
            x: format!("{} {sector} {commentary}", company.id),
        });
    }
    for (index, sector) in site.sectors.iter().enumerate() {
        let Some(route) = latest_sector_page(index) else {
            continue;
        };
        let commentary = content
            .sectors
            .get(&index)
            .and_then(|t| t.get(language))
            .map(|c| searchable_words(site, c, language, PAGE_WORDS))
            .unwrap_or_default();
        entries.push(Entry {
            t: sector.name.get(language).to_string(),
            m: labels.sector.clone(),
            u: format!("{prefix}{}", route.file()),
            x: format!("{} {commentary}", sector.id),
        });
    }
    for article in &content.articles {
        let Some(commentary) = article.translations.get(language) else {
            continue;
        };
        let summary = commentary.summary.clone().unwrap_or_default();
        entries.push(Entry {
            t: commentary
                .title
                .clone()
                .unwrap_or_else(|| article.slug.clone()),
            m: format!("{} · {}", labels.article, article.date),
            u: format!("{prefix}{}", Route::article(article.slug.clone()).file()),
            x: format!(
                "{summary} {}",
                searchable_words(site, commentary, language, ARTICLE_WORDS)
            ),
        });
    }
    for entry in &mut entries {
        entry.x = distinct_words(&entry.x, [entry.t.as_str(), entry.m.as_str()]);
    }
    let mut scripts = scripts(&entries, PART_BYTES);
    if let Some(first) = scripts.first_mut() {
        // `</script>` cannot occur: every `<` is escaped.
        let texts = labels.texts.replace('<', "\\u003c");
        first.insert_str(0, &format!("window.rankpressSearchText = {texts};\n"));
    }
    scripts
}

/// The most bytes of entries in one file of the index: a site of 10,000 companies has an index
/// of several megabytes, which hosts with a limit per file (and phones) take better in parts.
pub const PART_BYTES: usize = 1_000_000;

/// The file name of part `n` (from 2) of a language's index, beside `search-index.js`.
fn part_name(n: usize) -> String {
    crate::routes::OutputFile::SearchIndexPart(n).path()
}

/// The entries as scripts of at most about `budget` bytes each: the first sets
/// `window.rankpressSearchIndex` and lists the other parts in `window.rankpressSearchParts`,
/// which search.js then loads in order, each adding its entries.
fn scripts(entries: &[Entry], budget: usize) -> Vec<String> {
    let mut parts: Vec<Vec<String>> = vec![Vec::new()];
    let mut size = 0;
    for entry in entries {
        // `</script>` cannot occur in the output: every `<` is escaped.
        let json = serde_json::to_string(entry)
            .unwrap_or_else(|_| "{}".to_string())
            .replace('<', "\\u003c");
        if size > 0 && size + json.len() > budget {
            parts.push(Vec::new());
            size = 0;
        }
        size += json.len() + 1;
        if let Some(part) = parts.last_mut() {
            part.push(json);
        }
    }
    let names: Vec<String> = (2..=parts.len()).map(part_name).collect();
    parts
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let list = part.join(",");
            if n == 0 {
                let mut first = format!("window.rankpressSearchIndex = [{list}];\n");
                if !names.is_empty() {
                    first.push_str(&format!(
                        "window.rankpressSearchParts = {};\n",
                        serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_string())
                    ));
                }
                first
            } else {
                format!("window.rankpressSearchIndex = window.rankpressSearchIndex.concat([{list}]);\n")
            }
        })
        .collect()
}

/// The words of `text` that neither an earlier word of it nor `shown` (the entry's title and
/// context, which the search matches too) already holds, compared in lower case, in their
/// order: the search looks for words, so the rest finds nothing more (a commentary's "the",
/// "and" and its company's name once, not every time).
fn distinct_words<'a>(text: &str, shown: impl IntoIterator<Item = &'a str>) -> String {
    fn words(text: &str) -> impl Iterator<Item = &str> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    let mut seen: std::collections::HashSet<String> = shown
        .into_iter()
        .flat_map(words)
        .map(str::to_lowercase)
        .collect();
    words(text)
        .filter(|word| seen.insert(word.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(t: &str, x: &str) -> Entry {
        Entry {
            t: t.to_string(),
            m: "Company · Banks".to_string(),
            u: "companies/a/index.html".to_string(),
            x: x.to_string(),
        }
    }

    #[test]
    fn only_words_not_found_already_are_kept_in_their_order() {
        assert_eq!(
            distinct_words(
                "alpha-bank Banks The bank, the BANK and the Ärger; ärger 42",
                ["Alpha Bank", "Company · Banks"]
            ),
            "The and Ärger 42"
        );
    }

    #[test]
    fn a_large_index_is_split_into_parts_the_first_lists_and_each_adds_to() {
        let entries: Vec<Entry> = (0..10)
            .map(|i| entry(&format!("Company {i}"), "words <b>"))
            .collect();
        // An entry's bytes as written: `<` escaped (5 bytes more), and its comma.
        let one = serde_json::to_string(&entries[0]).unwrap().len() + 6;
        let parts = scripts(&entries, one * 4);
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert!(parts[0].starts_with("window.rankpressSearchIndex = [{\"t\":\"Company 0\""));
        assert!(parts[0].ends_with(
            "window.rankpressSearchParts = [\"search-index-2.js\",\"search-index-3.js\"];\n"
        ));
        assert!(parts[1].starts_with("window.rankpressSearchIndex = window.rankpressSearchIndex.concat([{\"t\":\"Company 4\""));
        assert!(parts[2].contains("\"t\":\"Company 9\""));
        assert!(parts.iter().all(|p| !p.contains('<')), "no `<` can close the script");
        // Every entry once, in order.
        let titles: Vec<usize> = parts
            .iter()
            .flat_map(|p| p.match_indices("\"t\":\"Company ").map(|(at, m)| {
                p[at + m.len()..].chars().next().unwrap().to_digit(10).unwrap() as usize
            }))
            .collect();
        assert_eq!(titles, (0..10).collect::<Vec<_>>());

        // A small index is one file, with no list of parts.
        let parts = scripts(&entries, PART_BYTES);
        assert_eq!(parts.len(), 1);
        assert!(!parts[0].contains("rankpressSearchParts"));
    }
}
