//! Survey weights (STATISTICS.md v3): a `weight` column, worked out by hand below, its located
//! errors, and the promise that weights of 1 change nothing.
//!
//! One sampled perspective, customers on a 1–5 scale, criteria speed (weight 1) and care
//! (weight 3): a = ¼ and ¾. `variance_prior_df: 0`, so each SE is the company's own.
//!
//! Alpha's respondents (g = weight; points 5 → 100, 4 → 75, 3 → 50, 2 → 25):
//!
//! | respondent | g | speed | care |
//! |---|---|---|---|
//! | a1 | 2 | 100 | 75 |
//! | a2 | 1 | 50 | – (not answered) |
//! | a3 | 1 | 75 | 25 |
//!
//! - Step 2: n = 3, Σ g = 4, Σ g² = 6, n_eff = 16 / 6 = 2.667.
//! - Step 3: S_speed = (200 + 50 + 75) / 4 = 81.25; S_care = (150 + 25) / 3 = 58.333.
//! - Step 4: P = ¼ · 81.25 + ¾ · 58.333 = 64.0625 → 64.1, the weighted mean of the published
//!   criterion scores. (The mean of each respondent's own score, v2's method, gives 62.5.)
//! - Step 5: u = ¼·2·18.75/4 + ¾·2·16.667/3 = 10.6771; ¼·(−31.25)/4 = −1.9531;
//!   ¼·(−6.25)/4 + ¾·(−33.333)/3 = −8.7240. Σ u² = 193.922, V̂ = 3/2 · 193.922 = 290.883;
//!   ŝ² = n_eff · V̂, SE = ŝ / √n_eff = √V̂ = 17.0553, df = n_eff − 1 = 1.667.
//! - Step 8: t(1.667, 0.975) = 5.2423: 64.06 ± 89.4, clamped to 0.0–100.0.
//!
//! Beta: three respondents of weights 10, 1 and 1: n_eff = 144 / 102 = 1.41 < 2 required, not
//! ranked, "Customers: 1.41 effective responses, 2 required".

use crate::support::Fixture;

const METHODOLOGY: &str = "\
variance_prior_df: 0
perspectives:
  - id: customer
    name: Customers
    scale: {min: 1, max: 5}
    min_responses: 2
    min_answers: 1
    criteria:
      - {id: speed, name: Speed, weight: 1}
      - {id: care, name: Care, weight: 3}
";

const COMPANIES: &str = "\
- {id: alpha, name: Alpha, sector: banks}
- {id: beta, name: Beta, sector: banks}
";

pub(crate) const WEIGHTED: &str = "\
respondent,company,weight,speed,care
a1,alpha,2,5,4
a2,alpha,1,3,
a3,alpha,1,4,2
b1,beta,10,5,5
b2,beta,1,5,5
b3,beta,1,4,4
";

pub(crate) fn site(customer: &str) -> Fixture {
    Fixture::with_theme(&[
        ("data/methodology.yaml", METHODOLOGY),
        ("data/companies.yaml", COMPANIES),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026/customer.csv", customer),
    ])
}

/// The site's files, without the fingerprint list (which records the input files' contents).
fn build(fixture: &Fixture) -> std::collections::BTreeMap<String, Vec<u8>> {
    let (_, mut files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root()))
            .unwrap_or_else(|e| panic!("{e}"));
    files.remove(".rankpress-fingerprints");
    files
}

#[test]
fn weights_give_the_hand_computed_scores_counts_and_errors() {
    let files = build(&site(WEIGHTED));
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    let alpha = &json["companies"][0];
    assert_eq!(alpha["id"], "alpha");
    assert_eq!(
        alpha["criteria"],
        serde_json::json!({"speed": 81.3, "care": 58.3})
    );
    assert_eq!(alpha["score"], 64.1);
    assert_eq!(alpha["perspectives"], serde_json::json!({"customer": 64.1}));
    assert_eq!(alpha["respondents"], serde_json::json!({"customer": 3}));
    let effective = alpha["effective_respondents"]["customer"].as_f64().unwrap();
    assert!((effective - 16.0 / 6.0).abs() < 1e-12, "{effective}");
    assert_eq!(
        alpha["criteria_n"],
        serde_json::json!({"speed": 3, "care": 2})
    );
    let se = alpha["se"].as_f64().unwrap();
    assert!((se - 17.0553).abs() < 1e-4, "{se}");
    let df = alpha["df"].as_f64().unwrap();
    assert!((df - 5.0 / 3.0).abs() < 1e-9, "{df}");
    assert_eq!(alpha["ci"], serde_json::json!({"low": 0.0, "high": 100.0}));
    let beta = &json["not_ranked"][0];
    assert_eq!(beta["id"], "beta");
    assert_eq!(
        beta["reason"],
        "Customers: 1.41 effective responses, 2 required"
    );
    // Pages word it in each language.
    let page = String::from_utf8(files["2026/index.html"].clone()).unwrap();
    assert!(
        page.contains("Customers: 1.41 effective responses, 2 required"),
        "{page}"
    );
}

#[test]
fn weights_of_one_change_no_byte_and_row_order_none_either() {
    let none = "respondent,company,speed,care\na1,alpha,5,4\na2,alpha,3,\na3,alpha,4,2\nb1,beta,5,5\nb2,beta,5,5\nb3,beta,4,4\n";
    let ones = "respondent,company,weight,speed,care\na1,alpha,1,5,4\na2,alpha,1.0,3,\na3,alpha,1,4,2\nb1,beta,1,5,5\nb2,beta,1,5,5\nb3,beta,1,4,4\n";
    let without = build(&site(none));
    let with = build(&site(ones));
    let differ: Vec<&String> = without
        .keys()
        .filter(|path| without.get(*path) != with.get(*path))
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
    assert_eq!(without.len(), with.len());
    // The weighted file with its rows reversed, weights and all, and Windows line ends.
    let mut rows: Vec<&str> = WEIGHTED.lines().skip(1).collect();
    rows.reverse();
    let reversed = format!(
        "respondent,company,weight,speed,care\r\n{}\r\n",
        rows.join("\r\n")
    );
    assert_eq!(build(&site(WEIGHTED)), build(&site(&reversed)));
}

#[test]
fn a_bad_weight_is_an_error_at_its_cell() {
    let customer = "\
respondent,company,weight,speed,care
a1,alpha,,5,4
a2,alpha,0,3,
a3,alpha,-1,4,2
b1,beta,x,5,5
b2,beta,inf,5,5
b3,beta,1,4,4
";
    let (site, diagnostics) = site(customer).validate();
    assert!(site.is_none());
    let mut found: Vec<(Option<usize>, Option<usize>, String)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            (Some(2), Some(10), "the weight is empty".to_string()),
            (Some(3), Some(10), "weight 0 is not above 0".to_string()),
            (Some(4), Some(10), "weight -1 is not above 0".to_string()),
            (Some(5), Some(9), "weight \"x\" is not a number".to_string()),
            (
                Some(6),
                Some(9),
                "weight inf is not a finite number".to_string()
            ),
        ],
        "{diagnostics}"
    );
}
