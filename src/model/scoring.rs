//! Scores, ranks, ties, sector winners, averages and change, exactly as FORMAT.md's Scoring
//! section defines them. Pure: takes the validated model, returns numbers; no I/O, no failure.

use std::cmp::Reverse;

use crate::model::{Methodology, Site, Submission};

pub use crate::model::reasons::{NotRankedReason, failed_rules};

/// Rounding to the site's precision, half away from zero, on exact integers afterwards.
///
/// A score is kept as an integer count of display units ("843" for 84.3 at one decimal): ties,
/// rank order, change and display all work on that integer, so no later step can disagree
/// with the published figure. Before rounding, binary noise below a millionth of a display unit
/// is removed, so that a value that is exactly on the rounding boundary in decimal arithmetic
/// (say 84.25, computed as 84.24999999999999) rounds as a reader checking by hand would expect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rounding {
    pub decimals: u32,
    factor: f64,
}

impl Rounding {
    pub fn new(decimals: u32) -> Self {
        Rounding {
            decimals,
            factor: 10f64.powi(decimals as i32),
        }
    }

    /// `value` in display units, rounded half away from zero.
    pub fn units(&self, value: f64) -> i64 {
        let scaled = value * self.factor;
        let cleaned = (scaled * 1e6).round() / 1e6;
        cleaned.round() as i64
    }

    /// The number that `units` stands for, for machine-readable output.
    pub fn value(&self, units: i64) -> f64 {
        units as f64 / self.factor
    }

    /// `value` rounded to the precision, as a number.
    pub fn round(&self, value: f64) -> f64 {
        self.value(self.units(value))
    }

    /// Exact decimal text of `units`, with the given decimal separator ("84.3", "-1.2", "84,3").
    pub fn format_units(&self, units: i64, decimal_separator: &str) -> String {
        let sign = if units < 0 { "-" } else { "" };
        let magnitude = units.unsigned_abs();
        if self.decimals == 0 {
            return format!("{sign}{magnitude}");
        }
        let divisor = 10u64.pow(self.decimals);
        format!(
            "{sign}{}{decimal_separator}{:0width$}",
            magnitude / divisor,
            magnitude % divisor,
            width = self.decimals as usize
        )
    }

    pub fn format(&self, value: f64, decimal_separator: &str) -> String {
        self.format_units(self.units(value), decimal_separator)
    }
}

/// Change against the latest earlier edition in which the company was ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// This edition's rounded score minus the earlier one's, in display units.
    pub score_units: i64,
    /// Places gained: earlier rank minus this rank.
    pub rank: i64,
    /// The year compared with.
    pub since: i32,
    /// Whether the change of score is beyond sampling error (STATISTICS.md v3, step 13); `None`
    /// unless both editions have an interval.
    pub significant: Option<bool>,
}

/// One ranked company in one edition. The default is an entry of nothing yet: no scores, no
/// rank, no statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranked {
    pub company: usize,
    /// The company's sector in this edition (see `Submission::sector`).
    pub sector: usize,
    pub responses: Option<u64>,
    /// Full precision.
    pub score: f64,
    /// `score` in display units: the figure published and the one ties are decided on.
    pub units: i64,
    /// Full precision, indexed like `Methodology::perspectives`.
    pub perspective_scores: Vec<f64>,
    /// Full precision (0 to 100), indexed like `Methodology::criteria`.
    pub criterion_scores: Vec<f64>,
    /// Standard error of `score`: respondent-level results only, `None` when unknown, 0 when
    /// every perspective is a census.
    pub se: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom of `se`, when it is known and above 0.
    pub df: Option<f64>,
    /// n_eff per perspective; `None` for pre-aggregated results.
    pub effective: Option<Vec<f64>>,
    /// Counted respondents per perspective; `None` for pre-aggregated results.
    pub respondents: Option<Vec<u64>>,
    /// Answers per criterion; `None` for pre-aggregated results.
    pub criteria_n: Option<Vec<u64>>,
    /// The confidence interval in display units, when the standard error is known.
    pub ci: Option<(i64, i64)>,
    /// Plausible ranks (best, worst) in the edition and in the sector, when known.
    pub rank_range: Option<(usize, usize)>,
    pub sector_rank_range: Option<(usize, usize)>,
    /// Index into `Methodology::tiers`.
    pub tier: Option<usize>,
    /// Per criterion, the confidence interval of its score in display units, when known.
    pub criterion_ci: Option<Vec<Option<(i64, i64)>>>,
    /// Per criterion, the standard error of its score (0 for a census), when known; `None`
    /// for pre-aggregated results.
    pub criterion_se: Option<Vec<Option<f64>>>,
    pub rank: usize,
    /// Another company shares `rank`.
    pub tied: bool,
    pub sector_rank: usize,
    /// Another company of the sector shares `sector_rank`.
    pub sector_tied: bool,
    pub top: bool,
    pub sector_winner: bool,
    pub change: Option<Change>,
}

impl Ranked {
    /// A sector winner whose lead the survey cannot vouch for: its plausible sector ranks reach
    /// past first place, so its range overlaps the runner-up's (STATISTICS.md, "What readers
    /// see"). Such a win is never presented as a clear one.
    /// Whether the company earned a seal in this edition: a tier, a sector win or the top list.
    pub fn awarded(&self) -> bool {
        self.top || self.sector_winner || self.tier.is_some()
    }

    /// STATISTICS.md v3, step 12: in a respondent-level edition a sector win is clear only when
    /// the winner's plausible sector places are exactly {1}; otherwise, and always when its
    /// standard error is unknown, the lead is within the margin of error. Pre-aggregated
    /// editions name winners without a qualifier.
    pub fn narrow_win(&self) -> bool {
        self.sector_winner && self.respondents.is_some() && self.sector_rank_range != Some((1, 1))
    }

    /// Score of perspective `index` (indexed like `Methodology::perspectives`).
    #[allow(clippy::indexing_slicing)]
    pub fn perspective_score(&self, index: usize) -> f64 {
        self.perspective_scores[index]
    }

    /// Score of criterion `index` (indexed like `Methodology::criteria`).
    #[allow(clippy::indexing_slicing)]
    pub fn criterion_score(&self, index: usize) -> f64 {
        self.criterion_scores[index]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NotRanked {
    pub company: usize,
    /// The company's sector in this edition.
    pub sector: usize,
    pub responses: Option<u64>,
    pub reasons: Vec<NotRankedReason>,
    /// Counted respondents per perspective; `None` for pre-aggregated results.
    pub respondents: Option<Vec<u64>>,
}

/// Averages are unweighted means over ranked companies; `None` when there are none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Averages {
    pub score: Option<f64>,
    pub perspectives: Vec<Option<f64>>,
    pub criteria: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectorResults {
    pub sector: usize,
    /// Indices into `EditionResults::ranked`, in rank order.
    pub ranked: Vec<usize>,
    /// Indices into `EditionResults::not_ranked`.
    pub not_ranked: Vec<usize>,
    pub averages: Averages,
    /// Whether the sector has enough ranked companies for a winner to be named.
    pub names_winner: bool,
}

/// Where a company stands in one edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Ranked(usize),
    NotRanked(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditionResults {
    pub year: i32,
    /// In rank order; companies sharing a rank are ordered by name.
    pub ranked: Vec<Ranked>,
    /// Ordered by name.
    pub not_ranked: Vec<NotRanked>,
    /// Indexed like `Site::sectors`.
    pub sectors: Vec<SectorResults>,
    pub averages: Averages,
    /// Indexed like `Site::companies`; `None` where the company took no part.
    pub standings: Vec<Option<Standing>>,
}

impl EditionResults {
    /// The ranked entry at an index taken from this edition's own lists (sector lists,
    /// standings), which scoring builds together with `ranked`.
    #[allow(clippy::indexing_slicing)]
    pub fn ranked_at(&self, index: usize) -> &Ranked {
        &self.ranked[index]
    }

    /// The respondents of perspective `perspective` over every company of the edition, ranked
    /// or not (STATISTICS.md: the one definition every page uses); `None` for pre-aggregated
    /// results.
    pub fn respondents_total(&self, perspective: usize) -> Option<u64> {
        let counts = self
            .ranked
            .iter()
            .map(|e| e.respondents.as_ref())
            .chain(self.not_ranked.iter().map(|e| e.respondents.as_ref()));
        let mut total = None;
        for respondents in counts.flatten() {
            *total.get_or_insert(0) += respondents.get(perspective).copied().unwrap_or(0);
        }
        total
    }

    /// The not-ranked entry at an index from this edition's own lists.
    #[allow(clippy::indexing_slicing)]
    pub fn not_ranked_at(&self, index: usize) -> &NotRanked {
        &self.not_ranked[index]
    }

    /// A sector's results; `sectors` is indexed like `Site::sectors`.
    #[allow(clippy::indexing_slicing)]
    pub fn sector(&self, index: usize) -> &SectorResults {
        &self.sectors[index]
    }

    pub fn standing(&self, company: usize) -> Option<Standing> {
        self.standings.get(company).copied().flatten()
    }

    /// Whether a sector has a page in this edition: someone from it took part.
    pub fn has_sector_page(&self, sector: usize) -> bool {
        self.sectors
            .get(sector)
            .is_some_and(|s| !s.ranked.is_empty() || !s.not_ranked.is_empty())
    }

    /// The sector `company` had in this edition, if it took part.
    pub fn sector_of(&self, company: usize) -> Option<usize> {
        match self.standing(company)? {
            Standing::Ranked(index) => self.ranked.get(index).map(|e| e.sector),
            Standing::NotRanked(index) => self.not_ranked.get(index).map(|e| e.sector),
        }
    }

    pub fn ranked_entry(&self, company: usize) -> Option<&Ranked> {
        match self.standing(company)? {
            Standing::Ranked(index) => self.ranked.get(index),
            Standing::NotRanked(_) => None,
        }
    }

    pub fn top_list(&self) -> impl Iterator<Item = &Ranked> {
        self.ranked.iter().filter(|entry| entry.top)
    }

    pub fn winners(&self) -> impl Iterator<Item = &Ranked> {
        self.ranked.iter().filter(|entry| entry.sector_winner)
    }
}

/// z = Φ⁻¹((1 + confidence) / 2), the half-width of an interval in standard errors.
pub fn z_for(confidence: f64) -> f64 {
    use statrs::distribution::{ContinuousCDF, Normal};
    Normal::standard().inverse_cdf(f64::midpoint(1.0, confidence))
}

/// The score of one criterion value on its scale, from 0 to 100.
pub fn criterion_score(value: f64, min: f64, max: f64, higher_is_better: bool) -> f64 {
    if higher_is_better {
        100.0 * (value - min) / (max - min)
    } else {
        100.0 * (max - value) / (max - min)
    }
}

/// Weighted mean of `(weight, value)` pairs.
fn weighted_mean(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (sum, weights) = pairs.fold((0.0, 0.0), |(sum, weights), (weight, value)| {
        (sum + weight * value, weights + weight)
    });
    sum / weights
}

/// Criterion, perspective and overall scores of a complete submission.
pub fn score_submission(methodology: &Methodology, values: &[f64]) -> (Vec<f64>, Vec<f64>, f64) {
    let criterion_scores: Vec<f64> = methodology
        .criteria
        .iter()
        .zip(values)
        .map(|(criterion, &value)| {
            let perspective = &methodology.perspective(criterion.perspective);
            criterion_score(
                value,
                perspective.scale.min,
                perspective.scale.max,
                perspective.higher_is_better,
            )
        })
        .collect();
    let perspective_scores: Vec<f64> =
        methodology
            .perspectives
            .iter()
            .map(|perspective| {
                weighted_mean(perspective.criteria.clone().filter_map(|c| {
                    Some((methodology.criterion(c).weight, *criterion_scores.get(c)?))
                }))
            })
            .collect();
    let overall = weighted_mean(
        methodology
            .perspectives
            .iter()
            .zip(&perspective_scores)
            .map(|(perspective, &score)| (perspective.weight, score)),
    );
    (criterion_scores, perspective_scores, overall)
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / count as f64)
}

fn averages<'a>(
    methodology: &Methodology,
    entries: impl Iterator<Item = &'a Ranked> + Clone,
) -> Averages {
    Averages {
        score: mean(entries.clone().map(|e| e.score)),
        perspectives: (0..methodology.perspectives.len())
            .map(|p| mean(entries.clone().map(|e| e.perspective_score(p))))
            .collect(),
        criteria: (0..methodology.criteria.len())
            .map(|c| mean(entries.clone().map(|e| e.criterion_score(c))))
            .collect(),
    }
}

/// Standard competition ranking ("1, 2, 2, 4") of entries already sorted by units descending.
fn competition_ranks(units: impl Iterator<Item = i64>) -> Vec<usize> {
    let mut ranks = Vec::new();
    let mut previous: Option<i64> = None;
    for (position, value) in units.enumerate() {
        let rank = match (previous, ranks.last()) {
            (Some(p), Some(&last)) if p == value => last,
            _ => position + 1,
        };
        ranks.push(rank);
        previous = Some(value);
    }
    ranks
}

/// For ranks in rank order, whether each is shared: a tie is always with a neighbour.
fn shared_ranks(ranks: &[usize]) -> Vec<bool> {
    (0..ranks.len())
        .map(|i| {
            let rank = ranks.get(i);
            (i > 0 && ranks.get(i - 1) == rank) || ranks.get(i + 1) == rank
        })
        .collect()
}

/// Results of every edition of the site, in the order of `site.editions`.
pub fn score_site(site: &Site) -> Vec<EditionResults> {
    let rounding = Rounding::new(site.config.precision);
    let mut results: Vec<EditionResults> = Vec::with_capacity(site.editions.len());
    for edition in &site.editions {
        let mut current = rank_edition(site, rounding, edition.year, &edition.submissions);
        for entry in &mut current.ranked {
            entry.change = results.iter().rev().find_map(|earlier| {
                earlier.ranked_entry(entry.company).map(|before| Change {
                    score_units: entry.units - before.units,
                    rank: before.rank as i64 - entry.rank as i64,
                    since: earlier.year,
                    significant: crate::model::statistics::significant_change(
                        (entry.score, entry.se, entry.df),
                        (before.score, before.se, before.df),
                        site.methodology.confidence,
                    ),
                })
            });
        }
        results.push(current);
    }
    results
}

/// A company's entry before ranking: its scores, with rank, awards, change and statistics still
/// to be filled in.
fn unranked_entry(
    submission: &Submission,
    rounding: Rounding,
    score: f64,
    perspective_scores: Vec<f64>,
    criterion_scores: Vec<f64>,
) -> Ranked {
    Ranked {
        company: submission.company,
        sector: submission.sector,
        responses: submission.responses,
        score,
        units: rounding.units(score),
        perspective_scores,
        criterion_scores,
        ..Ranked::default()
    }
}

/// The entry of a company with respondent-level results: its scores, intervals and counts.
fn sample_entry(
    methodology: &Methodology,
    submission: &Submission,
    sample: &crate::model::Sample,
    rounding: Rounding,
    scores: crate::model::statistics::SampleScores,
) -> Ranked {
    use crate::model::statistics::interval;
    let confidence = methodology.confidence;
    Ranked {
        se: scores.se,
        df: scores.df,
        effective: Some(scores.effective),
        respondents: Some(sample.perspectives.iter().map(|p| p.respondents).collect()),
        criteria_n: Some(sample.criteria.iter().map(|c| c.answers).collect()),
        criterion_ci: Some(
            sample
                .criteria
                .iter()
                .zip(scores.criterion_se.iter().zip(&scores.criterion_df))
                .map(|(c, (se, df))| interval(c.mean, (*se)?, *df, confidence, rounding))
                .collect(),
        ),
        criterion_se: Some(scores.criterion_se),
        ci: scores
            .se
            .and_then(|se| interval(scores.score, se, scores.df, confidence, rounding)),
        ..unranked_entry(
            submission,
            rounding,
            scores.score,
            scores.perspective_scores,
            scores.criterion_scores,
        )
    }
}

fn not_ranked_entry(submission: &Submission, reasons: Vec<NotRankedReason>) -> NotRanked {
    NotRanked {
        company: submission.company,
        sector: submission.sector,
        responses: submission.responses,
        reasons,
        respondents: submission
            .sample
            .as_ref()
            .map(|sample| sample.perspectives.iter().map(|p| p.respondents).collect()),
    }
}

/// Ranks one edition's submissions. `change` is left empty: it needs the earlier editions.
pub fn rank_edition(
    site: &Site,
    rounding: Rounding,
    year: i32,
    submissions: &[Submission],
) -> EditionResults {
    let methodology = &site.methodology;
    let pooled = crate::model::statistics::pooled(methodology, submissions);
    let mut ranked = Vec::new();
    let mut not_ranked = Vec::new();
    // Respondent-level entries first, side by side: each interval asks Student's t for its own
    // degrees of freedom, a numerical inversion, ten per company.
    let sampled: Vec<Option<Result<Ranked, NotRanked>>> = {
        use rayon::prelude::*;
        submissions
            .par_iter()
            .map(|submission| {
                let sample = submission.sample.as_ref()?;
                Some(
                    match crate::model::statistics::sample_scores(methodology, sample, &pooled) {
                        Ok(scores) => Ok(sample_entry(
                            methodology,
                            submission,
                            sample,
                            rounding,
                            scores,
                        )),
                        Err(reasons) => Err(not_ranked_entry(submission, reasons)),
                    },
                )
            })
            .collect()
    };
    for (submission, sampled) in submissions.iter().zip(sampled) {
        if let Some(entry) = sampled {
            match entry {
                Ok(entry) => ranked.push(entry),
                Err(entry) => not_ranked.push(entry),
            }
            continue;
        }
        let mut reasons = Vec::new();
        let responses = submission.responses.unwrap_or(0);
        if submission.sample.is_none()
            && methodology.min_responses > 0
            && responses < methodology.min_responses
        {
            reasons.push(NotRankedReason::TooFewResponses {
                responses,
                required: methodology.min_responses,
            });
        }
        let missing: Vec<usize> = submission
            .values
            .iter()
            .enumerate()
            .filter(|(c, v)| v.is_none() && !submission.left_out.contains(c))
            .map(|(c, _)| c)
            .collect();
        if !missing.is_empty() {
            reasons.push(NotRankedReason::MissingValues(missing));
        }
        if !submission.left_out.is_empty() {
            reasons.push(NotRankedReason::LeftOut(submission.left_out.clone()));
        }
        if !reasons.is_empty() {
            not_ranked.push(not_ranked_entry(submission, reasons));
            continue;
        }
        let values: Vec<f64> = submission
            .values
            .iter()
            .map(|v| v.unwrap_or_default())
            .collect();
        let (criterion_scores, perspective_scores, score) = score_submission(methodology, &values);
        ranked.push(unranked_entry(
            submission,
            rounding,
            score,
            perspective_scores,
            criterion_scores,
        ));
    }
    let name_key = |company: usize| {
        let company = &site.company(company);
        (
            company.name.default_text().to_lowercase(),
            company.id.clone(),
        )
    };
    ranked.sort_by_cached_key(|entry| (Reverse(entry.units), name_key(entry.company)));
    not_ranked.sort_by_cached_key(|entry| name_key(entry.company));

    let ranks = competition_ranks(ranked.iter().map(|e| e.units));
    for (entry, rank) in ranked.iter_mut().zip(ranks) {
        entry.rank = rank;
        entry.top = rank <= site.config.top;
    }
    let ranks: Vec<usize> = ranked.iter().map(|e| e.rank).collect();
    for (entry, tied) in ranked.iter_mut().zip(shared_ranks(&ranks)) {
        entry.tied = tied;
    }

    let mut sectors: Vec<SectorResults> = (0..site.sectors.len())
        .map(|sector| SectorResults {
            sector,
            ranked: Vec::new(),
            not_ranked: Vec::new(),
            averages: Averages::default(),
            names_winner: false,
        })
        .collect();
    for (index, entry) in ranked.iter().enumerate() {
        if let Some(sector) = sectors.get_mut(entry.sector) {
            sector.ranked.push(index);
        }
    }
    for (index, entry) in not_ranked.iter().enumerate() {
        if let Some(sector) = sectors.get_mut(entry.sector) {
            sector.not_ranked.push(index);
        }
    }
    for sector in &mut sectors {
        let ranks = competition_ranks(
            sector
                .ranked
                .iter()
                .filter_map(|&i| ranked.get(i).map(|e| e.units)),
        );
        sector.names_winner = sector.ranked.len() >= site.config.min_sector_size.max(1);
        let shared = shared_ranks(&ranks);
        for ((&index, rank), tied) in sector.ranked.iter().zip(ranks).zip(shared) {
            if let Some(entry) = ranked.get_mut(index) {
                entry.sector_rank = rank;
                entry.sector_tied = tied;
                entry.sector_winner = sector.names_winner && rank == 1;
            }
        }
        sector.averages = averages(
            methodology,
            sector.ranked.iter().filter_map(|&i| ranked.get(i)),
        );
    }
    // How sure each place is: ranges in the edition and in the sector, and tiers.
    use crate::model::statistics::{rank_ranges, tier};
    if ranked.iter().any(|e| e.se.is_some()) {
        let all: Vec<usize> = (0..ranked.len()).collect();
        let alpha = 1.0 - methodology.confidence;
        let ranges = rank_ranges(&ranked, &all, alpha);
        for (entry, range) in ranked.iter_mut().zip(ranges) {
            entry.rank_range = range;
        }
        for sector in &sectors {
            let ranges = rank_ranges(&ranked, &sector.ranked, alpha);
            for (&index, range) in sector.ranked.iter().zip(ranges) {
                if let Some(entry) = ranked.get_mut(index) {
                    entry.sector_rank_range = range;
                }
            }
        }
    }
    for entry in &mut ranked {
        entry.tier = tier(methodology, entry);
    }

    let mut standings = vec![None; site.companies.len()];
    for (index, entry) in ranked.iter().enumerate() {
        if let Some(slot) = standings.get_mut(entry.company) {
            *slot = Some(Standing::Ranked(index));
        }
    }
    for (index, entry) in not_ranked.iter().enumerate() {
        if let Some(slot) = standings.get_mut(entry.company) {
            *slot = Some(Standing::NotRanked(index));
        }
    }
    EditionResults {
        year,
        averages: averages(methodology, ranked.iter()),
        ranked,
        not_ranked,
        sectors,
        standings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero_despite_binary_noise() {
        let one = Rounding::new(1);
        assert_eq!(one.units(84.25), 843);
        assert_eq!(one.units(84.24999999999999), 843);
        assert_eq!(one.units(84.24), 842);
        assert_eq!(one.units(-1.25), -13);
        assert_eq!(one.format_units(-13, "."), "-1.3");
        assert_eq!(one.format_units(843, ","), "84,3");
        assert_eq!(Rounding::new(0).format_units(84, "."), "84");
        assert_eq!(Rounding::new(2).format_units(5, "."), "0.05");
    }

    #[test]
    fn competition_ranking_skips_after_ties() {
        assert_eq!(
            competition_ranks([90, 80, 80, 70, 70, 70, 10].into_iter()),
            vec![1, 2, 2, 4, 4, 4, 7]
        );
    }
}
