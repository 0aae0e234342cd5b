//! How one language writes things: interface strings from the theme, and numbers, dates and
//! plural forms from CLDR (ICU4X's compiled data, so any language code works with no code of
//! ours per language). Pure.

use std::collections::BTreeMap;
use std::sync::Arc;

use icu_datetime::{DateTimeFormatter, fieldsets};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale::LocaleDirectionality;
use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};

use crate::date::Date;
use crate::rounding::Rounding;

/// The language a text is written in where it differs from its page's, for the text's `lang`
/// and `dir` attributes: an untranslated English notice on an Arabic page reads left to right,
/// with its full stop at its end.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WrittenIn {
    pub lang: String,
    pub dir: &'static str,
}

/// Every interface string the code asks for (templates ask for theirs as `t.<key>`, found in
/// the templates themselves). A theme's language files are checked against both when the theme
/// loads; a test keeps this list equal to the keys the code uses.
pub const CODE_KEYS: &[&str] = &[
    "article",
    "cli_build_failed",
    "cli_build_failed_writing",
    "cli_built",
    "cli_checked",
    "cli_checked_input",
    "cli_files",
    "cli_rebuilt",
    "cli_same_warnings",
    "cli_serve_failed",
    "cli_serving",
    "cli_files_bytes",
    "cli_init_created",
    "cli_init_data",
    "cli_init_next",
    "cli_init_preview",
    "cli_init_publish",
    "cli_new_body",
    "cli_new_created",
    "cli_no_browser",
    "cli_unchanged",
    "cli_help_about",
    "cli_help_build",
    "cli_help_check",
    "cli_help_serve",
    "cli_help_init",
    "cli_help_new",
    "cli_help_new_article",
    "cli_help_help_command",
    "cli_help_root",
    "cli_help_base_url",
    "cli_help_drafts",
    "cli_help_out",
    "cli_help_force",
    "cli_help_precompress",
    "cli_help_build_verbose",
    "cli_help_serve_verbose",
    "cli_help_port",
    "cli_help_bind",
    "cli_help_open",
    "cli_help_folder",
    "cli_help_languages",
    "cli_help_title",
    "cli_help_date",
    "cli_help_help",
    "cli_help_version",
    "cli_usage_heading",
    "cli_usage_commands",
    "cli_usage_arguments",
    "cli_usage_options",
    "cli_usage_default",
    "cli_usage_unknown_argument",
    "cli_usage_unknown_command",
    "cli_usage_invalid_value",
    "cli_usage_value_missing",
    "cli_usage_missing",
    "cli_usage_twice",
    "cli_usage_expect_port",
    "cli_usage_expect_address",
    "cli_usage_more",
    "cli_warnings",
    "overlay_failed",
    "search_none",
    "show_all",
    "source_line",
    "source_publisher",
    "plausible_ranks",
    "reason",
    "responses",
    "sector_rank",
    "sheet_change_places",
    "sheet_change_points",
    "sheet_interval_high",
    "sheet_interval_low",
    "tier",
    "leaders_more",
    "chart_data_download",
    "ranking_page_title",
    "ranking_rows",
    "articles_title",
    "average_score",
    "award_tier",
    "award_top",
    "award_winner",
    "census_no_error",
    "change_down",
    "change_new",
    "change_new_in_sector",
    "change_same",
    "change_same_short",
    "change_up",
    "chart_census_desc",
    "chart_criteria_desc",
    "chart_criteria_title",
    "chart_dot_intervals_desc",
    "chart_history_desc",
    "chart_history_intervals_desc",
    "chart_history_sector",
    "chart_history_title",
    "chart_intervals_desc",
    "chart_key_interval",
    "chart_key_leader",
    "chart_key_too_few",
    "chart_narrow_lead",
    "chart_overall_average",
    "chart_scatter_desc",
    "chart_scatter_negative",
    "chart_scatter_positive",
    "chart_scatter_title",
    "chart_sector_average",
    "chart_sector_bar",
    "chart_sector_desc",
    "chart_sector_title",
    "chart_sectors_desc",
    "chart_sectors_lead",
    "chart_sectors_shared_lead",
    "chart_sectors_small",
    "chart_sectors_title",
    "chart_shared_rows",
    "chart_top_desc",
    "chart_top_title",
    "company",
    "company_description",
    "company_no_results",
    "company_not_ranked_in",
    "compare_intro",
    "compare_not_ranked",
    "compare_title",
    "criterion",
    "edition",
    "edition_description",
    "embed_ranking",
    "embed_sector_ranking",
    "feed_edition_summary",
    "interval",
    "key_plausible",
    "key_tie",
    "language_name",
    "lead_clear",
    "lead_narrow",
    "lead_plain",
    "lead_shared",
    "methodology_title",
    "narrow_win",
    "narrow_win_note",
    "nav_articles",
    "nav_compare",
    "nav_home",
    "nav_methodology",
    "nav_ranking",
    "no_winner_note",
    "not_found_title",
    "places",
    "plausibly",
    "points",
    "preview_company_alt",
    "preview_edition",
    "preview_edition_alt",
    "print_edition",
    "rank",
    "rank_of",
    "rank_short",
    "ranked_companies",
    "reason_effective",
    "reason_left_out",
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
    "seal_narrow",
    "seal_top",
    "seal_valid_until",
    "seal_winner",
    "search_result",
    "sector",
    "sector_average_of",
    "sector_description",
    "sector_winner",
    "small_sample_note",
    "stats_census",
    "stats_clear",
    "stats_editions_differ",
    "stats_example",
    "stats_example_tier",
    "stats_interval",
    "stats_interval_model",
    "stats_range",
    "stats_small_samples",
    "stats_tiers",
    "stats_weights",
    "survey_agency",
    "survey_fieldwork",
    "survey_fieldwork_dates",
    "survey_mode",
    "survey_population",
    "survey_probability",
    "survey_probability_no",
    "survey_probability_yes",
    "survey_questionnaire",
    "survey_questionnaire_link",
    "survey_response_rate",
    "survey_sample_source",
    "survey_sponsor",
    "survey_weighting",
    "tied",
    "top_list",
    "verify_no_expiry",
    "verify_result",
    "verify_statement",
    "verify_title",
    "verify_valid_until",
    "verify_warning",
];

/// Interface strings whose text depends on a number: the code asks for them with
/// [`Locale::t_count`] or [`Locale::t_plural`], the scripts with the browser's `Intl.PluralRules`.
/// In a language with more than one plural category each is a map from CLDR plural category
/// (`zero`, `one`, `two`, `few`, `many`, `other`) to text, with every category the language uses.
pub const PLURAL_KEYS: &[&str] = &[
    "chart_criteria_desc",
    "chart_history_desc",
    "chart_scatter_desc",
    "chart_sector_desc",
    "chart_sectors_small",
    "edition_description",
    "filter_status",
    "no_winner_note",
    "places",
    "points",
    "reason_respondents",
    "reason_responses",
    "rule_min_responses",
    "rule_precision",
    "rule_winner",
    "search_all",
    "search_results",
    "verify_result",
];

/// The CLDR plural categories, in CLDR's order.
pub const PLURAL_CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// Interface strings of one language by key, as the templates see them (`t.key`).
pub type Strings = BTreeMap<String, Message>;

/// One interface string: plain text, or one text per plural category.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    Plural(BTreeMap<String, String>),
}

impl Message {
    /// The message with each of its texts passed through `change`.
    fn map(self, change: impl Fn(&str) -> String) -> Message {
        match self {
            Message::Text(text) => Message::Text(change(&text)),
            Message::Plural(forms) => {
                Message::Plural(forms.into_iter().map(|(k, v)| (k, change(&v))).collect())
            }
        }
    }

    /// The text for `category`, else the `other` text (a single text serves every category).
    fn form(&self, category: &str) -> &str {
        match self {
            Message::Text(text) => text,
            Message::Plural(forms) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or("", String::as_str),
        }
    }
}

/// The CLDR data of one language, loaded once: number and date formats, plural rules, direction.
/// ICU4X's compiled data falls back to the root locale for any code it does not know, so each
/// part is always there; were one ever missing, numbers and dates would be written plainly
/// (ASCII digits, ISO dates) and every count would take the `other` form.
struct Cldr {
    numbers: Option<DecimalFormatter>,
    lists: Option<icu_list::ListFormatter>,
    plurals: Option<PluralRules>,
    dates: Option<DateTimeFormatter<fieldsets::YMD>>,
    right_to_left: bool,
}

impl std::fmt::Debug for Cldr {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Cldr")
            .field("right_to_left", &self.right_to_left)
            .finish_non_exhaustive()
    }
}

impl Cldr {
    /// CLDR's data for `code`; a code CLDR does not know gets the root locale's (digits with
    /// "." and ",", ISO-like dates, one plural category), never an error.
    fn new(code: &str) -> Cldr {
        let locale = parse_code(code);
        Cldr {
            numbers: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            lists: icu_list::ListFormatter::try_new_and(
                (&locale).into(),
                icu_list::options::ListFormatterOptions::default(),
            )
            .ok(),
            plurals: PluralRules::try_new((&locale).into(), PluralRuleType::Cardinal.into()).ok(),
            dates: DateTimeFormatter::try_new((&locale).into(), fieldsets::YMD::long()).ok(),
            right_to_left: LocaleDirectionality::new_common().is_right_to_left(&locale.id),
        }
    }

    fn number(&self, decimal: &Decimal) -> String {
        match &self.numbers {
            Some(numbers) => numbers.format(decimal).to_string(),
            None => decimal.to_string(),
        }
    }

    fn category(&self, amount: &Decimal) -> &'static str {
        self.plurals
            .as_ref()
            .map_or("other", |rules| category_name(rules.category_for(amount)))
    }
}

/// The language code as CLDR reads it; one it cannot read is the root locale (`und`).
fn parse_code(code: &str) -> icu_locale::Locale {
    icu_locale::Locale::try_from_str(code).unwrap_or(icu_locale::Locale::UNKNOWN)
}

/// One site language: its interface strings and CLDR's way of writing numbers and dates.
#[derive(Debug, Clone)]
pub struct Locale {
    pub code: String,
    pub index: usize,
    pub strings: BTreeMap<String, Message>,
    pub rounding: Rounding,
    cldr: Arc<Cldr>,
}

impl Locale {
    pub fn new(
        code: &str,
        index: usize,
        strings: BTreeMap<String, Message>,
        rounding: Rounding,
    ) -> Locale {
        let strings = strings
            .into_iter()
            .map(|(key, message)| {
                // The page's strings keep their ranges on one line; the command line's are
                // left as written (a reader copies from them).
                let message = if matches!(key.split_once('_'), Some(("cli" | "diag", _))) {
                    message
                } else {
                    message.map(|text| join_ranges(text).into_owned())
                };
                (key, message)
            })
            .collect();
        Locale {
            code: code.to_string(),
            index,
            strings,
            rounding,
            cldr: Arc::new(Cldr::new(code)),
        }
    }

    /// Whether the language is written right to left (CLDR's script direction).
    pub fn right_to_left(&self) -> bool {
        self.cldr.right_to_left
    }

    /// The `lang` and `dir` of a text written in `code` shown on a page in this language: the
    /// code and its direction from CLDR, or `None` when it is this language.
    pub fn written_in(&self, code: &str) -> Option<WrittenIn> {
        (code != self.code).then(|| {
            let right_to_left = code
                .parse::<icu_locale::Locale>()
                .is_ok_and(|l| LocaleDirectionality::new_common().is_right_to_left(&l.id));
            WrittenIn {
                lang: code.to_string(),
                dir: if right_to_left { "rtl" } else { "ltr" },
            }
        })
    }

    /// A percentage as the language writes it (CLDR's percent pattern): "95%" in English, "95 %"
    /// with a no-break space in German, Russian or Swedish, a narrow one in French, "%95" in
    /// Turkish. `number` is written the language's way already.
    pub fn percent(&self, number: &str) -> String {
        let mut parts = self.code.split(['-', '_']);
        let language = parts.next().unwrap_or_default();
        let region = parts.find(|part| part.len() == 2).unwrap_or_default();
        match (language, region) {
            ("de", "CH" | "LI") => format!("{number}%"),
            ("fr", _) => format!("{number}\u{202f}%"),
            ("tr", _) => format!("%{number}"),
            (
                "de" | "es" | "ru" | "be" | "cs" | "sk" | "da" | "sv" | "nb" | "nn" | "no" | "fi"
                | "sl" | "ro",
                _,
            ) => format!("{number}\u{a0}%"),
            _ => format!("{number}%"),
        }
    }

    /// Items joined as the language lists them: "A and B", "A, B et C", "A، وB".
    pub fn and_list(&self, items: &[String]) -> String {
        match &self.cldr.lists {
            Some(lists) => lists.format_to_string(items.iter()),
            None => items.join(", "),
        }
    }

    /// The interface string `key`; the key itself when the theme lacks it, so a gap is visible.
    pub fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .map_or_else(|| key.to_string(), |m| m.form("other").to_string())
    }

    /// The interface string `key` with `{name}` placeholders filled in.
    pub fn t_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }

    /// The interface string `key` in the plural form for `count`, with `{count}` (written the
    /// language's way) and the other placeholders filled in: "1 place", "5 мест".
    pub fn t_count(&self, key: &str, count: u64, values: &[(&str, &str)]) -> String {
        let count_text = self.count(count);
        let mut all = vec![("count", count_text.as_str())];
        all.extend_from_slice(values);
        self.t_plural(key, Decimal::from(count), &all)
    }

    /// The interface string `key` in the plural form for the number `amount`, placeholders
    /// filled in. A decimal takes its form from its visible digits, as CLDR says ("1.0 points").
    pub fn t_plural(&self, key: &str, amount: Decimal, values: &[(&str, &str)]) -> String {
        let category = self.cldr.category(&amount);
        let text = self
            .strings
            .get(key)
            .map_or_else(|| key.to_string(), |m| m.form(category).to_string());
        fill(text, values)
    }

    /// A score at the site's precision ("84.3", "84,3").
    pub fn score(&self, value: f64) -> String {
        self.units(self.rounding.units(value))
    }

    /// A number given in display units (tenths at precision 1), written the language's way.
    pub fn units(&self, units: i64) -> String {
        self.cldr.number(&self.decimal(units))
    }

    /// `units` as an exact decimal at the site's precision, for plural choice.
    pub fn decimal(&self, units: i64) -> Decimal {
        let mut decimal = Decimal::from(units);
        decimal.multiply_pow10(-(self.rounding.decimals as i16));
        decimal
    }

    /// A change in display units with its sign: "+1.2", "−0.4", "±0.0".
    pub fn signed_units(&self, units: i64) -> String {
        let magnitude = self.units(units.abs());
        self.isolate(match units.signum() {
            1 => format!("+{magnitude}"),
            -1 => format!("\u{2212}{magnitude}"),
            _ => format!("±{magnitude}"),
        })
    }

    /// A figure whose characters must keep their left-to-right order (a signed number, a range
    /// "1–2", an interval "71.3–93.1"): in a language written right to left it is isolated
    /// (U+2066 … U+2069), or the bidirectional algorithm shows "+4.5" as "4.5+" and "1–2" as
    /// "2–1"; elsewhere it is left as it is.
    pub fn isolate(&self, text: String) -> String {
        if self.right_to_left() {
            format!("\u{2066}{text}\u{2069}")
        } else {
            text
        }
    }

    /// A name or phrase set into one of this language's sentences: isolated (U+2068 … U+2069)
    /// when it holds letters written the other way (an English sector name on an Arabic page,
    /// a Hebrew company on an English one), so the sentence's words, years and punctuation keep
    /// their places around it; as it is otherwise. Translation tools isolate every placeholder
    /// for the same reason (Fluent's `useIsolating`).
    pub fn embed<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        use unicode_bidi::{BidiClass, bidi_class};
        let other_way = |c: char| match bidi_class(c) {
            BidiClass::L => self.right_to_left(),
            BidiClass::R | BidiClass::AL => !self.right_to_left(),
            _ => false,
        };
        if !isolated(text) && text.chars().any(other_way) {
            std::borrow::Cow::Owned(format!("\u{2068}{text}\u{2069}"))
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// The interface string `key` for a page, `{name}` placeholders filled in, each value
    /// `embed`ded: names written the other way keep the sentence in order.
    pub fn t_embedding(&self, key: &str, values: &[(&str, &str)]) -> String {
        let embedded = self.embedded(values);
        self.t_with(key, &borrowed(&embedded))
    }

    /// `t_count` for a page: the other values `embed`ded as `t_embedding` does.
    pub fn t_count_embedding(&self, key: &str, count: u64, values: &[(&str, &str)]) -> String {
        let embedded = self.embedded(values);
        self.t_count(key, count, &borrowed(&embedded))
    }

    /// Each value `embed`ded and joined at its ranges' dashes, as a page sets it into a string.
    fn embedded<'k>(&self, values: &[(&'k str, &str)]) -> Vec<(&'k str, String)> {
        values
            .iter()
            .map(|&(k, v)| (k, join_ranges(&self.embed(v)).into_owned()))
            .collect()
    }

    /// A whole number with the language's digit grouping ("8,123", "8.123", "8 123").
    pub fn count(&self, value: u64) -> String {
        self.cldr.number(&Decimal::from(value))
    }

    /// A number written as plain decimal text ("1.5", "0.87"), in the language's way ("1,5").
    /// Text that is not a plain decimal is returned as it is.
    pub fn number_text(&self, text: &str) -> String {
        match Decimal::try_from_str(text) {
            Ok(decimal) => self.cldr.number(&decimal),
            Err(_) => text.to_string(),
        }
    }

    /// A date in the language's long form, from CLDR ("June 15, 2026", "15. Juni 2026").
    pub fn date(&self, date: &Date) -> String {
        match (
            &self.cldr.dates,
            icu_calendar::Date::try_new_iso(date.year, date.month as u8, date.day as u8),
        ) {
            (Some(dates), Ok(iso)) => dates.format(&iso).to_string(),
            _ => date.to_string(),
        }
    }
}

/// `text` with a word joiner (U+2060) after each en dash between two numbers or placeholders
/// ("0–100", "{first}–{last}"): browsers may break a line after an en dash, and "6–" at the end
/// of a line with "22" on the next reads as two numbers.
pub(crate) fn join_ranges(text: &str) -> std::borrow::Cow<'_, str> {
    let joinable = |c: Option<char>, placeholder: char| {
        c.is_some_and(|c| c.is_numeric() || c == placeholder || c == '\u{2066}' || c == '\u{2069}')
    };
    let mut out: Option<String> = None;
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '\u{2013}' && joinable(previous, '}') && joinable(next, '{') {
            let out = out.get_or_insert_with(|| text[..at].to_string());
            out.push_str("\u{2013}\u{2060}");
        } else if let Some(out) = out.as_mut() {
            out.push(c);
        }
        previous = Some(c);
    }
    out.map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Owned)
}

/// Whether `text` is one isolate as a whole: an initiator (U+2066 … U+2068) at its start whose
/// matching U+2069 is its last character.
fn isolated(text: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    if !matches!(chars.peek(), Some((_, '\u{2066}'..='\u{2068}'))) {
        return false;
    }
    for (at, c) in chars {
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + c.len_utf8() == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// Owned values as the placeholders' `(name, value)` pairs `fill` takes.
fn borrowed<'a>(values: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    values.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// `text` with each `{name}` replaced by its value, in one pass: a value is inserted as it is,
/// never searched for placeholders itself (a company called "{year} Ltd" stays so).
fn fill(text: String, values: &[(&str, &str)]) -> String {
    if values.is_empty() || !text.contains('{') {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| (close, *value))
        });
        let Some((close, value)) = value else {
            out.push('{');
            rest = after;
            continue;
        };
        out.push_str(value);
        rest = &after[close + 1..];
        // A value that ends in its own period (a Russian or Hungarian date, a Hungarian rank:
        // "30 сентября 2027 г.", "2027. szeptember 30.", "1.") also ends the sentence: one
        // period, not "г..".
        if value.ends_with('.') {
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

/// The plural categories CLDR gives the language `code`, in CLDR's order.
pub fn plural_categories(code: &str) -> Vec<&'static str> {
    let locale = parse_code(code);
    PluralRules::try_new((&locale).into(), PluralRuleType::Cardinal.into())
        .map(|rules| rules.categories().map(category_name).collect())
        .unwrap_or_else(|_| vec!["other"])
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_in_value_is_shown_as_it_is_and_unknown_braces_stay() {
        assert_eq!(
            fill(
                "{name} won in {year} {unknown}".to_string(),
                &[("name", "{year} Ltd"), ("year", "2026")]
            ),
            "{year} Ltd won in 2026 {unknown}"
        );
    }

    #[test]
    fn a_value_ending_in_a_period_ends_the_sentence_with_one() {
        let sentence = "Знаки действительны до {date}.".to_string();
        assert_eq!(
            fill(sentence.clone(), &[("date", "30 сентября 2027 г.")]),
            "Знаки действительны до 30 сентября 2027 г."
        );
        assert_eq!(
            fill(sentence, &[("date", "30.09.2027")]),
            "Знаки действительны до 30.09.2027."
        );
        assert_eq!(
            fill(
                "{rank}. hely ({date})".to_string(),
                &[("rank", "1."), ("date", "x")]
            ),
            "1. hely (x)"
        );
    }

    fn locale(code: &str, strings: &[(&str, Message)]) -> Locale {
        let strings = strings
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        Locale::new(code, 0, strings, Rounding::new(1))
    }

    fn plural(forms: &[(&str, &str)]) -> Message {
        Message::Plural(
            forms
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    /// A name written the other way is isolated in a sentence, so the year after it stays after
    /// it; a name of the page's own direction, a number or an isolate already whole is not.
    #[test]
    fn names_written_the_other_way_are_isolated_in_a_sentence() {
        let message = Message::Text("الفائز في قطاع {sector} {year}".to_string());
        let ar = locale("ar", &[("award_winner", message.clone())]);
        assert_eq!(
            ar.t_embedding("award_winner", &[("sector", "Banks"), ("year", "2026")]),
            "الفائز في قطاع \u{2068}Banks\u{2069} 2026"
        );
        assert_eq!(
            ar.t_embedding("award_winner", &[("sector", "المصارف"), ("year", "2026")]),
            "الفائز في قطاع المصارف 2026"
        );
        // Already one isolate: not wrapped twice. Two isolates side by side are not one.
        assert_eq!(ar.embed("\u{2066}5–15\u{2069}"), "\u{2066}5–15\u{2069}");
        assert_eq!(
            ar.embed("\u{2068}Gold\u{2069} (85), \u{2068}Silver\u{2069}"),
            "\u{2068}\u{2068}Gold\u{2069} (85), \u{2068}Silver\u{2069}\u{2069}"
        );
        let en = locale("en", &[("award_winner", message)]);
        assert_eq!(en.embed("Banks"), "Banks");
        assert_eq!(en.embed("בנקים"), "\u{2068}בנקים\u{2069}");
        // The plain `t_with` stays as it was: the command line's messages, whose paths and
        // addresses a reader copies, get no invisible characters.
        assert_eq!(
            ar.t_with("award_winner", &[("sector", "Banks"), ("year", "2026")]),
            "الفائز في قطاع Banks 2026"
        );
    }

    /// A range keeps its numbers on one line: a word joiner after an en dash between numbers
    /// or placeholders, nowhere else, and once.
    #[test]
    fn ranges_in_page_strings_are_never_broken_at_their_dash() {
        assert_eq!(join_ranges("0–100 points"), "0–\u{2060}100 points");
        assert_eq!(join_ranges("rows {first}–{last}"), "rows {first}–\u{2060}{last}");
        assert_eq!(join_ranges("\u{2066}2–4\u{2069}"), "\u{2066}2–\u{2060}4\u{2069}");
        assert_eq!(join_ranges("1–\u{2060}3"), "1–\u{2060}3");
        assert_eq!(join_ranges("Excel – 2003"), "Excel – 2003");
        let strings = [
            ("scale_text", Message::Text("converted to 0–100 points".to_string())),
            ("diag_spreadsheet_ole", Message::Text("Excel 97–2003".to_string())),
        ];
        let en = locale("en", &strings);
        assert_eq!(en.t("scale_text"), "converted to 0–\u{2060}100 points");
        // The command line's words are left as written.
        assert_eq!(en.t("diag_spreadsheet_ole"), "Excel 97–2003");
        assert_eq!(
            en.t_embedding("diag_spreadsheet_ole", &[]),
            "Excel 97–2003"
        );
    }

    #[test]
    fn formats_numbers_and_dates_the_german_way() {
        let de = locale("de", &[]);
        assert_eq!(de.score(84.25), "84,3");
        assert_eq!(de.signed_units(-4), "\u{2212}0,4");
        assert_eq!(de.signed_units(12), "+1,2");
        assert_eq!(de.signed_units(0), "±0,0");
        assert_eq!(de.count(8123), "8.123");
        assert_eq!(de.number_text("1.5"), "1,5");
        assert_eq!(
            de.date(&Date::parse("2026-06-15").unwrap()),
            "15. Juni 2026"
        );
    }

    #[test]
    fn numbers_and_dates_come_from_cldr_for_any_language() {
        let en = locale("en", &[]);
        assert_eq!(en.count(5356), "5,356");
        assert_eq!(
            en.date(&Date::parse("2026-06-15").unwrap()),
            "June 15, 2026"
        );
        // French and Russian group with a (narrow) no-break space and write a decimal comma.
        let fr = locale("fr", &[]);
        assert_eq!(fr.count(5356), "5\u{202f}356");
        assert_eq!(fr.score(84.25), "84,3");
        let ru = locale("ru", &[]);
        assert_eq!(ru.count(5356), "5\u{a0}356");
        assert_eq!(
            ru.date(&Date::parse("2026-06-15").unwrap()),
            "15 июня 2026\u{202f}г."
        );
        // Polish leaves four-digit numbers ungrouped.
        assert_eq!(locale("pl", &[]).count(5356), "5356");
        assert_eq!(
            locale("hu", &[]).date(&Date::parse("2026-06-15").unwrap()),
            "2026. június 15."
        );
        // A code CLDR does not know still formats, the root locale's way.
        assert_eq!(locale("x-unknown", &[]).count(5356), "5,356");
    }

    #[test]
    fn plural_forms_follow_the_language_rules() {
        let places = plural(&[
            ("one", "{count} место"),
            ("few", "{count} места"),
            ("many", "{count} мест"),
            ("other", "{count} места"),
        ]);
        let ru = locale("ru", &[("places", places)]);
        assert_eq!(ru.t_count("places", 1, &[]), "1 место");
        assert_eq!(ru.t_count("places", 2, &[]), "2 места");
        assert_eq!(ru.t_count("places", 5, &[]), "5 мест");
        assert_eq!(ru.t_count("places", 11, &[]), "11 мест");
        assert_eq!(ru.t_count("places", 21, &[]), "21 место");
        assert_eq!(ru.t_count("places", 22, &[]), "22 места");
        assert_eq!(plural_categories("ru"), ["one", "few", "many", "other"]);
        let en = locale(
            "en",
            &[(
                "points",
                plural(&[("one", "{score} point"), ("other", "{score} points")]),
            )],
        );
        // "1 point", but "1.0 points": CLDR counts the visible decimals.
        assert_eq!(
            en.t_plural("points", Decimal::from(1), &[("score", "1")]),
            "1 point"
        );
        assert_eq!(
            en.t_plural("points", en.decimal(10), &[("score", "1.0")]),
            "1.0 points"
        );
        // A plain text serves every count; a missing key shows itself.
        let plain = locale("en", &[("places", Message::Text("{count} x".into()))]);
        assert_eq!(plain.t_count("places", 1, &[]), "1 x");
        assert_eq!(plain.t_count("unknown", 1, &[]), "unknown");
    }

    /// The confidence level and shares as each language's newspapers print them (CLDR's
    /// percent patterns): no space in English or Japanese, a no-break space in German and
    /// Russian, a narrow one in French, none in Swiss German, the sign first in Turkish.
    #[test]
    fn a_percentage_is_written_the_languages_way() {
        let cases = [
            ("en", "95%"),
            ("ja", "95%"),
            ("ar", "95%"),
            ("pl", "95%"),
            ("de", "95\u{a0}%"),
            ("ru", "95\u{a0}%"),
            ("sv", "95\u{a0}%"),
            ("fr", "95\u{202f}%"),
            ("de-CH", "95%"),
            ("de-AT", "95\u{a0}%"),
            ("tr", "%95"),
        ];
        for (code, written) in cases {
            assert_eq!(locale(code, &[]).percent("95"), written, "{code}");
        }
    }

    #[test]
    fn right_to_left_languages_are_known_from_cldr() {
        assert!(locale("ar", &[]).right_to_left());
        assert!(locale("he", &[]).right_to_left());
        assert!(!locale("de", &[]).right_to_left());
    }
}

#[cfg(test)]
pub(crate) mod key_tests {
    /// The code of every source file, each without its tests (which ask for made-up keys).
    pub(crate) fn code_texts() -> Vec<String> {
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        walkdir::WalkDir::new(source)
            .into_iter()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.path().extension().is_some_and(|e| e == "rs"))
            .map(|entry| {
                let whole = std::fs::read_to_string(entry.path()).unwrap();
                whole.split("#[cfg(test)]").next().unwrap().to_string()
            })
            .collect()
    }

    /// Every `t("key")`, `t_with("key", …)`, `t_count`, `t_plural` and their `_embedding`
    /// forms of the code is in
    /// [`super::CODE_KEYS`], and the list holds nothing else but the keys used through a variable
    /// (`change_*`, `scale_*`); every key chosen by a number is in [`super::PLURAL_KEYS`], which
    /// holds besides only the keys the scripts choose by a number.
    #[test]
    fn the_list_of_code_keys_is_the_keys_the_code_uses() {
        let mut used = std::collections::BTreeSet::new();
        let mut counted = std::collections::BTreeSet::new();
        for text in code_texts() {
            for call in [
                "t(",
                "t_with(",
                "t_count(",
                "t_plural(",
                "t_embedding(",
                "t_count_embedding(",
            ] {
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
                            if call.starts_with("t_count") || call.starts_with("t_plural") {
                                counted.insert(key.clone());
                            }
                            used.insert(key);
                        }
                    }
                }
            }
        }
        let through_variables = [
            "search_none",
            "cli_init_next",
            "cli_init_data",
            "cli_init_preview",
            "cli_init_publish",
            "chart_dot_intervals_desc",
            "chart_sectors_lead",
            "chart_sectors_shared_lead",
            "chart_history_intervals_desc",
            "chart_intervals_desc",
            "change_down",
            "change_same",
            "change_up",
            "scale_higher_better",
            "scale_lower_better",
        ];
        // The command line's help, one string per command and option, chosen by their names
        // (src/cmd/words.rs): every such string of en.yaml.
        let english: std::collections::BTreeMap<String, serde_yaml::Value> =
            crate::default_theme::FILES
                .iter()
                .find(|(path, _)| *path == "i18n/en.yaml")
                .map(|(_, bytes)| serde_yaml::from_slice(bytes).unwrap())
                .unwrap();
        let help = english.into_keys().filter(|key| key.starts_with("cli_help_"));
        let listed: std::collections::BTreeSet<String> =
            super::CODE_KEYS.iter().map(|k| k.to_string()).collect();
        let expected: std::collections::BTreeSet<String> = used
            .into_iter()
            .chain(through_variables.iter().map(|k| k.to_string()))
            .chain(help)
            .collect();
        assert_eq!(listed, expected);
        let by_scripts = ["filter_status", "search_all", "search_results"];
        let plural: std::collections::BTreeSet<String> =
            super::PLURAL_KEYS.iter().map(|k| k.to_string()).collect();
        let expected: std::collections::BTreeSet<String> = counted
            .into_iter()
            .chain(by_scripts.iter().map(|k| k.to_string()))
            .collect();
        assert_eq!(plural, expected);
    }
}
