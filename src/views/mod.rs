//! What each page shows: the data handed to its template, built from the model, the results and
//! the commentary for one language. Pure: numbers are formatted here, once, with the page's
//! locale, so templates only place them.

mod articles;
mod cards;
mod chart_data;
mod commentary;
mod company;
mod compare;
mod edition;
mod exports;
mod home;
pub mod kinds;
mod leaders;
mod methodology;
mod search;
mod sector;
mod survey;
mod tables;
mod verify;

pub use self::{articles::*, cards::*, commentary::*, home::*, tables::*};

use serde::Serialize;

use self::kinds::{Built, CardKind, CommentaryScope, DataScope, PageKind, Plan};

use crate::content::{Commentary, Content, Translations};
use crate::draw::charts::{self, Bar, Chart, ChartError, Header, HistoryPoint, Pair, ScatterPoint};
use crate::locale::Locale;
use crate::model::reasons::NotRankedReason;
use crate::model::results::{EditionResults, Ranked, Standing};
use crate::model::{ShareImages, Site};
use crate::routes::{Linker, OutputFile, Route, absolute_file_url, absolute_url, language_prefix};

/// Every kind of page, in the order the site lists its pages: each descriptor sits beside its
/// view.
pub static PAGE_KINDS: &[&kinds::PageKind] = &[
    &home::HOME,
    &edition::EDITION,
    &edition::RANKING,
    &sector::SECTOR,
    &company::COMPANY,
    &verify::VERIFY,
    &articles::ARTICLES,
    &articles::ARTICLE,
    &methodology::METHODOLOGY,
    &compare::COMPARE,
    &articles::NOT_FOUND,
];

/// Everything the views read, shared by all pages.
pub struct SiteData<'a> {
    pub site: &'a Site,
    pub content: &'a Content,
    pub results: &'a [EditionResults],
    pub locales: &'a [Locale],
}

impl SiteData<'_> {
    /// The results of edition `year`. Routes and embeds only name years that have results, so
    /// `None` means a bug upstream, reported as an error rather than a panic.
    fn results_of(&self, year: i32) -> Result<&EditionResults, ChartError> {
        self.results
            .iter()
            .find(|r| r.year == year)
            .ok_or_else(|| ChartError(format!("no results for edition {year}")))
    }

    pub fn latest(&self) -> Option<&EditionResults> {
        self.results.last()
    }

    /// Whether company `company`'s page has a share card of its own with the site's
    /// `share_images` (its card shows its latest ranked result).
    pub fn company_has_card(&self, company: usize) -> bool {
        match self.site.config.share_images {
            ShareImages::All => true,
            ShareImages::Awards => self
                .results
                .iter()
                .rev()
                .find_map(|r| r.ranked_entry(company))
                .is_some_and(|entry| entry.awarded()),
            ShareImages::Editions | ShareImages::None => false,
        }
    }

    /// Whether the sector has a page in that edition (someone from it took part).
    pub fn has_sector_page(&self, results: &EditionResults, sector: usize) -> bool {
        results.has_sector_page(sector)
    }
}

/// The frame around every page: language, navigation, links to the other languages.
#[derive(Debug, Serialize)]
pub struct Layout {
    pub lang: String,
    /// `rtl` for a language written right to left (Arabic, Hebrew), else `ltr`.
    pub dir: &'static str,
    pub site_title: String,
    /// The site's notice (`notice` in site.yaml), if it has one.
    pub notice: Option<String>,
    /// For the site's title, description and notice: `{lang, dir}` when the text shown is
    /// another language's (no translation for this one), else nothing.
    pub site_title_lang: Option<crate::locale::WrittenIn>,
    pub site_description_lang: Option<crate::locale::WrittenIn>,
    pub notice_lang: Option<crate::locale::WrittenIn>,
    /// The `generator` meta: rankpress and its version.
    pub generator: &'static str,
    pub site_description: String,
    /// The `<title>` of the page.
    pub title: String,
    pub description: String,
    pub canonical: String,
    /// For paper: the edition the page shows (the latest where it shows none) and its date,
    /// "Most Customer-Oriented Service Providers 2026, published June 15, 2026".
    pub print_edition: Option<String>,
    pub root: String,
    pub home_href: String,
    pub stylesheet: String,
    /// The brand's stylesheet, after the theme's (`brand:` in site.yaml).
    pub brand_stylesheet: Option<String>,
    /// The brand's logo, shown before the site's title.
    pub logo: Option<String>,
    /// The site's own `static/assets/custom.css`, linked after the theme's and the brand's.
    pub custom_stylesheet: Option<String>,
    pub nav: Vec<Link>,
    pub alternates: Vec<Alternate>,
    pub editions: Vec<Link>,
    pub feed_href: String,
    pub search_index: String,
    pub search_script: String,
    pub table_script: String,
    /// Absolute URL of the share preview image, if the site has one for this page.
    pub og_image: Option<String>,
    pub og_image_alt: String,
    /// `website` or `article`.
    pub og_type: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The writing direction of the language's own name.
    pub dir: &'static str,
    pub label: String,
    pub href: String,
    pub url: String,
    pub current: bool,
}

/// The `dir` attribute for a language: CLDR says which are written right to left.
fn direction(locale: Option<&Locale>) -> &'static str {
    if locale.is_some_and(Locale::right_to_left) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The 404 page's own data: none, its texts are the interface strings.
#[derive(Debug, Serialize)]
pub struct NotFoundView {}

/// Why the view of a page could not be built.
#[derive(Debug)]
pub enum ViewError {
    Chart(ChartError),
    /// A table or chart embedded in commentary failed to render: the build stops with the place
    /// of the embed in its Markdown file.
    Embed(EmbedFailure),
}

impl From<ChartError> for ViewError {
    fn from(error: ChartError) -> Self {
        ViewError::Chart(error)
    }
}

impl std::fmt::Display for ViewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ViewError::Chart(error) => write!(f, "{error}"),
            ViewError::Embed(failure) => write!(f, "{failure}"),
        }
    }
}

impl std::error::Error for ViewError {}

/// An embed that failed to render, where it is written and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedFailure {
    /// The Markdown file, relative to the site.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The template that failed, when a template did.
    pub template: Option<String>,
    pub message: String,
}

impl std::fmt::Display for EmbedFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: the embed cannot be shown: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A Tera error with the causes it wraps: "Failed to render x" alone does not say what broke.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Builds the view of `route` in the language of `locale`.
pub struct ViewBuilder<'a> {
    pub data: &'a SiteData<'a>,
    pub locale: &'a Locale,
    pub linker: Linker,
    /// Renders embedded tables and charts through the theme; without it embeds stay empty.
    renderer: Option<&'a crate::render::Renderer>,
}

impl<'a> ViewBuilder<'a> {
    pub fn new(data: &'a SiteData<'a>, locale: &'a Locale, file: &str) -> Self {
        let prefix = language_prefix(&data.site.config.languages, locale.index);
        let linker = if file == Route::not_found().file() {
            // A host shows 404.html at whatever address was not found, so relative links would
            // point into the wrong folder: this page links from the site's root path instead.
            Linker::from_root(crate::routes::site_path(&data.site.config.base_url), prefix)
        } else {
            Linker::for_file(&format!("{prefix}{file}"), prefix)
        };
        ViewBuilder {
            data,
            locale,
            linker,
            renderer: None,
        }
    }

    /// A builder for the Atom feed of `locale`'s language: its links are absolute, since a feed
    /// reader shows the text away from the site. See [`ViewBuilder::feed_html`].
    pub fn for_feed(data: &'a SiteData<'a>, locale: &'a Locale) -> Self {
        let prefix = language_prefix(&data.site.config.languages, locale.index);
        ViewBuilder {
            data,
            locale,
            linker: Linker::from_root(data.site.config.base_url.clone(), prefix),
            renderer: None,
        }
    }

    /// Embeds in commentary are rendered with `renderer`'s templates.
    pub fn with_renderer(mut self, renderer: &'a crate::render::Renderer) -> Self {
        self.renderer = Some(renderer);
        self
    }

    fn lang(&self) -> usize {
        self.locale.index
    }

    fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    fn company_name(&self, company: usize) -> String {
        self.data
            .site
            .company(company)
            .name
            .get(self.lang())
            .to_string()
    }

    fn sector_name(&self, sector: usize) -> String {
        self.data
            .site
            .sector(sector)
            .name
            .get(self.lang())
            .to_string()
    }

    fn edition_title(&self, year: i32) -> String {
        self.data.site.edition_title(year, self.lang())
    }

    /// The edition a printed page names in its footer: the page's own, or the latest.
    fn print_edition(&self, route: &Route, latest: Option<i32>) -> Option<String> {
        let year = route.edition_year().or(latest)?;
        let title = self.edition_title(year);
        let edition = self.data.site.edition(year);
        Some(match edition.and_then(|e| e.published) {
            Some(date) => self.locale.t_embedding(
                "print_edition",
                &[("edition", &title), ("date", &self.locale.date(&date))],
            ),
            None => title,
        })
    }

    /// The frame of the page at `route`, titled `title`.
    pub fn layout(&self, route: &Route, title: &str, description: &str) -> Layout {
        let config = &self.data.site.config;
        let site_title = config.title.get(self.lang()).to_string();
        let full_title = if route.place.site_title || title.is_empty() {
            site_title.clone()
        } else {
            format!("{title} – {site_title}")
        };
        let latest = self.data.latest().map(|r| r.year);
        let nav_items: Vec<(String, Route)> = [
            Some((self.t("nav_home"), Route::home())),
            latest.map(|year| (self.t("nav_ranking"), Route::edition(year))),
            latest.map(|_| (self.t("nav_compare"), Route::compare())),
            (!self.data.content.articles.is_empty())
                .then(|| (self.t("nav_articles"), Route::articles())),
            Some((self.t("nav_methodology"), Route::methodology())),
        ]
        .into_iter()
        .flatten()
        .collect();
        let current_section = route.section();
        let nav = nav_items
            .into_iter()
            .map(|(label, target)| Link {
                href: self.linker.page(&target),
                current: target == current_section,
                label,
            })
            .collect();
        let alternates = config
            .languages
            .iter()
            .enumerate()
            .map(|(index, code)| {
                let prefix = language_prefix(&config.languages, index);
                let locale = self.data.locales.get(index);
                let label = locale.map_or_else(|| code.clone(), |l| l.t("language_name"));
                Alternate {
                    lang: code.clone(),
                    dir: direction(locale),
                    label,
                    href: self.linker.page_in(&prefix, route),
                    url: absolute_url(&config.base_url, &prefix, route),
                    current: index == self.lang(),
                }
            })
            .collect();
        let editions = self
            .data
            .results
            .iter()
            .rev()
            .map(|r| Link {
                label: r.year.to_string(),
                href: self.linker.page(&Route::edition(r.year)),
                current: route.place.edition_menu && route.year == r.year,
            })
            .collect();
        let prefix = language_prefix(&config.languages, self.lang());
        let preview = preview_file(self.data, route, latest);
        let og_image_alt = if preview
            .as_ref()
            .is_some_and(|file| matches!(file, OutputFile::CompanyCard(_)))
        {
            self.locale
                .t_embedding("preview_company_alt", &[("company", title)])
        } else {
            self.t("preview_edition_alt")
        };
        Layout {
            search_index: self.linker.file(&OutputFile::SearchIndex),
            search_script: self.linker.asset("assets/search.js"),
            table_script: self.linker.asset("assets/table.js"),
            og_image: preview.map(|file| absolute_file_url(&config.base_url, &prefix, &file)),
            og_image_alt,
            og_type: if route.place.article {
                "article"
            } else {
                "website"
            },
            lang: self.locale.code.clone(),
            dir: direction(Some(self.locale)),
            site_title,
            site_title_lang: self.written_in(&config.title),
            site_description_lang: config
                .description
                .as_ref()
                .and_then(|d| self.written_in(d)),
            notice_lang: config.notice.as_ref().and_then(|n| self.written_in(n)),
            notice: config
                .notice
                .as_ref()
                .map(|n| n.get(self.lang()).to_string()),
            generator: concat!("rankpress ", env!("CARGO_PKG_VERSION")),
            site_description: config
                .description
                .as_ref()
                .map(|d| d.get(self.lang()).to_string())
                .unwrap_or_default(),
            title: full_title,
            description: description.to_string(),
            canonical: absolute_url(&config.base_url, &prefix, route),
            print_edition: self.print_edition(route, latest),
            root: self.linker.root.clone(),
            home_href: self.linker.page(&Route::home()),
            stylesheet: self.linker.asset("assets/style.css"),
            brand_stylesheet: config
                .brand
                .as_ref()
                .map(|_| self.linker.file(&OutputFile::BrandCss)),
            logo: config
                .brand
                .as_ref()
                .and_then(|b| b.logo.as_deref())
                .map(|logo| self.linker.asset(logo)),
            custom_stylesheet: config
                .custom_stylesheet
                .then(|| self.linker.asset("assets/custom.css")),
            nav,
            alternates,
            editions,
            feed_href: self.linker.file(&OutputFile::Feed),
        }
    }
}

#[cfg(test)]
mod tests;

impl ViewBuilder<'_> {
    /// The `lang` and `dir` of `text` on this page when it is shown in another language.
    pub(crate) fn written_in(&self, text: &crate::model::text::Text) -> Option<crate::locale::WrittenIn> {
        text.fallback_of(self.lang())
            .and_then(|code| self.locale.written_in(code))
    }

    /// The `lang` and `dir` of sector `sector`'s name where this page shows it in another
    /// language (data/sectors.yaml has none in the page's).
    pub(crate) fn sector_lang(&self, sector: usize) -> Option<crate::locale::WrittenIn> {
        self.written_in(&self.data.site.sector(sector).name)
    }

    /// The `lang` and `dir` of perspective `perspective`'s name where this page shows it in
    /// another language.
    pub(crate) fn perspective_lang(&self, perspective: usize) -> Option<crate::locale::WrittenIn> {
        self.written_in(&self.data.site.methodology.perspective(perspective).name)
    }
}

