//! Commentary as a page shows it: the Markdown's HTML with its embedded tables, charts and links
//! filled in for this page and language, or a located failure.

use super::*;

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

    /// The HTML of embed number `index` of a commentary, for this page and language.
    /// On failure: the template that failed, if one did, and why.
    pub(super) fn render_embed(
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
                let perspectives = self.perspective_names();
                return renderer
                    .render_fragment(
                        "embeds/ranking.html",
                        &[
                            ("rows", &rows),
                            ("table_id", &format!("embed-ranking-{index}")),
                            ("table_caption", &caption),
                            ("show_sector", &sector.is_none()),
                            ("sector_ranks", &sector.is_some()),
                            ("perspectives", &perspectives),
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
                "embeds/chart.html",
                &[("chart", &chart)],
                &self.locale.strings,
            )
            .map_err(|e| (Some("embeds/chart.html"), error_chain(&e)))
    }
}
