//! A company's page: its latest result against its sector, its history, charts and seals.

use super::*;

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
    /// The name's `lang` and `dir` where data/ has it in another language only.
    pub name_lang: Option<crate::locale::WrittenIn>,
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
    /// Another company shares the rank, in the edition / in the sector (shown as "10=").
    pub tied: bool,
    pub sector_tied: bool,
    /// The sector rank among the sector's ranked companies: "2 of 9".
    pub sector_rank_of: String,
    /// The rank among all ranked companies: "1 of 90", "10= of 90".
    pub rank_of: String,
    pub score: String,
    pub sector_average: String,
    pub change: ChangeView,
    pub top: bool,
    pub winner: bool,
    /// For a sector winner whose lead is within the margin of error: the sentence saying so.
    pub narrow_win: Option<String>,
    pub responses: String,
    pub perspectives: Vec<PerspectiveScore>,
    /// Respondent-level results: the interval ("71.3–93.1"), its level ("95 %"), the plausible
    /// ranks, the tier, respondents per perspective and answers per criterion.
    pub interval: Option<String>,
    pub confidence: String,
    pub rank_range: Option<String>,
    pub sector_rank_range: Option<String>,
    pub tier: Option<String>,
    /// The tier name's `lang` and `dir` where data/ has it in another language only.
    pub tier_lang: Option<crate::locale::WrittenIn>,
    pub respondents: Vec<Count>,
    pub answers: Vec<Count>,
    /// Respondent-level results resting on few respondents: for each sampled perspective whose
    /// effective number of respondents is under 1.5 times its minimum, the sentence saying so.
    pub small_samples: Vec<String>,
}

/// A name and a count, formatted.
#[derive(Debug, Serialize)]
pub struct Count {
    pub name: String,
    /// The name's `lang` and `dir` where data/ has it in another language only.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub count: String,
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
    /// Where the sector's name is shown in another language than the page's.
    pub sector_lang: Option<crate::locale::WrittenIn>,
    pub sector_href: Option<String>,
    pub website: Option<String>,
    pub latest: Option<LatestResult>,
    pub status_note: Option<String>,
    /// Why the company was not ranked in the edition the note names.
    pub status_reason: Option<String>,
    pub history: Vec<HistoryRow>,
    pub badges: Vec<Badge>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub top_size: usize,
    /// The top list's name with its size: "Top 50", "Топ-50".
    pub top_label: String,
    /// The comparison page with this company chosen, when it has a latest result to compare.
    pub compare_href: Option<String>,
}

impl ViewBuilder<'_> {
    pub fn company(&self, company: usize) -> Result<(Layout, CompanyView), ViewError> {
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
            self.linker.page(&Route::sector(r.year, id))
        });
        let mut charts = Vec::new();
        let latest = latest_ranked.map(|(results, entry)| self.latest_result(results, entry));
        charts.extend(self.criteria_chart(company, "chart-criteria")?);
        let history = self.history_rows(company);
        charts.extend(self.history_chart(company, "chart-history")?);
        let badges = self.badges(company);
        let not_ranked_in = match (latest_ranked, latest_taken_part) {
            (Some((ranked, _)), Some(part)) if part.year != ranked.year => Some(part),
            (None, Some(part)) => Some(part),
            _ => None,
        };
        let status_note = match (latest_taken_part, not_ranked_in) {
            (None, _) => Some(self.t("company_no_results")),
            (_, Some(part)) => Some(
                self.locale
                    .t_embedding("company_not_ranked_in", &[("year", &part.year.to_string())]),
            ),
            _ => None,
        };
        // Why it was not ranked, in the box that says it was not: "Customer survey: 11.60
        // effective responses, 30 required".
        let status_reason = not_ranked_in.and_then(|results| match results.standing(company) {
            Some(Standing::NotRanked(index)) => Some(self.reasons_of(results.not_ranked_at(index))),
            _ => None,
        });
        let description = self.locale.t_embedding(
            "company_description",
            &[("company", &name), ("sector", &sector_name)],
        );
        let layout = self.layout(&Route::company(record.id.clone()), &name, &description);
        Ok((
            layout,
            CompanyView {
                id: record.id.clone(),
                name,
                sector: sector_name,
                sector_lang: self.sector_lang(record.sector),
                sector_href,
                website: record.website.clone(),
                latest,
                status_note,
                status_reason,
                history,
                badges,
                charts,
                commentary: self.commentary(self.data.content.companies.get(&company))?,
                top_size: site.config.top,
                top_label: self.top_label(),
                compare_href: self
                    .data
                    .latest()
                    .map(|_| format!("{}?c={}", self.linker.page(&Route::compare()), record.id)),
            },
        ))
    }
}

impl ViewBuilder<'_> {
    /// A company's result in the latest edition that ranked it.
    fn latest_result(&self, results: &EditionResults, entry: &Ranked) -> LatestResult {
        let site = self.data.site;
        let sector_averages = &results.sector(entry.sector).averages;
        LatestResult {
            year: results.year,
            edition_href: self.linker.page(&Route::edition(results.year)),
            sector_href: self.linker.page(&Route::sector(
                results.year,
                site.sector(entry.sector).id.clone(),
            )),
            rank: entry.rank,
            sector_rank: entry.sector_rank,
            tied: entry.tied,
            sector_tied: entry.sector_tied,
            sector_rank_of: self.sector_rank_of(results, entry),
            rank_of: self.locale.t_embedding(
                "rank_of",
                &[
                    (
                        "rank",
                        &entry.place(),
                    ),
                    ("count", &results.ranked.len().to_string()),
                ],
            ),
            score: self.locale.units(entry.units),
            sector_average: sector_averages
                .score
                .map(|a| self.locale.score(a))
                .unwrap_or_default(),
            change: self.change_view(entry),
            top: entry.top,
            winner: entry.sector_winner,
            narrow_win: entry.narrow_win().then(|| {
                self.locale.t_embedding(
                    "narrow_win_note",
                    &[
                        ("level", &self.confidence_level()),
                        (
                            "range",
                            &entry
                                .sector_rank_range
                                .map(|range| self.locale.isolate(super::tables::range_text(range)))
                                .unwrap_or_default(),
                        ),
                    ],
                )
            }),
            responses: entry
                .responses
                .map(|r| self.locale.count(r))
                .unwrap_or_default(),
            interval: self.entry_interval_text(entry),
            confidence: self.confidence_level(),
            rank_range: entry
                .rank_range
                .map(|range| self.locale.isolate(super::tables::range_text(range))),
            sector_rank_range: entry
                .sector_rank_range
                .map(|range| self.locale.isolate(super::tables::range_text(range))),
            tier: self.tier_name(entry),
            tier_lang: self.tier_lang(entry),
            small_samples: self.small_samples(entry),
            respondents: entry
                .respondents
                .iter()
                .flatten()
                .zip(&site.methodology.perspectives)
                .map(|(&n, p)| Count {
                    name: p.name.get(self.lang()).to_string(),
                    name_lang: self.written_in(&p.name),
                    count: self.locale.count(n),
                })
                .collect(),
            answers: entry
                .criteria_n
                .iter()
                .flatten()
                .zip(&site.methodology.criteria)
                .map(|(&n, c)| Count {
                    name: c.name.get(self.lang()).to_string(),
                    name_lang: self.written_in(&c.name),
                    count: self.locale.count(n),
                })
                .collect(),
            perspectives: site
                .methodology
                .perspectives
                .iter()
                .enumerate()
                .map(|(p, perspective)| PerspectiveScore {
                    name: perspective.name.get(self.lang()).to_string(),
                    name_lang: self.written_in(&perspective.name),
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
    }

    /// A row per edition the company took part in, newest first.
    fn history_rows(&self, company: usize) -> Vec<HistoryRow> {
        let mut history = Vec::new();
        for results in self.data.results.iter().rev() {
            let href = self.linker.page(&Route::edition(results.year));
            match results.standing(company) {
                Some(Standing::Ranked(index)) => {
                    let entry = &results.ranked_at(index);
                    history.push(HistoryRow {
                        year: results.year,
                        href,
                        ranked: true,
                        rank: entry.place(),
                        sector_rank: self.sector_rank_of(results, entry),
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
                    note: self.reasons_of(results.not_ranked_at(index)),
                }),
                None => {}
            }
        }
        history
    }

    /// The company's seals, newest first, each with the code that embeds it.
    fn badges(&self, company: usize) -> Vec<Badge> {
        let site = self.data.site;
        let record = &site.company(company);
        self
            .data
            .results
            .iter()
            .rev()
            .filter_map(|r| r.ranked_entry(company).map(|e| (r, e)))
            .filter(|(_, e)| e.awarded())
            .map(|(r, e)| {
                let alt = crate::draw::badges::award_text(self.locale, site, r.year, e);
                let prefix = language_prefix(&site.config.languages, self.lang());
                // The seal links to the page that confirms it.
                let page = absolute_url(
                    &site.config.base_url,
                    &prefix,
                    &Route::verify(r.year, record.id.clone()),
                );
                let seal = OutputFile::Seal {
                    year: r.year,
                    company: record.id.clone(),
                };
                let image = absolute_file_url(&site.config.base_url, &prefix, &seal);
                // One attribute per line: the code stays readable and never breaks inside a word.
                let embed = format!(
                    "<a href=\"{}\">\n  <img src=\"{}\"\n    alt=\"{}\"\n    width=\"120\" height=\"155\">\n</a>",
                    crate::escape::escape_xml(&page),
                    crate::escape::escape_xml(&image),
                    crate::escape::escape_xml(&alt)
                );
                Badge {
                    href: self.linker.file(&seal),
                    alt,
                    year: r.year,
                    embed,
                }
            })
            .collect()
    }

    /// "2 of 9", or "2= of 9" when another company shares the sector rank.
    pub(super) fn sector_rank_of(&self, results: &EditionResults, entry: &Ranked) -> String {
        let tie = if entry.sector_tied { "=" } else { "" };
        self.locale.t_embedding(
            "rank_of",
            &[
                ("rank", &format!("{}{tie}", entry.sector_rank)),
                (
                    "count",
                    &results.sector(entry.sector).ranked.len().to_string(),
                ),
            ],
        )
    }
}

pub(crate) static COMPANY: PageKind = PageKind {
    name: "company",
    template: "company.html",
    plan: Plan::Each(|data| data.site.companies.len()),
    route: |data, _, company| Route::company(data.site.company(company).id.clone()),
    data: DataScope::Company,
    commentary: CommentaryScope::Company,
    view: |b, _, company| {
        let (layout, view) = b.company(company)?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: Some(CardKind {
        when: |data, company| data.company_has_card(company),
        draw: |b, _, company| Some(b.company_card(company)),
    }),
};

/// A ranked company's sample is "close to the minimum" below this multiple of it: with 34
/// respondents where 30 are required, a published score rests on barely enough answers.
const SMALL_SAMPLE_FACTOR: f64 = 1.5;

impl ViewBuilder<'_> {
    /// The caveats of `entry`'s small samples: one per sampled perspective whose effective
    /// number of respondents is at least its minimum (it was ranked) but under 1.5 times it.
    fn small_samples(&self, entry: &Ranked) -> Vec<String> {
        let Some(effective) = &entry.effective else {
            return Vec::new();
        };
        self.data
            .site
            .methodology
            .perspectives
            .iter()
            .zip(effective)
            .filter(|&(p, &n)| {
                p.sampled && p.min_responses > 0 && n < SMALL_SAMPLE_FACTOR * p.min_responses as f64
            })
            .map(|(p, &n)| {
                let count = if n.fract() == 0.0 {
                    self.locale.count(n as u64)
                } else {
                    self.locale.number_text(&format!("{n:.2}"))
                };
                self.locale.t_embedding(
                    "small_sample_note",
                    &[
                        ("perspective", p.name.get(self.lang())),
                        ("count", &count),
                        ("required", &self.locale.count(p.min_responses)),
                    ],
                )
            })
            .collect()
    }
}

