//! Files for machines other than browsers: `sitemap.xml` with language alternates, an Atom feed
//! per language, and `robots.txt`. Pure. Dates come from the data, never from the clock.

use crate::content::Content;
use crate::escape::escape_xml;
use crate::locale::Locale;
use crate::model::Site;
use crate::routes::{Route, absolute_url, language_prefix};

/// Every page of the site in every language, each with its alternates.
pub fn sitemap(site: &Site, routes: &[Route]) -> String {
    let config = &site.config;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for route in routes.iter().filter(|r| !r.place.anywhere) {
        for language in 0..config.languages.len() {
            let prefix = language_prefix(&config.languages, language);
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&escape_xml(&absolute_url(&config.base_url, &prefix, route)));
            xml.push_str("</loc>\n");
            if config.languages.len() > 1 {
                for (other, code) in config.languages.iter().enumerate() {
                    let other_prefix = language_prefix(&config.languages, other);
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape_xml(code),
                        escape_xml(&absolute_url(&config.base_url, &other_prefix, route))
                    ));
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}{}\n",
        site.config.base_url,
        crate::routes::OutputFile::Sitemap.path()
    )
}

struct Entry {
    title: String,
    url: String,
    date: crate::date::Date,
    summary: Option<String>,
    html: Option<String>,
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
pub fn atom(site: &Site, content: &Content, locale: &Locale, html: &[Option<String>]) -> String {
    let config = &site.config;
    let language = locale.index;
    let prefix = language_prefix(&config.languages, language);
    let mut entries: Vec<Entry> = Vec::new();
    for (article, html) in content.articles.iter().zip(html) {
        if let (Some(commentary), Some(html)) = (article.translations.get(language), html) {
            entries.push(Entry {
                title: commentary
                    .title
                    .clone()
                    .unwrap_or_else(|| article.slug.clone()),
                url: article_url(site, language, &article.slug),
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
            entries.push(Entry {
                title,
                url: absolute_url(&config.base_url, &prefix, &Route::edition(edition.year)),
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
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}atom.xml\"/>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(config.language(language)),
        escape_xml(config.title.get(language)),
        escape_xml(&home),
        escape_xml(&home),
        escape_xml(&home),
        escape_xml(config.title.get(language)),
    );
    for entry in &entries {
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n",
            escape_xml(&entry.title),
            escape_xml(&entry.url),
            escape_xml(&entry.url),
            entry.date.rfc3339()
        ));
        if let Some(summary) = &entry.summary {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape_xml(summary)));
        }
        if let Some(html) = &entry.html {
            // Links the author wrote relative to the article resolve from the article's address,
            // not from the feed's (which is in another folder).
            xml.push_str(&format!(
                "    <content type=\"html\" xml:base=\"{}\">{}</content>\n",
                escape_xml(&entry.url),
                escape_xml(html)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
