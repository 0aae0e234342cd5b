//! How one language writes things: interface strings from the theme, decimal separator, dates,
//! signed changes. Pure.

use std::collections::BTreeMap;

use crate::model::date::Date;
use crate::model::scoring::Rounding;

/// Every interface string the code asks for (templates ask for theirs as `t.<key>`, found in
/// the templates themselves). A theme's language files are checked against both when the theme
/// loads; a test keeps this list equal to the keys the code uses.
pub const CODE_KEYS: &[&str] = &[
    "article",
    "articles_title",
    "average_score",
    "award_tier",
    "award_top",
    "award_winner",
    "change_down",
    "change_new",
    "change_same",
    "change_same_short",
    "change_up",
    "chart_criteria_desc",
    "chart_criteria_title",
    "chart_history_desc",
    "chart_history_intervals_desc",
    "chart_history_sector",
    "chart_history_title",
    "chart_intervals_desc",
    "chart_narrow_lead",
    "chart_overall_average",
    "chart_scatter_desc",
    "chart_scatter_title",
    "chart_sector_average",
    "chart_sector_bar",
    "chart_sector_desc",
    "chart_sector_title",
    "chart_sectors_desc",
    "chart_sectors_small",
    "chart_sectors_title",
    "company",
    "company_description",
    "compare_intro",
    "compare_title",
    "company_no_results",
    "company_not_ranked_in",
    "criterion",
    "date_format",
    "decimal_separator",
    "edition",
    "edition_description",
    "embed_ranking",
    "embed_sector_ranking",
    "feed_edition_summary",
    "interval",
    "language_name",
    "methodology_title",
    "months",
    "narrow_win_note",
    "nav_articles",
    "nav_compare",
    "nav_home",
    "nav_methodology",
    "nav_ranking",
    "no_winner_note",
    "not_found_title",
    "place_one",
    "place_other",
    "points",
    "print_edition",
    "preview_company_alt",
    "preview_edition",
    "preview_edition_alt",
    "rank",
    "rank_of",
    "rank_short",
    "ranked_companies",
    "reason_missing",
    "reason_respondents",
    "reason_responses",
    "respondents",
    "rule_change",
    "rule_complete",
    "rule_min_responses",
    "rule_precision",
    "rule_ties",
    "rule_top",
    "rule_winner",
    "scale_higher_better",
    "scale_lower_better",
    "scale_text",
    "score",
    "search_result",
    "seal_top",
    "seal_valid_until",
    "seal_winner",
    "sector",
    "sector_average_of",
    "sector_description",
    "sector_winner",
    "stats_example",
    "stats_example_tier",
    "stats_interval",
    "stats_range",
    "stats_tiers",
    "thousands_separator",
    "top_list",
    "verify_no_expiry",
    "verify_result",
    "verify_statement",
    "verify_title",
    "verify_valid_until",
    "verify_warning",
];

#[derive(Debug, Clone)]
pub struct Locale {
    pub code: String,
    pub index: usize,
    pub strings: BTreeMap<String, String>,
    pub decimal_separator: String,
    pub rounding: Rounding,
}

impl Locale {
    pub fn new(
        code: &str,
        index: usize,
        strings: BTreeMap<String, String>,
        rounding: Rounding,
    ) -> Locale {
        let decimal_separator = strings
            .get("decimal_separator")
            .cloned()
            .unwrap_or_else(|| ".".to_string());
        Locale {
            code: code.to_string(),
            index,
            strings,
            decimal_separator,
            rounding,
        }
    }

    /// The interface string `key`; the key itself when the theme lacks it, so a gap is visible.
    pub fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The interface string `key` with `{name}` placeholders filled in.
    pub fn t_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.t(key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A score at the site's precision ("84.3", "84,3").
    pub fn score(&self, value: f64) -> String {
        self.rounding.format(value, &self.decimal_separator)
    }

    pub fn units(&self, units: i64) -> String {
        self.rounding.format_units(units, &self.decimal_separator)
    }

    /// A change in display units with its sign: "+1.2", "−0.4", "±0.0".
    pub fn signed_units(&self, units: i64) -> String {
        let magnitude = self
            .rounding
            .format_units(units.abs(), &self.decimal_separator);
        match units.signum() {
            1 => format!("+{magnitude}"),
            -1 => format!("\u{2212}{magnitude}"),
            _ => format!("±{magnitude}"),
        }
    }

    /// A whole number with the language's digit grouping ("8,123", "8.123").
    pub fn count(&self, value: u64) -> String {
        let separator = self
            .strings
            .get("thousands_separator")
            .map_or(",", String::as_str);
        let digits = value.to_string();
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push_str(separator);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// A date in the language's long form, from the theme's `date_format` and `months`.
    pub fn date(&self, date: &Date) -> String {
        let months: Vec<&str> = self
            .strings
            .get("months")
            .map_or(Vec::new(), |m| m.split(',').map(str::trim).collect());
        let month = months
            .get(date.month as usize - 1)
            .map_or_else(|| format!("{:02}", date.month), |m| m.to_string());
        let format = self
            .strings
            .get("date_format")
            .map_or("{year}-{month}-{day}", String::as_str);
        format
            .replace("{year}", &date.year.to_string())
            .replace("{month}", &month)
            .replace("{day}", &date.day.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn german() -> Locale {
        let strings = [
            ("decimal_separator", ","),
            ("thousands_separator", "."),
            ("months", "Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember"),
            ("date_format", "{day}. {month} {year}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        Locale::new("de", 1, strings, Rounding::new(1))
    }

    #[test]
    fn formats_numbers_and_dates_the_german_way() {
        let de = german();
        assert_eq!(de.score(84.25), "84,3");
        assert_eq!(de.signed_units(-4), "\u{2212}0,4");
        assert_eq!(de.signed_units(12), "+1,2");
        assert_eq!(de.count(8123), "8.123");
        assert_eq!(
            de.date(&Date::parse("2026-06-15").unwrap()),
            "15. Juni 2026"
        );
    }
}

#[cfg(test)]
mod key_tests {
    /// Every `t("key")` and `t_with("key", …)` of the code is in [`super::CODE_KEYS`], and the list
    /// holds nothing else but the keys used through a variable (`change_*`, `scale_*`) and the
    /// formatting keys.
    #[test]
    fn the_list_of_code_keys_is_the_keys_the_code_uses() {
        let mut used = std::collections::BTreeSet::new();
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(source) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let whole = std::fs::read_to_string(entry.path()).unwrap();
            // Tests ask for made-up keys; only the code before them counts.
            let text = whole.split("#[cfg(test)]").next().unwrap().to_string();
            for call in ["t(", "t_with("] {
                for (at, _) in text.match_indices(call) {
                    let before = text[..at].chars().last().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = text[at + call.len()..].trim_start();
                    if let Some(literal) = rest.strip_prefix('"') {
                        let key: String = literal
                            .chars()
                            .take_while(|c| {
                                c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'
                            })
                            .collect();
                        if literal[key.len()..].starts_with('"') && !key.is_empty() {
                            used.insert(key);
                        }
                    }
                }
            }
        }
        let through_variables = [
            "chart_history_intervals_desc",
            "chart_intervals_desc",
            "change_down",
            "change_same",
            "change_up",
            "scale_higher_better",
            "scale_lower_better",
            "date_format",
            "decimal_separator",
            "months",
            "thousands_separator",
        ];
        let listed: std::collections::BTreeSet<String> =
            super::CODE_KEYS.iter().map(|k| k.to_string()).collect();
        let expected: std::collections::BTreeSet<String> = used
            .into_iter()
            .chain(through_variables.iter().map(|k| k.to_string()))
            .collect();
        assert_eq!(listed, expected);
    }
}
