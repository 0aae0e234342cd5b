//! Scores, ranks, ties, sector winners, averages and change, exactly as FORMAT.md's Scoring
//! section defines them. Pure: takes the validated model, returns numbers; no I/O, no failure.

use std::cmp::Reverse;

use crate::model::reasons::NotRankedReason;
use crate::model::results::{
    Averages, Change, EditionResults, NotRanked, Ranked, SectorResults, Standing,
};
use crate::model::{Methodology, Site, Submission};
use crate::rounding::Rounding;

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
                    sector_rank: (before.sector == entry.sector)
                        .then(|| before.sector_rank as i64 - entry.sector_rank as i64),
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

/// Each sector's companies, ranks, ties, winner and averages (FORMAT.md's scoring), on the
/// edition's ranked entries.
fn rank_sectors(
    site: &Site,
    ranked: &mut [Ranked],
    not_ranked: &[NotRanked],
) -> Vec<SectorResults> {
    let methodology = &site.methodology;
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
    sectors
}

/// How sure each place is (STATISTICS.md v3, steps 10 and 11): plausible places in the edition
/// and in the sector, and tiers.
fn add_statistics(methodology: &Methodology, ranked: &mut [Ranked], sectors: &[SectorResults]) {
    use crate::model::statistics::{rank_ranges, tier};
    if ranked.iter().any(|e| e.se.is_some()) {
        let all: Vec<usize> = (0..ranked.len()).collect();
        let alpha = 1.0 - methodology.confidence;
        let ranges = rank_ranges(ranked, &all, alpha);
        for (entry, range) in ranked.iter_mut().zip(ranges) {
            entry.rank_range = range;
        }
        for sector in sectors {
            let ranges = rank_ranges(ranked, &sector.ranked, alpha);
            for (&index, range) in sector.ranked.iter().zip(ranges) {
                if let Some(entry) = ranked.get_mut(index) {
                    entry.sector_rank_range = range;
                }
            }
        }
    }
    for entry in ranked.iter_mut() {
        entry.tier = tier(methodology, entry);
    }
}

/// Each submission's entry: ranked with its scores (and, for respondent-level results, its
/// statistics), or not ranked with its reasons. In submission order, before ranking.
fn entries(
    methodology: &Methodology,
    rounding: Rounding,
    submissions: &[Submission],
) -> (Vec<Ranked>, Vec<NotRanked>) {
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
    (ranked, not_ranked)
}

/// Ranks one edition's submissions. `change` is left empty: it needs the earlier editions.
pub fn rank_edition(
    site: &Site,
    rounding: Rounding,
    year: i32,
    submissions: &[Submission],
) -> EditionResults {
    let methodology = &site.methodology;
    let (mut ranked, mut not_ranked) = entries(methodology, rounding, submissions);
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

    let sectors = rank_sectors(site, &mut ranked, &not_ranked);
    add_statistics(methodology, &mut ranked, &sectors);

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
    let respondents_totals = respondents_totals(&ranked, &not_ranked);
    EditionResults {
        year,
        averages: averages(methodology, ranked.iter()),
        ranked,
        not_ranked,
        sectors,
        standings,
        respondents_totals,
    }
}

/// The respondents of each perspective over every company of the edition, ranked or not;
/// empty for pre-aggregated results.
fn respondents_totals(ranked: &[Ranked], not_ranked: &[NotRanked]) -> Vec<Option<u64>> {
    let counts: Vec<&Vec<u64>> = ranked
        .iter()
        .map(|e| e.respondents.as_ref())
        .chain(not_ranked.iter().map(|e| e.respondents.as_ref()))
        .flatten()
        .collect();
    let perspectives = counts.iter().map(|c| c.len()).max().unwrap_or(0);
    (0..perspectives)
        .map(|p| Some(counts.iter().map(|c| c.get(p).copied().unwrap_or(0)).sum()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking_skips_after_ties() {
        assert_eq!(
            competition_ranks([90, 80, 80, 70, 70, 70, 10].into_iter()),
            vec![1, 2, 2, 4, 4, 4, 7]
        );
    }
}
