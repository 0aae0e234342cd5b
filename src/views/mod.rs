//! What each page shows: the data handed to its template, built from the model, the results and
//! the commentary for one language. Pure: numbers are formatted here, once, with the page's
//! locale, so templates only place them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::{Commentary, Content, Translations};
use crate::draw::charts::{self, Bar, Chart, ChartError, Header, HistoryPoint, Pair, ScatterPoint};
use crate::locale::Locale;
use crate::model::scoring::{EditionResults, NotRankedReason, Ranked, Standing};
use crate::model::{ShareImages, Site};
use crate::routes::{Linker, Route, absolute_url, language_prefix};

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

    /// Whether the sector has a page in that edition (someone from it took part).
    pub fn has_sector_page(&self, results: &EditionResults, sector: usize) -> bool {
        let s = &results.sector(sector);
        !s.ranked.is_empty() || !s.not_ranked.is_empty()
    }
}

/// The frame around every page: language, navigation, links to the other languages.
#[derive(Debug, Serialize)]
pub struct Layout {
    pub lang: String,
    pub site_title: String,
    pub site_description: String,
    /// The `<title>` of the page.
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub root: String,
    pub home_href: String,
    pub stylesheet: String,
    pub nav: Vec<Link>,
    pub alternates: Vec<Alternate>,
    pub editions: Vec<Link>,
    pub feed_href: String,
    pub search_index: String,
    pub search_script: String,
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
    pub label: String,
    pub href: String,
    pub url: String,
    pub current: bool,
}

/// A commentary as the page shows it, with the language it is actually written in.
#[derive(Debug, Serialize)]
pub struct CommentaryView {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub html: String,
    /// Set when the text falls back to another language, for the `lang` attribute.
    pub lang: Option<String>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// `up`, `down`, `same` or `new`.
    pub direction: &'static str,
    pub rank: String,
    pub score: String,
    /// The whole change in words, for screen readers and tooltips.
    pub label: String,
}

/// One line of a ranking table.
#[derive(Debug, Serialize)]
pub struct RowView {
    pub rank: usize,
    pub tied: bool,
    pub sector_rank: usize,
    pub name: String,
    pub href: String,
    pub sector: String,
    pub sector_id: String,
    pub sector_href: String,
    pub score: String,
    pub perspectives: Vec<String>,
    pub responses: String,
    pub change: ChangeView,
    pub top: bool,
    pub winner: bool,
}

#[derive(Debug, Serialize)]
pub struct NotRankedView {
    pub name: String,
    pub href: String,
    pub sector: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct SectorSummary {
    pub name: String,
    pub href: String,
    pub average: String,
    pub ranked: usize,
    pub winners: Vec<Link>,
    pub names_winner: bool,
}

#[derive(Debug, Serialize)]
pub struct ArticleItem {
    pub title: String,
    pub href: String,
    pub date: String,
    pub iso_date: String,
    pub summary: Option<String>,
    pub lang: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EditionFacts {
    pub year: i32,
    pub title: String,
    pub href: String,
    pub published: Option<String>,
    pub iso_published: Option<String>,
    pub respondents: Option<String>,
    pub ranked: usize,
    pub not_ranked: usize,
    pub average: String,
    pub json_href: String,
    pub csv_href: String,
}

#[derive(Debug, Serialize)]
pub struct HomeView {
    pub edition: Option<EditionFacts>,
    pub top: Vec<RowView>,
    pub top_size: usize,
    pub winners: Vec<RowView>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub articles: Vec<ArticleItem>,
    pub perspectives: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct EditionView {
    pub edition: EditionFacts,
    pub rows: Vec<RowView>,
    pub not_ranked: Vec<NotRankedView>,
    pub sectors: Vec<SectorSummary>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub perspectives: Vec<String>,
    pub min_responses: u64,
}

#[derive(Debug, Serialize)]
pub struct CriterionAverage {
    pub name: String,
    pub perspective: String,
    pub sector: String,
    pub overall: String,
}

#[derive(Debug, Serialize)]
pub struct SectorView {
    pub edition: EditionFacts,
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub rows: Vec<RowView>,
    pub not_ranked: Vec<NotRankedView>,
    pub average: String,
    pub overall_average: String,
    pub names_winner: bool,
    pub no_winner_note: String,
    pub criteria: Vec<CriterionAverage>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub perspectives: Vec<String>,
    pub other_editions: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub struct Badge {
    pub href: String,
    pub alt: String,
    pub year: i32,
    /// HTML a winner copies into its own site: the seal, linking back to the company's page.
    pub embed: String,
}

#[derive(Debug, Serialize)]
pub struct PerspectiveScore {
    pub name: String,
    pub score: String,
    pub sector_average: String,
}

#[derive(Debug, Serialize)]
pub struct LatestResult {
    pub year: i32,
    pub edition_href: String,
    pub sector_href: String,
    pub rank: usize,
    pub sector_rank: usize,
    pub score: String,
    pub sector_average: String,
    pub change: ChangeView,
    pub top: bool,
    pub winner: bool,
    pub responses: String,
    pub perspectives: Vec<PerspectiveScore>,
}

#[derive(Debug, Serialize)]
pub struct HistoryRow {
    pub year: i32,
    pub href: String,
    pub ranked: bool,
    pub rank: String,
    pub sector_rank: String,
    pub score: String,
    pub change: Option<ChangeView>,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct CompanyView {
    pub id: String,
    pub name: String,
    pub sector: String,
    pub sector_href: Option<String>,
    pub website: Option<String>,
    pub latest: Option<LatestResult>,
    pub status_note: Option<String>,
    pub history: Vec<HistoryRow>,
    pub badges: Vec<Badge>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub top_size: usize,
}

#[derive(Debug, Serialize)]
pub struct ArticlesView {
    pub items: Vec<ArticleItem>,
}

#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub title: String,
    pub date: String,
    pub iso_date: String,
    pub commentary: CommentaryView,
}

#[derive(Debug, Serialize)]
pub struct CriterionView {
    pub id: String,
    pub name: String,
    pub weight: String,
    pub share: String,
    pub question: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PerspectiveView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub weight: String,
    pub share: String,
    pub scale: String,
    pub direction: String,
    pub criteria: Vec<CriterionView>,
}

#[derive(Debug, Serialize)]
pub struct MethodologyView {
    pub perspectives: Vec<PerspectiveView>,
    pub rules: Vec<String>,
    pub commentary: Option<CommentaryView>,
}

/// The page content of one route, ready for its template.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PageView {
    Home(HomeView),
    Edition(EditionView),
    Sector(SectorView),
    Company(CompanyView),
    Articles(ArticlesView),
    Article(ArticleView),
    Methodology(MethodologyView),
    NotFound {},
}

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

/// A weight or scale bound as written in the methodology: up to two decimals, no trailing zeros,
/// with the language's decimal separator ("1,5").
fn number(value: f64, locale: &Locale) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', &locale.decimal_separator)
}

/// The share preview of a page, under the language root: a company's own, an edition's for the
/// edition and its sectors, and the latest edition's for every other page.
pub fn preview_file(
    route: &Route,
    latest_year: Option<i32>,
    share_images: ShareImages,
) -> Option<String> {
    match (route, share_images) {
        (_, ShareImages::None) => None,
        (Route::Company(id), ShareImages::All) => Some(format!("companies/{id}/preview.png")),
        (route, _) => edition_preview_file(route, latest_year),
    }
}

fn edition_preview_file(route: &Route, latest_year: Option<i32>) -> Option<String> {
    match route {
        Route::Edition(year) | Route::Sector(year, _) => Some(format!("{year}/preview.png")),
        _ => latest_year.map(|year| format!("{year}/preview.png")),
    }
}

impl<'a> ViewBuilder<'a> {
    /// The share preview card of a company: its latest ranked result and award.
    pub fn company_card(&self, company: usize) -> crate::draw::previews::Card {
        let site = self.data.site;
        let record = &site.company(company);
        let latest = self
            .data
            .results
            .iter()
            .rev()
            .find_map(|r| r.ranked_entry(company).map(|e| (r.year, e)));
        let (figures, award) = match latest {
            Some((year, entry)) => {
                let award = if entry.sector_winner {
                    Some((self.t("sector_winner"), year.to_string()))
                } else if entry.top {
                    Some((
                        format!("{} {}", self.t("top_list"), site.config.top),
                        year.to_string(),
                    ))
                } else {
                    None
                };
                (
                    vec![
                        (self.t("rank"), entry.rank.to_string()),
                        (self.t("score"), self.locale.units(entry.units)),
                        (self.t("edition"), year.to_string()),
                    ],
                    award,
                )
            }
            None => (Vec::new(), None),
        };
        crate::draw::previews::Card {
            kicker: site.config.title.get(self.lang()).to_string(),
            headline: record.name.get(self.lang()).to_string(),
            subline: self.sector_name(record.sector),
            figures,
            list: Vec::new(),
            award,
        }
    }

    /// The share preview card of an edition: its top three and key figures.
    pub fn edition_card(&self, year: i32) -> Option<crate::draw::previews::Card> {
        let results = self.data.results_of(year).ok()?;
        let facts = self.edition_facts(results);
        let mut figures = vec![(self.t("ranked_companies"), results.ranked.len().to_string())];
        if let Some(respondents) = &facts.respondents {
            figures.push((self.t("respondents"), respondents.clone()));
        }
        Some(crate::draw::previews::Card {
            kicker: self.data.site.config.title.get(self.lang()).to_string(),
            headline: self
                .locale
                .t_with("preview_edition", &[("year", &year.to_string())]),
            subline: facts.published.unwrap_or_default(),
            figures,
            list: results
                .ranked
                .iter()
                .take(3)
                .map(|e| {
                    format!(
                        "{}. {} {}",
                        e.rank,
                        self.company_name(e.company),
                        self.locale.units(e.units)
                    )
                })
                .collect(),
            award: None,
        })
    }

    pub fn new(data: &'a SiteData<'a>, locale: &'a Locale, file: &str) -> Self {
        let prefix = language_prefix(&data.site.config.languages, locale.index);
        let linker = if file == Route::NotFound.file() {
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

    /// Embeds in commentary are rendered with `renderer`'s templates.
    pub fn with_renderer(mut self, renderer: &'a crate::render::Renderer) -> Self {
        self.renderer = Some(renderer);
        self
    }

    /// The HTML of embed number `index` of a commentary, for this page and language.
    /// On failure: the template that failed, if one did, and why.
    fn render_embed(
        &self,
        index: usize,
        embed: &crate::content::embeds::Embed,
    ) -> Result<String, (Option<&'static str>, String)> {
        use crate::content::embeds::Embed;
        let site = self.data.site;
        let results_of = |year: i32| {
            self.data
                .results_of(year)
                .map_err(|e| (None, e.to_string()))
        };
        let link = |href: String, text: &str| {
            format!(
                "<a href=\"{}\">{}</a>",
                crate::escape::escape_xml(&href),
                crate::escape::escape_xml(text)
            )
        };
        let chart_id = format!("embed-chart-{index}");
        let chart = match embed {
            Embed::CompanyLink { company } => {
                return Ok(link(
                    self.linker
                        .page(&Route::Company(site.company(*company).id.clone())),
                    &self.company_name(*company),
                ));
            }
            Embed::SectorLink { sector } => {
                let year = self
                    .data
                    .results
                    .iter()
                    .rev()
                    .find(|r| self.data.has_sector_page(r, *sector))
                    .map_or(0, |r| r.year);
                return Ok(link(
                    self.linker
                        .page(&Route::Sector(year, site.sector(*sector).id.clone())),
                    &self.sector_name(*sector),
                ));
            }
            Embed::EditionLink { year } => {
                return Ok(link(
                    self.linker.page(&Route::Edition(*year)),
                    &self.edition_title(*year),
                ));
            }
            Embed::Ranking { year, sector, top } => {
                let results = results_of(*year)?;
                let rows: Vec<RowView> = results
                    .ranked
                    .iter()
                    .filter(|e| sector.is_none_or(|s| e.sector == s))
                    .filter(|e| {
                        top.is_none_or(|n| {
                            if sector.is_some() {
                                e.sector_rank <= n
                            } else {
                                e.rank <= n
                            }
                        })
                    })
                    .map(|e| self.row(results, e))
                    .collect();
                let caption = match sector {
                    Some(s) => self.locale.t_with(
                        "embed_sector_ranking",
                        &[
                            ("sector", &self.sector_name(*s)),
                            ("year", &year.to_string()),
                        ],
                    ),
                    None => self
                        .locale
                        .t_with("embed_ranking", &[("year", &year.to_string())]),
                };
                let renderer = self
                    .renderer
                    .ok_or((None, "no templates to render it with".to_string()))?;
                let page = serde_json::json!({ "perspectives": self.perspective_names() });
                return renderer
                    .render_fragment(
                        "embeds/ranking.html",
                        &[
                            ("rows", &rows),
                            ("table_id", &format!("embed-ranking-{index}")),
                            ("table_caption", &caption),
                            ("show_sector", &sector.is_none()),
                            ("sector_ranks", &sector.is_some()),
                            ("page", &page),
                        ],
                        &self.locale.strings,
                    )
                    .map_err(|e| (Some("embeds/ranking.html"), error_chain(&e)));
            }
            Embed::SectorsChart { year } => {
                self.sector_comparison_chart(results_of(*year)?, &chart_id)
            }
            Embed::ScatterChart { year } => self.scatter_chart(results_of(*year)?, &chart_id),
            Embed::SectorChart { year, sector } => {
                self.sector_chart(results_of(*year)?, *sector, &chart_id)
            }
            Embed::CriteriaChart { company } => self.criteria_chart(*company, &chart_id),
            Embed::HistoryChart { company } => self.history_chart(*company, &chart_id),
        }
        .map_err(|e| (None, e.to_string()))?;
        let Some(chart) = chart else {
            return Ok(String::new());
        };
        let renderer = self
            .renderer
            .ok_or((None, "no templates to render it with".to_string()))?;
        renderer
            .render_fragment(
                "partials/chart.html",
                &[("chart", &chart)],
                &self.locale.strings,
            )
            .map_err(|e| (Some("partials/chart.html"), error_chain(&e)))
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
        let edition = self.data.site.editions.iter().find(|e| e.year == year);
        match edition.and_then(|e| e.title.as_ref()) {
            Some(title) => title.get(self.lang()).to_string(),
            None => format!("{} {year}", self.data.site.config.title.get(self.lang())),
        }
    }

    fn commentary(
        &self,
        translations: Option<&Translations>,
    ) -> Result<Option<CommentaryView>, ViewError> {
        translations
            .and_then(|t| t.get(self.lang()))
            .map(|c| self.commentary_view(c))
            .transpose()
    }

    fn commentary_view(&self, commentary: &Commentary) -> Result<CommentaryView, ViewError> {
        let rendered = commentary
            .embeds
            .iter()
            .enumerate()
            .map(|(index, embed)| {
                self.render_embed(index, embed)
                    .map_err(|(template, message)| {
                        let (line, column) = commentary
                            .embed_positions
                            .get(index)
                            .copied()
                            .unwrap_or((1, 1));
                        ViewError::Embed(EmbedFailure {
                            file: commentary.file.clone(),
                            line,
                            column,
                            template: template.map(str::to_string),
                            message,
                        })
                    })
            })
            .collect::<Result<Vec<String>, ViewError>>()?;
        let html = crate::content::embeds::fill_placeholders(&commentary.html, &rendered);
        Ok(CommentaryView {
            title: commentary.title.clone(),
            summary: commentary.summary.clone(),
            html,
            lang: (commentary.language != self.lang()).then(|| {
                self.data
                    .site
                    .config
                    .language(commentary.language)
                    .to_string()
            }),
            extra: commentary.extra.clone(),
        })
    }

    /// The frame of the page at `route`, titled `title`.
    pub fn layout(&self, route: &Route, title: &str, description: &str) -> Layout {
        let config = &self.data.site.config;
        let site_title = config.title.get(self.lang()).to_string();
        let full_title = if matches!(route, Route::Home) || title.is_empty() {
            site_title.clone()
        } else {
            format!("{title} – {site_title}")
        };
        let latest = self.data.latest().map(|r| r.year);
        let nav_items: Vec<(String, Route)> = [
            Some((self.t("nav_home"), Route::Home)),
            latest.map(|year| (self.t("nav_ranking"), Route::Edition(year))),
            (!self.data.content.articles.is_empty())
                .then(|| (self.t("nav_articles"), Route::Articles)),
            Some((self.t("nav_methodology"), Route::Methodology)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let current_section = match route {
            Route::Sector(year, _) => Route::Edition(*year),
            Route::Article(_) => Route::Articles,
            other => other.clone(),
        };
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
                let label = self
                    .data
                    .locales
                    .get(index)
                    .map_or_else(|| code.clone(), |l| l.t("language_name"));
                Alternate {
                    lang: code.clone(),
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
                href: self.linker.page(&Route::Edition(r.year)),
                current: matches!(route, Route::Edition(y) | Route::Sector(y, _) if *y == r.year),
            })
            .collect();
        let prefix = language_prefix(&config.languages, self.lang());
        let preview = preview_file(route, latest, config.share_images);
        let og_image_alt = match route {
            Route::Company(_) if config.share_images == ShareImages::All => self
                .locale
                .t_with("preview_company_alt", &[("company", title)]),
            _ => self.t("preview_edition_alt"),
        };
        Layout {
            search_index: self.linker.language_file("search-index.js"),
            search_script: self.linker.asset("assets/search.js"),
            og_image: preview.map(|file| format!("{}{prefix}{file}", config.base_url)),
            og_image_alt,
            og_type: if matches!(route, Route::Article(_)) {
                "article"
            } else {
                "website"
            },
            lang: self.locale.code.clone(),
            site_title,
            site_description: config
                .description
                .as_ref()
                .map(|d| d.get(self.lang()).to_string())
                .unwrap_or_default(),
            title: full_title,
            description: description.to_string(),
            canonical: absolute_url(&config.base_url, &prefix, route),
            root: self.linker.root.clone(),
            home_href: self.linker.page(&Route::Home),
            stylesheet: self.linker.asset("assets/style.css"),
            nav,
            alternates,
            editions,
            feed_href: self.linker.language_file("atom.xml"),
        }
    }

    fn change_view(&self, entry: &Ranked) -> ChangeView {
        match entry.change {
            None => ChangeView {
                direction: "new",
                rank: String::new(),
                score: String::new(),
                label: self.t("change_new"),
            },
            Some(change) => {
                let direction = match change.rank.signum() {
                    1 => "up",
                    -1 => "down",
                    _ => "same",
                };
                let rank = match change.rank.signum() {
                    1 => format!("+{}", change.rank),
                    -1 => format!("\u{2212}{}", change.rank.abs()),
                    _ => "±0".to_string(),
                };
                let score = self.locale.signed_units(change.score_units);
                let key = match direction {
                    "up" => "change_up",
                    "down" => "change_down",
                    _ => "change_same",
                };
                let places = change.rank.abs().to_string();
                let since = change.since.to_string();
                let label = self.locale.t_with(
                    key,
                    &[("places", &places), ("score", &score), ("year", &since)],
                );
                ChangeView {
                    direction,
                    rank,
                    score,
                    label,
                }
            }
        }
    }

    fn row(&self, results: &EditionResults, entry: &Ranked) -> RowView {
        let company = &self.data.site.company(entry.company);
        RowView {
            rank: entry.rank,
            tied: entry.tied,
            sector_rank: entry.sector_rank,
            name: company.name.get(self.lang()).to_string(),
            href: self.linker.page(&Route::Company(company.id.clone())),
            sector: self.sector_name(company.sector),
            sector_id: self.data.site.sector(company.sector).id.clone(),
            sector_href: self.linker.page(&Route::Sector(
                results.year,
                self.data.site.sector(company.sector).id.clone(),
            )),
            score: self.locale.units(entry.units),
            perspectives: entry
                .perspective_scores
                .iter()
                .map(|&s| self.locale.score(s))
                .collect(),
            responses: entry
                .responses
                .map(|r| self.locale.count(r))
                .unwrap_or_default(),
            change: self.change_view(entry),
            top: entry.top,
            winner: entry.sector_winner,
        }
    }

    fn reason(&self, reason: &NotRankedReason) -> String {
        match reason {
            NotRankedReason::TooFewResponses {
                responses,
                required,
            } => self.locale.t_with(
                "reason_responses",
                &[
                    ("responses", &self.locale.count(*responses)),
                    ("required", &self.locale.count(*required)),
                ],
            ),
            NotRankedReason::MissingValues(criteria) => {
                let names: Vec<&str> = criteria
                    .iter()
                    .map(|&c| {
                        self.data
                            .site
                            .methodology
                            .criterion(c)
                            .name
                            .get(self.lang())
                    })
                    .collect();
                self.locale
                    .t_with("reason_missing", &[("criteria", &names.join(", "))])
            }
        }
    }

    fn not_ranked_view(&self, results: &EditionResults, index: usize) -> NotRankedView {
        let entry = &results.not_ranked_at(index);
        let company = &self.data.site.company(entry.company);
        NotRankedView {
            name: company.name.get(self.lang()).to_string(),
            href: self.linker.page(&Route::Company(company.id.clone())),
            sector: self.sector_name(company.sector),
            reason: entry
                .reasons
                .iter()
                .map(|r| self.reason(r))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    fn perspective_names(&self) -> Vec<String> {
        self.data
            .site
            .methodology
            .perspectives
            .iter()
            .map(|p| p.name.get(self.lang()).to_string())
            .collect()
    }

    fn edition_facts(&self, results: &EditionResults) -> EditionFacts {
        let edition = self
            .data
            .site
            .editions
            .iter()
            .find(|e| e.year == results.year);
        EditionFacts {
            year: results.year,
            title: self.edition_title(results.year),
            href: self.linker.page(&Route::Edition(results.year)),
            published: edition
                .and_then(|e| e.published)
                .map(|d| self.locale.date(&d)),
            iso_published: edition.and_then(|e| e.published).map(|d| d.to_string()),
            respondents: edition
                .and_then(|e| e.respondents)
                .map(|r| self.locale.count(r)),
            ranked: results.ranked.len(),
            not_ranked: results.not_ranked.len(),
            average: results
                .averages
                .score
                .map(|a| self.locale.score(a))
                .unwrap_or_default(),
            json_href: self
                .linker
                .language_file(&format!("{}/ranking.json", results.year)),
            csv_href: self
                .linker
                .language_file(&format!("{}/ranking.csv", results.year)),
        }
    }

    fn sector_comparison_chart(
        &self,
        results: &EditionResults,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        let mut sectors: Vec<(usize, f64)> = results
            .sectors
            .iter()
            .filter_map(|s| s.averages.score.map(|a| (s.sector, a)))
            .collect();
        if sectors.is_empty() {
            return Ok(None);
        }
        sectors.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let bars: Vec<Bar> = sectors
            .iter()
            .map(|&(sector, average)| Bar {
                label: self.sector_name(sector),
                value: average,
                value_text: self.locale.score(average),
                highlight: false,
            })
            .collect();
        let overall = results.averages.score.unwrap_or_default();
        let overall_text = self.locale.score(overall);
        let best = bars
            .first()
            .map(|b| (b.label.clone(), b.value_text.clone()))
            .unwrap_or_default();
        let header = Header {
            id: id.to_string(),
            title: self.locale.t_with(
                "chart_sectors_title",
                &[("year", &results.year.to_string())],
            ),
            description: self.locale.t_with(
                "chart_sectors_desc",
                &[
                    ("count", &bars.len().to_string()),
                    ("best", &best.0),
                    ("best_score", &best.1),
                    ("average", &overall_text),
                ],
            ),
        };
        let reference = Some((
            overall,
            self.locale
                .t_with("chart_overall_average", &[("value", &overall_text)]),
        ));
        charts::ranked_bars(
            header,
            &bars,
            reference,
            [&self.t("sector"), &self.t("average_score")],
        )
        .map(Some)
    }

    fn scatter_chart(
        &self,
        results: &EditionResults,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        let perspectives = &self.data.site.methodology.perspectives;
        if perspectives.len() < 2 || results.ranked.len() < 2 {
            return Ok(None);
        }
        let (Some(x_perspective), Some(y_perspective)) =
            (perspectives.get(1), perspectives.first())
        else {
            return Ok(None);
        };
        let (x_name, y_name) = (
            x_perspective.name.get(self.lang()),
            y_perspective.name.get(self.lang()),
        );
        let points: Vec<ScatterPoint> = results
            .ranked
            .iter()
            .map(|entry| ScatterPoint {
                label: self.company_name(entry.company),
                x: entry.perspective_score(1),
                y: entry.perspective_score(0),
                x_text: self.locale.score(entry.perspective_score(1)),
                y_text: self.locale.score(entry.perspective_score(0)),
            })
            .collect();
        let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
        let r = charts::correlation(&pairs);
        let r_text = r.map_or_else(
            || "–".to_string(),
            |r| format!("{r:.2}").replace('.', &self.locale.decimal_separator),
        );
        let header = Header {
            id: id.to_string(),
            title: self.locale.t_with(
                "chart_scatter_title",
                &[("x", x_name), ("y", y_name), ("r", &r_text)],
            ),
            description: self.locale.t_with(
                "chart_scatter_desc",
                &[
                    ("x", x_name),
                    ("y", y_name),
                    ("r", &r_text),
                    ("count", &points.len().to_string()),
                ],
            ),
        };
        let company = self.t("company");
        charts::scatter(
            header,
            &points,
            [x_name, y_name],
            [&company, x_name, y_name],
        )
        .map(Some)
    }

    pub fn home(&self) -> Result<(Layout, PageView), ViewError> {
        let content = self.data.content;
        let (edition, top, winners, charts) = match self.data.latest() {
            Some(results) => {
                let top = results.top_list().map(|e| self.row(results, e)).collect();
                let mut winners: Vec<RowView> =
                    results.winners().map(|e| self.row(results, e)).collect();
                winners.sort_by(|a, b| a.sector.cmp(&b.sector).then(a.name.cmp(&b.name)));
                let charts = [
                    self.sector_comparison_chart(results, "chart-sectors")?,
                    self.scatter_chart(results, "chart-scatter")?,
                ]
                .into_iter()
                .flatten()
                .collect();
                (Some(self.edition_facts(results)), top, winners, charts)
            }
            None => (None, Vec::new(), Vec::new(), Vec::new()),
        };
        let articles = self.article_items().into_iter().take(3).collect();
        let description = self
            .data
            .site
            .config
            .description
            .as_ref()
            .map(|d| d.get(self.lang()).to_string())
            .unwrap_or_default();
        let layout = self.layout(&Route::Home, "", &description);
        Ok((
            layout,
            PageView::Home(HomeView {
                edition,
                top,
                top_size: self.data.site.config.top,
                winners,
                charts,
                commentary: self.commentary(Some(&content.home))?,
                articles,
                perspectives: self.perspective_names(),
            }),
        ))
    }

    pub fn edition(&self, year: i32) -> Result<(Layout, PageView), ViewError> {
        let results = self.data.results_of(year)?;
        let rows = results
            .ranked
            .iter()
            .map(|e| self.row(results, e))
            .collect();
        let not_ranked = (0..results.not_ranked.len())
            .map(|i| self.not_ranked_view(results, i))
            .collect();
        let sectors = results
            .sectors
            .iter()
            .filter(|s| self.data.has_sector_page(results, s.sector))
            .map(|s| SectorSummary {
                name: self.sector_name(s.sector),
                href: self.linker.page(&Route::Sector(
                    year,
                    self.data.site.sector(s.sector).id.clone(),
                )),
                average: s
                    .averages
                    .score
                    .map(|a| self.locale.score(a))
                    .unwrap_or_else(|| "–".to_string()),
                ranked: s.ranked.len(),
                winners: s
                    .ranked
                    .iter()
                    .map(|&i| results.ranked_at(i))
                    .filter(|e| e.sector_winner)
                    .map(|e| Link {
                        label: self.company_name(e.company),
                        href: self.linker.page(&Route::Company(
                            self.data.site.company(e.company).id.clone(),
                        )),
                        current: false,
                    })
                    .collect(),
                names_winner: s.names_winner,
            })
            .collect();
        let charts = [
            self.sector_comparison_chart(results, "chart-sectors")?,
            self.scatter_chart(results, "chart-scatter")?,
        ]
        .into_iter()
        .flatten()
        .collect();
        let facts = self.edition_facts(results);
        let description = self.locale.t_with(
            "edition_description",
            &[
                ("year", &year.to_string()),
                ("count", &results.ranked.len().to_string()),
            ],
        );
        let layout = self.layout(&Route::Edition(year), &facts.title, &description);
        Ok((
            layout,
            PageView::Edition(EditionView {
                edition: facts,
                rows,
                not_ranked,
                sectors,
                charts,
                commentary: self.commentary(self.data.content.editions.get(&year))?,
                perspectives: self.perspective_names(),
                min_responses: self.data.site.methodology.min_responses,
            }),
        ))
    }

    /// A sector's ranked companies as bars, with the sector average marked.
    pub fn sector_chart(
        &self,
        results: &EditionResults,
        sector: usize,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        let sector_results = &results.sector(sector);
        if sector_results.ranked.is_empty() {
            return Ok(None);
        }
        let name = self.sector_name(sector);
        let average = sector_results.averages.score;
        let average_text = average
            .map(|a| self.locale.score(a))
            .unwrap_or_else(|| "–".to_string());
        let bars: Vec<Bar> = sector_results
            .ranked
            .iter()
            .map(|&i| {
                let entry = &results.ranked_at(i);
                Bar {
                    label: format!(
                        "{}. {}",
                        entry.sector_rank,
                        self.company_name(entry.company)
                    ),
                    value: entry.score,
                    value_text: self.locale.units(entry.units),
                    highlight: entry.sector_winner,
                }
            })
            .collect();
        let header = Header {
            id: id.to_string(),
            title: self.locale.t_with(
                "chart_sector_title",
                &[("sector", &name), ("year", &results.year.to_string())],
            ),
            description: self.locale.t_with(
                "chart_sector_desc",
                &[
                    ("sector", &name),
                    ("count", &bars.len().to_string()),
                    ("average", &average_text),
                    ("best", bars.first().map_or("", |b| b.label.as_str())),
                ],
            ),
        };
        let reference = average.map(|a| {
            (
                a,
                self.locale
                    .t_with("chart_sector_average", &[("value", &average_text)]),
            )
        });
        charts::ranked_bars(
            header,
            &bars,
            reference,
            [&self.t("company"), &self.t("score")],
        )
        .map(Some)
    }

    pub fn sector(&self, year: i32, sector: usize) -> Result<(Layout, PageView), ViewError> {
        let results = self.data.results_of(year)?;
        let sector_results = &results.sector(sector);
        let site = self.data.site;
        let name = self.sector_name(sector);
        let rows: Vec<RowView> = sector_results
            .ranked
            .iter()
            .map(|&i| self.row(results, results.ranked_at(i)))
            .collect();
        let not_ranked = sector_results
            .not_ranked
            .iter()
            .map(|&i| self.not_ranked_view(results, i))
            .collect();
        let average = sector_results.averages.score;
        let average_text = average
            .map(|a| self.locale.score(a))
            .unwrap_or_else(|| "–".to_string());
        let charts: Vec<Chart> = self
            .sector_chart(results, sector, "chart-sector")?
            .into_iter()
            .collect();
        let criteria = site
            .methodology
            .criteria
            .iter()
            .enumerate()
            .map(|(c, criterion)| CriterionAverage {
                name: criterion.name.get(self.lang()).to_string(),
                perspective: site
                    .methodology
                    .perspective(criterion.perspective)
                    .name
                    .get(self.lang())
                    .to_string(),
                sector: sector_results
                    .averages
                    .criteria
                    .get(c)
                    .copied()
                    .flatten()
                    .map(|v| self.locale.score(v))
                    .unwrap_or_else(|| "–".into()),
                overall: results
                    .averages
                    .criteria
                    .get(c)
                    .copied()
                    .flatten()
                    .map(|v| self.locale.score(v))
                    .unwrap_or_else(|| "–".into()),
            })
            .collect();
        let other_editions = self
            .data
            .results
            .iter()
            .rev()
            .filter(|r| self.data.has_sector_page(r, sector))
            .map(|r| Link {
                label: r.year.to_string(),
                href: self
                    .linker
                    .page(&Route::Sector(r.year, site.sector(sector).id.clone())),
                current: r.year == year,
            })
            .collect();
        let min_size = site.config.min_sector_size.to_string();
        let ranked_count = sector_results.ranked.len().to_string();
        let title = format!("{name} {year}");
        let description = self.locale.t_with(
            "sector_description",
            &[("sector", &name), ("year", &year.to_string())],
        );
        let route = Route::Sector(year, site.sector(sector).id.clone());
        let layout = self.layout(&route, &title, &description);
        Ok((
            layout,
            PageView::Sector(SectorView {
                edition: self.edition_facts(results),
                id: site.sector(sector).id.clone(),
                description: site
                    .sector(sector)
                    .description
                    .as_ref()
                    .map(|d| d.get(self.lang()).to_string()),
                name,
                rows,
                not_ranked,
                average: average_text,
                overall_average: results
                    .averages
                    .score
                    .map(|a| self.locale.score(a))
                    .unwrap_or_default(),
                names_winner: sector_results.names_winner,
                no_winner_note: self.locale.t_with(
                    "no_winner_note",
                    &[("count", &ranked_count), ("min", &min_size)],
                ),
                criteria,
                charts,
                commentary: self.commentary(self.data.content.sectors.get(&sector))?,
                perspectives: self.perspective_names(),
                other_editions,
            }),
        ))
    }

    /// A company's criteria against its sector's averages in its latest ranked edition.
    pub fn criteria_chart(&self, company: usize, id: &str) -> Result<Option<Chart>, ChartError> {
        let site = self.data.site;
        let name = self.company_name(company);
        let latest_ranked = self
            .data
            .results
            .iter()
            .rev()
            .find_map(|r| r.ranked_entry(company).map(|e| (r, e)));
        let Some((results, entry)) = latest_ranked else {
            return Ok(None);
        };
        // The sector the company had in that edition.
        let sector_name = self.sector_name(entry.sector);
        let sector_averages = &results.sector(entry.sector).averages;
        let pairs: Vec<Pair> = site
            .methodology
            .criteria
            .iter()
            .enumerate()
            .map(|(c, criterion)| {
                let reference = sector_averages.criteria.get(c).copied().flatten();
                Pair {
                    label: criterion.name.get(self.lang()).to_string(),
                    value: entry.criterion_score(c),
                    value_text: self.locale.score(entry.criterion_score(c)),
                    reference,
                    reference_text: reference.map(|r| self.locale.score(r)).unwrap_or_default(),
                }
            })
            .collect();
        let above = pairs
            .iter()
            .filter(|p| p.reference.is_some_and(|r| p.value > r))
            .count();
        let header = Header {
            id: id.to_string(),
            title: self.locale.t_with(
                "chart_criteria_title",
                &[("company", &name), ("year", &results.year.to_string())],
            ),
            description: self.locale.t_with(
                "chart_criteria_desc",
                &[
                    ("company", &name),
                    ("sector", &sector_name),
                    ("above", &above.to_string()),
                    ("count", &pairs.len().to_string()),
                ],
            ),
        };
        let average_label = self
            .locale
            .t_with("sector_average_of", &[("sector", &sector_name)]);
        charts::paired_bars(
            header,
            &pairs,
            [&name, &average_label],
            [&self.t("criterion"), &name, &average_label],
        )
        .map(Some)
    }

    /// A company's score and rank over the editions it was ranked in.
    pub fn history_chart(&self, company: usize, id: &str) -> Result<Option<Chart>, ChartError> {
        let name = self.company_name(company);
        let points: Vec<HistoryPoint> = self
            .data
            .results
            .iter()
            .filter_map(|results| {
                results.ranked_entry(company).map(|entry| HistoryPoint {
                    year: results.year,
                    score: self.locale.rounding.value(entry.units),
                    score_text: self.locale.units(entry.units),
                    rank_text: self
                        .locale
                        .t_with("rank_short", &[("rank", &entry.rank.to_string())]),
                })
            })
            .collect();
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            return Ok(None);
        };
        let header = Header {
            id: id.to_string(),
            title: self
                .locale
                .t_with("chart_history_title", &[("company", &name)]),
            description: self.locale.t_with(
                "chart_history_desc",
                &[
                    ("company", &name),
                    ("count", &points.len().to_string()),
                    ("first_year", &first.year.to_string()),
                    ("first_score", &first.score_text),
                    ("last_year", &last.year.to_string()),
                    ("last_score", &last.score_text),
                    ("last_rank", &last.rank_text),
                ],
            ),
        };
        charts::history(
            header,
            &points,
            [&self.t("edition"), &self.t("score")],
            [&self.t("edition"), &self.t("score"), &self.t("rank")],
        )
        .map(Some)
    }

    pub fn company(&self, company: usize) -> Result<(Layout, PageView), ViewError> {
        let site = self.data.site;
        let record = &site.company(company);
        let name = record.name.get(self.lang()).to_string();
        let sector_name = self.sector_name(record.sector);
        let sector_id = &site.sector(record.sector).id;
        let latest_ranked = self
            .data
            .results
            .iter()
            .rev()
            .find_map(|r| r.ranked_entry(company).map(|e| (r, e)));
        let latest_taken_part = self
            .data
            .results
            .iter()
            .rev()
            .find(|r| r.standing(company).is_some());
        // The sector page of the edition the company last took part in, in the sector it had.
        let sector_href = latest_taken_part.map(|r| {
            let id = r
                .sector_of(company)
                .map_or_else(|| sector_id.clone(), |s| site.sector(s).id.clone());
            self.linker.page(&Route::Sector(r.year, id))
        });
        let mut charts = Vec::new();
        let latest = latest_ranked.map(|(results, entry)| {
            let sector_averages = &results.sector(entry.sector).averages;
            LatestResult {
                year: results.year,
                edition_href: self.linker.page(&Route::Edition(results.year)),
                sector_href: self.linker.page(&Route::Sector(
                    results.year,
                    site.sector(entry.sector).id.clone(),
                )),
                rank: entry.rank,
                sector_rank: entry.sector_rank,
                score: self.locale.units(entry.units),
                sector_average: sector_averages
                    .score
                    .map(|a| self.locale.score(a))
                    .unwrap_or_default(),
                change: self.change_view(entry),
                top: entry.top,
                winner: entry.sector_winner,
                responses: entry
                    .responses
                    .map(|r| self.locale.count(r))
                    .unwrap_or_default(),
                perspectives: site
                    .methodology
                    .perspectives
                    .iter()
                    .enumerate()
                    .map(|(p, perspective)| PerspectiveScore {
                        name: perspective.name.get(self.lang()).to_string(),
                        score: self.locale.score(entry.perspective_score(p)),
                        sector_average: sector_averages
                            .perspectives
                            .get(p)
                            .copied()
                            .flatten()
                            .map(|a| self.locale.score(a))
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        });
        charts.extend(self.criteria_chart(company, "chart-criteria")?);
        let mut history = Vec::new();
        for results in self.data.results.iter().rev() {
            let href = self.linker.page(&Route::Edition(results.year));
            match results.standing(company) {
                Some(Standing::Ranked(index)) => {
                    let entry = &results.ranked_at(index);
                    history.push(HistoryRow {
                        year: results.year,
                        href,
                        ranked: true,
                        rank: entry.rank.to_string(),
                        sector_rank: entry.sector_rank.to_string(),
                        score: self.locale.units(entry.units),
                        change: Some(self.change_view(entry)),
                        note: String::new(),
                    });
                }
                Some(Standing::NotRanked(index)) => history.push(HistoryRow {
                    year: results.year,
                    href,
                    ranked: false,
                    rank: "–".to_string(),
                    sector_rank: "–".to_string(),
                    score: "–".to_string(),
                    change: None,
                    note: results
                        .not_ranked_at(index)
                        .reasons
                        .iter()
                        .map(|r| self.reason(r))
                        .collect::<Vec<_>>()
                        .join("; "),
                }),
                None => {}
            }
        }
        charts.extend(self.history_chart(company, "chart-history")?);
        let badges = self
            .data
            .results
            .iter()
            .rev()
            .filter_map(|r| r.ranked_entry(company).map(|e| (r, e)))
            .filter(|(_, e)| e.top || e.sector_winner)
            .map(|(r, e)| {
                let alt = crate::draw::badges::award_text(self.locale, site, r.year, e);
                let prefix = language_prefix(&site.config.languages, self.lang());
                let page = absolute_url(
                    &site.config.base_url,
                    &prefix,
                    &Route::Company(record.id.clone()),
                );
                let image = format!(
                    "{}{prefix}{}/badges/{}.svg",
                    site.config.base_url, r.year, record.id
                );
                let embed = format!(
                    "<a href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"120\" height=\"120\"></a>",
                    crate::escape::escape_xml(&page),
                    crate::escape::escape_xml(&image),
                    crate::escape::escape_xml(&alt)
                );
                Badge {
                    href: self
                        .linker
                        .language_file(&format!("{}/badges/{}.svg", r.year, record.id)),
                    alt,
                    year: r.year,
                    embed,
                }
            })
            .collect();
        let status_note = match (latest_ranked, latest_taken_part) {
            (None, None) => Some(self.t("company_no_results")),
            (Some((ranked, _)), Some(part)) if part.year != ranked.year => Some(
                self.locale
                    .t_with("company_not_ranked_in", &[("year", &part.year.to_string())]),
            ),
            (None, Some(part)) => Some(
                self.locale
                    .t_with("company_not_ranked_in", &[("year", &part.year.to_string())]),
            ),
            _ => None,
        };
        let description = self.locale.t_with(
            "company_description",
            &[("company", &name), ("sector", &sector_name)],
        );
        let layout = self.layout(&Route::Company(record.id.clone()), &name, &description);
        Ok((
            layout,
            PageView::Company(CompanyView {
                id: record.id.clone(),
                name,
                sector: sector_name,
                sector_href,
                website: record.website.clone(),
                latest,
                status_note,
                history,
                badges,
                charts,
                commentary: self.commentary(self.data.content.companies.get(&company))?,
                top_size: site.config.top,
            }),
        ))
    }

    pub fn article_items(&self) -> Vec<ArticleItem> {
        self.data
            .content
            .articles
            .iter()
            .filter_map(|article| {
                let commentary = article.translations.get(self.lang())?;
                Some(ArticleItem {
                    title: commentary
                        .title
                        .clone()
                        .unwrap_or_else(|| article.slug.clone()),
                    href: self.linker.page(&Route::Article(article.slug.clone())),
                    date: self.locale.date(&article.date),
                    iso_date: article.date.to_string(),
                    summary: commentary.summary.clone(),
                    lang: (commentary.language != self.lang()).then(|| {
                        self.data
                            .site
                            .config
                            .language(commentary.language)
                            .to_string()
                    }),
                })
            })
            .collect()
    }

    pub fn articles(&self) -> (Layout, PageView) {
        let title = self.t("articles_title");
        let layout = self.layout(&Route::Articles, &title, &title);
        (
            layout,
            PageView::Articles(ArticlesView {
                items: self.article_items(),
            }),
        )
    }

    pub fn article(&self, index: usize) -> Result<Option<(Layout, PageView)>, ViewError> {
        let Some(article) = self.data.content.articles.get(index) else {
            return Ok(None);
        };
        let Some(commentary) = article.translations.get(self.lang()) else {
            return Ok(None);
        };
        let view = self.commentary_view(commentary)?;
        let title = commentary
            .title
            .clone()
            .unwrap_or_else(|| article.slug.clone());
        let layout = self.layout(
            &Route::Article(article.slug.clone()),
            &title,
            commentary.summary.as_deref().unwrap_or(&title),
        );
        Ok(Some((
            layout,
            PageView::Article(ArticleView {
                title,
                date: self.locale.date(&article.date),
                iso_date: article.date.to_string(),
                commentary: view,
            }),
        )))
    }

    pub fn methodology(&self) -> Result<(Layout, PageView), ViewError> {
        let site = self.data.site;
        let methodology = &site.methodology;
        let total_weight: f64 = methodology.perspectives.iter().map(|p| p.weight).sum();
        let share =
            |part: f64, whole: f64| format!("{}\u{a0}%", self.locale.score(100.0 * part / whole));
        let perspectives = methodology
            .perspectives
            .iter()
            .map(|perspective| {
                let criteria_weight: f64 = perspective
                    .criteria
                    .clone()
                    .map(|c| methodology.criterion(c).weight)
                    .sum();
                let scale = self.locale.t_with(
                    "scale_text",
                    &[
                        ("min", &number(perspective.scale.min, self.locale)),
                        ("max", &number(perspective.scale.max, self.locale)),
                    ],
                );
                PerspectiveView {
                    id: perspective.id.clone(),
                    name: perspective.name.get(self.lang()).to_string(),
                    description: perspective
                        .description
                        .as_ref()
                        .map(|d| d.get(self.lang()).to_string()),
                    weight: number(perspective.weight, self.locale),
                    share: share(perspective.weight, total_weight),
                    scale,
                    direction: self.locale.t_with(
                        if perspective.higher_is_better {
                            "scale_higher_better"
                        } else {
                            "scale_lower_better"
                        },
                        &[
                            ("min", &number(perspective.scale.min, self.locale)),
                            ("max", &number(perspective.scale.max, self.locale)),
                        ],
                    ),
                    criteria: perspective
                        .criteria
                        .clone()
                        .map(|c| {
                            let criterion = &methodology.criterion(c);
                            CriterionView {
                                id: criterion.id.clone(),
                                name: criterion.name.get(self.lang()).to_string(),
                                weight: number(criterion.weight, self.locale),
                                share: share(criterion.weight, criteria_weight),
                                question: criterion
                                    .question
                                    .as_ref()
                                    .map(|q| q.get(self.lang()).to_string()),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let config = &site.config;
        let rules = vec![
            self.locale.t_with(
                "rule_min_responses",
                &[("min", &methodology.min_responses.to_string())],
            ),
            self.t("rule_complete"),
            self.locale.t_with(
                "rule_precision",
                &[("precision", &config.precision.to_string())],
            ),
            self.t("rule_ties"),
            self.locale
                .t_with("rule_top", &[("top", &config.top.to_string())]),
            self.locale.t_with(
                "rule_winner",
                &[("min", &config.min_sector_size.to_string())],
            ),
            self.t("rule_change"),
        ];
        let title = self.t("methodology_title");
        let layout = self.layout(&Route::Methodology, &title, &title);
        Ok((
            layout,
            PageView::Methodology(MethodologyView {
                perspectives,
                rules,
                commentary: self.commentary(Some(&self.data.content.methodology))?,
            }),
        ))
    }

    pub fn not_found(&self) -> (Layout, PageView) {
        let title = self.t("not_found_title");
        let layout = self.layout(&Route::NotFound, &title, &title);
        (layout, PageView::NotFound {})
    }
}

/// Interface strings as the template sees them (`t.key`).
pub type Strings = BTreeMap<String, String>;
