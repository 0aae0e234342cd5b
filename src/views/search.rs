//! The search index of one language, with each company's latest result as the search shows it.

use super::*;

impl ViewBuilder<'_> {
    /// The search index scripts of the builder's language (one, or parts for a large site): companies, sectors and articles, each
    /// company with its latest result ("rank 3, score 92.7 (2026)").
    pub fn search_index(&self) -> Vec<String> {
        let data = self.data;
        let mut latest_results = vec![None; data.site.companies.len()];
        for results in data.results {
            for entry in &results.ranked {
                if let Some(slot) = latest_results.get_mut(entry.company) {
                    *slot = Some(self.locale.t_with(
                        "search_result",
                        &[
                            ("rank", &entry.rank.to_string()),
                            ("score", &self.locale.units(entry.units)),
                            ("year", &results.year.to_string()),
                        ],
                    ));
                }
            }
        }
        let labels = crate::render::search::Labels {
            company: self.t("company"),
            sector: self.t("sector"),
            article: self.t("article"),
            latest_results,
            texts: serde_json::json!({
                "none": self.locale.strings.get("search_none"),
                "results": self.locale.strings.get("search_results"),
                "all": self.locale.strings.get("search_all"),
            })
            .to_string(),
        };
        crate::render::search::index_scripts(
            data.site,
            data.content,
            data.results,
            self.lang(),
            &labels,
        )
    }
}
