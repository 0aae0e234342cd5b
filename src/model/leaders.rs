//! Criterion leaders (STATISTICS.md v3, step 12): per criterion, the ranked companies with the
//! highest published score (rounded as shown; equal figures share the lead), in an edition or in
//! one of its sectors. For respondent-level results a lead is clear only when the Holm-adjusted
//! test that gives plausible places, run over the criterion's scores and standard errors, puts
//! the leader alone in first place; otherwise it is within the margin of error. Ranked
//! companies have every criterion answered `min_answers` times, so every leader has. Pure.

use crate::model::Methodology;
use crate::model::results::Ranked;
use crate::model::statistics::rank_range_of;
use crate::rounding::Rounding;

/// The lead in one criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Leader {
    /// Index into `Methodology::criteria`.
    pub criterion: usize,
    /// The leading companies (indices into the ranked entries given), more than one when
    /// their shown scores are equal.
    pub entries: Vec<usize>,
    /// The leading score in display units.
    pub units: i64,
    /// `Some(true)` for a clear lead, `Some(false)` within the margin of error (a shared lead
    /// counts too), `None` for pre-aggregated results, named without a qualifier.
    pub clear: Option<bool>,
}

/// The leaders of each criterion among `group` (indices into `ranked`, one edition's ranked
/// companies or one sector's), in methodology order; a criterion nobody scored is left out.
pub fn criterion_leaders(
    methodology: &Methodology,
    rounding: Rounding,
    ranked: &[Ranked],
    group: &[usize],
) -> Vec<Leader> {
    (0..methodology.criteria.len())
        .filter_map(|c| {
            let shown = |i: usize| {
                let score = ranked.get(i)?.criterion_scores.get(c).copied()?;
                score.is_finite().then(|| rounding.units(score))
            };
            let units = group.iter().filter_map(|&i| shown(i)).max()?;
            let entries: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&i| shown(i) == Some(units))
                .collect();
            let clear = lead_is_clear(methodology, rounding, ranked, group, c, &entries);
            Some(Leader {
                criterion: c,
                entries,
                units,
                clear,
            })
        })
        .collect()
}

/// Whether the lead of `leaders` in criterion `c` is clear: `None` for pre-aggregated results.
fn lead_is_clear(
    methodology: &Methodology,
    rounding: Rounding,
    ranked: &[Ranked],
    group: &[usize],
    c: usize,
    leaders: &[usize],
) -> Option<bool> {
    let scored: Vec<(usize, Ranked)> = group
        .iter()
        .filter_map(|&i| {
            let entry = ranked.get(i)?;
            let score = entry
                .criterion_scores
                .get(c)
                .copied()
                .filter(|v| v.is_finite())?;
            let se = entry.criterion_se.as_ref()?.get(c).copied().flatten();
            Some((
                i,
                Ranked {
                    score,
                    units: rounding.units(score),
                    se,
                    ..Ranked::default()
                },
            ))
        })
        .collect();
    if scored.is_empty() {
        return None;
    }
    let [leader] = leaders else {
        return Some(false);
    };
    let entries: Vec<Ranked> = scored.iter().map(|(_, e)| e.clone()).collect();
    let all: Vec<usize> = (0..entries.len()).collect();
    let at = scored.iter().position(|(i, _)| i == leader)?;
    let range = rank_range_of(&entries, &all, at, 1.0 - methodology.confidence);
    Some(range == Some((1, 1)))
}
