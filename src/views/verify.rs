//! The check page of a company's awards in one edition (`verify/<year>/<company>/`): what its
//! seals link to, saying in plain words who earned what, so that a seal showing anything else is
//! easy to expose as forged.

use super::*;

#[derive(Debug, Serialize)]
pub struct VerifyView {
    /// "Award check: Kaufhaus Linde, 2026"
    pub title: String,
    pub company: String,
    pub company_href: String,
    pub year: i32,
    pub edition_href: String,
    /// The seal as the company may show it.
    pub seal_href: String,
    pub seal_alt: String,
    /// "Kaufhaus Linde holds these awards of …, published by … on June 15, 2026:"
    pub statement: String,
    /// Each award in words: "Gold 2026", "Sector winner Retail 2026", "Top 50 2026".
    pub awards: Vec<String>,
    /// The result behind them: score, rank and sector rank.
    pub result: String,
    /// Until when the edition's seals are valid, or that they carry no date.
    pub validity: String,
    pub warning: String,
}

impl ViewBuilder<'_> {
    /// The check page of `company` in `year`; `None` when it earned no seal there.
    pub fn verify(&self, year: i32, company: usize) -> Option<(Layout, VerifyView)> {
        let site = self.data.site;
        let results = self.data.results.iter().find(|r| r.year == year)?;
        let entry = results.ranked_entry(company)?;
        if !entry.awarded() {
            return None;
        }
        let record = site.company(company);
        let name = self.company_name(company);
        let sector = self.sector_name(entry.sector);
        let edition = site.edition(year);
        let year_text = year.to_string();
        let mut awards = Vec::new();
        if let Some(tier) = self.tier_name(entry) {
            awards.push(
                self.locale
                    .t_embedding("award_tier", &[("tier", &tier), ("year", &year_text)]),
            );
        }
        if entry.sector_winner {
            let mut award = self
                .locale
                .t_embedding("award_winner", &[("sector", &sector), ("year", &year_text)]);
            // The page a seal links to never vouches for more than the survey can.
            if entry.narrow_win() {
                award.push_str(&format!(" ({})", self.t("narrow_win")));
            }
            awards.push(award);
        }
        if entry.top {
            awards.push(self.locale.t_embedding(
                "award_top",
                &[("top", &site.config.top.to_string()), ("year", &year_text)],
            ));
        }
        let publisher = site
            .config
            .publisher
            .as_ref()
            .unwrap_or(&site.config.title)
            .get(self.locale.index)
            .to_string();
        let published = edition
            .and_then(|e| e.published)
            .map(|d| self.locale.date(&d))
            .unwrap_or_else(|| year_text.clone());
        let statement = self.locale.t_embedding(
            "verify_statement",
            &[
                ("company", &name),
                ("edition", &self.edition_title(year)),
                ("publisher", &publisher),
                ("date", &published),
            ],
        );
        let rank = entry.place();
        let result = self.locale.t_count_embedding(
            "verify_result",
            results.ranked.len() as u64,
            &[
                ("score", &self.locale.units(entry.units)),
                ("rank", &rank),
                ("sector", &sector),
                ("sector_rank", &self.sector_rank_of(results, entry)),
            ],
        );
        let validity = match edition.and_then(|e| e.valid_until) {
            Some(date) => self
                .locale
                .t_embedding("verify_valid_until", &[("date", &self.locale.date(&date))]),
            None => self.t("verify_no_expiry"),
        };
        let seal = OutputFile::Seal {
            year,
            company: record.id.clone(),
        };
        let title = self
            .locale
            .t_embedding("verify_title", &[("company", &name), ("year", &year_text)]);
        let layout = self.layout(&Route::verify(year, record.id.clone()), &title, &statement);
        Some((
            layout,
            VerifyView {
                title,
                company: name,
                company_href: self.linker.page(&Route::company(record.id.clone())),
                year,
                edition_href: self.linker.page(&Route::edition(year)),
                seal_href: self.linker.file(&seal),
                seal_alt: crate::draw::badges::award_text(self.locale, site, year, entry),
                statement,
                awards,
                result,
                validity,
                warning: self.t("verify_warning"),
            },
        ))
    }
}

pub(crate) static VERIFY: PageKind = PageKind {
    name: "verify",
    template: "verify.html",
    // A check page for every seal: each awarded company in each edition.
    plan: Plan::PerEdition(|_, results| {
        results
            .ranked
            .iter()
            .filter(|e| e.awarded())
            .map(|e| e.company)
            .collect()
    }),
    route: |data, year, company| Route::verify(year, data.site.company(company).id.clone()),
    data: DataScope::Company,
    commentary: CommentaryScope::None,
    view: |b, year, company| Ok(b.verify(year, company).map(Built::plain)),
    card: None,
};
