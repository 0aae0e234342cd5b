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
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_string());
    // `</script>` cannot occur in JSON's escaped output only if `/` is escaped; do it for `<`.
    format!(
        "window.rankpressSearchIndex = {};\n",
        json.replace('<', "\\u003c")
    )
}
