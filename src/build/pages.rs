//! The list of everything the site consists of, and rendering it all into a [`Sink`] in
//! parallel. Each page builds its own small view; nothing is shared mutably between threads.

use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::draw::badges;
use crate::draw::previews::PreviewRenderer;
use crate::input::theme::Theme;
use crate::model::ShareImages;
use crate::render::Renderer;
use crate::render::export;
use crate::render::feeds;
use crate::routes::{Route, language_prefix};
use crate::sink::{PreviousPreviews, Sink};
use crate::views::{SiteData, ViewBuilder};

/// What a build produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
}

/// Every HTML page of one language tree, the same for every language.
pub fn routes(data: &SiteData) -> Vec<Route> {
    let site = data.site;
    let mut routes = vec![Route::Home];
    for results in data.results {
        routes.push(Route::Edition(results.year));
        for (index, sector) in site.sectors.iter().enumerate() {
            if data.has_sector_page(results, index) {
                routes.push(Route::Sector(results.year, sector.id.clone()));
            }
        }
    }
    routes.extend(site.companies.iter().map(|c| Route::Company(c.id.clone())));
    if !data.content.articles.is_empty() {
        routes.push(Route::Articles);
        routes.extend(
            data.content
                .articles
                .iter()
                .map(|a| Route::Article(a.slug.clone())),
        );
    }
    routes.push(Route::Methodology);
    routes.push(Route::NotFound);
    routes
}

enum Job<'a> {
    Page(usize, &'a Route),
    Preview(usize, &'a Route),
    EditionFiles(usize, usize),
    Feed(usize),
    SearchIndex(usize),
    Sitemap,
    Robots,
    Asset(&'a str, &'a std::path::Path),
}

/// Renders every page and file of the site into `sink`.
pub fn write_site(
    data: &SiteData,
    renderer: &Renderer,
    theme: &Theme,
    previews: &PreviewRenderer,
    previous: &PreviousPreviews,
    sink: &dyn Sink,
) -> Result<Counts> {
    let routes = routes(data);
    let languages = data.site.config.languages.len();
    // The few site-wide files (search index, sitemap, exports) each take as long as hundreds of
    // pages on a large site: they go first, so that no core is left with one of them at the end
    // while the other idles.
    let mut jobs: Vec<Job> = Vec::new();
    jobs.push(Job::Sitemap);
    for language in 0..languages {
        jobs.push(Job::SearchIndex(language));
        jobs.extend((0..data.results.len()).map(|edition| Job::EditionFiles(language, edition)));
        jobs.push(Job::Feed(language));
    }
    for language in 0..languages {
        jobs.extend(routes.iter().map(|route| Job::Page(language, route)));
        let share_images = data.site.config.share_images;
        jobs.extend(
            routes
                .iter()
                .filter(|r| match r {
                    Route::Company(_) => share_images == ShareImages::All,
                    Route::Edition(_) => share_images != ShareImages::None,
                    _ => false,
                })
                .map(|route| Job::Preview(language, route)),
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
    // Jobs carry indices into these lists, made from their lengths above.
    let locale_of = |language: usize| {
        data.locales
            .get(language)
            .ok_or_else(|| anyhow::anyhow!("no interface strings for language {language}"))
    };
    let progress = crate::build::progress::Progress::start(jobs.len(), "files");
    jobs.par_iter().try_for_each(|job| -> Result<()> {
        progress.tick();
        match job {
            Job::Page(language, route) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let file = route.file();
                let builder = ViewBuilder::new(data, locale, &file).with_renderer(renderer);
                let (template, built) = match route {
                    Route::Home => ("home.html", Some(builder.home()?)),
                    Route::Edition(year) => ("edition.html", Some(builder.edition(*year)?)),
                    Route::Sector(year, id) => {
                        let sector = data.site.sector_index(id).unwrap_or(0);
                        ("sector.html", Some(builder.sector(*year, sector)?))
                    }
                    Route::Company(id) => {
                        let company = data.site.company_index(id).unwrap_or(0);
                        ("company.html", Some(builder.company(company)?))
                    }
                    Route::Articles => ("articles.html", Some(builder.articles())),
                    Route::Article(slug) => {
                        let index = data
                            .content
                            .articles
                            .iter()
                            .position(|a| &a.slug == slug)
                            .unwrap_or(0);
                        ("article.html", builder.article(index)?)
                    }
                    Route::Methodology => ("methodology.html", Some(builder.methodology()?)),
                    Route::NotFound => ("404.html", Some(builder.not_found())),
                };
                let Some((layout, view)) = built else {
                    return Ok(());
                };
                let chart_count = match &view {
                    crate::views::PageView::Home(v) => v.charts.len(),
                    crate::views::PageView::Edition(v) => v.charts.len(),
                    crate::views::PageView::Sector(v) => v.charts.len(),
                    crate::views::PageView::Company(v) => v.charts.len(),
                    _ => 0,
                };
                let html = renderer
                    .render(template, &layout, &view, &locale.strings)
                    .with_context(|| {
                        format!("rendering {prefix}{file} with template {template} failed")
                    })?;
                sink.write(&format!("{prefix}{file}"), html.as_bytes())?;
                pages.fetch_add(1, Ordering::Relaxed);
                charts.fetch_add(chart_count, Ordering::Relaxed);
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::Preview(language, route) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let builder = ViewBuilder::new(data, locale, &route.file());
                let card = match route {
                    Route::Company(id) => {
                        builder.company_card(data.site.company_index(id).unwrap_or(0))
                    }
                    Route::Edition(year) => match builder.edition_card(*year) {
                        Some(card) => card,
                        None => return Ok(()),
                    },
                    _ => return Ok(()),
                };
                let latest = data.latest().map(|r| r.year);
                let Some(file) =
                    crate::views::preview_file(route, latest, data.site.config.share_images)
                else {
                    return Ok(());
                };
                let path = format!("{prefix}{file}");
                let svg = crate::draw::previews::card_svg(&card);
                let hash = crate::draw::previews::fingerprint(&svg);
                match previous.matching(&path, hash) {
                    Some(crate::sink::Reusable::File(old)) => sink.reuse(&path, &old)?,
                    Some(crate::sink::Reusable::Bytes(bytes)) => sink.write(&path, bytes)?,
                    None => {
                        let png = previews.png(&svg).map_err(|e| {
                            anyhow::anyhow!("drawing the preview {path} failed: {e}")
                        })?;
                        sink.write(&path, &png)?;
                    }
                }
                manifest
                    .lock()
                    .map_err(|_| anyhow::anyhow!("preview manifest lock poisoned"))?
                    .push(format!("{hash:016x} {path}"));
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::EditionFiles(language, edition) => {
                let results = data
                    .results
                    .get(*edition)
                    .ok_or_else(|| anyhow::anyhow!("no results for edition {edition}"))?;
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let year = results.year;
                sink.write(
                    &format!("{prefix}{year}/ranking.json"),
                    export::ranking_json(data.site, results, *language).as_bytes(),
                )?;
                sink.write(
                    &format!("{prefix}{year}/ranking.csv"),
                    &export::ranking_csv(data.site, results, *language),
                )?;
                let mut written = 2;
                for entry in results.ranked.iter().filter(|e| e.top || e.sector_winner) {
                    let id = &data.site.company(entry.company).id;
                    let svg = badges::seal_svg(locale, data.site, year, entry);
                    sink.write(&format!("{prefix}{year}/badges/{id}.svg"), svg.as_bytes())?;
                    written += 1;
                }
                files.fetch_add(written, Ordering::Relaxed);
            }
            Job::Feed(language) => {
                let prefix = language_prefix(&data.site.config.languages, *language);
                let xml = feeds::atom(data.site, data.content, locale_of(*language)?);
                sink.write(&format!("{prefix}atom.xml"), xml.as_bytes())?;
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::SearchIndex(language) => {
                let locale = locale_of(*language)?;
                let prefix = language_prefix(&data.site.config.languages, *language);
                let labels = crate::render::search::Labels {
                    company: locale.t("company"),
                    sector: locale.t("sector"),
                    article: locale.t("article"),
                };
                let script = crate::render::search::index_script(
                    data.site,
                    data.content,
                    data.results,
                    *language,
                    &labels,
                );
                sink.write(&format!("{prefix}search-index.js"), script.as_bytes())?;
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::Sitemap => {
                sink.write("sitemap.xml", feeds::sitemap(data.site, &routes).as_bytes())?;
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::Robots => {
                sink.write("robots.txt", feeds::robots(data.site).as_bytes())?;
                files.fetch_add(1, Ordering::Relaxed);
            }
            Job::Asset(path, from) => {
                sink.copy(path, from)?;
                files.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    })?;
    let mut manifest = manifest
        .into_inner()
        .map_err(|_| anyhow::anyhow!("preview manifest lock poisoned"))?;
    manifest.sort();
    manifest.push(String::new());
    sink.write(
        crate::sink::PREVIEW_MANIFEST,
        manifest.join("\n").as_bytes(),
    )?;
    Ok(Counts {
        pages: pages.into_inner(),
        charts: charts.into_inner(),
        files: files.into_inner(),
    })
}
