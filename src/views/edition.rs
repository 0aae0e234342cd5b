//! An edition's page: the full ranking, the companies not ranked, the sectors and the charts.

use super::*;

#[derive(Debug, Serialize)]
pub struct SectorSummary {
    pub name: String,
    /// Where the name is shown in another language than the page's.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub href: String,
    pub average: String,
    pub ranked: usize,
    pub winners: Vec<Link>,
    pub names_winner: bool,
    /// The winner's lead is within the margin of error (`Ranked::narrow_win`).
    pub narrow_win: bool,
}

/// Where a page of an edition's full ranking lies among the others, when the ranking has more
/// rows than `rows_per_page`: the edition's page shows the first rows, and pages
/// `ranking/2/`, `ranking/3/`… the rest, so that every row is reachable without script.
#[derive(Debug, Serialize)]
pub struct RankingPages {
    /// "Rows 101–200 of 4,106".
    pub rows: String,
    /// The pages to link: the first, the last and those near this one, in order; `None` stands
    /// for a gap.
    pub links: Vec<Option<Link>>,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Every page's address in order, this one's included, for the script that sorts and
    /// filters all the rows.
    pub all: Vec<String>,
}

/// A further page of an edition's full ranking.
#[derive(Debug, Serialize)]
pub struct RankingView {
    pub edition: EditionFacts,
    /// "Full ranking 2026, rows 101–200".
    pub title: String,
    pub rows: Vec<RowView>,
    pub pages: RankingPages,
    pub perspectives: Vec<String>,
    /// Each perspective name's `lang` and `dir` where it is shown in another language.
    pub perspective_langs: Vec<Option<crate::locale::WrittenIn>>,
}

#[derive(Debug, Serialize)]
pub struct EditionView {
    pub edition: EditionFacts,
    /// The first page of the full ranking (all of it unless it is longer than `rows_per_page`).
    pub rows: Vec<RowView>,
    /// The other pages of the full ranking, when there are any.
    pub ranking_pages: Option<RankingPages>,
    pub not_ranked: Vec<NotRankedView>,
    /// "Show all (4,512)": the summary of a long not-ranked list, its count written the
    /// language's way.
    pub show_all_not_ranked: String,
    pub sectors: Vec<SectorSummary>,
    /// The same for a long list of sectors.
    pub show_all_sectors: String,
    /// The top of the ranking as dots with their intervals (`top_chart`), shown under the lead.
    pub top_chart: Option<Chart>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub perspectives: Vec<String>,
    /// Each perspective name's `lang` and `dir` where it is shown in another language.
    pub perspective_langs: Vec<Option<crate::locale::WrittenIn>>,
    pub min_responses: u64,
    /// Who leads each criterion among all ranked companies.
    pub leaders: Vec<super::leaders::LeaderView>,
    /// "About this survey", when the edition's file discloses it.
    pub survey: Option<super::survey::SurveyView>,
}

impl ViewBuilder<'_> {
    pub fn edition(&self, year: i32) -> Result<(Layout, EditionView), ViewError> {
        let results = self.data.results_of(year)?;
        let per_page = self.data.site.config.rows_per_page.max(1);
        let rows = results
            .ranked
            .iter()
            .take(per_page)
            .map(|e| self.row(results, e))
            .collect();
        let not_ranked: Vec<NotRankedView> = (0..results.not_ranked.len())
            .map(|i| self.not_ranked_view(results, i))
            .collect();
        let sectors: Vec<SectorSummary> = results
            .sectors
            .iter()
            .filter(|s| self.data.has_sector_page(results, s.sector))
            .map(|s| SectorSummary {
                name: self.sector_name(s.sector),
                name_lang: self.sector_lang(s.sector),
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
        let description = self.locale.t_count_embedding(
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
                ranking_pages: self.ranking_pages(results, 1),
                show_all_not_ranked: self.show_all(not_ranked.len()),
                not_ranked,
                show_all_sectors: self.show_all(sectors.len()),
                sectors,
                top_chart: self.top_chart(results, "chart-top")?,
                charts,
                commentary: self.commentary(self.data.content.editions.get(&year))?,
                perspectives: self.perspective_names(),
                perspective_langs: self.perspective_langs(),
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

/// How many pages the edition's full ranking takes (at least one, the edition's own).
pub(crate) fn ranking_page_count(rows: usize, per_page: usize) -> usize {
    rows.div_ceil(per_page.max(1)).max(1)
}

/// The page numbers a pagination links: the first, the last, and two either side of `current`;
/// `None` marks a gap of more than one page.
fn page_numbers(current: usize, count: usize) -> Vec<Option<usize>> {
    let mut numbers = Vec::new();
    let mut last = 0;
    for number in 1..=count {
        let near = number.abs_diff(current) <= 2;
        if number == 1 || number == count || near {
            if number > last + 2 {
                numbers.push(None);
            } else if number == last + 2 {
                // A gap of one page is shown as that page rather than as "…".
                numbers.push(Some(last + 1));
            }
            numbers.push(Some(number));
            last = number;
        }
    }
    numbers
}

impl ViewBuilder<'_> {
    /// The address of page `number` of an edition's full ranking (the first is the edition's).
    fn ranking_href(&self, year: i32, number: usize) -> String {
        if number <= 1 {
            self.linker.page(&Route::edition(year))
        } else {
            self.linker.page(&Route::ranking_page(year, number))
        }
    }

    /// Page `current` (from 1) among the pages of the edition's full ranking, or `None` when
    /// the ranking fits on one page.
    fn ranking_pages(&self, results: &EditionResults, current: usize) -> Option<RankingPages> {
        let per_page = self.data.site.config.rows_per_page.max(1);
        let total = results.ranked.len();
        let count = ranking_page_count(total, per_page);
        if count <= 1 {
            return None;
        }
        let year = results.year;
        let first = (current - 1) * per_page + 1;
        let last = (current * per_page).min(total);
        Some(RankingPages {
            rows: self.locale.t_embedding(
                "ranking_rows",
                &[
                    ("first", &self.locale.count(first as u64)),
                    ("last", &self.locale.count(last as u64)),
                    ("total", &self.locale.count(total as u64)),
                ],
            ),
            links: page_numbers(current, count)
                .into_iter()
                .map(|number| {
                    number.map(|number| Link {
                        label: self.locale.count(number as u64),
                        href: self.ranking_href(year, number),
                        current: number == current,
                    })
                })
                .collect(),
            previous: (current > 1).then(|| self.ranking_href(year, current - 1)),
            next: (current < count).then(|| self.ranking_href(year, current + 1)),
            all: (1..=count).map(|n| self.ranking_href(year, n)).collect(),
        })
    }

    /// Page `number` (from 2) of an edition's full ranking.
    pub fn ranking_page(
        &self,
        year: i32,
        number: usize,
    ) -> Result<Option<(Layout, RankingView)>, ViewError> {
        let results = self.data.results_of(year)?;
        let per_page = self.data.site.config.rows_per_page.max(1);
        let Some(pages) = self.ranking_pages(results, number) else {
            return Ok(None);
        };
        let rows: Vec<RowView> = results
            .ranked
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .map(|e| self.row(results, e))
            .collect();
        let first = (number - 1) * per_page + 1;
        let last = first + rows.len().saturating_sub(1);
        // "{first}–{last}" holds a word joiner after its dash (Locale::new): "51–90" is never
        // broken there.
        let title = self.locale.t_embedding(
            "ranking_page_title",
            &[
                ("year", &year.to_string()),
                ("first", &self.locale.count(first as u64)),
                ("last", &self.locale.count(last as u64)),
            ],
        );
        let description = self.locale.t_count_embedding(
            "edition_description",
            results.ranked.len() as u64,
            &[("year", &year.to_string())],
        );
        let layout = self.layout(&Route::ranking_page(year, number), &title, &description);
        Ok(Some((
            layout,
            RankingView {
                edition: self.edition_facts(results),
                title,
                rows,
                pages,
                perspectives: self.perspective_names(),
                perspective_langs: self.perspective_langs(),
            },
        )))
    }
}

/// The further pages of an edition's full ranking, from its second.
pub(crate) static RANKING: PageKind = PageKind {
    name: "ranking",
    template: "ranking.html",
    plan: Plan::PerEdition(|data, results| {
        let count = ranking_page_count(results.ranked.len(), data.site.config.rows_per_page);
        (2..=count).collect()
    }),
    route: |_, year, number| Route::ranking_page(year, number),
    data: DataScope::All,
    commentary: CommentaryScope::None,
    view: |b, year, number| {
        Ok(b.ranking_page(year, number)?
            .map(|(layout, view)| Built::new(layout, view, 0)))
    },
    card: None,
};

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
        when: |data, _| data.site.config.share_images != ShareImages::None,
        draw: |b, year, _| b.edition_card(year),
    }),
};

impl ViewBuilder<'_> {
    /// "Show all ({count})" with the count written the language's way ("Alle anzeigen (4.512)").
    pub(super) fn show_all(&self, count: usize) -> String {
        self.locale
            .t_embedding("show_all", &[("count", &self.locale.count(count as u64))])
    }
}

#[cfg(test)]
mod tests {
    use super::{page_numbers, ranking_page_count};

    #[test]
    fn a_pagination_links_the_ends_and_two_pages_either_side() {
        let shown = |current, count| -> Vec<String> {
            page_numbers(current, count)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect()
        };
        assert_eq!(shown(1, 3), ["1", "2", "3"]);
        assert_eq!(shown(1, 42), ["1", "2", "3", "…", "42"]);
        assert_eq!(shown(5, 42), ["1", "2", "3", "4", "5", "6", "7", "…", "42"]);
        assert_eq!(shown(20, 42), ["1", "…", "18", "19", "20", "21", "22", "…", "42"]);
        // A gap of a single page shows that page instead of "…".
        assert_eq!(shown(4, 9), ["1", "2", "3", "4", "5", "6", "…", "9"]);
        assert_eq!(shown(42, 42), ["1", "…", "40", "41", "42"]);
        assert_eq!(ranking_page_count(0, 100), 1);
        assert_eq!(ranking_page_count(100, 100), 1);
        assert_eq!(ranking_page_count(101, 100), 2);
        assert_eq!(ranking_page_count(4106, 100), 42);
    }
}
