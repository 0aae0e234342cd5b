//! What the files for machines other than browsers show: `sitemap.xml` with language
//! alternates, an Atom feed per language, and `robots.txt`, each filled in by the theme's
//! template of that name (a theme without one gets rankpress's own). Pure. Dates come from the
//! data, never from the clock.

use crate::content::Content;
use serde::Serialize;

use crate::locale::Locale;
use crate::model::Site;
use crate::routes::{Route, absolute_url, language_prefix};

/// What the sitemap template (`sitemap.xml`) receives as `page`: the pages of one sitemap
/// file, or, for a site past the protocol's limits, in `sitemap.xml` the absolute addresses of
/// the files that hold them (`sitemaps`, a sitemap index; `urls` is then empty).
#[derive(Debug, Serialize)]
pub struct SitemapView {
    pub urls: Vec<SitemapUrl>,
    pub sitemaps: Vec<String>,
}

/// The sitemap protocol's limit of one file, 50,000 URLs, and a size well under its 50 MB
/// (from the length of a URL entry with its alternates): no file of a site grows past a few
/// megabytes, which hosts with a limit per file and slow crawlers both take.
pub const MAX_SITEMAP_URLS: usize = 50_000;
const MAX_SITEMAP_BYTES: usize = 4_000_000;

/// A page in one language, with the page in every language when the site has more than one.
#[derive(Debug, Serialize)]
pub struct SitemapUrl {
    pub loc: String,
    pub alternates: Vec<Alternate>,
}

#[derive(Debug, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub href: String,
}

/// Every page of the site in every language, each with its alternates.
pub fn sitemap(site: &Site, routes: &[Route]) -> SitemapView {
    let config = &site.config;
    let mut urls = Vec::new();
    for route in routes.iter().filter(|r| !r.place.anywhere) {
        for language in 0..config.languages.len() {
            let prefix = language_prefix(&config.languages, language);
            let alternates = if config.languages.len() > 1 {
                config
                    .languages
                    .iter()
                    .enumerate()
                    .map(|(other, code)| Alternate {
                        lang: code.clone(),
                        href: absolute_url(
                            &config.base_url,
                            &language_prefix(&config.languages, other),
                            route,
                        ),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            urls.push(SitemapUrl {
                loc: absolute_url(&config.base_url, &prefix, route),
                alternates,
            });
        }
    }
    SitemapView {
        urls,
        sitemaps: Vec::new(),
    }
}

/// The sitemap files of the site: `sitemap.xml` alone while every URL fits one file under the
/// protocol's limits (at most `max_urls` URLs), else `sitemap.xml` as an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, … (returned after it, in order), each with as many URLs as
/// fit.
pub fn sitemap_files(site: &Site, routes: &[Route], max_urls: usize) -> Vec<SitemapView> {
    let all = sitemap(site, routes);
    // A URL's entry: its address, and an alternate line per language with an address each.
    let longest = all.urls.iter().map(|u| u.loc.len()).max().unwrap_or(0);
    let entry = 40 + longest + all.urls.first().map_or(0, |u| u.alternates.len()) * (70 + longest);
    let per_file = max_urls.min(MAX_SITEMAP_BYTES / entry.max(1)).max(1);
    if all.urls.len() <= per_file {
        return vec![all];
    }
    let mut parts: Vec<SitemapView> = Vec::new();
    let mut urls = all.urls.into_iter().peekable();
    while urls.peek().is_some() {
        parts.push(SitemapView {
            urls: urls.by_ref().take(per_file).collect(),
            sitemaps: Vec::new(),
        });
    }
    let index = SitemapView {
        urls: Vec::new(),
        sitemaps: (1..=parts.len())
            .map(|n| {
                crate::routes::absolute_file_url(
                    &site.config.base_url,
                    "",
                    &crate::routes::OutputFile::SitemapPart(n),
                )
            })
            .collect(),
    };
    std::iter::once(index).chain(parts).collect()
}

/// What the `robots.txt` template receives as `page`.
#[derive(Debug, Serialize)]
pub struct RobotsView {
    /// The sitemap's absolute URL.
    pub sitemap: String,
}

pub fn robots(site: &Site) -> RobotsView {
    RobotsView {
        sitemap: format!(
            "{}{}",
            site.config.base_url,
            crate::routes::OutputFile::Sitemap.path()
        ),
    }
}

/// What the feed template (`atom.xml`) receives as `page`.
#[derive(Debug, Serialize)]
pub struct FeedView {
    /// The language's code.
    pub lang: String,
    /// The site's title.
    pub title: String,
    /// The home page's absolute URL, the feed's id.
    pub home: String,
    /// When the newest entry was published (RFC 3339).
    pub updated: String,
    /// Articles and published editions, newest first.
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Serialize)]
pub struct FeedEntry {
    pub title: String,
    pub url: String,
    /// RFC 3339.
    pub updated: String,
    pub summary: Option<String>,
    /// An article's HTML; its relative links resolve from `url`.
    pub html: Option<String>,
    #[serde(skip)]
    date: crate::date::Date,
}

/// The address of article `slug` in the feed of `language`, which its entry links to.
pub fn article_url(site: &Site, language: usize, slug: &str) -> String {
    let config = &site.config;
    let prefix = language_prefix(&config.languages, language);
    absolute_url(&config.base_url, &prefix, &Route::article(slug.to_string()))
}

/// The Atom feed of one language: articles and published editions, newest first. `html` gives
/// each article's HTML as the feed shows it ([`crate::views::ViewBuilder::feed_html`]), by its
/// index in `content.articles`; an article without it has no entry.
pub fn atom(site: &Site, content: &Content, locale: &Locale, html: &[Option<String>]) -> FeedView {
    let config = &site.config;
    let language = locale.index;
    let prefix = language_prefix(&config.languages, language);
    let mut entries: Vec<FeedEntry> = Vec::new();
    for (article, html) in content.articles.iter().zip(html) {
        if let (Some(commentary), Some(html)) = (article.translations.get(language), html) {
            entries.push(FeedEntry {
                title: commentary
                    .title
                    .clone()
                    .unwrap_or_else(|| article.slug.clone()),
                url: article_url(site, language, &article.slug),
                updated: article.date.rfc3339(),
                date: article.date,
                summary: commentary.summary.clone(),
                html: Some(html.clone()),
            });
        }
    }
    for edition in &site.editions {
        if let Some(date) = edition.published {
            let title = match &edition.title {
                Some(title) => title.get(language).to_string(),
                None => format!("{} {}", config.title.get(language), edition.year),
            };
            entries.push(FeedEntry {
                title,
                url: absolute_url(&config.base_url, &prefix, &Route::edition(edition.year)),
                updated: date.rfc3339(),
                date,
                summary: Some(locale.t_with(
                    "feed_edition_summary",
                    &[("year", &edition.year.to_string())],
                )),
                html: None,
            });
        }
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let home = absolute_url(&config.base_url, &prefix, &Route::home());
    let updated = entries
        .first()
        .map(|e| e.date.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    FeedView {
        lang: config.language(language).to_string(),
        title: config.title.get(language).to_string(),
        home,
        updated,
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::input::source::SourceFile;
    use crate::input::{EditionFiles, Inputs};

    /// A site of four companies in two languages: 8 company pages and the rest, each in both.
    fn site() -> Site {
        let file = |name: &str, text: &str| Some(SourceFile::new(name, text));
        let inputs = Inputs {
            site: file(
                "data/site.yaml",
                "title: T\nbase_url: https://example.org/\nlanguages: [en, de]\nshare_images: none\n",
            ),
            methodology: file(
                "data/methodology.yaml",
                "min_responses: 1\nperspectives:\n  - id: c\n    name: C\n    scale: {min: 1, max: 5}\n    criteria:\n      - {id: speed, name: Speed}\n",
            ),
            sectors: file("data/sectors.yaml", "- {id: banks, name: Banks}\n"),
            companies: file(
                "data/companies.yaml",
                "- {id: a, name: A, sector: banks}\n- {id: b, name: B, sector: banks}\n- {id: c, name: C, sector: banks}\n- {id: d, name: D, sector: banks}\n",
            ),
            editions: vec![EditionFiles {
                stem: "2026".into(),
                yaml: file(
                    "data/editions/2026.yaml",
                    "year: 2026\nresults:\n  - {company: a, responses: 5, scores: {speed: 5}}\n",
                ),
                results: Vec::new(),
            }],
            static_files: Default::default(),
        };
        let mut diagnostics = Diagnostics::new();
        crate::model::validate::validate_data(&inputs, &mut diagnostics)
            .unwrap_or_else(|| panic!("{diagnostics}"))
    }

    /// Past the protocol's URLs per file, `sitemap.xml` becomes an index of parts that together
    /// hold every URL once, each part within the limit; under it, one file as before.
    #[test]
    fn a_sitemap_past_the_limit_is_split_under_an_index() {
        let site = site();
        let results = crate::model::scoring::score_site(&site);
        let data = crate::views::SiteData {
            site: &site,
            content: &Content::default(),
            results: &results,
            locales: &[],
        };
        let routes: Vec<Route> = crate::views::kinds::pages(&data)
            .into_iter()
            .map(|(_, route)| route)
            .collect();
        let whole = sitemap(&site, &routes);
        let total = whole.urls.len();
        assert!(total >= 20, "{total} URLs");
        let one = sitemap_files(&site, &routes, MAX_SITEMAP_URLS);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].urls.len(), total);
        assert!(one[0].sitemaps.is_empty());

        let split = sitemap_files(&site, &routes, 7);
        let (index, parts) = split.split_first().unwrap();
        assert!(index.urls.is_empty());
        assert_eq!(parts.len(), total.div_ceil(7));
        assert_eq!(
            index.sitemaps,
            (1..=parts.len())
                .map(|n| format!("https://example.org/sitemap-{n}.xml"))
                .collect::<Vec<_>>()
        );
        assert!(parts.iter().all(|p| p.urls.len() <= 7 && p.sitemaps.is_empty()));
        let locs: Vec<&str> = parts
            .iter()
            .flat_map(|p| p.urls.iter().map(|u| u.loc.as_str()))
            .collect();
        let expected: Vec<&str> = whole.urls.iter().map(|u| u.loc.as_str()).collect();
        assert_eq!(locs, expected);
    }
}
