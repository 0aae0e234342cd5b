//! Respondent-level answers condensed per company (STATISTICS.md v3, steps 2 to 5 before
//! pooling): counts, Kish's effective n, the weighted criterion scores, the perspective score as
//! their weighted mean, and the linearised per-respondent variances.
//!
//! The arithmetic does not depend on the order of the rows: a company's respondents are sorted
//! by their answers (codes numbered in value order) and weight before anything is summed.

use super::*;
use crate::model::{CriterionSample, PerspectiveSample, Sample};

/// One perspective's answers for one company, as read: per counted respondent, one code per
/// criterion of the perspective (`NOT_ANSWERED` for none) and, when the file has a `weight`
/// column, the weight.
#[derive(Default)]
pub(super) struct Answers {
    pub(super) codes: Vec<u16>,
    pub(super) weights: Vec<f64>,
}

/// The code of an unanswered cell.
pub(super) const NOT_ANSWERED: u16 = u16::MAX;

/// Points from 0 to 100 for `value` on the perspective's scale.
fn points(perspective: &crate::model::Perspective, value: f64) -> f64 {
    crate::model::scoring::criterion_score(
        value,
        perspective.scale.min,
        perspective.scale.max,
        perspective.higher_is_better,
    )
}

/// Kish's effective number of respondents, (Σ g)² / Σ g²; 0 without respondents.
fn effective(sum: f64, squares: f64) -> f64 {
    if squares > 0.0 {
        sum * sum / squares
    } else {
        0.0
    }
}

/// One company's answers per perspective, condensed (STATISTICS.md v3, steps 2 to 5 up to the
/// per-respondent variances). `values[p]` are perspective `p`'s file's values by code.
pub(super) fn condense(
    methodology: &Methodology,
    values: &[Vec<f64>],
    answers: Vec<Option<Answers>>,
) -> Sample {
    let mut perspectives = Vec::with_capacity(methodology.perspectives.len());
    let mut criteria: Vec<CriterionSample> = methodology
        .criteria
        .iter()
        .map(|_| CriterionSample {
            answers: 0,
            effective: 0.0,
            mean: 0.0,
            variance: None,
        })
        .collect();
    for ((index, perspective), answers) in methodology.perspectives.iter().enumerate().zip(answers)
    {
        let points_of: Vec<f64> = values
            .get(index)
            .map(|v| v.iter().map(|&value| points(perspective, value)).collect())
            .unwrap_or_default();
        let (sample, condensed) = condense_perspective(
            methodology,
            perspective,
            &points_of,
            answers.unwrap_or_default(),
        );
        perspectives.push(sample);
        for (slot, criterion) in criteria
            .get_mut(perspective.criteria.clone())
            .unwrap_or_default()
            .iter_mut()
            .zip(condensed)
        {
            *slot = criterion;
        }
    }
    Sample {
        perspectives,
        criteria,
    }
}

/// The respondents `0..n` sorted by their answers' codes (in value order), then by weight: an
/// order that does not depend on the rows'. Up to eight criteria, a respondent's codes are packed
/// into one 128-bit key (weights above 0 order like their bits), which sorts several times
/// faster than comparing slices; beyond, slices are compared.
fn canonical_order<'a>(
    n: usize,
    k: usize,
    row: &impl Fn(usize) -> &'a [u16],
    weight: &impl Fn(usize) -> f64,
) -> Vec<usize> {
    if k <= 8 {
        let mut keyed: Vec<(u128, u64, usize)> = (0..n)
            .map(|r| {
                let codes = row(r)
                    .iter()
                    .fold(0u128, |key, &code| (key << 16) | u128::from(code));
                (codes, weight(r).to_bits(), r)
            })
            .collect();
        keyed.sort_unstable();
        return keyed.into_iter().map(|(_, _, r)| r).collect();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| {
        row(a)
            .cmp(row(b))
            .then_with(|| weight(a).total_cmp(&weight(b)))
    });
    order
}

/// Step 5's sums, in `order`: Σ u_r² with u_r = Σ_k a_k g_r (y_rk − S_k) / G_k over the criteria
/// r answered, and per criterion Σ (g_r (y_rk − S_k) / G_k)² over its answerers. `means`,
/// `weight_sums` and `shares` are S_k, G_k and a_k.
fn linearised(
    order: &[usize],
    criteria: usize,
    weight: &impl Fn(usize) -> f64,
    y: &impl Fn(usize, usize) -> Option<f64>,
    (means, weight_sums, shares): (&[f64], &[f64], &[f64]),
) -> (f64, Vec<f64>) {
    let mut u_squares = 0.0;
    let mut criterion_u_squares = vec![0.0; criteria];
    for &r in order {
        let g = weight(r);
        let mut u = 0.0;
        for c in 0..criteria {
            let Some(points) = y(r, c) else {
                continue;
            };
            let (Some(mean), Some(gs), Some(a)) = (means.get(c), weight_sums.get(c), shares.get(c))
            else {
                continue;
            };
            let part = g * (points - mean) / gs;
            u += a * part;
            if let Some(slot) = criterion_u_squares.get_mut(c) {
                *slot += part * part;
            }
        }
        u_squares += u * u;
    }
    (u_squares, criterion_u_squares)
}

/// Steps 2 to 5 for one perspective of one company: its respondents sorted by answers and
/// weight first, so that every sum runs in the same order whatever the order of the rows.
fn condense_perspective(
    methodology: &Methodology,
    perspective: &crate::model::Perspective,
    points_of: &[f64],
    answers: Answers,
) -> (PerspectiveSample, Vec<CriterionSample>) {
    let k = perspective.criteria.len().max(1);
    let n = answers.codes.len() / k;
    let weight = |r: usize| answers.weights.get(r).copied().unwrap_or(1.0);
    let row = |r: usize| answers.codes.get(r * k..(r + 1) * k).unwrap_or_default();
    let order = canonical_order(n, k, &row, &weight);
    let y = |r: usize, c: usize| -> Option<f64> {
        let code = *row(r).get(c)?;
        (code != NOT_ANSWERED).then(|| points_of.get(usize::from(code)).copied())?
    };
    // a_k = w_k / Σ w over the perspective's criteria.
    let criterion_weights: Vec<f64> = perspective
        .criteria
        .clone()
        .map(|c| methodology.criterion(c).weight)
        .collect();
    let total_weight: f64 = criterion_weights.iter().sum();
    let shares: Vec<f64> = criterion_weights
        .iter()
        .map(|w| {
            if total_weight > 0.0 {
                w / total_weight
            } else {
                0.0
            }
        })
        .collect();
    // Step 2 and 3: counts, weights, and the weighted criterion scores.
    let (mut sum, mut squares) = (0.0, 0.0);
    let mut answered = vec![0u64; k];
    let mut weight_sums = vec![0.0; k];
    let mut weight_squares = vec![0.0; k];
    let mut weighted_points = vec![0.0; k];
    for &r in &order {
        let g = weight(r);
        sum += g;
        squares += g * g;
        for c in 0..perspective.criteria.len() {
            if let Some(points) = y(r, c)
                && let (Some(count), Some(gs), Some(g2), Some(gy)) = (
                    answered.get_mut(c),
                    weight_sums.get_mut(c),
                    weight_squares.get_mut(c),
                    weighted_points.get_mut(c),
                )
            {
                *count += 1;
                *gs += g;
                *g2 += g * g;
                *gy += g * points;
            }
        }
    }
    let means: Vec<f64> = weighted_points
        .iter()
        .zip(&weight_sums)
        .map(|(gy, gs)| if *gs > 0.0 { gy / gs } else { 0.0 })
        .collect();
    let every_answered = answered
        .iter()
        .take(perspective.criteria.len())
        .all(|&a| a > 0);
    // Step 4: the perspective score is the weighted mean of the published criterion scores.
    let score = every_answered.then(|| shares.iter().zip(&means).map(|(a, s)| a * s).sum());
    // Step 5, linearised: Σ u_r² over the respondents, and per criterion over its answerers.
    let (u_squares, criterion_u_squares) = linearised(
        &order,
        perspective.criteria.len(),
        &weight,
        &y,
        (&means, &weight_sums, &shares),
    );
    let n_eff = effective(sum, squares);
    let variance =
        (n >= 2 && score.is_some()).then(|| n_eff * n as f64 / (n as f64 - 1.0) * u_squares);
    let criteria = (0..perspective.criteria.len())
        .map(|c| {
            let count = answered.get(c).copied().unwrap_or(0);
            let n_k = effective(
                weight_sums.get(c).copied().unwrap_or(0.0),
                weight_squares.get(c).copied().unwrap_or(0.0),
            );
            CriterionSample {
                answers: count,
                effective: n_k,
                mean: means.get(c).copied().unwrap_or(0.0),
                variance: (count >= 2).then(|| {
                    n_k * count as f64 / (count as f64 - 1.0)
                        * criterion_u_squares.get(c).copied().unwrap_or(0.0)
                }),
            }
        })
        .collect();
    (
        PerspectiveSample {
            respondents: n as u64,
            effective: n_eff,
            score,
            variance,
        },
        criteria,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Criterion, Perspective, Scale, Text};

    fn methodology(criteria: usize) -> Methodology {
        let text = |t: &str| Text::same(t, 1);
        Methodology {
            min_responses: 0,
            confidence: 0.95,
            z: crate::model::statistics::z_for(0.95),
            variance_prior_df: 10.0,
            tiers: Vec::new(),
            perspectives: vec![Perspective {
                id: "customer".to_string(),
                name: text("Customer"),
                description: None,
                weight: 1.0,
                scale: Scale {
                    min: 0.0,
                    max: 100.0,
                },
                higher_is_better: true,
                sampled: true,
                min_responses: 1,
                min_answers: 1,
                not_answered: Vec::new(),
                criteria: 0..criteria,
            }],
            criteria: (0..criteria)
                .map(|c| Criterion {
                    id: format!("c{c}"),
                    name: text("C"),
                    question: None,
                    weight: 1.0,
                    perspective: 0,
                })
                .collect(),
        }
    }

    /// Three million answers within a hair of 100: the sum of squares minus the square of the
    /// sum would lose every digit of the variance; the deviations from the mean, summed in a
    /// second pass, keep it.
    #[test]
    fn variance_stays_exact_near_100_over_millions_of_rows() {
        let n = 3_000_000usize;
        let methodology = methodology(1);
        let values = vec![100.0 - 1e-6, 100.0];
        let answers = Answers {
            codes: (0..n).map(|i| if i % 2 == 0 { 1 } else { 0 }).collect(),
            weights: Vec::new(),
        };
        let (perspective, criteria) =
            condense_perspective(&methodology, methodology.perspective(0), &values, answers);
        let mean = perspective.score.unwrap();
        assert!((mean - (100.0 - 0.5e-6)).abs() < 1e-9, "{mean}");
        // Half the values 1e-6 below the other half: ŝ² = (0.5e-6)² × n / (n − 1).
        let expected = 0.25e-12 * n as f64 / (n as f64 - 1.0);
        for variance in [perspective.variance.unwrap(), criteria[0].variance.unwrap()] {
            assert!(
                ((variance - expected) / expected).abs() < 1e-6,
                "{variance} against {expected}"
            );
        }
    }

    /// The order of the rows changes no bit: respondents are sorted before summing.
    #[test]
    fn row_order_changes_no_bit() {
        let methodology = methodology(2);
        let values = vec![13.0, 61.7, 88.1, 99.9];
        let rows: Vec<([u16; 2], f64)> = (0..500u16)
            .map(|i| {
                let a = i % 4;
                let b = if i % 7 == 0 {
                    NOT_ANSWERED
                } else {
                    (i / 3) % 4
                };
                ([a, b], 0.3 + f64::from(i % 11) * 0.77)
            })
            .collect();
        let condense = |rows: &[([u16; 2], f64)]| {
            let answers = Answers {
                codes: rows.iter().flat_map(|(c, _)| *c).collect(),
                weights: rows.iter().map(|(_, w)| *w).collect(),
            };
            condense_perspective(&methodology, methodology.perspective(0), &values, answers)
        };
        let forward = condense(&rows);
        let mut reversed = rows.clone();
        reversed.reverse();
        let mut shuffled = rows.clone();
        shuffled.sort_by_key(|(c, w)| (c[1], (w * 1000.0) as i64 % 17));
        assert_eq!(forward, condense(&reversed));
        assert_eq!(forward, condense(&shuffled));
    }
}
