//! An edition's page: the full ranking, the companies not ranked, the sectors and the charts.

use super::*;

#[derive(Debug, Serialize)]
pub struct SectorSummary {
    pub name: String,
    pub href: String,
    pub average: String,
    pub ranked: usize,
    pub winners: Vec<Link>,
    pub names_winner: bool,
    /// The winner's lead is within the margin of error (`Ranked::narrow_win`).
    pub narrow_win: bool,
}

#[derive(Debug, Serialize)]
pub struct EditionView {
    pub edition: EditionFacts,
    pub rows: Vec<RowView>,
    pub not_ranked: Vec<NotRankedView>,
    pub sectors: Vec<SectorSummary>,
    /// The top of the ranking as dots with their intervals (`top_chart`), shown under the lead.
    pub top_chart: Option<Chart>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub perspectives: Vec<String>,
    pub min_responses: u64,
    /// Who leads each criterion among all ranked companies.
    pub leaders: Vec<super::leaders::LeaderView>,
    /// "About this survey", when the edition's file discloses it.
    pub survey: Option<super::survey::SurveyView>,
}

impl ViewBuilder<'_> {
    pub fn edition(&self, year: i32) -> Result<(Layout, EditionView), ViewError> {
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
                href: self.linker.page(&Route::sector(
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
                        href: self.linker.page(&Route::company(
                            self.data.site.company(e.company).id.clone(),
                        )),
                        current: false,
                    })
                    .collect(),
                names_winner: s.names_winner,
                narrow_win: s.ranked.iter().any(|&i| results.ranked_at(i).narrow_win()),
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
        let description = self.locale.t_count(
            "edition_description",
            results.ranked.len() as u64,
            &[("year", &year.to_string())],
        );
        let layout = self.layout(&Route::edition(year), &facts.title, &description);
        Ok((
            layout,
            EditionView {
                edition: facts,
                rows,
                not_ranked,
                sectors,
                top_chart: self.top_chart(results, "chart-top")?,
                charts,
                commentary: self.commentary(self.data.content.editions.get(&year))?,
                perspectives: self.perspective_names(),
                min_responses: self.data.site.methodology.min_responses,
                leaders: self.criterion_leaders(
                    &results.ranked,
                    &(0..results.ranked.len()).collect::<Vec<_>>(),
                ),
                survey: self.survey(year),
            },
        ))
    }
}

pub(crate) static EDITION: PageKind = PageKind {
    name: "edition",
    template: "edition.html",
    plan: Plan::PerEdition(|_, _| vec![0]),
    route: |_, year, _| Route::edition(year),
    data: DataScope::All,
    commentary: CommentaryScope::Edition,
    view: |b, year, _| {
        let (layout, view) = b.edition(year)?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: Some(CardKind {
        when: |share_images| share_images != ShareImages::None,
        draw: |b, year, _| b.edition_card(year),
    }),
};
