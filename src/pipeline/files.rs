//! The files a site has besides its pages and share cards, one descriptor each, in one list:
//! whether each language has its own, how many there are, what their fingerprint depends on,
//! and how each is made. The executor ([`super::pages`]) reads the descriptors and matches on
//! no kind of file.

use crate::draw::badges;
use crate::locale::Locale;
use crate::render::{Renderer, export, feeds};
use crate::routes::{OutputFile, Route};
use crate::views::{SiteData, ViewBuilder};

use super::pages::RenderError;

/// What a file's making may read.
pub struct Making<'a> {
    pub data: &'a SiteData<'a>,
    /// The language of a per-language file (the first language's for a site-wide one).
    pub locale: &'a Locale,
    pub renderer: &'a Renderer,
    /// Every page's route, in the site's order.
    pub routes: &'a [Route],
}

impl Making<'_> {
    /// The theme's `template` filled with `view`.
    fn render(
        &self,
        template: &'static str,
        view: &impl serde::Serialize,
    ) -> Result<Vec<u8>, RenderError> {
        self.renderer
            .render_file(template, view, &self.locale.strings)
            .map(String::into_bytes)
            .map_err(|error| RenderError::Template {
                path: template.to_string(),
                template,
                error,
            })
    }
}

/// Makes the bytes of one output file.
pub type Make<'a> = &'a dyn Fn() -> Result<Vec<u8>, RenderError>;

/// Receives each file a descriptor makes: where it goes, and how to make it if the previous
/// build's copy cannot be taken over.
pub type Emit<'a> = &'a mut dyn FnMut(OutputFile, Make) -> Result<(), RenderError>;

/// What a file's fingerprint depends on besides the presentation and the data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKey {
    /// It shows all the commentary (feed, search, sitemap).
    WithAllContent,
    /// It shows no commentary (exports, seals, comparison data).
    WithoutContent,
    /// Made and written every build, not recorded (robots.txt: too small to be worth it).
    Always,
}

/// Everything the build knows of one kind of file.
pub struct FileKind {
    /// For messages and fingerprints.
    pub name: &'static str,
    /// Whether each language has its own copy, under its language folder.
    pub per_language: bool,
    /// How many instances there are (one per edition, or one).
    pub count: fn(&SiteData) -> usize,
    pub key: FileKey,
    /// Makes the files of instance `index`, handing each to `emit`.
    pub make: fn(&Making, usize, Emit) -> Result<(), RenderError>,
}

/// Every kind of file besides the pages, in the order the build starts them: the few site-wide
/// files each take as long as hundreds of pages on a large site, so they go first.
pub static FILE_KINDS: &[&FileKind] = &[
    &SITEMAP,
    &SEARCH_INDEX,
    &COMPARE_DATA,
    &EDITION_FILES,
    &FEED,
    &ROBOTS,
    &BRAND,
];

static SITEMAP: FileKind = FileKind {
    name: "sitemap",
    per_language: false,
    count: |_| 1,
    key: FileKey::WithAllContent,
    make: |m, _, emit| {
        let files = feeds::sitemap_files(m.data.site, m.routes, feeds::MAX_SITEMAP_URLS);
        for (n, view) in files.iter().enumerate() {
            let file = if n == 0 {
                OutputFile::Sitemap
            } else {
                OutputFile::SitemapPart(n)
            };
            emit(file, &|| m.render("sitemap.xml", view))?;
        }
        Ok(())
    },
};

static ROBOTS: FileKind = FileKind {
    name: "robots",
    per_language: false,
    count: |_| 1,
    key: FileKey::Always,
    make: |m, _, emit| {
        emit(OutputFile::Robots, &|| {
            m.render("robots.txt", &feeds::robots(m.data.site))
        })
    },
};

static BRAND: FileKind = FileKind {
    name: "brand",
    per_language: false,
    count: |data| usize::from(data.site.config.brand.is_some()),
    key: FileKey::Always,
    make: |m, _, emit| {
        let Some(brand) = &m.data.site.config.brand else {
            return Ok(());
        };
        // The font file is copied from static/ to the same path under the output's root.
        let font_url = brand
            .font
            .as_ref()
            .and_then(|f| f.file.as_ref())
            .map(|file| format!("../{file}"));
        emit(OutputFile::BrandCss, &|| {
            Ok(crate::model::brand::stylesheet(brand, font_url.as_deref()).into_bytes())
        })
    },
};

static SEARCH_INDEX: FileKind = FileKind {
    name: "search",
    per_language: true,
    count: |_| 1,
    key: FileKey::WithAllContent,
    make: |m, _, emit| {
        let parts = ViewBuilder::for_feed(m.data, m.locale).search_index();
        for (n, part) in parts.iter().enumerate() {
            let file = if n == 0 {
                OutputFile::SearchIndex
            } else {
                OutputFile::SearchIndexPart(n + 1)
            };
            emit(file, &|| Ok(part.clone().into_bytes()))?;
        }
        Ok(())
    },
};

static COMPARE_DATA: FileKind = FileKind {
    name: "compare",
    per_language: true,
    count: |data| usize::from(!data.results.is_empty()),
    key: FileKey::WithoutContent,
    make: |m, _, emit| {
        emit(OutputFile::CompareData, &|| {
            let page = Route::compare().file();
            let script = ViewBuilder::new(m.data, m.locale, &page).compare_data();
            Ok(script.into_bytes())
        })
    },
};

/// An edition's exports and seals: they show no commentary, the data and presentation key them.
static EDITION_FILES: FileKind = FileKind {
    name: "edition files",
    per_language: true,
    count: |data| data.results.len(),
    key: FileKey::WithoutContent,
    make: |m, edition, emit| {
        let Some(results) = m.data.results.get(edition) else {
            return Ok(());
        };
        let (site, language, year) = (m.data.site, m.locale.index, results.year);
        let words = ViewBuilder::for_feed(m.data, m.locale);
        let reasons = words.not_ranked_reasons(results);
        emit(OutputFile::RankingJson(year), &|| {
            Ok(export::ranking_json(site, results, language, &reasons).into_bytes())
        })?;
        emit(OutputFile::RankingCsv(year), &|| {
            Ok(export::ranking_csv(site, results, language, &reasons))
        })?;
        emit(OutputFile::RankingSheet(year), &|| {
            Ok(export::sheet_csv(&words.ranking_sheet(results)))
        })?;
        let valid_until = site
            .edition(year)
            .and_then(|e| e.valid_until)
            .map(|d| m.locale.date(&d));
        for entry in results.ranked.iter().filter(|e| e.awarded()) {
            let seal = OutputFile::Seal {
                year,
                company: site.company(entry.company).id.clone(),
            };
            emit(seal, &|| {
                let svg = badges::seal_svg(m.locale, site, year, entry, valid_until.as_deref());
                Ok(svg.into_bytes())
            })?;
        }
        Ok(())
    },
};

static FEED: FileKind = FileKind {
    name: "feed",
    per_language: true,
    count: |_| 1,
    key: FileKey::WithAllContent,
    make: |m, _, emit| {
        emit(OutputFile::Feed, &|| {
            let (data, language) = (m.data, m.locale.index);
            let builder = ViewBuilder::for_feed(data, m.locale);
            let html = data
                .content
                .articles
                .iter()
                .map(|article| {
                    let url = feeds::article_url(data.site, language, &article.slug);
                    article
                        .translations
                        .get(language)
                        .map(|commentary| builder.feed_html(commentary, &url))
                        .transpose()
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| RenderError::View {
                    path: OutputFile::Feed.path(),
                    error,
                })?;
            m.render(
                "atom.xml",
                &feeds::atom(data.site, data.content, m.locale, &html),
            )
        })
    },
};
