//! The search index: one small file per language listing companies, sectors and articles with
//! the words they can be found by. It is a JavaScript file rather than JSON so that it also
//! loads when the site is opened from disk, where browsers refuse `fetch`. Pure.

use serde::Serialize;

use std::borrow::Cow;

use crate::content::embeds::{Embed, fill_placeholders};
use crate::content::{Commentary, Content};
use crate::escape::escape_xml;
use crate::model::Site;
use crate::model::scoring::EditionResults;
use crate::routes::{Route, language_prefix};

/// Words of commentary kept per entry: enough to find a page by what it says, small enough to
/// keep the index light.
const TEXT_LIMIT: usize = 600;

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

/// A commentary's HTML with each link it embeds as the name the link shows (an article that
/// names a company only as `[[company:…]]` is found by that name); tables and charts add no
/// words.
fn searchable_html<'a>(site: &Site, commentary: &'a Commentary, language: usize) -> Cow<'a, str> {
    if commentary.embeds.is_empty() {
        return Cow::Borrowed(&commentary.html);
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
    Cow::Owned(fill_placeholders(&commentary.html, &names))
}

/// Plain text of rendered commentary HTML, cut at `limit` characters on a word boundary. One
/// pass that stops at the first word past the limit: a long commentary costs what its start
/// costs.
pub fn plain_text(html: &str, limit: usize) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::new();
    let mut out_chars = 0;
    let mut word = String::new();
    let mut word_chars = 0;
    // Adds the word to `out`; false when it does not fit.
    let mut flush = |word: &mut String, word_chars: &mut usize| {
        if word.is_empty() {
            return true;
        }
        if out_chars + *word_chars + 1 > limit {
            return false;
        }
        if !out.is_empty() {
            out.push(' ');
            out_chars += 1;
        }
        out.push_str(word);
        out_chars += *word_chars;
        word.clear();
        *word_chars = 0;
        true
    };
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        let letter = match c {
            '<' => {
                in_tag = true;
                None
            }
            // A tag ends a word, as a space would.
            '>' => {
                in_tag = false;
                Some(' ')
            }
            _ if in_tag => None,
            '&' => match ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
                Some((name, decoded)) => {
                    step = name.len();
                    Some(*decoded)
                }
                None => Some('&'),
            },
            c => Some(c),
        };
        match letter {
            // A word that does not fit ends the text.
            Some(c) if c.is_whitespace() && !flush(&mut word, &mut word_chars) => return out,
            Some(c) if c.is_whitespace() => {}
            Some(c) => {
                word.push(c);
                word_chars += 1;
            }
            None => {}
        }
        rest = rest.get(step..).unwrap_or_default();
    }
    flush(&mut word, &mut word_chars);
    out
}

/// Labels for the kinds of entries, in the index's language.
pub struct Labels {
    pub company: String,
    pub sector: String,
    pub article: String,
    /// Per company (indexed like `Site::companies`), its latest ranked result in words.
    pub latest_results: Vec<Option<String>>,
}

/// The index of language `language` as a script that sets `window.rankpressSearchIndex`.
pub fn index_script(
    site: &Site,
    content: &Content,
    results: &[EditionResults],
    language: usize,
    labels: &Labels,
) -> String {
    let prefix = language_prefix(&site.config.languages, language);
    let mut entries = Vec::new();
    let latest_sector_page = |sector: usize| {
        results
            .iter()
            .rev()
            .find(|r| r.has_sector_page(sector))
            .map(|r| Route::Sector(r.year, site.sector(sector).id.clone()))
    };
    for (index, company) in site.companies.iter().enumerate() {
        let sector = site.sector(company.sector).name.get(language);
        let commentary = content
            .companies
            .get(&index)
            .and_then(|t| t.get(language))
            .map(|c| plain_text(&searchable_html(site, c, language), TEXT_LIMIT))
            .unwrap_or_default();
        entries.push(Entry {
            t: company.name.get(language).to_string(),
            m: match labels.latest_results.get(index).and_then(Option::as_ref) {
                Some(result) => format!("{} · {sector} · {result}", labels.company),
                None => format!("{} · {sector}", labels.company),
            },
            u: format!("{prefix}{}", Route::Company(company.id.clone()).file()),
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
            .map(|c| plain_text(&searchable_html(site, c, language), TEXT_LIMIT))
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
            u: format!("{prefix}{}", Route::Article(article.slug.clone()).file()),
            x: format!(
                "{summary} {}",
                plain_text(&searchable_html(site, commentary, language), TEXT_LIMIT * 2)
            ),
        });
    }
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_string());
    // `</script>` cannot occur in JSON's escaped output only if `/` is escaped; do it for `<`.
    format!(
        "window.rankpressSearchIndex = {};\n",
        json.replace('<', "\\u003c")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commentary_html_becomes_plain_words() {
        assert_eq!(
            plain_text("<p>Tom &amp; Jerry <em>win</em></p>\n<p>again</p>", 100),
            "Tom & Jerry win again"
        );
        assert_eq!(plain_text("<p>one two three</p>", 8), "one two");
        // Entities are decoded once, as a browser shows them; a tag ends a word.
        assert_eq!(
            plain_text("<p>a&amp;lt;b</p><p>&quot;c&quot;&#39;s x&y</p>", 100),
            "a&lt;b \"c\"'s x&y"
        );
        assert_eq!(plain_text("<p>Grüße aus Köln</p>", 10), "Grüße aus");
        assert_eq!(plain_text("<p>Grüße aus Köln</p>", 8), "Grüße");
    }
}
