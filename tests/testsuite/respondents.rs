//! Respondent-level results (STATISTICS.md v3): a dozen respondents whose every figure is
//! worked out by hand below, the located errors of respondent files, and properties of the
//! statistics.
//!
//! Customers (weight 2, scale 1–5, `not_answered: [0]`, 3 respondents needed) answer speed and
//! care (weight 1 each, a = ½ each); management (weight 1, 0–100) is a census. A_customer = ⅔,
//! A_management = ⅓. Points: 5 → 100, 4 → 75, 3 → 50, 2 → 25. No weights (g = 1), ν₀ = 10.
//!
//! Step 3 and 4, criterion scores S and P = ½ S_speed + ½ S_care:
//! - alpha: r1 (100, 100), r2 (100, 50), r3 (75, –); r4 answered nothing and does not count.
//!   S_speed = 275/3 = 91.667 (3 answers), S_care = 150/2 = 75 (2 answers), P = 83.333.
//! - beta: three times (50, 50): S = 50, 50, P = 50. gamma: (75, 75), (25, 25), (100, 100):
//!   S = 66.667 each, P = 66.667. delta: twice (100, 100), P = 100 (2 respondents: not ranked).
//!
//! Step 5, u_r = Σ a_k (y_rk − S_k) / G_k, V̂ = n/(n−1) Σ u², ŝ² = n · V̂:
//! - alpha: u = ½·8.333/3 + ½·25/2 = 7.6389; ½·8.333/3 − ½·25/2 = −4.8611; ½·(−16.667)/3 =
//!   −2.7778. Σ u² = 89.699, V̂ = 134.55, ŝ² = 403.65.
//! - beta 0; gamma: u = (y − 66.667)/3 → 2.778, −13.889, 11.111, ŝ² = 1458.33; delta 0.
//! - s₀² = (2 · 403.65 + 2 · 0 + 2 · 1458.33 + 1 · 0) / 7 = 531.994.
//! - moderated s̃² = (10 s₀² + 2 ŝ²) / 12: alpha 510.60, beta 443.33, gamma 686.38; SE_p =
//!   √(s̃² / 3): 13.046, 12.156, 15.126; df = 12.
//!
//! Step 7 and 8: O = ⅔ P + ⅓ management, SE = ⅔ SE_p (the census adds nothing), df = 12;
//! t(12, 0.975) = 2.178813, t(12, 0.95) = 1.782288.
//!
//! | company | O | SE | interval O ± 2.1788 SE | one-sided bound O − 1.7823 SE | tier |
//! |---|---|---|---|---|---|
//! | alpha | 82.222 | 8.6974 | 63.27–101.17 → 63.3–100.0 | 66.721 | Gold (66.7) |
//! | beta | 64.433 | 8.1042 | 46.78–82.09 → 46.8–82.1 | 49.989 | Silver (49.9) |
//! | gamma | 64.444 | 10.0840 | 42.47–86.42 → 42.5–86.4 | 46.472 | none |
//!
//! Both tiers sit at their boundary: alpha's one-sided bound clears Gold by 0.021 and beta's
//! Silver by 0.089, where the two-sided lower ends (63.3, 46.8) would miss both.
//!
//! Ranks: alpha 1; beta and gamma tie at 64.4 (rank 2, by name). Step 10, N = 3, Holm
//! thresholds on |T|: 2.2414 then 1.9600. Alpha against beta: 17.789 / √(8.6974² + 8.1042²) =
//! 1.496, not rejected; every other pair is closer. Every range is 1–3; in banks (alpha, beta,
//! N = 2, threshold 1.96) both 1–2; in travel gamma alone 1.
//!
//! Criterion intervals (s₀² per criterion: speed 476.19, care 694.44): alpha's speed SE =
//! √((10 · 476.19 + 2 · 208.33) / 12 / 3) = 11.994, df 12, 91.667 ± 26.13 → 65.5–100.0; care
//! (2 answers) SE = √((10 · 694.44 + 1 · 1250) / 11 / 2) = 19.300, df 11, t = 2.200985,
//! 75 ± 42.48 → 32.5–100.0; the census criterion has no interval.

use rankpress::diagnostics::Diagnostics;

use crate::support::{Fixture, SITE};

pub(crate) const METHODOLOGY: &str = "\
min_responses: 3
confidence: 0.95
tiers:
  - {id: gold, name: Gold, min_score: 66.7}
  - {id: silver, name: Silver, min_score: 49.9}
perspectives:
  - id: customer
    name: {en: Customers, de: Kunden}
    weight: 2
    scale: {min: 1, max: 5}
    not_answered: [0]
    # Hand-sized: three respondents a company, so fewer answers than the default of 5.
    min_answers: 1
    criteria:
      - {id: speed, name: Speed}
      - {id: care, name: Care}
  - id: management
    name: Management
    weight: 1
    scale: {min: 0, max: 100}
    sampled: false
    min_responses: 1
    criteria:
      - {id: standards, name: Standards}
";

pub(crate) const COMPANIES: &str = "\
- {id: alpha, name: Alpha, sector: banks}
- {id: beta, name: Beta, sector: banks}
- {id: gamma, name: Gamma, sector: travel}
- {id: delta, name: Delta, sector: travel}
";

pub(crate) const CUSTOMER: &str = "\
respondent,company,speed,care
r1,alpha,5,5
r2,alpha,5,3
r3,alpha,4,
r4,alpha,0,0
r5,beta,3,3
r6,beta,3,3
r7,beta,3,3
r8,gamma,4,4
r9,gamma,2,2
r10,gamma,5,5
r11,delta,5,5
r12,delta,5,5
";

const MANAGEMENT: &str = "company;standards\nalpha;80\nbeta;93,3\ngamma;60\ndelta;70\n";

fn site(customer: &str, management: &str) -> Fixture {
    site_with(METHODOLOGY, customer, management)
}

fn site_with(methodology: &str, customer: &str, management: &str) -> Fixture {
    Fixture::with_theme(&[
        ("data/methodology.yaml", methodology),
        ("data/companies.yaml", COMPANIES),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026/customer.csv", customer),
        ("data/editions/2026/management.csv", management),
    ])
}

fn ranking_json(fixture: &Fixture) -> serde_json::Value {
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root()))
            .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&files["2026/ranking.json"]).unwrap()
}

fn company<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {json}"))
}

#[test]
fn scores_intervals_rank_ranges_and_tiers_match_the_hand_computed_values() {
    let json = ranking_json(&site(CUSTOMER, MANAGEMENT));
    let alpha = company(&json, "alpha");
    assert_eq!(alpha["score"], 82.2);
    assert_eq!(alpha["rank"], 1);
    assert_eq!(alpha["ci"], serde_json::json!({"low": 63.3, "high": 100.0}));
    let close = |value: &serde_json::Value, expected: f64, digits: f64| {
        let got = value.as_f64().unwrap_or(f64::NAN);
        assert!((got - expected).abs() < digits, "{got} against {expected}");
    };
    close(&alpha["se"], 8.6974, 1e-4);
    close(&alpha["df"], 12.0, 1e-9);
    assert_eq!(
        alpha["rank_range"],
        serde_json::json!({"best": 1, "worst": 3})
    );
    assert_eq!(
        alpha["sector_rank_range"],
        serde_json::json!({"best": 1, "worst": 2})
    );
    assert_eq!(alpha["tier"], "gold");
    assert_eq!(
        alpha["respondents"],
        serde_json::json!({"customer": 3, "management": 1})
    );
    assert_eq!(
        alpha["effective_respondents"],
        serde_json::json!({"customer": 3.0, "management": 1.0})
    );
    assert_eq!(
        alpha["criteria_n"],
        serde_json::json!({"speed": 3, "care": 2, "standards": 1})
    );
    assert_eq!(
        alpha["criteria"],
        serde_json::json!({"speed": 91.7, "care": 75.0, "standards": 80.0})
    );
    assert_eq!(
        alpha["criteria_ci"],
        serde_json::json!({
            "speed": {"low": 65.5, "high": 100.0},
            "care": {"low": 32.5, "high": 100.0},
            "standards": null
        })
    );
    assert_eq!(
        alpha["perspectives"],
        serde_json::json!({"customer": 83.3, "management": 80.0})
    );
    // `responses` keeps its v1 meaning: the first sampled perspective's count.
    assert_eq!(alpha["responses"], 3);

    let beta = company(&json, "beta");
    let gamma = company(&json, "gamma");
    assert_eq!(
        (beta["score"].as_f64(), gamma["score"].as_f64()),
        (Some(64.4), Some(64.4))
    );
    assert_eq!(
        (beta["rank"].as_u64(), gamma["rank"].as_u64()),
        (Some(2), Some(2))
    );
    // Three identical answers: no interval of zero width, the floor gives beta its SE.
    assert_eq!(beta["ci"], serde_json::json!({"low": 46.8, "high": 82.1}));
    close(&beta["se"], 8.1042, 1e-4);
    assert_eq!(gamma["ci"], serde_json::json!({"low": 42.5, "high": 86.4}));
    for entry in [beta, gamma] {
        assert_eq!(
            entry["rank_range"],
            serde_json::json!({"best": 1, "worst": 3})
        );
    }
    assert_eq!(
        beta["sector_rank_range"],
        serde_json::json!({"best": 1, "worst": 2})
    );
    assert_eq!(beta["tier"], "silver", "49.989 reaches 49.9");
    assert_eq!(gamma["tier"], serde_json::Value::Null);

    let not_ranked = json["not_ranked"].as_array().unwrap();
    assert_eq!(not_ranked.len(), 1);
    assert_eq!(not_ranked[0]["id"], "delta");
    assert_eq!(
        not_ranked[0]["reason"],
        "Customers: 2 responses, 3 required"
    );
}

#[test]
fn the_csv_export_carries_the_same_statistics() {
    let fixture = site(CUSTOMER, MANAGEMENT);
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let csv = String::from_utf8(files["2026/ranking.csv"].clone()).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let alpha: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cell = |name: &str| alpha[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(
        [
            cell("ci_low"),
            cell("ci_high"),
            cell("rank_best"),
            cell("rank_worst"),
            cell("tier")
        ],
        ["63.3", "100.0", "1", "3", "gold"]
    );
    assert_eq!([cell("respondents_customer"), cell("n_care")], ["3", "2"]);
    // The v3 columns: full-precision SE and df (the header's table), effective respondents.
    let se: f64 = cell("se").parse().unwrap();
    assert!((se - 8.6974).abs() < 1e-4, "{se}");
    assert_eq!(
        [
            cell("df"),
            cell("effective_customer"),
            cell("effective_management")
        ],
        ["12", "3", "1"]
    );
    // Banks has two ranked companies, fewer than a winner needs: no verdict on a win.
    assert_eq!(cell("winner_clear"), "");
}

#[test]
fn row_order_does_not_change_a_byte_and_crlf_reads_alike() {
    let fixture = site(CUSTOMER, MANAGEMENT);
    let (_, original) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let mut rows: Vec<&str> = CUSTOMER.lines().skip(1).collect();
    rows.reverse();
    rows.rotate_left(5);
    let shuffled = format!("respondent,company,speed,care\n{}\n", rows.join("\n"));
    let fixture = site(
        &shuffled.replace('\n', "\r\n"),
        &MANAGEMENT.replace('\n', "\r\n"),
    );
    let (_, again) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    assert_eq!(original["2026/ranking.json"], again["2026/ranking.json"]);
    assert_eq!(original["2026/ranking.csv"], again["2026/ranking.csv"]);
}

/// The model's standard error of every ranked company of the site.
fn standard_errors(fixture: &Fixture) -> Vec<(String, Option<f64>, f64)> {
    let (site, results) = fixture.results();
    results[0]
        .ranked
        .iter()
        .map(|e| (site.companies[e.company].id.clone(), e.se, e.score))
        .collect()
}

#[test]
fn duplicating_every_row_keeps_each_score_and_shrinks_each_error_by_the_exact_factor() {
    // Without the floor (ν₀ = 0) each company's SE is its own sample's.
    let methodology = METHODOLOGY.replace(
        "confidence: 0.95\n",
        "confidence: 0.95\nvariance_prior_df: 0\n",
    );
    let once = standard_errors(&site_with(&methodology, CUSTOMER, MANAGEMENT));
    let rows: String = CUSTOMER
        .lines()
        .skip(1)
        .map(|row| format!("{row}\n{}\n", row.replacen(',', "b,", 1)))
        .collect();
    let twice = standard_errors(&site_with(
        &methodology,
        &format!("respondent,company,speed,care\n{rows}"),
        MANAGEMENT,
    ));
    // Every company has n = 3 customers. Doubled, each u_r halves and there are twice as many:
    // V̂ = 2n/(2n − 1) · Σ u² / 2 against n/(n − 1) · Σ u², so SE × √((n − 1) / (2n − 1)) = √(2/5).
    let factor = (2.0f64 / 5.0).sqrt();
    // (Delta, with 2 × 2 customers, is ranked now; the others are compared.)
    for (id, se1, score1) in &once {
        let (_, se2, score2) = twice.iter().find(|(other, _, _)| other == id).unwrap();
        assert!((score1 - score2).abs() < 1e-9, "{id}");
        if id == "beta" {
            // Identical answers without the floor: a sampled perspective never has SE 0, so
            // the SE is unknown, however many rows.
            assert_eq!((se1, se2), (&None, &None));
            continue;
        }
        let (se1, se2) = (se1.unwrap(), se2.unwrap());
        assert!((se2 - se1 * factor).abs() < 1e-9, "{id}: {se1} → {se2}");
    }
}

#[test]
fn a_census_perspective_never_widens_an_interval() {
    let census = standard_errors(&site(CUSTOMER, MANAGEMENT));
    // Sampled, the management perspective needs as many answers per criterion as it has.
    let sampled_methodology = METHODOLOGY.replace("    sampled: false\n", "    min_answers: 1\n");
    let management_sample =
        "company,standards\nalpha,80\nalpha,70\nbeta,93.3\nbeta,90\ngamma,60\ngamma,65\ndelta,70\n";
    let fixture = Fixture::with_theme(&[
        ("data/methodology.yaml", &sampled_methodology),
        ("data/companies.yaml", COMPANIES),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026/customer.csv", CUSTOMER),
        ("data/editions/2026/management.csv", management_sample),
    ]);
    let sampled = standard_errors(&fixture);
    for (id, census_se, _) in &census {
        let (_, sampled_se, _) = sampled.iter().find(|(other, _, _)| other == id).unwrap();
        assert!(census_se.unwrap() <= sampled_se.unwrap() + 1e-12, "{id}");
    }
}

pub(crate) fn errors(files: &[(&str, &str)]) -> Diagnostics {
    let mut all = vec![
        ("data/methodology.yaml", METHODOLOGY),
        ("data/companies.yaml", COMPANIES),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026/customer.csv", CUSTOMER),
        ("data/editions/2026/management.csv", MANAGEMENT),
    ];
    for (path, text) in files {
        match all.iter_mut().find(|(p, _)| p == path) {
            Some(slot) => slot.1 = text,
            None => all.push((path, text)),
        }
    }
    let fixture = Fixture::new(&all);
    // Removed files: an empty text removes the file in the fixture.
    let (site, diagnostics) = fixture.validate();
    assert!(site.is_none(), "should fail");
    diagnostics
}

fn located(diagnostics: &Diagnostics, file: &str) -> Vec<(Option<usize>, Option<usize>, String)> {
    let mut found: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.file == file && d.is_error())
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect();
    found.sort();
    found
}

#[test]
fn every_mistake_in_a_respondent_file_is_located_and_reported_at_once() {
    let customer = "\
respondent,company,speed,care
r1,alpha,5,5
r2,alpha,6,3
r3,alpah,4,4
r4,beta,x,3
r1,beta,3,3
";
    for text in [customer.to_string(), customer.replace('\n', "\r\n")] {
        let diagnostics = errors(&[("data/editions/2026/customer.csv", &text)]);
        let found = located(&diagnostics, "data/editions/2026/customer.csv");
        let places: Vec<(Option<usize>, Option<usize>)> =
            found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(
            places,
            vec![
                (Some(3), Some(10)),
                (Some(4), Some(4)),
                (Some(5), Some(9)),
                (Some(6), Some(1))
            ],
            "{diagnostics}"
        );
        assert!(found[0].2.contains("6 is outside the scale of `speed`"));
        assert!(found[1].2.contains("unknown company `alpah`"));
        assert!(found[2].2.contains("\"x\" is not a number"));
        assert!(
            found[3].2.contains("respondent id is on line 2 too"),
            "{}",
            found[3].2
        );
        let unknown = diagnostics
            .iter()
            .find(|d| d.message.contains("alpah"))
            .unwrap();
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `alpha`?"));
    }
    // A decimal comma in a comma-separated file (the cell quoted): how to write it.
    let customer = "respondent,company,speed,care\nr1,alpha,\"4,5\",5\n";
    let diagnostics = errors(&[("data/editions/2026/customer.csv", customer)]);
    let comma = diagnostics
        .iter()
        .find(|d| d.message.contains("\"4,5\" is not a number"))
        .unwrap_or_else(|| panic!("{diagnostics}"));
    assert_eq!(
        comma.hint.as_deref(),
        Some("write decimals with a point: 4.5")
    );
    // The line is shown as written, quotes and all, and the caret is under the cell's quote;
    // a cell after a quoted one is found where it is too.
    assert_eq!(comma.source_line.as_deref(), Some("r1,alpha,\"4,5\",5"));
    assert_eq!((comma.line, comma.column), (Some(2), Some(10)));
    let customer = "respondent,company,speed,care\nr1,\"alpha, \"\"the\"\" bank\",4,9\n";
    let diagnostics = errors(&[("data/editions/2026/customer.csv", customer)]);
    let care = diagnostics
        .iter()
        .find(|d| d.message.contains("outside the scale of `care`"))
        .unwrap_or_else(|| panic!("{diagnostics}"));
    let shown = "r1,\"alpha, \"\"the\"\" bank\",4,9";
    assert_eq!(care.source_line.as_deref(), Some(shown));
    assert_eq!(care.column, Some(shown.len()), "{diagnostics}");
}

#[test]
fn wrong_columns_missing_files_and_two_ways_are_located_errors() {
    // An unknown and a missing criterion column, each with a suggestion.
    let diagnostics = errors(&[(
        "data/editions/2026/customer.csv",
        "company,sped,care\nalpha,5,5\n",
    )]);
    let found = located(&diagnostics, "data/editions/2026/customer.csv");
    assert_eq!(found.len(), 2, "{diagnostics}");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message == "unknown column `sped`"
                && d.hint.as_deref() == Some("did you mean `speed`?")
                && d.column == Some(9))
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message == "the header has no `speed` column")
    );

    // A missing perspective file, and a file for no perspective.
    let diagnostics = errors(&[
        ("data/editions/2026/management.csv", ""),
        ("data/editions/2026/managment.csv", MANAGEMENT),
    ]);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("no perspective `managment`")
                && d.hint.as_deref() == Some("did you mean `management`?")),
        "{diagnostics}"
    );
    assert!(diagnostics.iter().any(|d| {
        d.message
            .contains("respondent file of perspective `management` is missing")
    }));

    // Two ways of giving one edition's results: named both.
    let diagnostics = errors(&[(
        "data/editions/2026.csv",
        "company,responses,speed,care,standards\nalpha,40,5,5,80\n",
    )]);
    let both = diagnostics
        .iter()
        .find(|d| d.message.contains("given 2 ways"))
        .unwrap_or_else(|| panic!("{diagnostics}"));
    assert!(both.message.contains("data/editions/2026.csv"));
    assert!(both.message.contains("data/editions/2026/"));
}

#[test]
fn methodology_additions_are_validated_at_their_place() {
    let wrong = METHODOLOGY
        .replace("confidence: 0.95", "confidence: 0.5")
        .replace("min_score: 49.9", "min_score: 150")
        .replace("{id: silver", "{id: gold")
        .replace(
            "confidence: 0.5\n",
            "confidence: 0.5\nvariance_prior_df: -1\n",
        );
    let diagnostics = errors(&[("data/methodology.yaml", &wrong)]);
    let found = located(&diagnostics, "data/methodology.yaml");
    let lines: Vec<Option<usize>> = found.iter().map(|(l, _, _)| *l).collect();
    assert_eq!(
        lines,
        vec![Some(2), Some(3), Some(6), Some(6)],
        "{diagnostics}"
    );
    assert!(found[1].2.contains("variance_prior_df -1 is out of range"));
}

#[test]
fn v1_results_beside_respondent_level_ones_change_against_the_previous_edition() {
    let previous = "year: 2025\npublished: 2025-06-15\nresults:\n  - {company: alpha, responses: 40, scores: {speed: 4, care: 4, standards: 70}}\n";
    let fixture = Fixture::with_theme(&[
        ("data/methodology.yaml", METHODOLOGY),
        ("data/companies.yaml", COMPANIES),
        ("data/site.yaml", SITE),
        ("data/editions/2025.yaml", previous),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026/customer.csv", CUSTOMER),
        ("data/editions/2026/management.csv", MANAGEMENT),
    ]);
    let json = ranking_json(&fixture);
    // 2025: (2 × 75 + 70) / 3 = 73.3; 2026: 82.2, so +8.9, rank unchanged.
    let alpha = company(&json, "alpha");
    assert_eq!(
        alpha["change"],
        serde_json::json!({"score": 8.9, "rank": 0, "significant": null})
    );
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let earlier: serde_json::Value = serde_json::from_slice(&files["2025/ranking.json"]).unwrap();
    // Pre-aggregated: no interval or range; the tier by the score itself (73.3 ≥ 71.3).
    let alpha = company(&earlier, "alpha");
    assert_eq!(alpha["ci"], serde_json::Value::Null);
    assert_eq!(alpha["rank_range"], serde_json::Value::Null);
    assert_eq!(alpha["respondents"], serde_json::Value::Null);
    assert_eq!(alpha["tier"], "gold");
}

#[test]
fn pages_show_the_plausible_ranks_tiers_interval_and_sample_sizes() {
    let fixture = site(CUSTOMER, MANAGEMENT);
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let edition = page("2026/index.html");
    assert_eq!(
        edition
            .matches(
                "<span class=\"rank-range\">plausibly <span class=\"range\">1\u{2013}3</span></span>"
            )
            .count(),
        3,
        "every range is 1–3"
    );
    assert!(edition.contains("<span class=\"tier\">Gold</span>"));
    // The interval and the customers of each company, as columns a reader switches on with a
    // box (no script): alpha 63.3–100.0 from 3 customers.
    assert!(edition.contains("<input type=\"checkbox\" id=\"ranking-more\"><label for=\"ranking-more\">Show intervals and respondents</label>"));
    assert!(
        edition.contains("<td class=\"num more-col\">63.3\u{2013}100.0</td><td class=\"num more-col\" data-value=\"3\">3</td>"),
        "{edition}"
    );
    let sector = page("2026/sectors/banks/index.html");
    // In banks alpha is not clearly ahead of beta: both 1–2.
    assert_eq!(
        sector
            .matches(
                "<span class=\"rank-range\">plausibly <span class=\"range\">1\u{2013}2</span></span>"
            )
            .count(),
        2,
        "{sector}"
    );
    let alpha = page("companies/alpha/index.html");
    assert!(
        alpha.contains("<dt>Interval (95%)</dt><dd>63.3\u{2013}100.0</dd>"),
        "{alpha}"
    );
    assert!(alpha.contains("<dt>Plausible ranks</dt><dd>1\u{2013}3</dd>"));
    assert!(alpha.contains("<dt>Tier</dt><dd>Gold</dd>"));
    assert!(
        alpha.contains("<th scope=\"row\">Care</th><td class=\"num\">2</td>"),
        "answers per criterion"
    );
    let german = page("de/companies/alpha/index.html");
    assert!(
        german.contains("63,3\u{2013}100,0"),
        "German decimal commas"
    );
    assert!(german.contains("<th scope=\"row\">Kunden</th><td class=\"num\">3</td>"));
}

#[test]
fn a_file_read_in_pieces_gives_every_line_its_physical_number() {
    // About 10 MB: read in several pieces by several workers.
    let mut customer = String::from("respondent,company,speed,care\n");
    let rows = 400_000;
    for row in 0..rows {
        let company = ["alpha", "beta", "gamma", "delta"][row % 4];
        customer.push_str(&format!(
            "r{row},{company},{},{}\r\n",
            1 + row % 5,
            1 + (row / 5) % 5
        ));
    }
    // Last lines: a repeat of the first respondent, and a value off the scale.
    customer.push_str("r0,alpha,5,5\n");
    customer.push_str(&format!("r{rows},beta,7,1\n"));
    let diagnostics = errors(&[("data/editions/2026/customer.csv", &customer)]);
    let found = located(&diagnostics, "data/editions/2026/customer.csv");
    let last = rows + 1;
    assert_eq!(
        found.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
        // `r400000,beta,7,1`: the 7 is the 14th character.
        vec![(Some(last + 1), Some(1)), (Some(last + 2), Some(14))],
        "{diagnostics}"
    );
    assert!(
        found[0].2.contains("respondent id is on line 2 too"),
        "{}",
        found[0].2
    );
    // And the same numbers from the valid rows, whatever the pieces: each company has 100,000.
    let fixture = site(
        &customer
            .replace("r0,alpha,5,5\n", "")
            .replace(&format!("r{rows},beta,7,1\n"), ""),
        MANAGEMENT,
    );
    let json = ranking_json(&fixture);
    assert_eq!(company(&json, "alpha")["respondents"]["customer"], 100_000);
}

#[test]
fn the_methodology_page_explains_the_statistics_with_the_sites_own_example() {
    let fixture = site(CUSTOMER, MANAGEMENT);
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let english = page("methodology/index.html");
    assert!(english.contains("How sure the scores are"), "{english}");
    assert!(english.contains(
        "An example from 2026: Alpha scored 82.2, first place; its 95% interval runs from 63.3 to 100.0, and its plausible ranks are 1\u{2013}\u{2060}3."
    ), "{english}");
    // The one-sided bound of the header's table: 82.222 − 1.7823 × 8.6974 = 66.721.
    assert!(
        english.contains(
            "It earned the tier Gold because its one-sided lower bound, 66.7, reaches 66.7."
        ),
        "{english}"
    );
    // The tiers as a list in the language's own way ("A, B and C"; "A، B وC" in Arabic).
    assert!(
        english.contains("Gold (66.7) and Silver (49.9)"),
        "{english}"
    );
    // Each part of the method in words: t and the floor, weights, the census, clear leads.
    for words in [
        "t distribution, which is wider for small samples",
        "as if it had 10 more respondents",
        "the weighted mean of its criterion scores",
        "Management: a census of all, not a sample; no sampling error.",
        "otherwise its lead is marked “within the margin of error”, on the seal too",
    ] {
        assert!(english.contains(words), "{words}");
    }
    // Respondents per perspective over every company, ranked or not: 3 + 3 + 3 customers of
    // ranked companies and delta's 2 (not ranked), 4 audits.
    assert!(
        english.contains(
            "<tr><th scope=\"row\">2026</th><td class=\"num\" data-label=\"Customers\">11</td><td class=\"num\" data-label=\"Management\">4</td></tr>"
        ),
        "{english}"
    );
    let german = page("de/methodology/index.html");
    assert!(german.contains("Wie sicher die Werte sind"));
    assert!(german.contains("reicht von 63,3 bis 100,0"), "{german}");
}

#[test]
fn tiers_are_on_the_home_page_and_the_seals() {
    let fixture = site(CUSTOMER, MANAGEMENT);
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let home = page("index.html");
    assert!(
        home.contains("<h2 id=\"tiers-heading\">Tiers 2026</h2>"),
        "{home}"
    );
    assert!(home.contains("<h3>Gold</h3>\n<ul class=\"tier-list\"><li><a href=\"companies/alpha/index.html\">Alpha</a> 82.2"));
    let seal = page("2026/badges/alpha.svg");
    assert!(
        seal.contains("<title>Gold 2026, Top 2 2026 – Test Ranking</title>"),
        "{seal}"
    );
    assert!(seal.contains(">GOLD</text>"), "{seal}");
    // Beta is neither top 2 nor a sector winner, but its tier earns it a seal.
    assert!(page("2026/badges/beta.svg").contains(">SILVER</text>"));
    assert!(page("companies/beta/index.html").contains("2026/badges/beta.svg"));
}

#[test]
fn charts_draw_intervals_and_list_them_in_their_data_tables() {
    let fixture = site(CUSTOMER, MANAGEMENT);
    // A pre-aggregated 2025, so that alpha's history has two editions (one point draws no chart).
    crate::support::write(
        fixture.root(),
        "data/editions/2025.yaml",
        "year: 2025\npublished: 2025-06-15\nresults:\n  - {company: alpha, responses: 40, scores: {speed: 4, care: 4, standards: 70}}\n",
    );
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    // The sector chart: an interval column, and a row per company with its interval.
    let banks = page("2026/sectors/banks/index.html");
    assert!(
        banks.contains("<th scope=\"col\" class=\"num\">Interval</th>"),
        "{banks}"
    );
    assert!(
        banks.contains("<td class=\"num\">63.3\u{2013}100.0</td>"),
        "{banks}"
    );
    assert!(banks.contains("95% interval."));
    // The history chart of a company: the edition's interval beside its score and rank.
    let alpha = page("companies/alpha/index.html");
    assert!(
        alpha.contains("<td class=\"num\">63.3\u{2013}100.0</td>"),
        "{alpha}"
    );
    assert!(alpha.contains("intervals of the editions with respondent-level results"));
    // The criteria chart: each criterion's interval from its answers (the header's last
    // paragraph): speed 65.5–100.0, care 32.5–100.0; the census criterion is a point, and says
    // it has no sampling error.
    for cells in [
        "<th scope=\"row\">Speed</th><td class=\"num\">91.7</td><td class=\"num\">70.8</td><td class=\"num\">65.5\u{2013}100.0</td>",
        "<th scope=\"row\">Care</th><td class=\"num\">75.0</td><td class=\"num\">62.5</td><td class=\"num\">32.5\u{2013}100.0</td>",
        "<th scope=\"row\">Standards</th><td class=\"num\">80.0</td><td class=\"num\">86.7</td><td class=\"num\">census: no sampling error</td>",
    ] {
        assert!(alpha.contains(cells), "{cells} in {alpha}");
    }
    assert!(
        alpha.contains("Scores from a census have no sampling error: a single line marks them instead of an interval."),
        "the criteria chart's description says how a census is drawn"
    );
}

/// All three ranked companies in one sector, so banks has a winner: alpha.
fn one_sector(customer: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let fixture = site(customer, MANAGEMENT);
    crate::support::write(
        fixture.root(),
        "data/companies.yaml",
        &COMPANIES.replace(
            "sector: travel}\n- {id: delta",
            "sector: banks}\n- {id: delta",
        ),
    );
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    files
}

#[test]
fn a_winner_whose_range_overlaps_the_runner_up_is_never_called_a_clear_winner() {
    // In banks alpha is not clearly ahead of beta or gamma (see the table above): plausible
    // sector places 1–3, so every page that names alpha the winner says the lead is not clear,
    // the seal and its verify page included.
    let files = one_sector(CUSTOMER);
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let narrow = "<span class=\"narrow-win\">lead within the margin of error</span>";
    let edition = page("2026/index.html");
    assert!(
        edition.contains(&format!(
            "<span class=\"award\">Sector winner</span> {narrow}"
        )),
        "the ranking table: {edition}"
    );
    assert!(
        edition.contains(&format!("Alpha</a> {narrow}")),
        "the sectors table"
    );
    assert!(
        page("index.html").contains(narrow),
        "the home page's winner card"
    );
    let alpha = page("companies/alpha/index.html");
    assert!(
        alpha.contains(
            "not clearly ahead: at 95% confidence its plausible places in the sector are 1\u{2013}\u{2060}3"
        ),
        "{alpha}"
    );
    assert!(
        page("2026/sectors/banks/index.html")
            .contains("The lead of Alpha is within the margin of error."),
        "the sector chart's description"
    );
    assert!(page("de/2026/index.html").contains("Vorsprung innerhalb der Fehlergrenze"));
    let seal = page("2026/badges/alpha.svg");
    assert!(
        seal.contains(">within the margin of error</text>"),
        "the seal's own text: {seal}"
    );
    assert!(
        seal.contains("Sector winner Banks 2026 (lead within the margin of error)"),
        "{seal}"
    );
    let verify = files
        .iter()
        .find(|(p, _)| p.starts_with("verify/") && p.contains("alpha") && p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("alpha's verify page");
    assert!(
        verify.contains("(lead within the margin of error)"),
        "{verify}"
    );
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    assert_eq!(company(&json, "alpha")["winner_clear"], false);

    // Gamma answering like beta: alpha is clearly ahead of both, a clear win, said plainly.
    let clear = CUSTOMER
        .replace("r8,gamma,4,4", "r8,gamma,3,3")
        .replace("r9,gamma,2,2", "r9,gamma,3,3")
        .replace("r10,gamma,5,5", "r10,gamma,3,3");
    let files = one_sector(&clear);
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    assert_eq!(
        company(&json, "alpha")["sector_rank_range"],
        serde_json::json!({"best": 1, "worst": 1})
    );
    assert_eq!(company(&json, "alpha")["winner_clear"], true);
    // (The methodology page explains the rule itself, in general words; the compare page holds
    // its verdict sentences as templates for its script, which chooses by the ranges.)
    for (path, bytes) in files.iter().filter(|(p, _)| {
        (p.ends_with(".html") || p.ends_with(".svg"))
            && !p.contains("methodology/")
            && !p.contains("compare/")
    }) {
        let text = String::from_utf8_lossy(bytes);
        // The criterion leaders' table judges each criterion's lead on its own.
        let text = match (
            text.find("<table class=\"leaders\">"),
            text.find("</section>"),
        ) {
            (Some(start), _) => {
                let end = text[start..]
                    .find("</table>")
                    .map_or(text.len(), |e| start + e);
                format!("{}{}", &text[..start], &text[end..])
            }
            _ => text.to_string(),
        };
        assert!(
            !text.contains("narrow-win") && !text.contains("within the margin of error"),
            "{path} qualifies a clear win"
        );
    }
}

/// A respondent file's problems (an unknown company, text or an off-scale value where an answer
/// belongs, a respondent id given twice, a weight that is none) are said in the site's first
/// language, as the results' are.
#[test]
fn a_respondent_files_problems_are_said_in_the_sites_first_language() {
    let customer = format!("{CUSTOMER}r13,omega,5,5\nr14,beta,abc,3\nr15,beta,3,9\nr1,beta,4,4\n");
    let management = "company;standards;weight\nalpha;80;1\nbeta;93,3;0\ngamma;60;1\n";
    let site = SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/methodology.yaml", METHODOLOGY),
        ("data/companies.yaml", COMPANIES),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026/customer.csv", &customer),
        ("data/editions/2026/management.csv", management),
    ]);
    let Err(rankpress::pipeline::BuildError::Input(diagnostics)) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root()))
    else {
        panic!("the build should fail");
    };
    let locale = rankpress::pipeline::interface::interface_locale(fixture.root());
    let report = diagnostics.worded(&locale).to_string();
    crate::support::assert_says(
        &report,
        &[
            "ошибка: неизвестная компания `omega`",
            "   = ожидается: id компании из data/companies.yaml",
            "ошибка: \"abc\" — не число",
            "   = ожидается: число от 1 до 5 или пустая ячейка, если ответа нет",
            "ошибка: 9 вне шкалы критерия `care`",
            "ошибка: этот id респондента есть и в строке 2: строки импортированы дважды?",
            "ошибка: вес 0 не больше 0",
            "   = ожидается: вес респондента в опросе, число больше 0",
        ],
    );
    assert!(!report.contains("error:"), "{report}");
    // The same problems in English where the site's first language is English.
    let english = diagnostics.to_string();
    assert!(
        english.contains("error: unknown company `omega`"),
        "{english}"
    );
}
