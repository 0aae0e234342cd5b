//! Share cards (`og:image`): which card a page uses, and what a company's or an edition's card
//! shows.

use super::*;

/// The share preview of a page, under the language root: a company's own, an edition's for the
/// edition and its sectors, and the latest edition's for every other page.
pub fn preview_file(
    data: &SiteData,
    route: &Route,
    latest_year: Option<i32>,
) -> Option<OutputFile> {
    if data.site.config.share_images == ShareImages::None {
        return None;
    }
    let own = || {
        data.site
            .company_index(&route.id)
            .is_some_and(|company| data.company_has_card(company))
    };
    if route.place.company_page && own() {
        return Some(OutputFile::CompanyCard(route.id.clone()));
    }
    route
        .edition_year()
        .or(latest_year)
        .map(OutputFile::EditionCard)
}

impl ViewBuilder<'_> {
    /// The share preview card of a company: its latest ranked result and award.
    pub fn company_card(&self, company: usize) -> crate::draw::previews::Card {
        let site = self.data.site;
        let record = &site.company(company);
        let latest = self
            .data
            .results
            .iter()
            .rev()
            .find_map(|r| r.ranked_entry(company).map(|e| (r.year, e)));
        // A sector win the survey cannot vouch for says so under the company's name.
        let narrow = latest.is_some_and(|(_, entry)| entry.narrow_win());
        let (figures, award) = match latest {
            Some((year, entry)) => {
                let award = if entry.sector_winner {
                    Some((self.t("sector_winner"), year.to_string()))
                } else if entry.top {
                    Some((
                        self.top_label(),
                        year.to_string(),
                    ))
                } else {
                    None
                };
                (
                    vec![
                        // A shared place says so, as on the pages: "7=".
                        (self.t("rank"), entry.place()),
                        (self.t("score"), self.locale.units(entry.units)),
                        (self.t("edition"), year.to_string()),
                    ],
                    award,
                )
            }
            None => (Vec::new(), None),
        };
        crate::draw::previews::Card {
            kicker: site.config.title.get(self.lang()).to_string(),
            headline: record.name.get(self.lang()).to_string(),
            subline: if narrow {
                format!(
                    "{} \u{b7} {}",
                    self.sector_name(record.sector),
                    self.t("narrow_win")
                )
            } else {
                self.sector_name(record.sector)
            },
            figures,
            list: Vec::new(),
            award,
            right_to_left: self.locale.right_to_left(),
        }
    }

    /// The share preview card of an edition: its top three and key figures.
    pub fn edition_card(&self, year: i32) -> Option<crate::draw::previews::Card> {
        let results = self.data.results_of(year).ok()?;
        let facts = self.edition_facts(results);
        let mut figures = vec![(
            self.t("ranked_companies"),
            self.locale.count(results.ranked.len() as u64),
        )];
        if let Some(respondents) = &facts.respondents {
            figures.push((self.t("respondents"), respondents.clone()));
        }
        Some(crate::draw::previews::Card {
            kicker: self.data.site.config.title.get(self.lang()).to_string(),
            headline: self
                .locale
                .t_embedding("preview_edition", &[("year", &year.to_string())]),
            subline: facts.published.unwrap_or_default(),
            figures,
            list: results
                .ranked
                .iter()
                .take(3)
                .map(|e| {
                    format!(
                        "{}. {} {}",
                        e.rank,
                        self.company_name(e.company),
                        self.locale.units(e.units)
                    )
                })
                .collect(),
            award: None,
            right_to_left: self.locale.right_to_left(),
        })
    }
}
