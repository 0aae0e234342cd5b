//! The list of everything the site consists of, and rendering it all into a [`Sink`] in
//! parallel. Each page builds its own small view; nothing is shared mutably between threads.

use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::draw::badges;
use crate::draw::previews::PreviewRenderer;
use crate::input::theme::Theme;
use crate::model::ShareImages;
use crate::pipeline::fingerprints::InputKeys;
use crate::render::Renderer;
use crate::render::export;
use crate::render::feeds;
use crate::routes::{OutputFile, Page, Route, language_prefix};
use crate::sink::{PreviousFingerprints, Recorded, Sink, fingerprint_line};
use crate::views::{SiteData, ViewBuilder};

/// What a build produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
    /// Pages and files taken over from the previous build: nothing they depend on changed.
    pub unchanged: usize,
}

/// What the build does per page kind.
trait PageJobs {
    fn route(&self, data: &SiteData) -> Route;
    fn has_card(&self, share_images: ShareImages) -> bool;
}

impl PageJobs for Page {
    /// Where the page lives.
    fn route(&self, data: &SiteData) -> Route {
        match *self {
            Page::Home => Route::Home,
            Page::Edition(year) => Route::Edition(year),
            Page::Sector(year, sector) => Route::Sector(year, data.site.sector(sector).id.clone()),
            Page::Company(company) => Route::Company(data.site.company(company).id.clone()),
            Page::Articles => Route::Articles,
            Page::Article(index) => Route::Article(
                data.content
                    .articles
                    .get(index)
                    .map(|a| a.slug.clone())
                    .unwrap_or_default(),
            ),
            Page::Methodology => Route::Methodology,
            Page::Compare => Route::Compare,
            Page::Verify(year, company) => {
                Route::Verify(year, data.site.company(company).id.clone())
            }
            Page::NotFound => Route::NotFound,
        }
    }

    /// Whether the page gets a share card of its own, given the site's setting.
    fn has_card(&self, share_images: ShareImages) -> bool {
        match self {
            Page::Company(_) => share_images == ShareImages::All,
            Page::Edition(_) => share_images != ShareImages::None,
            Page::Home
            | Page::Sector(..)
            | Page::Articles
            | Page::Article(_)
            | Page::Methodology
            | Page::Verify(..)
            | Page::Compare
            | Page::NotFound => false,
        }
    }
}

/// The share card `page` draws itself with the site's `share_images`, if any: a company's or an
/// edition's.
pub(crate) fn card_of(
    builder: &ViewBuilder,
    page: Page,
    share_images: ShareImages,
) -> Option<crate::draw::previews::Card> {
    if !page.has_card(share_images) {
        return None;
    }
    match page {
        Page::Company(company) => Some(builder.company_card(company)),
        Page::Edition(year) => builder.edition_card(year),
        // `has_card` names the pages with a card of their own.
        _ => None,
    }
}

/// Every HTML page of one language tree, the same for every language, with its route.
pub fn pages(data: &SiteData) -> Vec<(Page, Route)> {
    let site = data.site;
    let mut pages = vec![Page::Home];
    for results in data.results {
        pages.push(Page::Edition(results.year));
        for index in 0..site.sectors.len() {
            if data.has_sector_page(results, index) {
                pages.push(Page::Sector(results.year, index));
            }
        }
    }
    pages.extend((0..site.companies.len()).map(Page::Company));
    // A check page for every seal: each awarded company in each edition.
    for results in data.results {
        pages.extend(
            results
                .ranked
                .iter()
                .filter(|e| e.awarded())
                .map(|e| Page::Verify(results.year, e.company)),
        );
    }
    if !data.content.articles.is_empty() {
        pages.push(Page::Articles);
        pages.extend((0..data.content.articles.len()).map(Page::Article));
    }
    pages.push(Page::Methodology);
    if !data.results.is_empty() {
        pages.push(Page::Compare);
    }
    pages.push(Page::NotFound);
    pages
        .into_iter()
        .map(|page| (page, page.route(data)))
        .collect()
}

/// The routes of [`pages`].
pub fn routes(data: &SiteData) -> Vec<Route> {
    pages(data).into_iter().map(|(_, route)| route).collect()
}

enum Job<'a> {
    Page(usize, Page, &'a Route),
    Preview(usize, Page, &'a Route),
    EditionFiles(usize, usize),
    Feed(usize),
    SearchIndex(usize),
    CompareData(usize),
    Sitemap,
    Robots,
    Asset(&'a str, &'a std::path::Path),
}

/// Renders every page and file of the site into `sink`.
pub fn write_site(
    data: &SiteData,
    renderer: &Renderer,
    theme: &Theme,
    previews: Option<&PreviewRenderer>,
    keys: &InputKeys,
    previous: &PreviousFingerprints,
    sink: &dyn Sink,
) -> Result<Counts> {
    let pages = pages(data);
    let routes: Vec<Route> = pages.iter().map(|(_, route)| route.clone()).collect();
    let languages = data.site.config.languages.len();
    // The few site-wide files (search index, sitemap, exports) each take as long as hundreds of
    // pages on a large site: they go first, so that no core is left with one of them at the end
    // while the other idles.
    let mut jobs: Vec<Job> = Vec::new();
    jobs.push(Job::Sitemap);
    for language in 0..languages {
        jobs.push(Job::SearchIndex(language));
        if !data.results.is_empty() {
            jobs.push(Job::CompareData(language));
        }
        jobs.extend((0..data.results.len()).map(|edition| Job::EditionFiles(language, edition)));
        jobs.push(Job::Feed(language));
    }
    let share_images = data.site.config.share_images;
    for language in 0..languages {
        jobs.extend(
            pages
                .iter()
                .map(|(page, route)| Job::Page(language, *page, route)),
        );
        jobs.extend(
            pages
                .iter()
                .filter(|(page, _)| previews.is_some() && page.has_card(share_images))
                .map(|(page, route)| Job::Preview(language, *page, route)),
        );
    }
    jobs.push(Job::Robots);
    jobs.extend(
        theme
            .assets
            .iter()
            .map(|(path, from)| Job::Asset(path, from)),
    );

    let manifest = std::sync::Mutex::new(Vec::new());
    let pages = AtomicUsize::new(0);
    let charts = AtomicUsize::new(0);
    let files = AtomicUsize::new(0);
    let unchanged = AtomicUsize::new(0);
    let record = |recorded: Recorded, path: &str| -> Result<()> {
        manifest
            .lock()
            .map_err(|_| anyhow::anyhow!("fingerprint list lock poisoned"))?
            .push(fingerprint_line(recorded, path));
        Ok(())
    };
    // A file whose inputs did not change since the previous build is taken over from it; the
    // others are made by `make`, which returns the bytes and the number of charts.
    let file_from = |path: &str,
                     hash: u64,
                     make: &dyn Fn() -> Result<Option<(Vec<u8>, usize)>>|
     -> Result<Option<usize>> {
        let recorded = match previous.take_over(sink, path, hash)? {
            Some(recorded) => {
                unchanged.fetch_add(1, Ordering::Relaxed);
                recorded
            }
            None => {
                let Some((bytes, charts)) = make()? else {
                    return Ok(None);
                };
                sink.write(path, &bytes)?;
                Recorded {
                    hash,
                    charts,
                    len: bytes.len() as u64,
                }
            }
        };
        record(recorded, path)?;
        files.fetch_add(1, Ordering::Relaxed);
        Ok(Some(recorded.charts))
    };
    // Jobs carry indices into these lists, made from their lengths above.
    let locale_of = |language: usize| {
        data.locales
            .get(language)
            .ok_or_else(|| anyhow::anyhow!("no interface strings for language {language}"))
    };
    let progress = crate::pipeline::progress::Progress::start(jobs.len(), "files");
    // Each job its own task: rayon otherwise cuts the list into a few runs, one per core and
    // then some, and a core that took the run holding the site-wide files and the pages of many
    // companies renders them all alone while the other takes over unchanged files and idles (a
    // data save in the dev server, a rebuild).
    let each_its_own_task = jobs.par_iter().with_max_len(1);
    each_its_own_task.try_for_each(|job| -> Result<()> {
        progress.tick();
        match job {
            Job::Page(language, page, route) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let file = route.file();
                let path = format!("{prefix}{file}");
                let hash = keys.page(*page, *language, data.content);
                let made = file_from(&path, hash, &|| {
                    let builder = ViewBuilder::new(data, locale, &file).with_renderer(renderer);
                    let template = page.template();
                    let built = match *page {
                        Page::Home => Some(builder.home()?),
                        Page::Edition(year) => Some(builder.edition(year)?),
                        Page::Sector(year, sector) => Some(builder.sector(year, sector)?),
                        Page::Company(company) => Some(builder.company(company)?),
                        Page::Articles => Some(builder.articles()),
                        Page::Article(index) => builder.article(index)?,
                        Page::Methodology => Some(builder.methodology()?),
                        Page::Verify(year, company) => builder.verify(year, company),
                        Page::Compare => builder.compare(),
                        Page::NotFound => Some(builder.not_found()),
                    };
                    let Some((layout, view)) = built else {
                        return Ok(None);
                    };
                    let html = renderer
                        .render(template, &layout, &view, &locale.strings)
                        .with_context(|| {
                            format!("rendering {path} with template {template} failed")
                        })?;
                    Ok(Some((html.into_bytes(), view.chart_count())))
                })?;
                if let Some(chart_count) = made {
                    pages.fetch_add(1, Ordering::Relaxed);
                    charts.fetch_add(chart_count, Ordering::Relaxed);
                }
            }
            Job::Preview(language, page, route) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let latest = data.latest().map(|r| r.year);
                let Some(file) =
                    crate::views::preview_file(route, latest, data.site.config.share_images)
                else {
                    return Ok(());
                };
                let path = file.output_path(&prefix);
                file_from(&path, keys.card(*page, *language), &|| {
                    let Some(previews) = previews else {
                        return Ok(None);
                    };
                    let builder = ViewBuilder::new(data, locale, &route.file());
                    let Some(card) = card_of(&builder, *page, data.site.config.share_images) else {
                        return Ok(None);
                    };
                    let png = previews
                        .png(&card)
                        .map_err(|e| anyhow::anyhow!("drawing the preview {path} failed: {e}"))?;
                    Ok(Some((png, 0)))
                })?;
            }
            Job::EditionFiles(language, edition) => {
                let results = data
                    .results
                    .get(*edition)
                    .ok_or_else(|| anyhow::anyhow!("no results for edition {edition}"))?;
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let year = results.year;
                // The exports and seals show no commentary: the data and presentation key them.
                let hash = keys.without_content(&format!("edition files {year}"), *language);
                file_from(
                    &OutputFile::RankingJson(year).output_path(&prefix),
                    hash,
                    &|| {
                        let json = export::ranking_json(data.site, results, *language);
                        Ok(Some((json.into_bytes(), 0)))
                    },
                )?;
                file_from(
                    &OutputFile::RankingCsv(year).output_path(&prefix),
                    hash,
                    &|| {
                        Ok(Some((
                            export::ranking_csv(data.site, results, *language),
                            0,
                        )))
                    },
                )?;
                let valid_until = data
                    .site
                    .editions
                    .iter()
                    .find(|e| e.year == year)
                    .and_then(|e| e.valid_until)
                    .map(|d| locale.date(&d));
                for entry in results.ranked.iter().filter(|e| e.awarded()) {
                    let seal = OutputFile::Seal {
                        year,
                        company: data.site.company(entry.company).id.clone(),
                    };
                    file_from(&seal.output_path(&prefix), hash, &|| {
                        let svg = badges::seal_svg(
                            locale,
                            data.site,
                            year,
                            entry,
                            valid_until.as_deref(),
                        );
                        Ok(Some((svg.into_bytes(), 0)))
                    })?;
                }
            }
            Job::Feed(language) => {
                let prefix = language_prefix(&data.site.config.languages, *language);
                let locale = locale_of(*language)?;
                file_from(
                    &OutputFile::Feed.output_path(&prefix),
                    keys.with_all_content("feed", *language),
                    &|| {
                        let builder = ViewBuilder::for_feed(data, locale);
                        let html = data
                            .content
                            .articles
                            .iter()
                            .map(|article| {
                                let url = feeds::article_url(data.site, *language, &article.slug);
                                article
                                    .translations
                                    .get(*language)
                                    .map(|commentary| builder.feed_html(commentary, &url))
                                    .transpose()
                            })
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok(Some((
                            feeds::atom(data.site, data.content, locale, &html).into_bytes(),
                            0,
                        )))
                    },
                )?;
            }
            Job::SearchIndex(language) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let path = OutputFile::SearchIndex.output_path(&prefix);
                let hash = keys.with_all_content("search", *language);
                file_from(&path, hash, &|| {
                    // Each company's latest result as the search shows it: "rank 3, score 92.7 (2026)".
                    let mut latest_results = vec![None; data.site.companies.len()];
                    for results in data.results {
                        for entry in &results.ranked {
                            if let Some(slot) = latest_results.get_mut(entry.company) {
                                *slot = Some(locale.t_with(
                                    "search_result",
                                    &[
                                        ("rank", &entry.rank.to_string()),
                                        ("score", &locale.units(entry.units)),
                                        ("year", &results.year.to_string()),
                                    ],
                                ));
                            }
                        }
                    }
                    let labels = crate::render::search::Labels {
                        company: locale.t("company"),
                        sector: locale.t("sector"),
                        article: locale.t("article"),
                        latest_results,
                    };
                    let script = crate::render::search::index_script(
                        data.site,
                        data.content,
                        data.results,
                        *language,
                        &labels,
                    );
                    Ok(Some((script.into_bytes(), 0)))
                })?;
            }
            Job::CompareData(language) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let page = Route::Compare.file();
                file_from(
                    &OutputFile::CompareData.output_path(&prefix),
                    keys.without_content("compare", *language),
                    &|| {
                        let script = ViewBuilder::new(data, locale, &page).compare_data();
                        Ok(Some((script.into_bytes(), 0)))
                    },
                )?;
            }
            Job::Sitemap => {
                file_from(
                    &OutputFile::Sitemap.path(),
                    keys.with_all_content("sitemap", 0),
                    &|| Ok(Some((feeds::sitemap(data.site, &routes).into_bytes(), 0))),
                )?;
            }
            Job::Robots => {
                sink.write(
                    &OutputFile::Robots.path(),
                    feeds::robots(data.site).as_bytes(),
                )?;
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::Asset(path, from) => {
                sink.copy(&OutputFile::Asset(path.to_string()).path(), from)?;
                files.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    })?;
    let mut manifest = manifest
        .into_inner()
        .map_err(|_| anyhow::anyhow!("fingerprint list lock poisoned"))?;
    manifest.sort();
    manifest.push(String::new());
    sink.write(crate::sink::FINGERPRINTS, manifest.join("\n").as_bytes())?;
    Ok(Counts {
        pages: pages.into_inner(),
        charts: charts.into_inner(),
        files: files.into_inner(),
        unchanged: unchanged.into_inner(),
    })
}
