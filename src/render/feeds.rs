//! What the files for machines other than browsers show: `sitemap.xml` with language
//! alternates, an Atom feed per language, and `robots.txt`, each filled in by the theme's
//! template of that name (a theme without one gets rankpress's own). Pure. Dates come from the
//! data, never from the clock.

use crate::content::Content;
use serde::Serialize;

use crate::locale::Locale;
use crate::model::Site;
use crate::routes::{Route, absolute_url, language_prefix};

/// What the sitemap template (`sitemap.xml`) receives as `page`.
#[derive(Debug, Serialize)]
pub struct SitemapView {
    pub urls: Vec<SitemapUrl>,
}

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
    SitemapView { urls }
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
