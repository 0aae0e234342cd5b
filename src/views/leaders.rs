//! Criterion leaders: per criterion, the ranked companies with the highest published score
//! (rounded as shown; equal figures share the lead), in an edition or in one of its sectors.

use super::*;

#[derive(Debug, Serialize)]
pub struct LeaderView {
    pub criterion: String,
    pub perspective: String,
    /// The leading companies, more than one when their shown scores are equal.
    pub leaders: Vec<Link>,
    pub score: String,
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
                Some(LeaderView {
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
}
