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
pub fn rank_ranges(ranked: &[Ranked], group: &[usize], z: f64) -> Vec<Option<(usize, usize)>> {
    let members: Vec<&Ranked> = group.iter().filter_map(|&i| ranked.get(i)).collect();
    let n = members.len();
    members
        .iter()
        .map(|company| {
            company.se?;
            let better = members
                .iter()
                .filter(|other| clearly_better(other, company, z))
                .count();
            let worse = members
                .iter()
                .filter(|other| clearly_better(company, other, z))
                .count();
            Some((1 + better, n - worse))
        })
        .collect()
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
