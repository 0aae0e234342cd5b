//! Scores, ranks, ties, winners, averages and change, each against a value worked out by hand
//! from FORMAT.md's Scoring section. The working is in the comments.

use crate::support::{Fixture, edition, result};

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn weights_and_an_inverted_scale_give_the_hand_computed_score() {
    // speed 5 on 1..5: 100 * (5 - 1) / 4 = 100
    // care 4 on 1..5:  100 * (4 - 1) / 4 = 75
    // customer = (1 * 100 + 3 * 75) / (1 + 3) = 81.25
    // standards 2 on 1..6 where lower is better: 100 * (6 - 2) / 5 = 80 = management
    // overall = (2 * 81.25 + 1 * 80) / 3 = 80.8333... -> 80.8
    let fixture = Fixture::new(&[]);
    let (site, results) = fixture.results();
    let entry = &results[0].ranked[0];
    close(entry.criterion_scores[0], 100.0);
    close(entry.criterion_scores[1], 75.0);
    close(entry.criterion_scores[2], 80.0);
    close(entry.perspective_scores[0], 81.25);
    close(entry.perspective_scores[1], 80.0);
    close(entry.score, 242.5 / 3.0);
    assert_eq!(
        crate::support::ranking(&site, &results[0]),
        vec![("alpha".to_string(), 1, "80.8".to_string())]
    );
}

/// One perspective with one criterion on 0..100, so a company's score is its raw value.
const PLAIN_METHODOLOGY: &str = "perspectives:\n  - id: only\n    name: Only\n    weight: 1\n    scale: {min: 0, max: 100}\n    criteria:\n      - {id: value, name: Value, weight: 1}\n";

fn plain_row(company: &str, value: &str) -> String {
    format!("  - company: {company}\n    scores: {{value: {value}}}\n")
}

#[test]
fn ties_are_decided_on_the_rounded_score_with_competition_ranking() {
    // 80.85 rounds half away from zero to 80.9 although the binary value is 80.8499999...;
    // 80.84 and 80.75 both round to 80.8 and share rank 2, listed by name (Delta before Gamma);
    // the next rank is 4.
    let rows = [
        plain_row("gamma", "80.75"),
        plain_row("alpha", "80.85"),
        plain_row("epsilon", "70"),
        plain_row("delta", "80.84"),
    ];
    let fixture = Fixture::new(&[
        ("data/methodology.yaml", PLAIN_METHODOLOGY),
        (
            "data/editions/2026.yaml",
            &format!("year: 2026\nresults:\n{}", rows.concat()),
        ),
    ]);
    let (site, results) = fixture.results();
    let ranking = crate::support::ranking(&site, &results[0]);
    let expected: Vec<(String, usize, String)> = [
        ("alpha", 1, "80.9"),
        ("delta", 2, "80.8"),
        ("gamma", 2, "80.8"),
        ("epsilon", 4, "70.0"),
    ]
    .iter()
    .map(|(id, rank, score)| (id.to_string(), *rank, score.to_string()))
    .collect();
    assert_eq!(ranking, expected);
    // Only the two companies sharing 2nd are marked as tied (the "=" on the pages).
    let tied: Vec<bool> = results[0].ranked.iter().map(|e| e.tied).collect();
    assert_eq!(tied, vec![false, true, true, false]);
    // top: 2 takes every company with rank <= 2, so the tie for 2nd makes three.
    let top: Vec<&str> = results[0]
        .top_list()
        .map(|e| site.companies[e.company].id.as_str())
        .collect();
    assert_eq!(top, vec!["alpha", "delta", "gamma"]);
}

#[test]
fn sector_winners_include_ties_and_need_min_sector_size() {
    // Banks: alpha and beta both 90.0 (tie for sector rank 1), gamma 50 -> two winners.
    // Travel: only two ranked companies, fewer than min_sector_size 3 -> no winner.
    let rows = [
        plain_row("alpha", "90"),
        plain_row("beta", "90.04"),
        plain_row("gamma", "50"),
        plain_row("delta", "95"),
        plain_row("epsilon", "60"),
    ];
    let fixture = Fixture::new(&[
        ("data/methodology.yaml", PLAIN_METHODOLOGY),
        (
            "data/editions/2026.yaml",
            &format!("year: 2026\nresults:\n{}", rows.concat()),
        ),
    ]);
    let (site, results) = fixture.results();
    let edition = &results[0];
    let winners: Vec<&str> = edition
        .winners()
        .map(|e| site.companies[e.company].id.as_str())
        .collect();
    assert_eq!(winners, vec!["alpha", "beta"]);
    let sector_ranks: Vec<(&str, usize)> = edition
        .ranked
        .iter()
        .map(|e| (site.companies[e.company].id.as_str(), e.sector_rank))
        .collect();
    assert_eq!(
        sector_ranks,
        vec![
            ("delta", 1),
            ("alpha", 1),
            ("beta", 1),
            ("epsilon", 2),
            ("gamma", 3)
        ]
    );
    assert!(edition.sectors[0].names_winner);
    assert!(!edition.sectors[1].names_winner);
    // Unweighted means over ranked companies: banks (90 + 90.04 + 50) / 3, travel (95 + 60) / 2.
    close(edition.sectors[0].averages.score.unwrap(), 230.04 / 3.0);
    close(edition.sectors[1].averages.score.unwrap(), 77.5);
    close(edition.averages.score.unwrap(), 385.04 / 5.0);
    close(edition.averages.criteria[0].unwrap(), 385.04 / 5.0);
}

#[test]
fn companies_below_min_responses_or_with_a_missing_value_are_not_ranked() {
    let fixture = Fixture::new(&[(
        "data/editions/2026.yaml",
        &edition(
            2026,
            &[
                result("alpha", 100, "5", "4", "2"),
                result("beta", 23, "5", "5", "1"),
                result("gamma", 80, "4", "", "2"),
                "  - company: delta\n    responses: 12\n    scores: {speed: 3, standards: 2}\n"
                    .to_string(),
            ],
        ),
    )]);
    let (site, results) = fixture.results();
    let edition = &results[0];
    assert_eq!(edition.ranked.len(), 1);
    let reasons: Vec<(String, String)> = edition
        .not_ranked
        .iter()
        .map(|n| {
            let reasons: Vec<String> = n
                .reasons
                .iter()
                .map(|r| r.describe(&site.methodology))
                .collect();
            (site.companies[n.company].id.clone(), reasons.join("; "))
        })
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("beta".to_string(), "23 responses, 30 required".to_string()),
            (
                "delta".to_string(),
                // `care` is not in delta's row at all, while gamma's is empty.
                "12 responses, 30 required; not in the results at all: care".to_string()
            ),
            ("gamma".to_string(), "no value for care".to_string()),
        ]
    );
    // Not-ranked companies count for no average: the only ranked company sets them.
    close(edition.averages.score.unwrap(), 242.5 / 3.0);
}

#[test]
fn change_is_against_the_latest_earlier_ranked_edition_even_across_a_gap_year() {
    let plain = |year: i32, rows: &[(&str, &str, u32)]| {
        let body: String = rows
            .iter()
            .map(|(c, v, r)| {
                format!("  - company: {c}\n    responses: {r}\n    scores: {{value: {v}}}\n")
            })
            .collect();
        format!("year: {year}\nresults:\n{body}")
    };
    let methodology = format!("min_responses: 30\n{PLAIN_METHODOLOGY}");
    let fixture = Fixture::new(&[
        ("data/methodology.yaml", &methodology),
        // 2024: alpha 1st (80.0), beta 2nd (70.04 -> 70.0), gamma 3rd (60.0).
        (
            "data/editions/2024.yaml",
            &plain(
                2024,
                &[
                    ("alpha", "80", 50),
                    ("beta", "70.04", 50),
                    ("gamma", "60", 50),
                ],
            ),
        ),
        // 2025: beta has too few responses and is not ranked.
        (
            "data/editions/2025.yaml",
            &plain(
                2025,
                &[
                    ("alpha", "81", 50),
                    ("beta", "99", 10),
                    ("gamma", "61.26", 50),
                ],
            ),
        ),
        // 2026: beta 75.46 -> 75.5 is 1st; alpha 74.0 2nd; gamma 61.26 -> 61.3 3rd, delta new.
        (
            "data/editions/2026.yaml",
            &plain(
                2026,
                &[
                    ("alpha", "74", 50),
                    ("beta", "75.46", 50),
                    ("gamma", "61.26", 50),
                    ("delta", "10", 50),
                ],
            ),
        ),
    ]);
    let (site, results) = fixture.results();
    let change = |year_index: usize, id: &str| {
        let company = site.companies.iter().position(|c| c.id == id).unwrap();
        results[year_index].ranked_entry(company).unwrap().change
    };
    // beta 2026 against 2024 (gap year 2025): 75.5 - 70.0 = +5.5 points, 2nd -> 1st = +1 place.
    let beta = change(2, "beta").unwrap();
    assert_eq!((beta.score_units, beta.rank, beta.since), (55, 1, 2024));
    // alpha 2026 against 2025: 74.0 - 81.0 = -7.0, 1st -> 2nd = -1.
    let alpha = change(2, "alpha").unwrap();
    assert_eq!(
        (alpha.score_units, alpha.rank, alpha.since),
        (-70, -1, 2025)
    );
    // gamma: the rounded scores are equal (61.3 and 61.3), and it is 2nd in 2025, 3rd in 2026.
    let gamma = change(2, "gamma").unwrap();
    assert_eq!((gamma.score_units, gamma.rank, gamma.since), (0, -1, 2025));
    // delta is new: no change; alpha in the first edition has none either.
    assert_eq!(change(2, "delta"), None);
    assert_eq!(change(0, "alpha"), None);
}

#[test]
fn csv_results_score_like_yaml_results() {
    let csv = "company,responses,speed,care,standards\nalpha,100,5,4,2\nbeta,40,3,3,6\n";
    let yaml = edition(
        2026,
        &[
            result("alpha", 100, "5", "4", "2"),
            result("beta", 40, "3", "3", "6"),
        ],
    );
    let from_csv = Fixture::new(&[
        ("data/editions/2026.yaml", "year: 2026\n"),
        ("data/editions/2026.csv", csv),
    ]);
    let from_yaml = Fixture::new(&[("data/editions/2026.yaml", &yaml)]);
    let (site, csv_results) = from_csv.results();
    let (_, yaml_results) = from_yaml.results();
    assert_eq!(csv_results[0].ranked, yaml_results[0].ranked);
    // beta: speed 3 -> 50, care 3 -> 50, customer 50; standards 6 -> 0; overall (100 + 0) / 3 = 33.3
    assert_eq!(
        crate::support::ranking(&site, &csv_results[0]),
        vec![
            ("alpha".to_string(), 1, "80.8".to_string()),
            ("beta".to_string(), 2, "33.3".to_string())
        ]
    );
}

#[test]
fn semicolon_csv_with_decimal_commas_is_read_as_spreadsheets_write_it() {
    let csv = "company;responses;speed;care;standards\nalpha;100;4,5;4;2\n";
    let fixture = Fixture::new(&[
        ("data/editions/2026.yaml", "year: 2026\n"),
        ("data/editions/2026.csv", csv),
    ]);
    let (_, results) = fixture.results();
    // speed 4.5 -> 87.5; customer (87.5 + 225) / 4 = 78.125; overall (156.25 + 80) / 3 = 78.75
    close(results[0].ranked[0].score, 78.75);
}
