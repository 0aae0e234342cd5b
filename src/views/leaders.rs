//! Criterion leaders as pages show them: the model's leaders (`model::leaders`) with names,
//! links and the shown score, and whether the lead is within the margin of error.

use super::*;

#[derive(Debug, Serialize)]
pub struct LeaderView {
    pub criterion: String,
    /// The criterion's `lang` and `dir` where data/ names it in another language only.
    pub criterion_lang: Option<crate::locale::WrittenIn>,
    pub perspective: String,
    pub perspective_lang: Option<crate::locale::WrittenIn>,
    /// The leading companies, more than one when their shown scores are equal.
    pub leaders: Vec<Link>,
    /// "and 54 more" when more companies share the lead than a table cell names (the export
    /// lists them all); nothing otherwise.
    pub more: Option<String>,
    pub score: String,
    /// Respondent-level results whose lead the survey cannot vouch for (a tie counts too).
    pub narrow: bool,
}

/// A criterion's lead shared by more companies than this names this many of them (a table cell
/// of 60 names, as a synthetic edition of thousands of companies gave, helps no reader).
const MAX_NAMED: usize = 10;

impl ViewBuilder<'_> {
    /// The leaders of each criterion among `group` (indices into `ranked`, one edition's
    /// ranked companies or one sector's).
    pub(super) fn criterion_leaders(&self, ranked: &[Ranked], group: &[usize]) -> Vec<LeaderView> {
        let methodology = &self.data.site.methodology;
        crate::model::leaders::criterion_leaders(methodology, self.locale.rounding, ranked, group)
            .into_iter()
            .map(|leader| {
                let criterion = methodology.criterion(leader.criterion);
                let mut leaders: Vec<(String, String)> = leader
                    .entries
                    .iter()
                    .filter_map(|&i| {
                        let entry = ranked.get(i)?;
                        let record = self.data.site.company(entry.company);
                        Some((
                            self.company_name(entry.company),
                            self.linker.page(&Route::company(record.id.clone())),
                        ))
                    })
                    .collect();
                leaders.sort();
                // Past the limit a cell names the first ones; one more would be shown anyway.
                let more = (leaders.len() > MAX_NAMED + 1).then(|| {
                    let rest = leaders.split_off(MAX_NAMED);
                    self.locale
                        .t_embedding("leaders_more", &[("count", &self.locale.count(rest.len() as u64))])
                });
                LeaderView {
                    more,
                    narrow: leader.clear == Some(false),
                    criterion: criterion.name.get(self.lang()).to_string(),
                    criterion_lang: self.written_in(&criterion.name),
                    perspective: methodology
                        .perspective(criterion.perspective)
                        .name
                        .get(self.lang())
                        .to_string(),
                    perspective_lang: self.perspective_lang(criterion.perspective),
                    leaders: leaders
                        .into_iter()
                        .map(|(label, href)| Link {
                            label,
                            href,
                            current: false,
                        })
                        .collect(),
                    score: self.locale.units(leader.units),
                }
            })
            .collect()
    }
}
