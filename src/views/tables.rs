//! The rows of ranking tables, the change column and the reasons a company is not ranked: shared
//! by the edition, sector, home and company pages and the ranking embed.

use super::*;
use crate::locale::WrittenIn;

#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// Serialised for templates as `up`, `down`, `same` or `new`.
    pub direction: Direction,
    pub rank: String,
    pub score: String,
    /// The same, labelled for the eye: "9 places" (or "same place"), "+10.3 points".
    pub places: String,
    pub points: String,
    /// Places gained, for sorting (`None` for a new entry).
    pub value: Option<i64>,
    /// The whole change in words, for screen readers and tooltips.
    pub label: String,
}

/// Which way a company moved since the edition it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Same,
    /// Not ranked in any earlier edition.
    New,
}

/// A range of ranks as shown: "2–9", or "3" when it is one rank.
pub(super) fn range_text((best, worst): (usize, usize)) -> String {
    if best == worst {
        best.to_string()
    } else {
        format!("{best}\u{2013}{worst}")
    }
}

/// A range of plausible places worth showing beside a rank: `None` when it is the one place
/// itself ("plausibly 7" beside rank 7 says nothing).
pub(super) fn plausible_range(range: (usize, usize)) -> Option<String> {
    (range.0 != range.1).then(|| range_text(range))
}

/// One line of a ranking table.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// The company's id: the row's anchor (`<table id>-<id>`).
    pub id: String,
    /// The score in display units and the perspective scores (full precision), for sorting.
    pub score_value: i64,
    pub perspective_values: Vec<String>,
    pub rank: usize,
    pub tied: bool,
    pub sector_rank: usize,
    pub name: String,
    pub href: String,
    pub sector: String,
    /// Where the sector's name is shown in another language than the page's.
    pub sector_lang: Option<WrittenIn>,
    pub sector_id: String,
    pub sector_href: String,
    pub score: String,
    pub perspectives: Vec<String>,
    pub responses: String,
    /// Respondent-level results: the plausible ranks ("2–9"), in the edition and in the sector.
    pub rank_range: Option<String>,
    pub sector_rank_range: Option<String>,
    /// The award tier's name, if the company earned one, and its language where it is not the
    /// page's.
    pub tier: Option<String>,
    pub tier_lang: Option<WrittenIn>,
    /// Respondent-level results: the score's interval ("67.7–71.6", or that a census has no
    /// sampling error) and the respondents of the first sampled perspective, with their count
    /// for sorting. The default theme shows them as columns a reader switches on.
    pub interval: Option<String>,
    pub respondents: Option<String>,
    pub respondents_value: Option<u64>,
    pub change: ChangeView,
    pub top: bool,
    pub winner: bool,
    /// A sector winner whose lead is within the margin of error (`Ranked::narrow_win`).
    pub narrow_win: bool,
}

#[derive(Debug, Serialize)]
pub struct NotRankedView {
    pub name: String,
    pub href: String,
    pub sector: String,
    pub sector_lang: Option<WrittenIn>,
    pub reason: String,
}

/// A weight or scale bound as written in the methodology: up to two decimals, no trailing zeros,
/// with the language's decimal separator ("1,5").
pub(super) fn number(value: f64, locale: &Locale) -> String {
    let text = format!("{value:.2}");
    locale.number_text(text.trim_end_matches('0').trim_end_matches('.'))
}

impl ViewBuilder<'_> {
    /// A company's change of rank and score since its previous ranked edition.
    pub(super) fn change_view(&self, entry: &Ranked) -> ChangeView {
        self.change_of(entry.change.map(|c| (c, c.rank)), || self.t("change_new"))
    }

    /// A company's change of place within its sector (sector pages): none when it was in another
    /// sector in the edition compared with.
    pub(super) fn sector_change_view(&self, entry: &Ranked) -> ChangeView {
        match entry.change {
            None => self.change_of(None, || self.t("change_new")),
            Some(change) => self.change_of(change.sector_rank.map(|r| (change, r)), || {
                self.t("change_new_in_sector")
            }),
        }
    }

    /// The change `(change, places gained)` as pages show it; `new` labels its absence.
    fn change_of(
        &self,
        change: Option<(crate::model::results::Change, i64)>,
        new: impl FnOnce() -> String,
    ) -> ChangeView {
        match change {
            None => ChangeView {
                direction: Direction::New,
                rank: String::new(),
                score: String::new(),
                places: String::new(),
                points: String::new(),
                value: None,
                label: new(),
            },
            Some((change, gained)) => {
                let direction = match gained.cmp(&0) {
                    std::cmp::Ordering::Greater => Direction::Up,
                    std::cmp::Ordering::Less => Direction::Down,
                    std::cmp::Ordering::Equal => Direction::Same,
                };
                let (rank, key) = match direction {
                    Direction::Up => (format!("+{gained}"), "change_up"),
                    Direction::Down => (format!("\u{2212}{}", gained.abs()), "change_down"),
                    Direction::Same | Direction::New => ("±0".to_string(), "change_same"),
                };
                let rank = self.locale.isolate(rank);
                let score = self.locale.signed_units(change.score_units);
                let places = self.places(gained.unsigned_abs());
                let since = change.since.to_string();
                let points = self.locale.t_plural(
                    "points",
                    self.locale.decimal(change.score_units.abs()),
                    &[("score", &score)],
                );
                let label = self.locale.t_embedding(
                    key,
                    &[("places", &places), ("points", &points), ("year", &since)],
                );
                let places = match direction {
                    Direction::Same | Direction::New => self.t("change_same_short"),
                    _ => places,
                };
                ChangeView {
                    direction,
                    rank,
                    score,
                    places,
                    points,
                    value: Some(gained),
                    label,
                }
            }
        }
    }

    /// "1 place", "9 places", "5 мест".
    pub(super) fn places(&self, count: u64) -> String {
        self.locale.t_count_embedding("places", count, &[])
    }

    pub(super) fn row(&self, results: &EditionResults, entry: &Ranked) -> RowView {
        let company = &self.data.site.company(entry.company);
        // The sector the company had in this edition.
        let sector = entry.sector;
        RowView {
            id: company.id.clone(),
            score_value: entry.units,
            perspective_values: entry
                .perspective_scores
                .iter()
                .map(|s| format!("{s:.3}"))
                .collect(),
            rank: entry.rank,
            tied: entry.tied,
            sector_rank: entry.sector_rank,
            name: company.name.get(self.lang()).to_string(),
            href: self.linker.page(&Route::company(company.id.clone())),
            sector: self.sector_name(sector),
            sector_lang: self.sector_lang(sector),
            sector_id: self.data.site.sector(sector).id.clone(),
            sector_href: self.linker.page(&Route::sector(
                results.year,
                self.data.site.sector(sector).id.clone(),
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
            rank_range: entry
                .rank_range
                .and_then(plausible_range)
                .map(|range| self.locale.isolate(range)),
            sector_rank_range: entry
                .sector_rank_range
                .and_then(plausible_range)
                .map(|range| self.locale.isolate(range)),
            tier: self.tier_name(entry),
            tier_lang: self.tier_lang(entry),
            interval: self.entry_interval_text(entry),
            respondents: self.first_sampled(entry).map(|n| self.locale.count(n)),
            respondents_value: self.first_sampled(entry),
            change: self.change_view(entry),
            top: entry.top,
            winner: entry.sector_winner,
            narrow_win: entry.narrow_win(),
        }
    }

    /// The confidence level of intervals as pages show it: "95%", "95 %".
    pub(super) fn confidence_level(&self) -> String {
        let percent = 100.0 * self.data.site.methodology.confidence;
        self.locale.percent(&number(percent, self.locale))
    }

    /// An interval in display units as pages show it: "71.3–93.1".
    pub(super) fn interval_text(&self, (low, high): (i64, i64)) -> String {
        format!(
            "{}\u{2013}{}",
            self.locale.units(low),
            self.locale.units(high)
        )
    }

    /// An interval for a chart: its rounded ends and its text for the chart's table, isolated in
    /// a language written right to left (else "91.5–100.0" is drawn "100.0–91.5").
    pub(super) fn chart_interval(&self, (low, high): (i64, i64)) -> crate::draw::charts::Interval {
        let rounding = self.locale.rounding;
        (
            rounding.value(low),
            rounding.value(high),
            self.locale.isolate(self.interval_text((low, high))),
        )
    }

    /// The respondents of the methodology's first sampled perspective (the customers), for
    /// respondent-level results.
    pub(super) fn first_sampled(&self, entry: &Ranked) -> Option<u64> {
        let first = self.first_sampled_perspective()?;
        entry.respondents.as_ref()?.get(first).copied()
    }

    /// The interval of `entry`'s score as pages show it, or "census: no sampling error" when every
    /// perspective is a census (SE 0: no interval, STATISTICS.md v3 step 7).
    pub(super) fn entry_interval_text(&self, entry: &Ranked) -> Option<String> {
        match (entry.ci, entry.se) {
            (Some(ci), _) => Some(self.locale.isolate(self.interval_text(ci))),
            (None, Some(se)) if se == 0.0 && entry.respondents.is_some() => {
                Some(self.t("census_no_error"))
            }
            _ => None,
        }
    }

    /// The interval of `entry`'s score for a chart; a census is a point marked as one.
    pub(super) fn entry_chart_interval(
        &self,
        entry: &Ranked,
    ) -> Option<crate::draw::charts::Interval> {
        self.census_or_interval(entry.score, entry.ci, entry.se)
    }

    /// The interval of `entry`'s score in criterion `c` for a chart; a census criterion is a
    /// point marked as one.
    pub(super) fn criterion_chart_interval(
        &self,
        entry: &Ranked,
        c: usize,
    ) -> Option<crate::draw::charts::Interval> {
        let ci = entry.criterion_ci.as_ref()?.get(c).copied().flatten();
        let se = entry.criterion_se.as_ref()?.get(c).copied().flatten();
        self.census_or_interval(entry.criterion_score(c), ci, se)
    }

    fn census_or_interval(
        &self,
        score: f64,
        ci: Option<(i64, i64)>,
        se: Option<f64>,
    ) -> Option<crate::draw::charts::Interval> {
        match (ci, se) {
            (Some(ci), _) => Some(self.chart_interval(ci)),
            (None, Some(0.0)) => {
                let shown = self.locale.rounding.round(score);
                Some((shown, shown, self.t("census_no_error")))
            }
            _ => None,
        }
    }

    /// The name of the tier `entry` earned, in the page's language.
    pub(super) fn tier_name(&self, entry: &Ranked) -> Option<String> {
        let tier = self.data.site.methodology.tiers.get(entry.tier?)?;
        Some(tier.name.get(self.lang()).to_string())
    }

    /// The `lang` and `dir` of the name of the tier `entry` earned, where the page shows it in
    /// another language.
    pub(super) fn tier_lang(&self, entry: &Ranked) -> Option<WrittenIn> {
        let tier = self.data.site.methodology.tiers.get(entry.tier?)?;
        self.written_in(&tier.name)
    }

    /// "`name`: `count` responses, `required` required", in the page's language.
    fn shortfall(&self, name: &str, count: u64, required: u64) -> String {
        self.locale.t_count_embedding(
            "reason_respondents",
            count,
            &[
                ("required", &self.locale.count(required)),
                ("perspective", name),
            ],
        )
    }

    pub(super) fn reason(&self, reason: &NotRankedReason) -> String {
        match reason {
            NotRankedReason::TooFewResponses {
                responses,
                required,
            } => self.locale.t_count_embedding(
                "reason_responses",
                *responses,
                &[("required", &self.locale.count(*required))],
            ),
            NotRankedReason::TooFewRespondents {
                perspective,
                respondents,
                effective,
                required,
            } => {
                let methodology = &self.data.site.methodology;
                let name = methodology.perspective(*perspective).name.get(self.lang());
                if crate::model::reasons::is_weighted(*respondents, *effective) {
                    self.locale.t_embedding(
                        "reason_effective",
                        &[
                            (
                                "effective",
                                &self.locale.number_text(&format!("{effective:.2}")),
                            ),
                            ("required", &self.locale.count(*required)),
                            ("perspective", name),
                        ],
                    )
                } else {
                    self.shortfall(name, *respondents, *required)
                }
            }
            // Written as a perspective's shortfall is, with the criterion's name in its place
            // ("Complaint handling: 4 responses, 5 required"), in every language.
            NotRankedReason::TooFewAnswers {
                criterion,
                answers,
                required,
            } => {
                let methodology = &self.data.site.methodology;
                let name = methodology.criterion(*criterion).name.get(self.lang());
                self.shortfall(name, *answers, *required)
            }
            NotRankedReason::MissingValues(criteria) => self.locale.t_embedding(
                "reason_missing",
                &[("criteria", &self.criteria_names(criteria))],
            ),
            NotRankedReason::LeftOut(criteria) => self.locale.t_embedding(
                "reason_left_out",
                &[("criteria", &self.criteria_names(criteria))],
            ),
        }
    }

    /// The names of `criteria` in the page's language, comma-separated.
    fn criteria_names(&self, criteria: &[usize]) -> String {
        let methodology = &self.data.site.methodology;
        criteria
            .iter()
            .map(|&c| methodology.criterion(c).name.get(self.lang()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) fn not_ranked_view(&self, results: &EditionResults, index: usize) -> NotRankedView {
        let entry = &results.not_ranked_at(index);
        let company = &self.data.site.company(entry.company);
        NotRankedView {
            name: company.name.get(self.lang()).to_string(),
            href: self.linker.page(&Route::company(company.id.clone())),
            sector: self.sector_name(company.sector),
            sector_lang: self.sector_lang(company.sector),
            reason: self.reasons_of(entry),
        }
    }

    /// Every reason a company was not ranked, in words, joined: "5 responses, 10 required; …".
    pub(super) fn reasons_of(&self, entry: &crate::model::results::NotRanked) -> String {
        entry
            .reasons
            .iter()
            .map(|r| self.reason(r))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub(super) fn perspective_names(&self) -> Vec<String> {
        self.data
            .site
            .methodology
            .perspectives
            .iter()
            .map(|p| p.name.get(self.lang()).to_string())
            .collect()
    }

    /// The `lang` and `dir` of each perspective's name, beside `perspective_names`: `None`
    /// where the page's language has the name.
    pub(super) fn perspective_langs(&self) -> Vec<Option<WrittenIn>> {
        (0..self.data.site.methodology.perspectives.len())
            .map(|index| self.perspective_lang(index))
            .collect()
    }

    /// The same for each criterion's name, in the methodology's order.
    pub(super) fn criterion_langs(&self) -> Vec<Option<WrittenIn>> {
        self.data
            .site
            .methodology
            .criteria
            .iter()
            .map(|c| self.written_in(&c.name))
            .collect()
    }
}
