//! How sure each score is (STATISTICS.md): scores and standard errors from respondent-level
//! results, confidence intervals, plausible rank ranges and award tiers. Pure: values in, values
//! out; `scoring` calls it while ranking an edition.

use crate::model::scoring::{NotRankedReason, Ranked, Rounding};
use crate::model::{Methodology, Sample};

/// Scores of a company from its respondents: criterion scores, perspective scores, the overall
/// score and its standard error (`None` when unknown). Or why the company cannot be ranked.
pub struct SampleScores {
    pub criterion_scores: Vec<f64>,
    pub perspective_scores: Vec<f64>,
    pub score: f64,
    pub se: Option<f64>,
}

/// Step 2 to 6 of STATISTICS.md's computation for one company.
pub fn sample_scores(
    methodology: &Methodology,
    sample: &Sample,
) -> Result<SampleScores, Vec<NotRankedReason>> {
    let mut reasons = Vec::new();
    for (index, (perspective, got)) in methodology
        .perspectives
        .iter()
        .zip(&sample.perspectives)
        .enumerate()
    {
        let required = perspective.min_responses.max(1);
        if got.respondents < required {
            reasons.push(NotRankedReason::TooFewRespondents {
                perspective: index,
                respondents: got.respondents,
                required,
            });
        }
    }
    if reasons.is_empty() {
        let missing: Vec<usize> = sample
            .criteria
            .iter()
            .enumerate()
            .filter(|(_, c)| c.answers == 0)
            .map(|(index, _)| index)
            .collect();
        if !missing.is_empty() {
            reasons.push(NotRankedReason::MissingValues(missing));
        }
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    let weights: f64 = methodology.perspectives.iter().map(|p| p.weight).sum();
    let score = methodology
        .perspectives
        .iter()
        .zip(&sample.perspectives)
        .map(|(p, s)| p.weight * s.mean)
        .sum::<f64>()
        / weights;
    // The perspectives are separate samples: their variances add, weighted.
    let se = methodology
        .perspectives
        .iter()
        .zip(&sample.perspectives)
        .map(|(p, s)| s.se.map(|se| (p.weight * se).powi(2)))
        .sum::<Option<f64>>()
        .map(|sum| sum.sqrt() / weights);
    Ok(SampleScores {
        criterion_scores: sample.criteria.iter().map(|c| c.mean).collect(),
        perspective_scores: sample.perspectives.iter().map(|s| s.mean).collect(),
        score,
        se,
    })
}

/// The confidence interval of a score in display units, clamped to 0..100 and each bound rounded
/// like the score (step 7).
pub fn interval(score: f64, se: f64, z: f64, rounding: Rounding) -> (i64, i64) {
    let low = (score - z * se).clamp(0.0, 100.0);
    let high = (score + z * se).clamp(0.0, 100.0);
    (rounding.units(low), rounding.units(high))
}

/// Whether `a` is clearly better than `b`: the difference of their scores is beyond z times the
/// standard error of the difference. A company without a standard error is never clearly
/// better or worse than another.
fn clearly_better(a: &Ranked, b: &Ranked, z: f64) -> bool {
    match (a.se, b.se) {
        (Some(sa), Some(sb)) => a.score - b.score > z * (sa * sa + sb * sb).sqrt(),
        _ => false,
    }
}

/// Plausible rank ranges of `group` (indices into `ranked`, one edition or one sector): best =
/// 1 + the companies clearly better, worst = N − the companies clearly worse (step 9). Returns
/// one range per member of `group`, `None` for a company without a standard error.
///
/// Comparing every pair would take N² steps: 20 billion for an edition of 100,000 companies.
/// Instead the companies are put in bands of similar standard error, each band in score order.
/// Within a band the margin a difference must pass lies between the margins of its smallest and
/// its largest standard error, so binary search finds the companies beyond both (counted at
/// once) and those within both (never counted); only the few between are compared one by one.
/// The counts are exactly those of comparing every pair, for any z of 0 or more (validation
/// keeps the confidence level at 80 % or more, so z is at least 1.28).
pub fn rank_ranges(ranked: &[Ranked], group: &[usize], z: f64) -> Vec<Option<(usize, usize)>> {
    let members: Vec<&Ranked> = group.iter().filter_map(|&i| ranked.get(i)).collect();
    let n = members.len();
    let bands = Bands::new(&members);
    members
        .iter()
        .map(|company| {
            let se = company.se?;
            let (better, worse) = bands.beyond(company, se, z);
            Some((1 + better, n - worse))
        })
        .collect()
}

/// Companies with a standard error and a finite score (no other can be clearly better or worse
/// than another), in bands of similar standard error, each in score order.
struct Bands<'a> {
    bands: Vec<Band<'a>>,
}

struct Band<'a> {
    /// The smallest and the largest standard error in the band.
    low: f64,
    high: f64,
    /// The band's companies in score order, with their scores.
    members: Vec<(f64, &'a Ranked)>,
}

impl<'a> Bands<'a> {
    fn new(members: &[&'a Ranked]) -> Self {
        let mut known: Vec<(f64, &'a Ranked)> = members
            .iter()
            .filter(|m| m.score.is_finite())
            .filter_map(|m| m.se.filter(|se| se.is_finite()).map(|se| (se, *m)))
            .collect();
        known.sort_by(|a, b| a.0.total_cmp(&b.0));
        // About the square root of the count: few bands to search, few companies in the margin
        // between a band's smallest and largest standard error.
        let count = (known.len() as f64).sqrt().ceil().clamp(1.0, 256.0) as usize;
        let size = known.len().div_ceil(count).max(1);
        let bands = known
            .chunks(size)
            .map(|chunk| {
                let low = chunk.first().map_or(0.0, |(se, _)| *se);
                let high = chunk.last().map_or(0.0, |(se, _)| *se);
                let mut members: Vec<(f64, &Ranked)> =
                    chunk.iter().map(|(_, m)| (m.score, *m)).collect();
                members.sort_by(|a, b| a.0.total_cmp(&b.0));
                Band { low, high, members }
            })
            .collect();
        Bands { bands }
    }

    /// How many companies are clearly better and clearly worse than `company` (whose standard
    /// error is `se`), for a z of 0 or more.
    fn beyond(&self, company: &Ranked, se: f64, z: f64) -> (usize, usize) {
        let score = company.score;
        let (mut better, mut worse) = (0, 0);
        for band in &self.bands {
            // Every margin in the band lies between these two: squaring, adding, the square
            // root and multiplying by z ≥ 0 all keep the order of their arguments.
            let near = z * (band.low * band.low + se * se).sqrt();
            let far = z * (band.high * band.high + se * se).sqrt();
            let members = &band.members;
            // Better: ahead by more than the margin. The difference grows with the other's score.
            let surely = members.partition_point(|(other, _)| other - score <= far);
            let maybe = members.partition_point(|(other, _)| other - score <= near);
            better += members.len() - surely;
            better += members
                .get(maybe..surely)
                .unwrap_or_default()
                .iter()
                .filter(|(_, other)| clearly_better(other, company, z))
                .count();
            // Worse: behind by more than the margin. The difference falls as the other's rises.
            let surely = members.partition_point(|(other, _)| score - other > far);
            let maybe = members.partition_point(|(other, _)| score - other > near);
            worse += surely;
            worse += members
                .get(surely..maybe)
                .unwrap_or_default()
                .iter()
                .filter(|(_, other)| clearly_better(company, other, z))
                .count();
        }
        (better, worse)
    }
}

/// The tier a ranked company earns (step 10): the highest whose `min_score` the lower bound of
/// the interval reaches; the score itself for pre-aggregated results or a census; none when the
/// standard error is unknown. An index into `Methodology::tiers`.
pub fn tier(methodology: &Methodology, entry: &Ranked) -> Option<usize> {
    let lower = if entry.respondents.is_none() {
        entry.score
    } else {
        entry.score - methodology.z * entry.se?
    };
    methodology
        .tiers
        .iter()
        .position(|tier| lower >= tier.min_score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(score: f64, se: Option<f64>) -> Ranked {
        Ranked {
            score,
            se,
            ..Ranked::default()
        }
    }

    /// Step 9 as written: every pair compared.
    fn every_pair(ranked: &[Ranked], z: f64) -> Vec<Option<(usize, usize)>> {
        ranked
            .iter()
            .map(|c| {
                c.se?;
                let better = ranked.iter().filter(|o| clearly_better(o, c, z)).count();
                let worse = ranked.iter().filter(|o| clearly_better(c, o, z)).count();
                Some((1 + better, ranked.len() - worse))
            })
            .collect()
    }

    #[test]
    fn rank_ranges_by_bands_are_those_of_every_pair() {
        let mut state = 7u64;
        let mut next = |modulo: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % modulo
        };
        for (count, z) in [
            (1, 1.96),
            (2, 1.96),
            (50, 1.96),
            (400, 1.645),
            (900, 2.576),
            (300, 0.0),
        ] {
            let ranked: Vec<Ranked> = (0..count)
                .map(|_| {
                    // Scores on a coarse grid (many ties), standard errors from 0 to 6 with
                    // repeats, some unknown.
                    let score = next(400) as f64 / 4.0;
                    let se = match next(10) {
                        0 => None,
                        1 => Some(0.0),
                        _ => Some(next(60) as f64 / 10.0),
                    };
                    company(score, se)
                })
                .collect();
            let all: Vec<usize> = (0..ranked.len()).collect();
            assert_eq!(
                rank_ranges(&ranked, &all, z),
                every_pair(&ranked, z),
                "{count} at z {z}"
            );
            // A group: every third company.
            let group: Vec<usize> = (0..ranked.len()).step_by(3).collect();
            let members: Vec<Ranked> = group.iter().map(|&i| ranked[i].clone()).collect();
            assert_eq!(rank_ranges(&ranked, &group, z), every_pair(&members, z));
        }
        // With standard errors of 1 the margin is 1.96 × √2 ≈ 2.77: 50 and 52 are not clearly
        // apart, 52 and 55 and 50 and 55 are. So 55 is surely first, the others second or third.
        let ranked = vec![
            company(50.0, Some(1.0)),
            company(52.0, Some(1.0)),
            company(55.0, Some(1.0)),
        ];
        assert_eq!(
            rank_ranges(&ranked, &[0, 1, 2], 1.96),
            vec![Some((2, 3)), Some((2, 3)), Some((1, 1))]
        );
    }
}
