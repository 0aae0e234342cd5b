//! Why a company is not ranked in an edition: the reasons, their English wording for the
//! machine-readable files, and the summary an edition that ranks nobody gives.

use crate::diagnostics::{Phrase, joined};
use crate::model::Methodology;

/// Why a company is listed as not ranked in an edition.
#[derive(Debug, Clone, PartialEq)]
pub enum NotRankedReason {
    TooFewResponses {
        responses: u64,
        required: u64,
    },
    /// Indices into `Methodology::criteria` of the criteria with an empty value.
    MissingValues(Vec<usize>),
    /// Indices into `Methodology::criteria` of the criteria the results leave out altogether
    /// (no key, no column): usually a criterion forgotten in the data, not an unanswered one.
    LeftOut(Vec<usize>),
    /// Respondent-level results: a perspective with fewer (effective) respondents than it needs.
    TooFewRespondents {
        /// Index into `Methodology::perspectives`.
        perspective: usize,
        respondents: u64,
        /// n_eff, the count compared with `required`: `respondents` itself without weights.
        effective: f64,
        required: u64,
    },
    /// Respondent-level results: a criterion answered by fewer respondents than its
    /// perspective's `min_answers` (but by some: none is `MissingValues`).
    TooFewAnswers {
        /// Index into `Methodology::criteria`.
        criterion: usize,
        answers: u64,
        required: u64,
    },
}

impl NotRankedReason {
    /// The English wording FORMAT.md uses, for machine-readable output.
    pub fn describe(&self, methodology: &Methodology) -> String {
        match self {
            NotRankedReason::TooFewResponses {
                responses,
                required,
            } => {
                format!("{responses} responses, {required} required")
            }
            NotRankedReason::TooFewRespondents {
                perspective,
                respondents,
                effective,
                required,
            } => {
                let id = &methodology.perspective(*perspective).id;
                if is_weighted(*respondents, *effective) {
                    format!("{effective:.2} effective {id} responses, {required} required")
                } else {
                    format!("{respondents} {id} responses, {required} required")
                }
            }
            NotRankedReason::TooFewAnswers {
                criterion,
                answers,
                required,
            } => format!(
                "{answers} answers on {}, {required} required",
                methodology.criterion(*criterion).id
            ),
            NotRankedReason::MissingValues(criteria) => {
                format!("no value for {}", ids(methodology, criteria))
            }
            NotRankedReason::LeftOut(criteria) => {
                format!("not in the results at all: {}", ids(methodology, criteria))
            }
        }
    }
}

/// What keeps the companies of an edition out of its ranking, by the rule each fails first,
/// most companies first: "90 fail min_responses 30 of perspective `management` (1 respondent
/// each at most)". An edition that ranks nobody names what to change. `first_reasons`: the
/// first reason of each company not ranked.
/// A rule as a phrase, how many companies fail it and the most any of them had.
type Failing = (Phrase, usize, u64);

pub fn failed_rules<'a>(
    methodology: &Methodology,
    first_reasons: impl Iterator<Item = &'a NotRankedReason>,
) -> (String, Phrase) {
    // Per rule (its English words, and whether it sets a minimum): the phrase, how many
    // companies fail it and the most any of them had.
    let mut rules: std::collections::BTreeMap<(String, bool), Failing> = Default::default();
    for reason in first_reasons {
        let (rule, phrase, got) = match reason {
            NotRankedReason::TooFewResponses {
                responses,
                required,
            } => (
                format!("min_responses {required}"),
                Phrase::new("diag_rule_min_responses", &[("required", &required.to_string())]),
                *responses,
            ),
            NotRankedReason::TooFewRespondents {
                perspective,
                respondents,
                required,
                ..
            } => {
                let p = methodology.perspective(*perspective);
                let values = [("required", required.to_string()), ("perspective", p.id.clone())];
                let values: Vec<(&'static str, &str)> =
                    values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                if p.sampled {
                    (
                        format!("min_responses {required} of perspective `{}`", p.id),
                        Phrase::new("diag_rule_min_respondents", &values),
                        *respondents,
                    )
                } else {
                    (
                        format!(
                            "min_responses {required} of perspective `{}` (a census: set its \
                             min_responses, or leave it out for 1)",
                            p.id
                        ),
                        Phrase::new("diag_rule_min_census", &values),
                        *respondents,
                    )
                }
            }
            NotRankedReason::TooFewAnswers {
                criterion,
                answers,
                required,
            } => {
                let c = methodology.criterion(*criterion);
                let perspective = &methodology.perspective(c.perspective).id;
                (
                    format!(
                        "min_answers {required} of perspective `{perspective}` on `{}`",
                        c.id
                    ),
                    Phrase::new(
                        "diag_rule_min_answers",
                        &[
                            ("required", &required.to_string()),
                            ("perspective", perspective),
                            ("criterion", &c.id),
                        ],
                    ),
                    *answers,
                )
            }
            NotRankedReason::MissingValues(criteria) => {
                let ids = ids(methodology, criteria);
                (
                    format!("a value for {ids}"),
                    Phrase::new("diag_rule_value_for", &[("criteria", &ids)]),
                    0,
                )
            }
            NotRankedReason::LeftOut(criteria) => {
                let ids = ids(methodology, criteria);
                (
                    format!("the column or key {ids}"),
                    Phrase::new("diag_rule_column_for", &[("criteria", &ids)]),
                    0,
                )
            }
        };
        let minimum = rule.starts_with("min_");
        let slot = rules.entry((rule, minimum)).or_insert((phrase, 0, 0));
        slot.1 += 1;
        slot.2 = slot.2.max(got);
    }
    let mut counted: Vec<((String, bool), Failing)> = rules.into_iter().collect();
    counted.sort_by(|a, b| b.1.1.cmp(&a.1.1).then_with(|| a.0.0.cmp(&b.0.0)));
    let (english, said): (Vec<String>, Vec<Phrase>) = counted
        .into_iter()
        .take(3)
        .map(|((rule, minimum), (phrase, n, most))| {
            let (n, most) = (n.to_string(), most.to_string());
            if minimum {
                (
                    format!("{n} fail {rule}, with {most} at most"),
                    Phrase::new("diag_rule_failed", &[("count", &n), ("most", &most)])
                        .with("rule", phrase),
                )
            } else {
                (
                    format!("{n} lack {rule}"),
                    Phrase::new("diag_rule_lacked", &[("count", &n)]).with("rule", phrase),
                )
            }
        })
        .unzip();
    (english.join("; "), joined(said, "diag_list_semicolon"))
}

/// Whether weights made the effective number of respondents differ from the count: only then do
/// texts name it (a `weight` column of all 1 reads as no weights at all).
pub fn is_weighted(respondents: u64, effective: f64) -> bool {
    effective != respondents as f64
}

/// The ids of `criteria`, comma-separated.
fn ids(methodology: &Methodology, criteria: &[usize]) -> String {
    criteria
        .iter()
        .map(|&c| methodology.criterion(c).id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
