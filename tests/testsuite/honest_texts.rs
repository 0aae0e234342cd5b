//! Texts that must not claim what the data contradict (issue 34): the scatter chart's
//! description states a relation only in the direction and of the size the data show.

use crate::support::{Fixture, in_memory};

/// A site of twelve companies whose management score runs against (or with, or beside) the
/// customers' score; `relation` is -1, 1 or 0.
fn site(relation: i32) -> Fixture {
    let mut companies = String::new();
    let mut results = Vec::new();
    for i in 0..12 {
        let sector = if i % 2 == 0 { "banks" } else { "travel" };
        companies.push_str(&format!(
            "- {{id: c{i}, name: Company {i}, sector: {sector}}}\n"
        ));
        // Customers on 1..5 rising with i; management grades 1..6 (lower is better).
        let speed = format!("{:.2}", 1.5 + 0.3 * i as f64);
        let grade = match relation {
            // Management points rise with i (grades fall): the same direction.
            1 => format!("{:.2}", 5.8 - 0.4 * i as f64),
            // Management points fall as customers' rise.
            -1 => format!("{:.2}", 1.2 + 0.4 * i as f64),
            // No relation: alternating around the middle.
            _ => (if i % 4 < 2 { "3" } else { "4" }).to_string(),
        };
        results.push(crate::support::result(
            &format!("c{i}"),
            100,
            &speed,
            &speed,
            &grade,
        ));
    }
    Fixture::with_theme(&[
        ("data/companies.yaml", &companies),
        (
            "data/editions/2026.yaml",
            &crate::support::edition(2026, &results),
        ),
    ])
}

/// The hand-sized respondent site of respondents.rs, with `methodology` and the edition's file.
fn respondent_site(methodology: &str, edition: &str) -> Fixture {
    Fixture::with_theme(&[
        ("data/methodology.yaml", methodology),
        ("data/companies.yaml", crate::respondents::COMPANIES),
        ("data/editions/2026.yaml", edition),
        (
            "data/editions/2026/customer.csv",
            crate::respondents::CUSTOMER,
        ),
        (
            "data/editions/2026/management.csv",
            "company,standards\nalpha,80\nbeta,93.3\ngamma,60\ndelta,70\n",
        ),
    ])
}

fn edition_page(fixture: &Fixture, language: &str) -> String {
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap_or_else(|e| panic!("{e}"));
    let path = if language == "en" {
        "2026/index.html".to_string()
    } else {
        format!("{language}/2026/index.html")
    };
    String::from_utf8(files[&path].to_vec()).unwrap()
}

/// Every scatter caption ended "companies with binding internal service standards tend to
/// satisfy their customers", even at r = −0.99. Now a strong negative correlation says so, a
/// positive one says that, and none is claimed where there is none, in English and German.
#[test]
fn the_scatter_caption_follows_the_sign_and_size_of_r() {
    let negative = edition_page(&site(-1), "en");
    assert!(
        negative.contains(
            "Companies that score higher on Management tend to score lower on Customers."
        ),
        "{}",
        &negative[negative.find("r = ").unwrap_or(0)..][..300]
    );
    assert!(!negative.contains("tend to satisfy their customers"));
    let positive = edition_page(&site(1), "en");
    assert!(
        positive.contains(
            "Companies that score higher on Management tend to score higher on Customers."
        )
    );
    let none = edition_page(&site(0), "en");
    assert!(!none.contains("tend to score"), "no relation is claimed");
    let german = edition_page(&site(-1), "de");
    assert!(
        german.contains("haben tendenziell niedrigere Werte bei Kunden."),
        "{}",
        &german[german.find("r = ").unwrap_or(0)..][..300]
    );
    assert!(!german.contains("stellen ihre Kunden eher zufrieden"));
}

/// The interval was explained wrongly ("the score would fall in that range 95 % of the time"):
/// the methodology page now says what a confidence interval is, as STATISTICS.md words it, in
/// English, German and Russian (the example site with Russian added).
#[test]
fn the_methodology_page_explains_the_interval_as_the_spec_words_it() {
    let site = tempfile::tempdir().unwrap();
    for folder in ["data", "content", "themes"] {
        crate::support::copy_dir(
            &crate::support::repo_root().join(folder),
            &site.path().join(folder),
        );
    }
    let config = std::fs::read_to_string(site.path().join("data/site.yaml")).unwrap();
    std::fs::write(
        site.path().join("data/site.yaml"),
        config.replace("languages: [en, de]", "languages: [en, de, ru]"),
    )
    .unwrap();
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(site.path()))
        .unwrap_or_else(|e| panic!("{e}"));
    let page = |path: &str| String::from_utf8(files[path].to_vec()).unwrap();
    let english = page("methodology/index.html");
    assert!(english.contains(
        "if the survey were repeated many times, intervals computed like this would contain the \
         score of all customers 95 times in 100. It covers sampling error only"
    ));
    assert!(!english.contains("would fall in that range"));
    let german = page("de/methodology/index.html");
    assert!(german.contains("Würde die Befragung viele Male wiederholt"));
    assert!(!german.contains("läge der Wert in"));
    let russian = page("ru/methodology/index.html");
    assert!(russian.contains("если бы опрос повторили много раз"));
    assert!(!russian.contains("балл попал бы в этот диапазон"));
}

/// The home page said "5,356 customer opinions", the methodology page 5,229 (ranked companies
/// only), without saying why. Every page now counts the respondents over all companies, ranked
/// or not: the hand-sized respondent site of respondents.rs has 9 customer respondents of
/// ranked companies and 2 of delta, not ranked (2 respondents, 3 required): 11 everywhere. A
/// `respondents:` in the edition's file that differs is a warning saying what is shown.
#[test]
fn every_page_counts_respondents_the_same_way() {
    let fixture = respondent_site(
        crate::respondents::METHODOLOGY,
        "year: 2026\npublished: 2026-06-15\nrespondents: 12\n",
    );
    let (report, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap_or_else(|e| panic!("{e}"));
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message.contains("`respondents: 12`"))
        .unwrap_or_else(|| panic!("{}", report.warnings));
    assert!(
        warning.message.contains("hold 11 respondents"),
        "{warning:?}"
    );
    let page = |path: &str| String::from_utf8(files[path].to_vec()).unwrap();
    let home = page("index.html");
    assert!(home.contains(">11<"), "the home page shows 11");
    assert!(!home.contains(">12<"));
    let methodology = page("methodology/index.html");
    let samples = &methodology[methodology.find("Respondents per perspective").unwrap()..];
    assert!(samples.contains(">11<"), "{}", &samples[..600]);
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    assert_eq!(json["respondents_total"]["customer"], 11);
    assert_eq!(json["respondents_total"]["management"], 4);
}

/// A criterion answered by fewer respondents than its perspective's `min_answers` keeps the
/// company out of the ranking, with the reason in words (criterion leaders were named on 1–3
/// answers). The default is 5 for a sampled perspective and 1 for a census.
#[test]
fn a_criterion_with_too_few_answers_keeps_the_company_unranked() {
    let methodology =
        crate::respondents::METHODOLOGY.replace("    min_answers: 1\n", "    min_answers: 3\n");
    let fixture = respondent_site(&methodology, "year: 2026\npublished: 2026-06-15\n");
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    let alpha = json["not_ranked"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "alpha")
        .unwrap_or_else(|| panic!("alpha ranked: {json}"));
    // Alpha's care: r1 and r2 answered it, r3 left it empty, r4 answered nothing.
    // The export says it as the page does, in the tree's language.
    assert_eq!(alpha["reason"], "Care: 2 responses, 3 required");
    let page = String::from_utf8(files["2026/index.html"].to_vec()).unwrap();
    assert!(
        page.contains("Care: 2 responses, 3 required"),
        "the reason in words"
    );

    let defaults = Fixture::new(&[(
        "data/methodology.yaml",
        &crate::respondents::METHODOLOGY.replace("    min_answers: 1\n", ""),
    )]);
    let site = defaults.site();
    let answers: Vec<u64> = site
        .methodology
        .perspectives
        .iter()
        .map(|p| p.min_answers)
        .collect();
    assert_eq!(answers, vec![5, 1], "sampled 5, census 1");
}

/// A census perspective (one questionnaire per company) without a `min_responses` of its own
/// needs 1, not the methodology-wide minimum meant for customers: before, it failed every
/// company and the build said only "no company is ranked". A perspective sampled by mistake
/// now gets an error naming the rule, the perspective and what the companies have (delta fails
/// the customers' minimum first, its two respondents, as reasons go in methodology order).
#[test]
fn a_census_needs_one_questionnaire_and_an_empty_ranking_names_its_rule() {
    let census = crate::respondents::METHODOLOGY.replace("    min_responses: 1\n", "");
    let fixture = respondent_site(&census, "year: 2026\npublished: 2026-06-15\n");
    assert_eq!(fixture.site().methodology.perspectives[1].min_responses, 1);
    rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap_or_else(|e| panic!("a census of one questionnaire a company ranks: {e}"));

    let forgotten = census.replace("    sampled: false\n", "    min_answers: 1\n");
    let fixture = respondent_site(&forgotten, "year: 2026\npublished: 2026-06-15\n");
    let errors = crate::support::build_errors(&fixture);
    let error = errors
        .iter()
        .find(|e| e.message.contains("no company is ranked"))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert!(
        error
            .message
            .contains("3 fail min_responses 3 of perspective `management`, with 1 at most"),
        "{}",
        error.message
    );
}

/// "plausibly 7" beside rank 7 says nothing: a plausible range is shown beside a rank only when
/// it spans more than one place (the example site's energy sector had two such rows).
#[test]
fn a_plausible_range_of_one_place_is_not_shown_beside_the_rank() {
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(&crate::support::repo_root()))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut ranges = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for part in html.split("<span class=\"range\">").skip(1) {
            let range = part.split('<').next().unwrap_or_default();
            assert!(
                range.contains('\u{2013}'),
                "{path}: a range of one place: {range}"
            );
            ranges += 1;
        }
    }
    assert!(ranges > 100, "the example shows ranges ({ranges})");
}

/// A press release's embargo line is for journalists before publication: the live pages of the
/// example site must not carry one ("Embargo: 15 June 2026, 06:00." was published).
#[test]
fn the_example_site_publishes_no_embargo_line() {
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(&crate::support::repo_root()))
        .unwrap_or_else(|e| panic!("{e}"));
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for word in ["Embargo", "Sperrfrist"] {
            assert!(!html.contains(word), "{path} publishes an embargo line");
        }
    }
}
