//! The machine-readable results of an edition: `ranking.json` in the shape FORMAT.md gives, and
//! `ranking.csv` for spreadsheets. Pure: results in, bytes out.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::model::Site;
use crate::model::results::{EditionResults, Ranked};
use crate::rounding::Rounding;

/// A map serialised in the order given (methodology order), not sorted.
struct Ordered<'a, V = f64>(Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonChange {
    score: f64,
    rank: i64,
    /// STATISTICS.md v3, step 13: `null` unless both editions have an interval.
    significant: Option<bool>,
}

#[derive(Serialize)]
struct JsonCompany<'a> {
    id: &'a str,
    name: &'a str,
    sector: &'a str,
    rank: usize,
    sector_rank: usize,
    score: f64,
    perspectives: Ordered<'a>,
    criteria: Ordered<'a>,
    responses: Option<u64>,
    top: bool,
    sector_winner: bool,
    change: Option<JsonChange>,
    /// STATISTICS.md: `null` for pre-aggregated results or when unknown.
    ci: Option<JsonInterval>,
    /// Full precision; `null` when unknown or pre-aggregated, 0 for a census-only company.
    se: Option<f64>,
    df: Option<f64>,
    rank_range: Option<JsonRange>,
    sector_rank_range: Option<JsonRange>,
    tier: Option<&'a str>,
    respondents: Option<Ordered<'a, u64>>,
    effective_respondents: Option<Ordered<'a, f64>>,
    criteria_n: Option<Ordered<'a, u64>>,
    criteria_ci: Option<Ordered<'a, Option<JsonInterval>>>,
    /// Sector winners of respondent-level editions only: whether the win is clear.
    winner_clear: Option<bool>,
}

#[derive(Serialize)]
struct JsonLeader<'a> {
    criterion: &'a str,
    companies: Vec<&'a str>,
    score: f64,
    clear: Option<bool>,
}

#[derive(Serialize)]
struct JsonSurvey<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fieldwork: Option<JsonFieldwork>,
    #[serde(skip_serializing_if = "Option::is_none")]
    population: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sample_source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sponsor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weighting: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_rate: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    questionnaire: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFieldwork {
    start: String,
    end: String,
}

#[derive(Serialize, Clone, Copy)]
struct JsonInterval {
    low: f64,
    high: f64,
}

#[derive(Serialize)]
struct JsonRange {
    best: usize,
    worst: usize,
}

#[derive(Serialize)]
struct JsonNotRanked<'a> {
    id: &'a str,
    name: &'a str,
    sector: &'a str,
    reason: String,
}

#[derive(Serialize)]
struct JsonRanking<'a> {
    edition: i32,
    precision: u32,
    /// Respondents per perspective over every company, ranked or not (STATISTICS.md v3);
    /// left out for pre-aggregated results.
    #[serde(skip_serializing_if = "Option::is_none")]
    respondents_total: Option<Ordered<'a, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    survey: Option<JsonSurvey<'a>>,
    companies: Vec<JsonCompany<'a>>,
    not_ranked: Vec<JsonNotRanked<'a>>,
    criterion_leaders: Vec<JsonLeader<'a>>,
}

fn json_survey(survey: &crate::model::Survey, language: usize) -> JsonSurvey<'_> {
    fn text(t: &Option<crate::model::text::Text>, language: usize) -> Option<&str> {
        t.as_ref().map(|t| t.get(language))
    }
    JsonSurvey {
        fieldwork: survey.fieldwork.map(|(start, end)| JsonFieldwork {
            start: start.to_string(),
            end: end.to_string(),
        }),
        population: text(&survey.population, language),
        sample_source: text(&survey.sample_source, language),
        probability: survey.probability,
        mode: text(&survey.mode, language),
        sponsor: text(&survey.sponsor, language),
        agency: text(&survey.agency, language),
        weighting: text(&survey.weighting, language),
        response_rate: survey.response_rate.as_ref().map(|rate| match rate {
            crate::model::ResponseRate::Share(share) => serde_json::json!(share),
            crate::model::ResponseRate::Text(text) => serde_json::json!(text.get(language)),
        }),
        questionnaire: survey.questionnaire.as_deref(),
    }
}

/// `values` by the ids they are indexed by (methodology order), each turned by `value`.
fn keyed<'a, T, V>(
    ids: impl Iterator<Item = &'a str>,
    values: &[T],
    value: impl Fn(&T) -> V,
) -> Ordered<'a, V> {
    Ordered(ids.zip(values).map(|(id, v)| (id, value(v))).collect())
}

/// One ranked company as `ranking.json` gives it, names in language `language`.
fn json_company<'a>(site: &'a Site, entry: &'a Ranked, language: usize) -> JsonCompany<'a> {
    let rounding = Rounding::new(site.config.precision);
    let methodology = &site.methodology;
    let interval = |(low, high): (i64, i64)| JsonInterval {
        low: rounding.value(low),
        high: rounding.value(high),
    };
    let perspective_ids = || methodology.perspectives.iter().map(|p| p.id.as_str());
    let criterion_ids = || methodology.criteria.iter().map(|c| c.id.as_str());
    let company = &site.company(entry.company);
    JsonCompany {
        id: &company.id,
        name: company.name.get(language),
        sector: &site.sector(entry.sector).id,
        rank: entry.rank,
        sector_rank: entry.sector_rank,
        score: rounding.value(entry.units),
        perspectives: Ordered(
            methodology
                .perspectives
                .iter()
                .zip(&entry.perspective_scores)
                .map(|(p, &s)| (p.id.as_str(), rounding.round(s)))
                .collect(),
        ),
        criteria: Ordered(
            methodology
                .criteria
                .iter()
                .zip(&entry.criterion_scores)
                .map(|(c, &s)| (c.id.as_str(), rounding.round(s)))
                .collect(),
        ),
        responses: entry.responses,
        top: entry.top,
        sector_winner: entry.sector_winner,
        change: entry.change.map(|change| JsonChange {
            score: rounding.value(change.score_units),
            rank: change.rank,
            significant: change.significant,
        }),
        ci: entry.ci.map(interval),
        se: entry.se.filter(|se| se.is_finite()),
        df: entry.df.filter(|df| df.is_finite()),
        rank_range: entry
            .rank_range
            .map(|(best, worst)| JsonRange { best, worst }),
        sector_rank_range: entry
            .sector_rank_range
            .map(|(best, worst)| JsonRange { best, worst }),
        tier: entry
            .tier
            .and_then(|t| methodology.tiers.get(t))
            .map(|t| t.id.as_str()),
        respondents: entry
            .respondents
            .as_ref()
            .map(|counts| keyed(perspective_ids(), counts, |&n| n)),
        effective_respondents: entry
            .effective
            .as_ref()
            .map(|counts| keyed(perspective_ids(), counts, |&n| n)),
        criteria_n: entry
            .criteria_n
            .as_ref()
            .map(|counts| keyed(criterion_ids(), counts, |&n| n)),
        criteria_ci: entry
            .criterion_ci
            .as_ref()
            .map(|intervals| keyed(criterion_ids(), intervals, |ci| ci.map(interval))),
        winner_clear: entry.winner_clear(),
    }
}

/// `ranking.json` of one edition, names in language `language`. Scores are rounded to the
/// site's precision; `companies` is in rank order.
pub fn ranking_json(
    site: &Site,
    results: &EditionResults,
    language: usize,
    reasons: &[String],
) -> String {
    let rounding = Rounding::new(site.config.precision);
    let methodology = &site.methodology;
    let companies = results
        .ranked
        .iter()
        .map(|entry| json_company(site, entry, language))
        .collect();
    let not_ranked = results
        .not_ranked
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let company = &site.company(entry.company);
            JsonNotRanked {
                id: &company.id,
                name: company.name.get(language),
                sector: &site.sector(entry.sector).id,
                reason: reason(entry, index, reasons, methodology),
            }
        })
        .collect();
    let respondents_total = methodology
        .perspectives
        .iter()
        .enumerate()
        .map(|(index, p)| Some((p.id.as_str(), results.respondents_total(index)?)))
        .collect::<Option<Vec<_>>>()
        .map(Ordered);
    let all: Vec<usize> = (0..results.ranked.len()).collect();
    let criterion_leaders =
        crate::model::leaders::criterion_leaders(methodology, rounding, &results.ranked, &all)
            .into_iter()
            .map(|leader| JsonLeader {
                criterion: &methodology.criterion(leader.criterion).id,
                companies: leader
                    .entries
                    .iter()
                    .map(|&i| site.company(results.ranked_at(i).company).id.as_str())
                    .collect(),
                score: rounding.value(leader.units),
                clear: leader.clear,
            })
            .collect();
    let survey = site.edition(results.year)
        .and_then(|e| e.survey.as_ref())
        .map(|survey| json_survey(survey, language));
    let ranking = JsonRanking {
        edition: results.year,
        precision: site.config.precision,
        respondents_total,
        survey,
        companies,
        not_ranked,
        criterion_leaders,
    };
    crate::render::json_lines::to_string(&ranking)
}

/// A cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice
/// against CSV injection). Spreadsheets skip spaces and invisible characters before a formula
/// when they import a file (a space, a no-break space, a zero-width space, a byte-order mark),
/// so what counts is the first character after them.
fn neutralise(cell: &str) -> String {
    let invisible = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}'
            )
    };
    let first = cell.trim_start_matches(|c: char| invisible(c) && c != '\t' && c != '\r');
    let triggers = [
        '=', '+', '-', '@', '\t', '\r', '\n', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ];
    if first.starts_with(triggers) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// One ranked company's row of `ranking.csv`, in the header's order.
fn csv_ranked_row(site: &Site, entry: &Ranked, language: usize) -> Vec<String> {
    let rounding = Rounding::new(site.config.precision);
    let methodology = &site.methodology;
    let format = |value: f64| rounding.format(value, ".");
    let company = &site.company(entry.company);
    let mut row = vec![
        entry.rank.to_string(),
        entry.sector_rank.to_string(),
        company.id.clone(),
        neutralise(company.name.get(language)),
        site.sector(entry.sector).id.clone(),
        rounding.format_units(entry.units, "."),
    ];
    row.extend(entry.perspective_scores.iter().map(|&s| format(s)));
    row.extend(entry.criterion_scores.iter().map(|&s| format(s)));
    row.push(entry.responses.map(|r| r.to_string()).unwrap_or_default());
    row.push(entry.top.to_string());
    row.push(entry.sector_winner.to_string());
    row.push(
        entry
            .change
            .map(|c| rounding.format_units(c.score_units, "."))
            .unwrap_or_default(),
    );
    row.push(entry.change.map(|c| c.rank.to_string()).unwrap_or_default());
    row.push(String::new());
    let units = |u: i64| rounding.format_units(u, ".");
    let pair = |p: Option<(usize, usize)>| match p {
        Some((a, b)) => [a.to_string(), b.to_string()],
        None => [String::new(), String::new()],
    };
    match entry.ci {
        Some((low, high)) => row.extend([units(low), units(high)]),
        None => row.extend([String::new(), String::new()]),
    }
    row.extend(pair(entry.rank_range));
    row.extend(pair(entry.sector_rank_range));
    row.push(
        entry
            .tier
            .and_then(|t| methodology.tiers.get(t))
            .map(|t| t.id.clone())
            .unwrap_or_default(),
    );
    let counts = |counts: &Option<Vec<u64>>, len: usize| -> Vec<String> {
        match counts {
            Some(counts) => counts.iter().map(u64::to_string).collect(),
            None => vec![String::new(); len],
        }
    };
    row.extend(counts(&entry.respondents, methodology.perspectives.len()));
    row.extend(counts(&entry.criteria_n, methodology.criteria.len()));
    let optional = |value: Option<String>| value.unwrap_or_default();
    row.push(optional(
        entry.se.filter(|v| v.is_finite()).map(|v| v.to_string()),
    ));
    row.push(optional(
        entry.df.filter(|v| v.is_finite()).map(|v| v.to_string()),
    ));
    row.push(optional(
        entry.winner_clear().map(|clear| clear.to_string()),
    ));
    row.push(optional(
        entry
            .change
            .and_then(|c| c.significant)
            .map(|s| s.to_string()),
    ));
    match &entry.effective {
        Some(effective) => row.extend(effective.iter().map(f64::to_string)),
        None => row.extend(vec![String::new(); methodology.perspectives.len()]),
    }
    row
}

/// Why a company was not ranked: `reasons[index]`, the words in the file's language, or
/// English where the caller gave none.
fn reason(
    entry: &crate::model::results::NotRanked,
    index: usize,
    reasons: &[String],
    methodology: &crate::model::Methodology,
) -> String {
    reasons.get(index).cloned().unwrap_or_else(|| {
        entry
            .reasons
            .iter()
            .map(|r| r.describe(methodology))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// `ranking.csv` of one edition: ranked companies in rank order, then the not-ranked ones.
/// `reasons` are the not-ranked companies' reasons in the file's language.
pub fn ranking_csv(
    site: &Site,
    results: &EditionResults,
    language: usize,
    reasons: &[String],
) -> Vec<u8> {
    let methodology = &site.methodology;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["rank", "sector_rank", "company", "name", "sector", "score"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(methodology.perspectives.iter().map(|p| p.id.clone()));
    header.extend(methodology.criteria.iter().map(|c| c.id.clone()));
    header.extend(
        [
            "responses",
            "top",
            "sector_winner",
            "change_score",
            "change_rank",
            "not_ranked_reason",
            "ci_low",
            "ci_high",
            "rank_best",
            "rank_worst",
            "sector_rank_best",
            "sector_rank_worst",
            "tier",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    header.extend(
        methodology
            .perspectives
            .iter()
            .map(|p| format!("respondents_{}", p.id)),
    );
    header.extend(methodology.criteria.iter().map(|c| format!("n_{}", c.id)));
    // STATISTICS.md v3: full-precision SE and degrees of freedom, the effective respondents,
    // whether a sector win is clear and whether a change is significant.
    header.extend(["se", "df", "winner_clear", "change_significant"].map(String::from));
    header.extend(
        methodology
            .perspectives
            .iter()
            .map(|p| format!("effective_{}", p.id)),
    );
    let statistics_blanks = 11 + 2 * methodology.perspectives.len() + methodology.criteria.len();
    let _ = writer.write_record(&header);
    for entry in &results.ranked {
        let _ = writer.write_record(csv_ranked_row(site, entry, language));
    }
    let blanks = methodology.perspectives.len() + methodology.criteria.len() + 1;
    for (index, entry) in results.not_ranked.iter().enumerate() {
        let company = &site.company(entry.company);
        let mut row = vec![
            String::new(),
            String::new(),
            company.id.clone(),
            neutralise(company.name.get(language)),
            site.sector(entry.sector).id.clone(),
        ];
        // No score, perspective or criterion figures for a company that is not ranked.
        row.extend(std::iter::repeat_n(String::new(), blanks));
        row.push(entry.responses.map(|r| r.to_string()).unwrap_or_default());
        row.extend([
            "false".to_string(),
            "false".to_string(),
            String::new(),
            String::new(),
        ]);
        row.push(neutralise(&reason(entry, index, reasons, methodology)));
        row.extend(std::iter::repeat_n(String::new(), statistics_blanks));
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

/// A table for a spreadsheet in one language (`ranking-spreadsheet.csv`), made by the views.
#[derive(Debug)]
pub struct Sheet {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// `;` where the language writes decimals with a comma, `,` otherwise.
    pub delimiter: u8,
}

/// The sheet as CSV a spreadsheet opens cleanly by a double click: UTF-8 with a byte-order mark
/// (without it Excel reads the file in the system's legacy code page, and "Связь-Плюс" becomes
/// mojibake), the sheet's delimiter, CRLF line ends, and no cell that runs as a formula.
pub fn sheet_csv(sheet: &Sheet) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(sheet.delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let cell = |cell: &String| {
        if is_number(cell) {
            cell.clone()
        } else {
            neutralise(cell)
        }
    };
    let _ = writer.write_record(sheet.head.iter().map(cell));
    for row in &sheet.rows {
        let _ = writer.write_record(row.iter().map(cell));
    }
    writer.into_inner().unwrap_or_default()
}

/// A plain number as the sheet writes one ("-0,9", "12", "97.5"): a spreadsheet reads it as a
/// number, so it is left as it is (an apostrophe would turn a negative change into text).
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or("0");
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("ACME"), "ACME");
        assert_eq!(neutralise("A -B"), "A -B");
    }

    /// Spreadsheets skip what stands before a formula's sign when they import: a space, a
    /// no-break space, a zero-width space or a byte-order mark does not make it text.
    #[test]
    fn formula_cells_behind_spaces_and_invisible_characters_are_neutralised() {
        for cell in [
            " =1+1",
            "\u{a0}=1+1",
            "\u{200b}+1",
            "\u{feff}-1",
            " \u{200b}\u{a0}@cmd",
            "\u{3000}=1",
            "\u{ff1d}1+1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }
}
