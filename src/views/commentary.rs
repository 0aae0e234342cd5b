//! Commentary as a page shows it: the Markdown's HTML with its embedded tables, charts and links
//! filled in for this page and language, or a located failure.

use super::*;
use crate::content::embeds::Embed;

/// A commentary as the page shows it, with the language it is actually written in.
#[derive(Debug, Serialize)]
pub struct CommentaryView {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub html: String,
    /// Set when the text is in another language than the page (a fallback, or the front
    /// matter's `lang`), for the `lang` attribute.
    pub lang: Option<String>,
    /// With `lang`: that language's direction, `ltr` or `rtl`.
    pub dir: Option<&'static str>,
    pub extra: serde_json::Value,
    /// `before` or `after` the page's generated sections, as the front matter asks; nothing
    /// leaves it to the theme.
    pub placement: Option<&'static str>,
}

impl ViewBuilder<'_> {
    pub(super) fn commentary(
        &self,
        translations: Option<&Translations>,
    ) -> Result<Option<CommentaryView>, ViewError> {
        translations
            .and_then(|t| t.get(self.lang()))
            .map(|c| self.commentary_view(c))
            .transpose()
    }

    pub(super) fn commentary_view(
        &self,
        commentary: &Commentary,
    ) -> Result<CommentaryView, ViewError> {
        let html = self.filled(commentary, |index, embed| self.render_embed(index, embed))?;
        let written = self.commentary_language(commentary);
        Ok(CommentaryView {
            title: commentary.title.clone(),
            summary: commentary.summary.clone(),
            html,
            lang: written.as_ref().map(|w| w.lang.clone()),
            dir: written.map(|w| w.dir),
            extra: commentary.extra.clone(),
            placement: commentary.placement,
        })
    }

    /// The commentary's HTML with each embed's placeholder replaced by what `render` makes of
    /// it; a failure is located at the embed in its file.
    fn filled(
        &self,
        commentary: &Commentary,
        render: impl Fn(usize, &Embed) -> Result<String, EmbedProblem>,
    ) -> Result<String, ViewError> {
        let rendered = commentary
            .embeds
            .iter()
            .enumerate()
            .map(|(index, embed)| {
                render(index, embed).map_err(|(template, message)| {
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
        Ok(crate::content::embeds::fill_placeholders(
            &commentary.html,
            &rendered,
        ))
    }

    /// A commentary's HTML for a feed entry, read away from the site: links are absolute (this
    /// builder must come from [`ViewBuilder::for_feed`]), and a table or chart, which a feed
    /// reader shows without the site's styles and scripts, is a paragraph that links to it on
    /// the page at `page_url`, a chart with its description for readers who cannot see it.
    pub fn feed_html(&self, commentary: &Commentary, page_url: &str) -> Result<String, ViewError> {
        let linked = |anchor: &str, text: &str, after: &str| {
            format!(
                "<p><a href=\"{}#{}\">{}</a>{}</p>",
                crate::escape::escape_xml(page_url),
                crate::escape::escape_xml(anchor),
                crate::escape::escape_xml(text),
                crate::escape::escape_xml(after),
            )
        };
        self.filled(commentary, |index, embed| match embed {
            Embed::Ranking { year, sector, .. } => Ok(linked(
                &ranking_id(index),
                &self.ranking_caption(*year, *sector),
                "",
            )),
            Embed::CompanyLink { .. } | Embed::SectorLink { .. } | Embed::EditionLink { .. } => {
                self.render_embed(index, embed)
            }
            _ => Ok(match self.embed_chart(index, embed)? {
                Some(chart) => linked(&chart.id, &chart.title, &format!(": {}", chart.description)),
                None => String::new(),
            }),
        })
    }

    /// The caption of a ranking table embedded in commentary.
    fn ranking_caption(&self, year: i32, sector: Option<usize>) -> String {
        match sector {
            Some(s) => self.locale.t_embedding(
                "embed_sector_ranking",
                &[
                    ("sector", &self.sector_name(s)),
                    ("year", &year.to_string()),
                ],
            ),
            None => self
                .locale
                .t_embedding("embed_ranking", &[("year", &year.to_string())]),
        }
    }

    /// The results of edition `year`, for an embed that shows them.
    fn embed_results(&self, year: i32) -> Result<&EditionResults, EmbedProblem> {
        self.data
            .results_of(year)
            .map_err(|e| (None, e.to_string()))
    }

    /// The chart an embed draws (`None` when there is nothing to draw), with its page id.
    fn embed_chart(&self, index: usize, embed: &Embed) -> Result<Option<Chart>, EmbedProblem> {
        let chart_id = format!("embed-chart-{index}");
        match embed {
            Embed::SectorsChart { year } => {
                self.sector_comparison_chart(self.embed_results(*year)?, &chart_id)
            }
            Embed::ScatterChart { year } => {
                self.scatter_chart(self.embed_results(*year)?, &chart_id)
            }
            Embed::SectorChart { year, sector } => {
                self.sector_chart(self.embed_results(*year)?, *sector, &chart_id)
            }
            Embed::CriteriaChart { company } => self.criteria_chart(*company, &chart_id),
            Embed::HistoryChart { company } => self.history_chart(*company, &chart_id),
            Embed::Ranking { .. }
            | Embed::CompanyLink { .. }
            | Embed::SectorLink { .. }
            | Embed::EditionLink { .. } => Ok(None),
        }
        .map_err(|e| (None, e.to_string()))
    }

    /// The HTML of embed number `index` of a commentary, for this page and language.
    /// On failure: the template that failed, if one did, and why.
    pub(super) fn render_embed(&self, index: usize, embed: &Embed) -> Result<String, EmbedProblem> {
        let site = self.data.site;
        let link = |href: String, text: &str| {
            Ok(format!(
                "<a href=\"{}\">{}</a>",
                crate::escape::escape_xml(&href),
                crate::escape::escape_xml(text)
            ))
        };
        match embed {
            Embed::CompanyLink { company } => link(
                self.linker
                    .page(&Route::company(site.company(*company).id.clone())),
                &self.company_name(*company),
            ),
            Embed::SectorLink { sector } => {
                let year = self
                    .data
                    .results
                    .iter()
                    .rev()
                    .find(|r| self.data.has_sector_page(r, *sector))
                    .map_or(0, |r| r.year);
                link(
                    self.linker
                        .page(&Route::sector(year, site.sector(*sector).id.clone())),
                    &self.sector_name(*sector),
                )
            }
            Embed::EditionLink { year } => link(
                self.linker.page(&Route::edition(*year)),
                &self.edition_title(*year),
            ),
            Embed::Ranking { year, sector, top } => self.ranking_table(index, *year, *sector, *top),
            _ => match self.embed_chart(index, embed)? {
                Some(chart) => self
                    .renderer()?
                    .render_fragment(
                        "embeds/chart.html",
                        &[("chart", &chart)],
                        &self.locale.strings,
                    )
                    .map_err(|e| (Some("embeds/chart.html"), error_chain(&e))),
                None => Ok(String::new()),
            },
        }
    }

    /// An embedded ranking table: edition `year`'s ranked companies, of one sector or all, the
    /// first `top` of them or all.
    fn ranking_table(
        &self,
        index: usize,
        year: i32,
        sector: Option<usize>,
        top: Option<usize>,
    ) -> Result<String, EmbedProblem> {
        let results = self.embed_results(year)?;
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
        let caption = self.ranking_caption(year, sector);
        let perspectives = self.perspective_names();
        let perspective_langs = self.perspective_langs();
        self.renderer()?
            .render_fragment(
                "embeds/ranking.html",
                &[
                    ("rows", &rows),
                    ("table_id", &ranking_id(index)),
                    ("table_caption", &caption),
                    ("show_sector", &sector.is_none()),
                    ("sector_ranks", &sector.is_some()),
                    ("perspectives", &perspectives),
                    ("perspective_langs", &perspective_langs),
                ],
                &self.locale.strings,
            )
            .map_err(|e| (Some("embeds/ranking.html"), error_chain(&e)))
    }

    /// The theme's templates, which tables and charts are rendered with.
    fn renderer(&self) -> Result<&crate::render::Renderer, EmbedProblem> {
        self.renderer
            .ok_or((None, "no templates to render it with".to_string()))
    }
}

/// Why an embed could not be made: the template that failed, if one did, and the message.
type EmbedProblem = (Option<&'static str>, String);

/// The page id of ranking table embed number `index`.
fn ranking_id(index: usize) -> String {
    format!("embed-ranking-{index}")
}

impl ViewBuilder<'_> {
    /// The language `commentary` is written in when it is not this page's: its front matter's
    /// `lang`, else the language of its file (another one's when this language has no
    /// translation).
    pub(super) fn commentary_language(
        &self,
        commentary: &Commentary,
    ) -> Option<crate::locale::WrittenIn> {
        let code = commentary.written.as_deref().unwrap_or_else(|| {
            self.data.site.config.language(commentary.language)
        });
        self.locale.written_in(code)
    }
}

