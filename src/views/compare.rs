//! The comparison page (`compare/`): two to four companies side by side, drawn in the browser by
//! `assets/compare.js` from `compare/data.js`, a script rather than JSON so that it loads from
//! `file://` too. Every figure in the data is formatted here, in the page's language.

use super::*;

#[derive(Debug, Serialize)]
pub struct CompareView {
    pub year: i32,
    pub data_href: String,
    pub script_href: String,
    pub edition_href: String,
}

/// One company in the data: its latest edition's result and its history. Empty texts and
/// unknown numbers are left out (compare.js reads them as "" and null): a site of 10,000
/// pre-aggregated results wrote 85 bytes of them per company.
#[derive(Debug, Serialize)]
struct CompareCompany {
    id: String,
    name: String,
    /// The sector, as its place in the data's `sectors`.
    sector: usize,
    /// Rank ("10="), sector rank ("2 of 9"), score, tier, as shown; empty when not ranked in
    /// the latest edition (`status` then says why).
    #[serde(skip_serializing_if = "String::is_empty")]
    rank: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    sector_rank: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    score: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    tier: String,
    /// The tier name's `lang` and `dir` where data/ names it in another language only.
    #[serde(skip_serializing_if = "Option::is_none")]
    tier_lang: Option<crate::locale::WrittenIn>,
    /// The score in display units, for ordering and telling equal scores, and at full
    /// precision, for the chart (null: not ranked).
    #[serde(skip_serializing_if = "Option::is_none")]
    units: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    /// The interval as shown and its ends in points, for the chart (respondent-level results).
    #[serde(skip_serializing_if = "String::is_empty")]
    interval: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
    /// The plausible places, shown ("1–3") and as numbers (best, worst).
    #[serde(skip_serializing_if = "String::is_empty")]
    places: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<(usize, usize)>,
    /// Respondents of each sampled perspective, shown.
    #[serde(skip_serializing_if = "String::is_empty")]
    n: String,
    /// Why the company has no result in the latest edition ("Not ranked in 2026: …").
    #[serde(skip_serializing_if = "String::is_empty")]
    status: String,
    perspectives: Vec<String>,
    criteria: Vec<String>,
    /// Per edition with a rank: year, score and rank.
    history: Vec<(i32, String, String)>,
}

#[derive(Debug, Serialize)]
struct CompareData {
    year: i32,
    /// A company's page, `{id}` standing for its id.
    href: String,
    /// The sectors' names, in the site's order.
    sectors: Vec<String>,
    perspectives: Vec<String>,
    criteria: Vec<String>,
    /// Where data/ names sectors, perspectives or criteria in another language only: their
    /// `lang` and `dir`, one per name (left out when every name is in the page's language).
    #[serde(skip_serializing_if = "Option::is_none")]
    langs: Option<CompareLangs>,
    companies: Vec<CompareCompany>,
}

#[derive(Debug, Serialize)]
struct CompareLangs {
    sectors: Vec<Option<crate::locale::WrittenIn>>,
    perspectives: Vec<Option<crate::locale::WrittenIn>>,
    criteria: Vec<Option<crate::locale::WrittenIn>>,
}

/// Stands for a company's id in the data's `href`.
const ID: &str = "{id}";

impl ViewBuilder<'_> {
    /// The comparison page; `None` for a site without results.
    pub fn compare(&self) -> Option<(Layout, CompareView)> {
        let latest = self.data.latest()?;
        let layout = self.layout(
            &Route::compare(),
            &self.t("compare_title"),
            &self.t("compare_intro"),
        );
        Some((
            layout,
            CompareView {
                year: latest.year,
                data_href: self.linker.file(&OutputFile::CompareData),
                script_href: self.linker.asset("assets/compare.js"),
                edition_href: self.linker.page(&Route::edition(latest.year)),
            },
        ))
    }

    /// `compare/data.js`: every company with a page, its latest edition's result when it was
    /// ranked there, in this language.
    pub fn compare_data(&self) -> String {
        let site = self.data.site;
        let Some(latest) = self.data.latest() else {
            return "window.rankpressCompare = null;\n".to_string();
        };
        let mut companies: Vec<CompareCompany> = (0..site.companies.len())
            .map(|company| self.compare_company(latest, company))
            .collect();
        companies.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let methodology = &site.methodology;
        let langs = CompareLangs {
            sectors: (0..site.sectors.len())
                .map(|sector| self.sector_lang(sector))
                .collect(),
            perspectives: self.perspective_langs(),
            criteria: self.criterion_langs(),
        };
        let foreign = [&langs.sectors, &langs.perspectives, &langs.criteria]
            .iter()
            .any(|list| list.iter().any(Option::is_some));
        let data = CompareData {
            langs: foreign.then_some(langs),
            year: latest.year,
            href: self.linker.page(&Route::company(ID.to_string())),
            sectors: (0..site.sectors.len())
                .map(|sector| self.sector_name(sector))
                .collect(),
            perspectives: self.perspective_names(),
            criteria: methodology
                .criteria
                .iter()
                .map(|c| c.name.get(self.lang()).to_string())
                .collect(),
            companies,
        };
        // JSON is a JavaScript expression; `<` is escaped so that no text can close a script.
        let json = serde_json::to_string(&data)
            .unwrap_or_else(|_| "null".to_string())
            .replace('<', "\\u003c");
        format!("window.rankpressCompare = {json};\n")
    }
}

impl ViewBuilder<'_> {
    /// Company `company` as the comparison shows it: its result in `latest` when it was ranked
    /// there, else why not, and its history either way.
    fn compare_company(&self, latest: &EditionResults, company: usize) -> CompareCompany {
        let site = self.data.site;
        let record = site.company(company);
        let history = self
            .data
            .results
            .iter()
            .filter_map(|r| {
                r.ranked_entry(company)
                    .map(|e| (r.year, self.locale.units(e.units), e.rank.to_string()))
            })
            .collect();
        let mut view = CompareCompany {
            id: record.id.clone(),
            name: self.company_name(company),
            sector: record.sector,
            rank: String::new(),
            sector_rank: String::new(),
            score: String::new(),
            tier: String::new(),
            tier_lang: None,
            units: None,
            value: None,
            interval: String::new(),
            low: None,
            high: None,
            places: String::new(),
            range: None,
            n: String::new(),
            status: String::new(),
            perspectives: Vec::new(),
            criteria: Vec::new(),
            history,
        };
        let Some(entry) = latest.ranked_entry(company) else {
            view.status = self
                .locale
                .t_embedding("compare_not_ranked", &[("year", &latest.year.to_string())]);
            return view;
        };
        let (low, high) = match self.entry_chart_interval(entry) {
            Some((low, high, _)) => (Some(low), Some(high)),
            None => (None, None),
        };
        let sampled: Vec<String> = site
            .methodology
            .perspectives
            .iter()
            .zip(entry.respondents.iter().flatten())
            .filter(|(p, _)| p.sampled)
            .map(|(p, &n)| {
                format!(
                    "{}: {}",
                    self.locale.embed(p.name.get(self.lang())),
                    self.locale.count(n)
                )
            })
            .collect();
        CompareCompany {
            sector: entry.sector,
            rank: entry.place(),
            sector_rank: self.sector_rank_of(latest, entry),
            score: self.locale.units(entry.units),
            tier: self.tier_name(entry).unwrap_or_default(),
            tier_lang: self.tier_lang(entry),
            units: Some(entry.units),
            // To a thousandth of a point, for the chart: 59.148 and not 59.148148148148145.
            value: Some((entry.score * 1000.0).round() / 1000.0),
            interval: self.entry_interval_text(entry).unwrap_or_default(),
            low,
            high,
            places: entry
                .rank_range
                .map(|range| self.locale.isolate(super::tables::range_text(range)))
                .unwrap_or_default(),
            range: entry.rank_range,
            n: sampled.join(" · "),
            perspectives: entry
                .perspective_scores
                .iter()
                .map(|&s| self.locale.score(s))
                .collect(),
            criteria: entry
                .criterion_scores
                .iter()
                .map(|&s| {
                    if s.is_finite() {
                        self.locale.score(s)
                    } else {
                        "–".to_string()
                    }
                })
                .collect(),
            ..view
        }
    }
}

pub(crate) static COMPARE: PageKind = PageKind {
    name: "compare",
    template: "compare.html",
    plan: Plan::One(|data| !data.results.is_empty()),
    route: |_, _, _| Route::compare(),
    data: DataScope::All,
    commentary: CommentaryScope::None,
    view: |b, _, _| Ok(b.compare().map(Built::plain)),
    card: None,
};
