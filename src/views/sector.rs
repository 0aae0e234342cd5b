//! A sector's page in one edition: its ranking, averages, winner and chart.

use super::*;

#[derive(Debug, Serialize)]
pub struct CriterionAverage {
    pub name: String,
    /// The criterion's `lang` and `dir` where data/ names it in another language only.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub perspective: String,
    pub perspective_lang: Option<crate::locale::WrittenIn>,
    pub sector: String,
    pub overall: String,
}

#[derive(Debug, Serialize)]
pub struct SectorView {
    pub edition: EditionFacts,
    pub id: String,
    pub name: String,
    /// Where the name is shown in another language than the page's.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub description: Option<String>,
    pub rows: Vec<RowView>,
    pub not_ranked: Vec<NotRankedView>,
    /// "Show all (1,204)" for a long not-ranked list.
    pub show_all_not_ranked: String,
    pub average: String,
    pub overall_average: String,
    pub names_winner: bool,
    pub no_winner_note: String,
    pub criteria: Vec<CriterionAverage>,
    /// Who leads each criterion within the sector.
    pub leaders: Vec<super::leaders::LeaderView>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub perspectives: Vec<String>,
    /// Each perspective name's `lang` and `dir` where it is shown in another language.
    pub perspective_langs: Vec<Option<crate::locale::WrittenIn>>,
    pub other_editions: Vec<Link>,
}

impl ViewBuilder<'_> {
    pub fn sector(&self, year: i32, sector: usize) -> Result<(Layout, SectorView), ViewError> {
        let results = self.data.results_of(year)?;
        let sector_results = &results.sector(sector);
        let site = self.data.site;
        let name = self.sector_name(sector);
        let rows: Vec<RowView> = sector_results
            .ranked
            .iter()
            .map(|&i| {
                let entry = results.ranked_at(i);
                // The table ranks within the sector: its change is of the sector place.
                RowView {
                    change: self.sector_change_view(entry),
                    ..self.row(results, entry)
                }
            })
            .collect();
        let not_ranked: Vec<NotRankedView> = sector_results
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
        // A criterion's average as shown, or a dash where there is none.
        let average_of = |averages: &[Option<f64>], c: usize| {
            averages
                .get(c)
                .copied()
                .flatten()
                .map(|v| self.locale.score(v))
                .unwrap_or_else(|| "–".into())
        };
        let criteria = site
            .methodology
            .criteria
            .iter()
            .enumerate()
            .map(|(c, criterion)| CriterionAverage {
                name: criterion.name.get(self.lang()).to_string(),
                name_lang: self.written_in(&criterion.name),
                perspective_lang: self.perspective_lang(criterion.perspective),
                perspective: site
                    .methodology
                    .perspective(criterion.perspective)
                    .name
                    .get(self.lang())
                    .to_string(),
                sector: average_of(&sector_results.averages.criteria, c),
                overall: average_of(&results.averages.criteria, c),
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
                    .page(&Route::sector(r.year, site.sector(sector).id.clone())),
                current: r.year == year,
            })
            .collect();
        let min_size = self.locale.count(site.config.min_sector_size as u64);
        let ranked_count = sector_results.ranked.len() as u64;
        let title = format!("{name} {year}");
        let description = self.locale.t_embedding(
            "sector_description",
            &[("sector", &name), ("year", &year.to_string())],
        );
        let route = Route::sector(year, site.sector(sector).id.clone());
        let layout = self.layout(&route, &title, &description);
        Ok((
            layout,
            SectorView {
                edition: self.edition_facts(results),
                id: site.sector(sector).id.clone(),
                description: site
                    .sector(sector)
                    .description
                    .as_ref()
                    .map(|d| d.get(self.lang()).to_string()),
                name,
                name_lang: self.sector_lang(sector),
                rows,
                show_all_not_ranked: self.show_all(not_ranked.len()),
                not_ranked,
                average: average_text,
                overall_average: results
                    .averages
                    .score
                    .map(|a| self.locale.score(a))
                    .unwrap_or_default(),
                names_winner: sector_results.names_winner,
                no_winner_note: self.locale.t_count_embedding(
                    "no_winner_note",
                    ranked_count,
                    &[("min", &min_size)],
                ),
                criteria,
                leaders: self.criterion_leaders(&results.ranked, &sector_results.ranked),
                charts,
                commentary: self.commentary(self.data.content.sectors.get(&sector))?,
                perspectives: self.perspective_names(),
                perspective_langs: self.perspective_langs(),
                other_editions,
            },
        ))
    }
}

pub(crate) static SECTOR: PageKind = PageKind {
    name: "sector",
    template: "sector.html",
    // A sector has a page in an edition where someone from it took part.
    plan: Plan::PerEdition(|data, results| {
        (0..data.site.sectors.len())
            .filter(|&sector| data.has_sector_page(results, sector))
            .collect()
    }),
    route: |data, year, sector| Route::sector(year, data.site.sector(sector).id.clone()),
    data: DataScope::All,
    commentary: CommentaryScope::Sector,
    view: |b, year, sector| {
        let (layout, view) = b.sector(year, sector)?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: None,
};
