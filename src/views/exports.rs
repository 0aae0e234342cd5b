//! What the exports say in words, in the language of their tree: the reasons a company was not
//! ranked (`ranking.json`, `ranking.csv`), and `ranking-spreadsheet.csv`, the ranking as a
//! spreadsheet in that language opens it (headings in words, the language's decimal separator,
//! and the list separator its spreadsheets expect with it). The bytes are written by
//! `render::export`.

use super::*;
use crate::render::export::Sheet;

impl ViewBuilder<'_> {
    /// Why each company of the edition was not ranked, in the language, in the order of
    /// `results.not_ranked`.
    pub fn not_ranked_reasons(&self, results: &EditionResults) -> Vec<String> {
        (0..results.not_ranked.len())
            .map(|index| self.reasons_of(results.not_ranked_at(index)))
            .collect()
    }

    /// The separator of decimals in the language's numbers (`.` in English, `,` in German).
    fn decimal_separator(&self) -> String {
        let one_and_a_half = self.locale.number_text("1.5");
        one_and_a_half
            .chars()
            .find(|c| !c.is_ascii_digit())
            .map_or_else(|| ".".to_string(), String::from)
    }

    /// The edition's ranking, then the companies not ranked with their reasons, as a table for
    /// a spreadsheet in the language: a column per figure, headed in words; numbers without
    /// digit grouping, with the language's decimal separator; `;` between cells where that
    /// separator is a comma (as Excel and LibreOffice expect in those languages), `,` otherwise.
    pub fn ranking_sheet(&self, results: &EditionResults) -> Sheet {
        let methodology = &self.data.site.methodology;
        let rounding = crate::rounding::Rounding::new(self.data.site.config.precision);
        let decimal = self.decimal_separator();
        let units = |units: i64| rounding.format_units(units, &decimal);
        let score = |value: f64| rounding.format(value, &decimal);
        let winner = self.t("sector_winner");
        let top = self.top_label();
        let mut head = vec![
            self.t("rank"),
            self.t("sector_rank"),
            self.t("company"),
            self.t("sector"),
            self.t("score"),
        ];
        head.extend(
            methodology
                .perspectives
                .iter()
                .map(|p| p.name.get(self.lang()).to_string()),
        );
        head.extend(
            methodology
                .criteria
                .iter()
                .map(|c| c.name.get(self.lang()).to_string()),
        );
        head.extend([
            self.t("responses"),
            self.t("sheet_change_places"),
            self.t("sheet_change_points"),
            self.t("sheet_interval_low"),
            self.t("sheet_interval_high"),
            self.t("plausible_ranks"),
            self.t("tier"),
        ]);
        head.extend([winner.clone(), top.clone(), self.t("reason")]);
        let figures = methodology.perspectives.len() + methodology.criteria.len();
        let mut rows = Vec::with_capacity(results.ranked.len() + results.not_ranked.len());
        for entry in &results.ranked {
            let mut row = vec![
                entry.rank.to_string(),
                entry.sector_rank.to_string(),
                self.company_name(entry.company),
                self.sector_name(entry.sector),
                units(entry.units),
            ];
            row.extend(entry.perspective_scores.iter().map(|&s| score(s)));
            row.extend(entry.criterion_scores.iter().map(|&s| score(s)));
            row.push(entry.responses.map(|r| r.to_string()).unwrap_or_default());
            row.push(entry.change.map(|c| c.rank.to_string()).unwrap_or_default());
            row.push(
                entry
                    .change
                    .map(|c| units(c.score_units))
                    .unwrap_or_default(),
            );
            match entry.ci {
                Some((low, high)) => row.extend([units(low), units(high)]),
                None => row.extend([String::new(), String::new()]),
            }
            // "3–5" is text in every spreadsheet, where "3-5" could become a date.
            row.push(
                entry
                    .rank_range
                    .map(|(best, worst)| format!("{best}\u{2013}{worst}"))
                    .unwrap_or_default(),
            );
            row.push(self.tier_name(entry).unwrap_or_default());
            row.push(if entry.sector_winner { winner.clone() } else { String::new() });
            row.push(if entry.top { top.clone() } else { String::new() });
            row.push(String::new());
            rows.push(row);
        }
        for index in 0..results.not_ranked.len() {
            let entry = results.not_ranked_at(index);
            let mut row = vec![
                String::new(),
                String::new(),
                self.company_name(entry.company),
                self.sector_name(entry.sector),
            ];
            row.extend(std::iter::repeat_n(String::new(), 1 + figures));
            row.push(entry.responses.map(|r| r.to_string()).unwrap_or_default());
            row.extend(std::iter::repeat_n(String::new(), 8));
            row.push(self.reasons_of(entry));
            rows.push(row);
        }
        Sheet {
            head,
            rows,
            delimiter: if decimal == "," { b';' } else { b',' },
        }
    }
}
