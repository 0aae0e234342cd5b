//! Criterion leaders: per criterion, the ranked companies with the highest published score
//! (rounded as shown; equal figures share the lead), in an edition or in one of its sectors.
//! For respondent-level results a lead is clear only when the same Holm-adjusted test that
//! gives plausible places, run over the criterion's scores and standard errors, puts the leader
//! alone in first place (STATISTICS.md v3, step 12); otherwise the table says the lead is within
//! the margin of error. Ranked companies have every criterion answered `min_answers` times.

use super::*;

#[derive(Debug, Serialize)]
pub struct LeaderView {
    pub criterion: String,
    pub perspective: String,
    /// The leading companies, more than one when their shown scores are equal.
    pub leaders: Vec<Link>,
    pub score: String,
    /// Respondent-level results whose lead the survey cannot vouch for (a tie counts too).
    pub narrow: bool,
}

impl ViewBuilder<'_> {
    /// The leaders of each criterion among `entries` (ranked companies of one edition).
    pub(super) fn criterion_leaders<'e>(
        &self,
        entries: impl Iterator<Item = &'e Ranked> + Clone,
    ) -> Vec<LeaderView> {
        let methodology = &self.data.site.methodology;
        let rounding = &self.locale.rounding;
        methodology
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(c, criterion)| {
                let shown = |e: &Ranked| {
                    e.criterion_scores
                        .get(c)
                        .copied()
                        .filter(|v| v.is_finite())
                        .map(|v| rounding.units(v))
                };
                let best = entries.clone().filter_map(shown).max()?;
                let mut leaders: Vec<(String, String)> = entries
                    .clone()
                    .filter(|e| shown(e) == Some(best))
                    .map(|e| {
                        let record = self.data.site.company(e.company);
                        (
                            self.company_name(e.company),
                            self.linker.page(&Route::Company(record.id.clone())),
                        )
                    })
                    .collect();
                leaders.sort();
                let narrow = self.lead_is_narrow(entries.clone(), c, best);
                Some(LeaderView {
                    narrow,
                    criterion: criterion.name.get(self.lang()).to_string(),
                    perspective: methodology
                        .perspective(criterion.perspective)
                        .name
                        .get(self.lang())
                        .to_string(),
                    leaders: leaders
                        .into_iter()
                        .map(|(label, href)| Link {
                            label,
                            href,
                            current: false,
                        })
                        .collect(),
                    score: self.locale.units(best),
                })
            })
            .collect()
    }

    /// Whether the lead in criterion `c` (shown score `best`) is within the margin of error:
    /// for respondent-level results, unless one company leads and the adjusted comparison with
    /// every other puts it alone in first place.
    fn lead_is_narrow<'e>(
        &self,
        entries: impl Iterator<Item = &'e Ranked> + Clone,
        c: usize,
        best: i64,
    ) -> bool {
        let rounding = &self.locale.rounding;
        let scored: Vec<Ranked> = entries
            .filter_map(|e| {
                let score = e
                    .criterion_scores
                    .get(c)
                    .copied()
                    .filter(|v| v.is_finite())?;
                let se = e.criterion_se.as_ref()?.get(c).copied().flatten();
                Some(Ranked {
                    score,
                    units: rounding.units(score),
                    se,
                    ..Ranked::default()
                })
            })
            .collect();
        if scored.is_empty() {
            // Pre-aggregated results: leaders are named as v1 names them.
            return false;
        }
        let leading: Vec<usize> = (0..scored.len())
            .filter(|&i| scored.get(i).is_some_and(|e| e.units == best))
            .collect();
        let [leader] = leading.as_slice() else {
            return true;
        };
        let all: Vec<usize> = (0..scored.len()).collect();
        let alpha = 1.0 - self.data.site.methodology.confidence;
        let ranges = crate::model::statistics::rank_ranges(&scored, &all, alpha);
        ranges.get(*leader).copied().flatten() != Some((1, 1))
    }
}
