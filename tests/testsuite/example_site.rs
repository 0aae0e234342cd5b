//! The example site at the repository root: every page FORMAT.md lists is written, the numbers
//! in ranking.json agree with the pages, and two builds are byte-identical.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rankpress::pipeline::{BuildOptions, build};

use crate::support::repo_root;

fn build_into(output: &Path, drafts: bool) {
    let options = BuildOptions {
        root: repo_root(),
        output: Some(output.to_path_buf()),
        base_url: None,
        include_drafts: drafts,
        force: true,
        precompress: false,
    };
    if let Err(error) = build(&options) {
        panic!("the example site must build:\n{error}");
    }
}

/// The example site, built once for all tests of this module.
fn built() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let output = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("example-site");
        build_into(&output, false);
        output
    })
}

fn read(path: &str) -> String {
    fs::read_to_string(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A perspective's English name in the example's methodology.
fn perspective_name(id: &str) -> String {
    let text = fs::read_to_string(repo_root().join("data/methodology.yaml")).unwrap();
    let methodology: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let perspective = methodology["perspectives"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|p| p["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("perspective {id}"));
    perspective["name"]["en"].as_str().unwrap().to_string()
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_listed_page_is_written_in_both_languages() {
    let site = json("2026/ranking.json");
    let companies: Vec<String> = serde_yaml::from_str::<Vec<serde_yaml::Value>>(
        &fs::read_to_string(repo_root().join("data/companies.yaml")).expect("companies"),
    )
    .expect("yaml")
    .iter()
    .map(|c| c["id"].as_str().expect("id").to_string())
    .collect();
    assert_eq!(companies.len(), 100);
    let mut expected = vec![
        "index.html".to_string(),
        "articles/index.html".to_string(),
        "articles/how-we-rank/index.html".to_string(),
        "articles/internal-standards-drive-satisfaction/index.html".to_string(),
        "articles/travel-on-the-move/index.html".to_string(),
        "methodology/index.html".to_string(),
        "404.html".to_string(),
        "atom.xml".to_string(),
    ];
    for year in [2024, 2025, 2026] {
        expected.push(format!("{year}/index.html"));
        expected.push(format!("{year}/ranking.json"));
        expected.push(format!("{year}/ranking.csv"));
        for sector in [
            "telecom",
            "energy",
            "insurers",
            "health-insurers",
            "banks",
            "financial-brokers",
            "staffing",
            "retail",
            "mail-order",
            "travel",
        ] {
            expected.push(format!("{year}/sectors/{sector}/index.html"));
        }
    }
    for company in &companies {
        expected.push(format!("companies/{company}/index.html"));
    }
    for entry in site["companies"].as_array().expect("companies") {
        if entry["top"].as_bool() == Some(true) || entry["sector_winner"].as_bool() == Some(true) {
            expected.push(format!(
                "2026/badges/{}.svg",
                entry["id"].as_str().expect("id")
            ));
        }
    }
    for path in &expected {
        assert!(built().join(path).is_file(), "missing {path}");
        assert!(built().join("de").join(path).is_file(), "missing de/{path}");
    }
    for path in ["sitemap.xml", "robots.txt", "assets/style.css"] {
        assert!(built().join(path).is_file(), "missing {path}");
    }
    // The draft article is left out of a normal build.
    assert!(!built().join("articles/preview-2027").exists());
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://rankings.example.org/de/companies/kontor-bank/</loc>"));
    assert!(sitemap.contains("hreflang=\"de\""));
}

/// The table starting at `marker` in an HTML page.
fn table<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let end = start + html[start..].find("</table>").expect("table end");
    &html[start..end]
}

/// The table row of company `id` in an HTML table.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let link = format!("companies/{id}/index.html\"");
    let at = html
        .find(&link)
        .unwrap_or_else(|| panic!("no row for {id}"));
    let start = html[..at].rfind("<tr").expect("row start");
    let end = at + html[at..].find("</tr>").expect("row end");
    &html[start..end]
}

#[test]
fn ranking_json_agrees_with_the_edition_pages() {
    for year in [2024, 2025, 2026] {
        let ranking = json(&format!("{year}/ranking.json"));
        assert_eq!(ranking["edition"], year);
        assert_eq!(ranking["precision"], 1);
        let english_page = read(&format!("{year}/index.html"));
        // The full ranking over its pages (`rows_per_page: 50`: 90 companies on two).
        let whole = |prefix: &str| {
            let mut tables = String::new();
            let mut page = format!("{prefix}{year}/index.html");
            let mut number = 1;
            while built().join(&page).is_file() {
                tables.push_str(table(
                    &read(&page),
                    "<table class=\"ranking\" id=\"ranking\"",
                ));
                number += 1;
                page = format!("{prefix}{year}/ranking/{number}/index.html");
            }
            (tables, number - 1)
        };
        let (english, pages) = whole("");
        let (german, _) = whole("de/");
        let (english, german) = (english.as_str(), german.as_str());
        let ranked = ranking["companies"].as_array().expect("companies").len();
        assert_eq!(pages, ranked.div_ceil(50), "{year}: {ranked} companies");
        let not_ranked_table = english_page
            .find("id=\"not-ranked-heading\"")
            .map(|at| table(&english_page[at..], "<table"));
        let companies = ranking["companies"].as_array().expect("companies");
        let mut previous_rank = 0;
        for entry in companies {
            let id = entry["id"].as_str().expect("id");
            let rank = entry["rank"].as_u64().expect("rank");
            assert!(rank >= previous_rank, "companies are in rank order");
            previous_rank = rank;
            let score = entry["score"].as_f64().expect("score");
            let score_text = format!("{score:.1}");
            let row_en = row(english, id);
            assert!(
                row_en.contains(&format!(
                    "<td class=\"num rank\" data-value=\"{rank}\">{rank}"
                )),
                "{year} {id} rank {rank}: {row_en}"
            );
            assert!(
                row_en.contains(&format!(
                    "<td class=\"num score\" data-value=\"{}\">{score_text}</td>",
                    (score * 10.0).round() as i64
                )),
                "{year} {id}: {row_en}"
            );
            let row_de = row(german, id);
            assert!(
                row_de.contains(&format!("\">{}</td>", score_text.replace('.', ","))),
                "{row_de}"
            );
            match &entry["change"] {
                serde_json::Value::Null => assert!(row_en.contains("change-new"), "{row_en}"),
                change => {
                    let places = change["rank"].as_i64().expect("rank change");
                    let unit = if places.abs() == 1 { "place" } else { "places" };
                    let shown = match places.signum() {
                        1 => {
                            format!("\u{25b2}</span> <span class=\"change-words\">{places} {unit}")
                        }
                        -1 => format!(
                            "\u{25bc}</span> <span class=\"change-words\">{} {unit}",
                            -places
                        ),
                        _ => "=</span> <span class=\"change-words\">same place".to_string(),
                    };
                    assert!(
                        row_en.contains(&format!("<span class=\"arrow\">{shown}</span>")),
                        "{year} {id} change {shown}: {row_en}"
                    );
                    // The points, labelled, with the sign the JSON's difference has.
                    let points = change["score"].as_f64().expect("score change");
                    let sign = match points.partial_cmp(&0.0) {
                        Some(std::cmp::Ordering::Greater) => "+",
                        Some(std::cmp::Ordering::Less) => "\u{2212}",
                        _ => "±",
                    };
                    assert!(
                        row_en.contains(&format!(
                            "<span class=\"change-score\">{sign}{:.1} points</span>",
                            points.abs()
                        )),
                        "{year} {id} points {points}: {row_en}"
                    );
                }
            }
        }
        for entry in ranking["not_ranked"].as_array().expect("not ranked") {
            let id = entry["id"].as_str().expect("id");
            let reason = entry["reason"].as_str().expect("reason");
            let responses_reason = reason.split(';').next().expect("reason").trim();
            if responses_reason.ends_with("required") {
                let table = not_ranked_table.expect("a not-ranked table");
                // Respondent-level: "23 customer responses, 30 required" in the JSON (ids) is
                // "Customer survey: 23 responses, 30 required" on the page (names).
                // With weights, "22.35 effective customer responses, 30 required" is
                // "Customer survey: 22.35 effective responses, 30 required".
                let shown = match responses_reason.split(' ').collect::<Vec<_>>()[..] {
                    [count, perspective, "responses,", required, "required"] => format!(
                        "{}: {count} responses, {required} required",
                        perspective_name(perspective)
                    ),
                    [
                        count,
                        "effective",
                        perspective,
                        "responses,",
                        required,
                        "required",
                    ] => {
                        format!(
                            "{}: {count} effective responses, {required} required",
                            perspective_name(perspective)
                        )
                    }
                    _ => responses_reason.to_string(),
                };
                assert!(row(table, id).contains(&shown), "{id}: {reason}");
            }
        }
    }
}

#[test]
fn the_example_shows_every_case_of_the_spec() {
    let ranking = json("2026/ranking.json");
    let companies = ranking["companies"].as_array().expect("companies");
    let by_id = |id: &str| {
        companies
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    // A gap year: Kontor Bank was not ranked in 2025 and is compared with 2024.
    let kontor_2024 = json("2024/ranking.json")["companies"]
        .as_array()
        .expect("2024")
        .iter()
        .find(|c| c["id"] == "kontor-bank")
        .cloned()
        .expect("kontor 2024");
    let kontor = by_id("kontor-bank");
    let expected_change =
        ((kontor["score"].as_f64().unwrap() - kontor_2024["score"].as_f64().unwrap()) * 10.0)
            .round()
            / 10.0;
    assert_eq!(kontor["change"]["score"].as_f64().unwrap(), expected_change);
    assert_eq!(
        kontor["change"]["rank"].as_i64().unwrap(),
        kontor_2024["rank"].as_i64().unwrap() - kontor["rank"].as_i64().unwrap()
    );
    // Not ranked: too few responses and a missing score.
    let reasons: Vec<&str> = ranking["not_ranked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["reason"].as_str().unwrap())
        .collect();
    // 12 weighted customers are worth fewer: Kish's effective number, to two decimals.
    assert!(
        reasons.contains(&"Customer survey: 11.60 effective responses, 30 required"),
        "{reasons:?}"
    );
    // A company that sent no management questionnaire.
    assert!(reasons.contains(&"Management survey: 0 responses, 1 required"));
    // 2025 is pre-aggregated: its reason has the v1 wording.
    assert!(
        json("2025/ranking.json")["not_ranked"][0]["reason"]
            .as_str()
            .unwrap()
            .ends_with(" responses, 30 required")
    );
    // 2026 is respondent-level: intervals, plausible ranks, tiers; its two closest sector wins
    // are marked as within the margin of error.
    assert!(
        companies
            .iter()
            .all(|c| c["ci"].is_object() && c["rank_range"].is_object())
    );
    for tier in ["gold", "silver", "bronze"] {
        assert!(companies.iter().any(|c| c["tier"] == tier), "{tier}");
    }
    assert!(companies.iter().any(|c| c["tier"].is_null()));
    assert!(read("2026/index.html").contains("lead within the margin of error"));
    assert!(json("2025/ranking.json")["companies"][0]["ci"].is_null());
    // A tie: the company page marks the shared rank as the table does ("10="), and gives the
    // sector rank out of the sector's ranked companies.
    let tied = companies
        .iter()
        .find(|c| companies.iter().filter(|o| o["rank"] == c["rank"]).count() > 1)
        .expect("a tie in 2026");
    let page = read(&format!(
        "companies/{}/index.html",
        tied["id"].as_str().unwrap()
    ));
    assert!(
        // The tie marked "=", and out of how many ranked companies.
        page.contains(&format!(
            ">{}= of {}</a></dd>",
            tied["rank"],
            companies.len()
        )),
        "{page}"
    );
    let sector_size = companies
        .iter()
        .filter(|c| c["sector"] == tied["sector"])
        .count();
    assert!(
        page.contains(&format!(
            ">{} of {sector_size}</a></dd>",
            tied["sector_rank"]
        )) || page.contains(&format!(
            ">{}= of {sector_size}</a></dd>",
            tied["sector_rank"]
        ))
    );
    // A sector too small for a winner.
    assert!(
        companies
            .iter()
            .filter(|c| c["sector"] == "financial-brokers")
            .all(|c| c["sector_winner"] == false)
    );
    assert!(
        read("2026/sectors/financial-brokers/index.html")
            .contains("a sector winner is named from 3 ranked companies on")
    );
    // Ties: two companies share a rank, and in 2025 two telecom companies share the sector win.
    let ranks: Vec<u64> = companies
        .iter()
        .map(|c| c["rank"].as_u64().unwrap())
        .collect();
    assert!(ranks.windows(2).any(|w| w[0] == w[1]));
    let telecom_2025_winners = json("2025/ranking.json")["companies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["sector"] == "telecom" && c["sector_winner"] == true)
        .count();
    assert_eq!(telecom_2025_winners, 2);
    // The site says the data is fictional, in both languages.
    assert!(read("index.html").contains("fictional"));
    assert!(read("de/index.html").contains("frei erfunden"));
}

#[test]
fn pages_carry_accessible_charts_and_language_links() {
    let company = read("companies/kaufhaus-linde/index.html");
    for id in ["chart-criteria", "chart-history"] {
        assert!(
            company.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")),
            "{id}"
        );
    }
    assert!(company.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(company.contains("href=\"../../de/companies/kaufhaus-linde/index.html\""));
    assert!(company.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://rankings.example.org/de/companies/kaufhaus-linde/\">"));
    let german = read("de/companies/kaufhaus-linde/index.html");
    assert!(german.contains("<html lang=\"de\" dir=\"ltr\">"));
    assert!(german.contains("Jede Beschwerde"));
    let edition = read("2026/index.html");
    assert!(edition.contains("id=\"chart-sectors\"") && edition.contains("id=\"chart-scatter\""));
    assert!(
        edition.contains("(r = 0."),
        "the scatter chart states its correlation coefficient"
    );
    let sector = read("2026/sectors/telecom/index.html");
    assert!(sector.contains("id=\"chart-sector\""));
    // Every chart has its data as a table next to it.
    assert_eq!(
        edition.matches("<figure class=\"chart\"").count(),
        edition.matches("class=\"chart-data\"").count()
    );
}

#[test]
fn drafts_are_published_only_when_asked() {
    let output = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("example-site-drafts");
    build_into(&output, true);
    assert!(output.join("articles/preview-2027/index.html").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let second = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("example-site-again");
    build_into(&second, false);
    let first = crate::support::snapshot(built());
    let again = crate::support::snapshot(&second);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &first {
        assert!(bytes == &again[name], "{name} differs between two builds");
    }
}

#[test]
fn a_site_template_overrides_the_theme_template_of_the_same_path() {
    let fixture = crate::support::Fixture::with_theme(&[(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost? Our own page.</h1>{% endblock content %}",
    )]);
    let options = crate::support::in_memory(fixture.root());
    let (_, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    let page = String::from_utf8(files["404.html"].clone()).expect("utf-8");
    assert!(page.contains("<h1>Lost? Our own page.</h1>"), "{page}");
    // The rest of the theme is still used.
    assert!(page.contains("class=\"site-header\""));
    let home = String::from_utf8(files["index.html"].clone()).expect("utf-8");
    assert!(home.contains("<h1>Test Ranking</h1>"));
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let fixture = crate::support::Fixture::with_theme(&[(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t.not_found_title | no_such_filter }}</h1>\n{% endblock content %}",
    )]);
    let options = crate::support::in_memory(fixture.root());
    match build(&options) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => {
            let text = diagnostics.to_string();
            assert!(text.contains("templates/404.html"), "{text}");
            assert!(text.contains("no_such_filter"), "{text}");
            assert!(text.contains(":3:"), "{text}");
        }
        Err(other) => panic!("expected a diagnostic, got {other}"),
        Ok(_) => panic!("a template with an unknown filter must not build"),
    }
}

#[test]
fn the_search_index_lists_companies_sectors_and_articles_per_language() {
    let english = read("search-index.js");
    let german = read("de/search-index.js");
    let parse = crate::support::search_entries;
    let (en, de) = (parse(&english), parse(&german));
    // 100 companies, 10 sectors, 3 published articles (the draft is left out).
    assert_eq!(en.len(), 113);
    assert_eq!(de.len(), 113);
    let find = |entries: &[serde_json::Value], title: &str| {
        entries.iter().find(|e| e["t"] == title).cloned()
    };
    assert_eq!(
        find(&en, "Health insurers").expect("sector")["u"],
        "2026/sectors/health-insurers/index.html"
    );
    assert_eq!(
        find(&de, "Krankenkassen").expect("sector")["u"],
        "de/2026/sectors/health-insurers/index.html"
    );
    assert!(find(&de, "Küstenurlaub").is_some() && find(&en, "Seaside Holidays").is_some());
    let article = find(
        &de,
        "Interne Standards und Kundenzufriedenheit gehen zusammen",
    )
    .expect("article");
    assert!(article["x"].as_str().unwrap().contains("Korrelation"));
    assert!(!english.contains("What changes in 2027"));
    // What the search says comes with the index, in its language and plural forms (once, not
    // in every page's search form).
    let texts = crate::support::search_texts(&german);
    assert_eq!(texts["none"], "Keine Treffer");
    assert_eq!(texts["results"]["one"], "{count} Treffer");
    assert_eq!(
        crate::support::search_texts(&english)["all"]["other"],
        "Show all {count} results"
    );
    assert!(!read("de/index.html").contains("data-results-"));
    // Small enough to load on a phone: well under 64 KB per language.
    assert!(english.len() < 64 * 1024 && german.len() < 64 * 1024);
    // Every page carries the search form and script.
    let page = read("de/companies/kontor-bank/index.html");
    assert!(page.contains("data-index=\"../../search-index.js\""));
    assert!(page.contains("src=\"../../../assets/search.js\""));
}

#[test]
fn every_page_has_share_preview_tags_and_images_exist() {
    for (page, image) in [
        (
            "companies/kaufhaus-linde/index.html",
            "companies/kaufhaus-linde/preview.png",
        ),
        ("de/2026/index.html", "de/2026/preview.png"),
        ("de/2026/sectors/telecom/index.html", "de/2026/preview.png"),
        ("methodology/index.html", "2026/preview.png"),
    ] {
        let html = read(page);
        let tag = format!(
            "<meta property=\"og:image\" content=\"https://rankings.example.org/{image}\">"
        );
        assert!(html.contains(&tag), "{page}: {tag}");
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
        let png = fs::read(built().join(image)).expect("preview image");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{image} is a PNG");
        // 1200 x 630, from the IHDR chunk.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
    }
    let company = read("companies/kaufhaus-linde/index.html");
    // The code a winner copies links its seal to the page that confirms it, one attribute per
    // line so that nothing wraps inside a word.
    assert!(company.contains("&lt;a href=&quot;https://rankings.example.org/verify/2026/kaufhaus-linde/&quot;&gt;\n  &lt;img src=&quot;https://rankings.example.org/2026/badges/kaufhaus-linde.svg&quot;"), "{company}");
    let check = read("verify/2026/kaufhaus-linde/index.html");
    for words in [
        "Kaufhaus Linde holds these awards of “Most Customer-Oriented Service Providers 2026”, published by Service Ranking Institute on June 15, 2026:",
        "<li>Gold 2026</li>",
        "<li>Sector winner Retail 2026</li>",
        "The seals of this edition are valid until June 30, 2027.",
        "is not genuine",
    ] {
        assert!(check.contains(words), "{words} in {check}");
    }
    assert!(read("de/verify/2026/kaufhaus-linde/index.html").contains("gültig bis 30. Juni 2027"));
    // The seal names the publisher, the edition and its validity, in text of 20 units or more
    // (10 px at the embed's 120 px).
    let seal = read("2026/badges/kaufhaus-linde.svg");
    for words in [
        ">Service Ranking<",
        ">Institute<",
        ">2026<",
        ">valid until<",
        ">June 30, 2027<",
    ] {
        assert!(seal.contains(words), "{words} in {seal}");
    }
    let smallest = seal
        .split("font-size=\"")
        .skip(1)
        .map(|v| v.split('"').next().unwrap().parse::<u32>().unwrap())
        .min()
        .unwrap();
    assert!(smallest >= 20, "{smallest}");
}

#[test]
fn articles_embed_rankings_charts_and_links() {
    let article = read("articles/travel-on-the-move/index.html");
    let table = article
        .split("class=\"embed-ranking\"")
        .nth(1)
        .expect("an embedded ranking table");
    let table = &table[..table.find("</table>").expect("table end")];
    // The travel sector's top five in 2026, with sector ranks, as on the sector page.
    let sector_page = read("2026/sectors/travel/index.html");
    for company in ["wanderlust-touristik", "inselhopper"] {
        let row = row(table, company);
        let on_sector_page = row_in(&sector_page, company);
        let score = |r: &str| {
            r.split("<td class=\"num score\"")
                .nth(1)
                .and_then(|s| s.split('>').nth(1))
                .and_then(|s| s.split('<').next())
                .map(str::to_string)
        };
        assert!(score(row).is_some(), "{company}: {row}");
        assert_eq!(score(row), score(on_sector_page), "{company}");
    }
    assert_eq!(
        table.matches("<tr").count(),
        6,
        "a header row and the top five"
    );
    assert!(
        article.contains("id=\"embed-chart-2\""),
        "the history chart"
    );
    assert!(article.contains(
        "<a href=\"../../companies/wanderlust-touristik/index.html\">Wanderlust Touristik</a>"
    ));
    assert!(article.contains("<a href=\"../../2026/sectors/travel/index.html\">Travel</a>"));
    let german = read("de/articles/travel-on-the-move/index.html");
    assert!(
        german.contains("<a href=\"../../2026/sectors/travel/index.html\">Reisen</a>"),
        "links are named in the page's language"
    );
    let scatter = read("articles/internal-standards-drive-satisfaction/index.html");
    assert!(scatter.contains("aria-labelledby=\"embed-chart-0-title embed-chart-0-desc\""));
    // An embedded table or chart replaces its paragraph rather than sitting inside one.
    assert!(!article.contains("<p><div") && !article.contains("<p><figure"));
}

fn row_in<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find("<table class=\"ranking\"")
        .expect("ranking table");
    row(&html[start..], id)
}

#[test]
fn a_syntax_error_in_a_user_theme_names_the_template_line_and_problem() {
    let fixture = crate::support::Fixture::new(&[(
        "data/site.yaml",
        &format!("{}theme: mine\n", crate::support::SITE),
    )]);
    crate::support::copy_dir(
        &crate::support::repo_root().join("themes/default"),
        &fixture.root().join("themes/mine"),
    );
    std::fs::write(
        fixture.root().join("themes/mine/templates/methodology.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t.methodology </h1>\n{% endblock content %}\n",
    )
    .unwrap();
    let options = crate::support::in_memory(fixture.root());
    match build(&options) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => {
            let error = diagnostics
                .iter()
                .find(|d| d.is_error())
                .unwrap_or_else(|| panic!("no error:\n{diagnostics}"));
            assert_eq!(
                error.file, "themes/mine/templates/methodology.html",
                "{error}"
            );
            assert_eq!(error.line, Some(3), "{error}");
            assert!(!error.message.is_empty(), "{error}");
        }
        Err(other) => panic!("expected a diagnostic, got {other}"),
        Ok(_) => panic!("a template with a syntax error must not build"),
    }
}

/// An embed's placeholder is the build's own marker: no published file holds one, escaped or
/// not (the feed used to keep them where the article's embeds were).
#[test]
fn no_published_file_holds_an_embed_placeholder() {
    let mut leaks = Vec::new();
    for entry in walkdir::WalkDir::new(built()) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if text.contains("rankpress-embed") {
            leaks.push(entry.path().display().to_string());
        }
    }
    assert_eq!(leaks, Vec::<String>::new());
}

/// Every chart and every ranking table says where its numbers come from, with a link to the
/// methodology (issue 36: "every chart and table with a source line").
#[test]
fn every_chart_and_ranking_table_names_its_source() {
    let ranking = json("2026/ranking.json");
    let respondents = ranking["respondents_total"]["customer"].as_u64().unwrap();
    assert_eq!(
        respondents, 5356,
        "the example's customers over every company"
    );
    // ranking.json's fieldwork, 2026-02-02 to 2026-03-27, in English's long dates.
    assert_eq!(ranking["survey"]["fieldwork"]["start"], "2026-02-02");
    let expected = "<p class=\"source\">Source: Service Ranking Institute, Most \
                    Customer-Oriented Service Providers 2026 · Customer opinions: 5,356 · \
                    Fieldwork: February 2, 2026 to March 27, 2026 · <a href=\"";
    for page in [
        "index.html",
        "2026/index.html",
        "2026/ranking/2/index.html",
        "2026/sectors/banks/index.html",
        "companies/kaufhaus-linde/index.html",
    ] {
        let html = read(page);
        let charts = html.matches("<figure class=\"chart\"").count();
        let tables = html.matches("<table class=\"ranking\"").count();
        let sources = html.matches("<p class=\"source\">").count();
        assert_eq!(
            sources,
            charts + tables,
            "{page}: {charts} charts, {tables} rankings"
        );
        assert!(charts + tables > 0, "{page}");
        for line in html.split("<p class=\"source\">").skip(1) {
            let line = line.split("</p>").next().unwrap();
            assert!(
                line.contains("methodology/index.html\">Methodology</a>"),
                "{page}: {line}"
            );
        }
    }
    // An edition's charts and tables: the publisher, the edition, its respondents and fieldwork.
    assert!(read("2026/index.html").contains(expected));
    assert!(read("2026/sectors/banks/index.html").contains(expected));
    // A company's history spans the editions (a word joiner after the dash: never broken there).
    assert!(read("companies/kaufhaus-linde/index.html").contains(
        "<p class=\"source\">Source: Service Ranking Institute, Most Customer-Oriented Service \
         Providers 2024–\u{2060}2026 · <a href=\""
    ));
    // In German, in German words and dates.
    assert!(read("de/2026/index.html").contains(
        "<p class=\"source\">Quelle: Institut für Servicerankings, Die kundenorientiertesten \
         Dienstleister 2026 · Kundenurteile: 5.356 · Feldzeit: 2. Februar 2026 bis 27. März 2026 · "
    ));
}

/// compare/data.js holds every company with a page, in few bytes: its sector as a place in the
/// list of sectors, its page through one pattern, nothing for empty texts and unknown numbers,
/// the score for the chart to a thousandth of a point.
#[test]
fn the_comparison_data_names_every_company_once_and_briefly() {
    let script = read("compare/data.js");
    let json = script
        .trim()
        .strip_prefix("window.rankpressCompare = ")
        .and_then(|s| s.strip_suffix(';'))
        .expect("the data script");
    let data: serde_json::Value = serde_json::from_str(json).expect("json");
    assert_eq!(data["href"], "../companies/{id}/index.html");
    let sectors = data["sectors"].as_array().expect("sectors");
    let companies = data["companies"].as_array().expect("companies");
    let by_id = |id: &str| companies.iter().find(|c| c["id"] == id).expect(id).clone();
    // Aegis Direct, an insurer, 43= in 2026 with 69.678 (shown 69.7).
    let aegis = by_id("aegis-direct");
    assert_eq!(
        sectors[aegis["sector"].as_u64().unwrap() as usize],
        "Insurers"
    );
    assert_eq!(
        (aegis["rank"].as_str(), aegis["score"].as_str()),
        (Some("43="), Some("69.7"))
    );
    assert_eq!(aegis["units"], 697);
    assert_eq!(aegis["value"].as_f64(), Some(69.678));
    assert!(aegis.get("href").is_none() && aegis.get("status").is_none());
    // Boxfox, not ranked in 2026: why, and no rank, score or numbers at all.
    let boxfox = by_id("boxfox");
    assert_eq!(boxfox["status"], "Not ranked in 2026");
    for key in [
        "rank", "score", "units", "value", "low", "high", "range", "interval", "tier",
    ] {
        assert!(boxfox.get(key).is_none(), "{key}");
    }
    assert!(!script.contains("\"\"") && !script.contains(":null"));
}
