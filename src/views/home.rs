//! The home page: the latest edition's key figures, top list, sector winners and charts.

use super::*;

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
    /// `ranking-spreadsheet.csv`: the ranking as a spreadsheet in the page's language opens it.
    pub sheet_href: String,
    /// The headline in words: who is first, by how much, and whether the lead is clear.
    pub lead: Option<String>,
    /// "How to read this table": what the plausible places, "=" and the tiers mean, as the
    /// edition has them.
    pub reading_key: Vec<String>,
    pub methodology_href: String,
    /// Where the numbers come from, in words ("Source: …"), said under ranking tables.
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct HomeView {
    pub edition: Option<EditionFacts>,
    pub top: Vec<RowView>,
    pub top_size: usize,
    /// The top list's name with its size: "Top 50", "Топ-50".
    pub top_label: String,
    pub winners: Vec<RowView>,
    /// The top of the ranking as dots with their intervals (`top_chart`), shown under the lead.
    pub top_chart: Option<Chart>,
    pub charts: Vec<Chart>,
    pub commentary: Option<CommentaryView>,
    pub articles: Vec<ArticleItem>,
    pub perspectives: Vec<String>,
    /// Each perspective name's `lang` and `dir` where it is shown in another language.
    pub perspective_langs: Vec<Option<crate::locale::WrittenIn>>,
    /// Who reached each award tier in the latest edition, highest tier first; empty without tiers.
    pub tiers: Vec<TierList>,
}

/// The companies that reached one tier.
#[derive(Debug, Serialize)]
pub struct TierList {
    pub name: String,
    /// The name's `lang` and `dir` where data/ has it in another language only.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub companies: Vec<RowView>,
}

impl ViewBuilder<'_> {
    pub fn home(&self) -> Result<(Layout, HomeView), ViewError> {
        let content = self.data.content;
        let (edition, top, winners, top_chart, charts) = match self.data.latest() {
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
                let top_chart = self.top_chart(results, "chart-top")?;
                (Some(self.edition_facts(results)), top, winners, top_chart, charts)
            }
            None => (None, Vec::new(), Vec::new(), None, Vec::new()),
        };
        let articles = self.article_items().into_iter().take(3).collect();
        let tiers = self
            .data
            .latest()
            .map(|results| {
                self.data
                    .site
                    .methodology
                    .tiers
                    .iter()
                    .enumerate()
                    .map(|(index, tier)| TierList {
                        name: tier.name.get(self.lang()).to_string(),
                        name_lang: self.written_in(&tier.name),
                        companies: results
                            .ranked
                            .iter()
                            .filter(|e| e.tier == Some(index))
                            .map(|e| self.row(results, e))
                            .collect(),
                    })
                    .filter(|list| !list.companies.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let description = self
            .data
            .site
            .config
            .description
            .as_ref()
            .map(|d| d.get(self.lang()).to_string())
            .unwrap_or_default();
        let layout = self.layout(&Route::home(), "", &description);
        Ok((
            layout,
            HomeView {
                edition,
                top,
                top_size: self.data.site.config.top,
                top_label: self.top_label(),
                winners,
                top_chart,
                charts,
                commentary: self.commentary(Some(&content.home))?,
                articles,
                perspectives: self.perspective_names(),
                perspective_langs: self.perspective_langs(),
                tiers,
            },
        ))
    }

    /// The edition's number of respondents as every page gives it: for respondent-level results
    /// those of the first sampled perspective over all companies, ranked or not; otherwise the
    /// `respondents:` of the edition's file, if any.
    pub(super) fn respondents_shown(&self, results: &EditionResults) -> Option<u64> {
        self.first_sampled_total(results).or_else(|| {
            self.data.site.edition(results.year)
                .and_then(|e| e.respondents)
        })
    }

    /// The respondents of the edition's first sampled perspective over all its companies, for
    /// respondent-level results.
    fn first_sampled_total(&self, results: &EditionResults) -> Option<u64> {
        results.respondents_total(self.first_sampled_perspective()?)
    }

    /// The methodology's first sampled perspective (the customers'), whose respondents pages
    /// name.
    pub(super) fn first_sampled_perspective(&self) -> Option<usize> {
        self.data
            .site
            .methodology
            .perspectives
            .iter()
            .position(|p| p.sampled)
    }

    pub(super) fn edition_facts(&self, results: &EditionResults) -> EditionFacts {
        let edition = self.data.site.edition(results.year);
        EditionFacts {
            year: results.year,
            title: self.edition_title(results.year),
            href: self.linker.page(&Route::edition(results.year)),
            published: edition
                .and_then(|e| e.published)
                .map(|d| self.locale.date(&d)),
            iso_published: edition.and_then(|e| e.published).map(|d| d.to_string()),
            respondents: self
                .respondents_shown(results)
                .map(|r| self.locale.count(r)),
            ranked: results.ranked.len(),
            not_ranked: results.not_ranked.len(),
            average: results
                .averages
                .score
                .map(|a| self.locale.score(a))
                .unwrap_or_default(),
            json_href: self.linker.file(&OutputFile::RankingJson(results.year)),
            csv_href: self.linker.file(&OutputFile::RankingCsv(results.year)),
            sheet_href: self.linker.file(&OutputFile::RankingSheet(results.year)),
            lead: self.lead_sentence(results),
            reading_key: self.reading_key(results),
            methodology_href: self.linker.page(&Route::methodology()),
            source: self.source_line(Some(results)),
        }
    }

    /// The sentences of a ranking table's key: plausible places when the edition has them, what
    /// "=" marks, how tiers are earned when there are tiers.
    fn reading_key(&self, results: &EditionResults) -> Vec<String> {
        let mut key = Vec::new();
        if results.ranked.iter().any(|e| e.rank_range.is_some()) {
            key.push(
                self.locale
                    .t_embedding(
                        "key_plausible",
                        &[
                            ("level", &self.confidence_level()),
                            ("plausibly", &self.t("plausibly")),
                        ],
                    ),
            );
        }
        key.push(self.t("key_tie"));
        key.extend(self.tier_rule());
        key
    }
}

pub(crate) static HOME: PageKind = PageKind {
    name: "home",
    template: "home.html",
    plan: Plan::One(|_| true),
    route: |_, _, _| Route::home(),
    data: DataScope::All,
    commentary: CommentaryScope::All,
    view: |b, _, _| {
        let (layout, view) = b.home()?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: None,
};

impl ViewBuilder<'_> {
    /// The top list's name with its size, as the language writes it: "Top 50", "Топ-50".
    pub(super) fn top_label(&self) -> String {
        self.locale.t_embedding(
            "top_list",
            &[("top", &self.data.site.config.top.to_string())],
        )
    }
}

/// Plausible first places named in the lead sentence; more are cut with "…".
const LEAD_NAMES: usize = 8;

impl ViewBuilder<'_> {
    /// The edition's headline in words: the first place, its score and lead over the second,
    /// and whether the lead is clear by STATISTICS.md's rule (step 12: its plausible places are
    /// exactly {1}; else it is within the margin of error, naming the others plausibly first);
    /// an edition of averages only makes no claim either way, and a tie for first names every
    /// company in it.
    pub(super) fn lead_sentence(&self, results: &EditionResults) -> Option<String> {
        let first = results.ranked.first()?;
        let score = self.locale.units(first.units);
        let firsts: Vec<String> = results
            .ranked
            .iter()
            .take_while(|e| e.rank == first.rank)
            .map(|e| self.company_name(e.company))
            .collect();
        if firsts.len() > 1 {
            return Some(self.locale.t_embedding(
                "lead_shared",
                &[("companies", &self.locale.and_list(&firsts)), ("score", &score)],
            ));
        }
        let second = results.ranked.get(1)?;
        let gap = first.units - second.units;
        let points = self.locale.t_plural(
            "points",
            self.locale.decimal(gap),
            &[("score", &self.locale.units(gap))],
        );
        let company = self.company_name(first.company);
        let second_name = self.company_name(second.company);
        let values = [
            ("company", company.as_str()),
            ("score", score.as_str()),
            ("points", points.as_str()),
            ("second", second_name.as_str()),
        ];
        let mut others: Vec<String> = results
            .ranked
            .iter()
            .skip(1)
            .filter(|e| e.rank_range.is_some_and(|(best, _)| best == 1))
            // One more than are named, to know whether to cut: a large edition can have
            // hundreds plausibly first, whose names would be made for nothing.
            .take(LEAD_NAMES + 1)
            .map(|e| self.company_name(e.company))
            .collect();
        Some(match first.rank_range {
            None => self.locale.t_embedding("lead_plain", &values),
            Some((1, 1)) => self.locale.t_embedding("lead_clear", &values),
            Some(_) => {
                if others.is_empty() {
                    // Plausibly second, though no one else is plausibly first: the lead is still
                    // within the margin of error, over the second above all.
                    others.push(second_name.clone());
                }
                if others.len() > LEAD_NAMES {
                    others.truncate(LEAD_NAMES);
                    others.push("…".to_string());
                }
                let others = self.locale.and_list(&others);
                let mut values = values.to_vec();
                values.push(("others", others.as_str()));
                self.locale.t_embedding("lead_narrow", &values)
            }
        })
    }
}
