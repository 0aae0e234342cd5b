//! Each page kind's data from one small site, checked against values worked out by hand.
//!
//! The site: one perspective (1 to 5, higher is better) with two criteria of equal weight, so a
//! company's score is the mean of `100 × (value − 1) / 4` over its two answers; `min_responses`
//! 10, a top list of 2, one decimal, and a sector needs 2 ranked companies for a winner.
//!
//! | | 2025 (speed, care) | score | rank | 2026 | score | rank | change |
//! |---|---|---|---|---|---|---|---|
//! | alpha (banks) | 4, 4 | 75.0 | 2 | 5, 4 | 87.5 | 1 | ▲ +1, +12.5 |
//! | beta (banks) | 5, 4 | 87.5 | 1 | 3, 3 | 50.0 | 3 | ▼ −2, −37.5 |
//! | gamma (travel) | 2, 2 | 25.0 | 3 | 4, 4 | 75.0 | 2 | ▲ +1, +50.0 |
//! | delta (travel) | | | | 5 responses | | not ranked | |
//!
//! 2026's average is (87.5 + 50 + 75) / 3 = 70.83 → "70.8"; banks' is 68.75 → "68.8" (half away
//! from zero); travel has one ranked company, so no winner.

use super::*;
use crate::diagnostics::Diagnostics;
use crate::input::source::SourceFile;
use crate::input::{EditionFiles, Inputs};
use crate::model::scoring::score_site;
use crate::rounding::Rounding;

const SITE: &str = "title: Test\nbase_url: https://example.org/\nlanguages: [en]\ntop: 2\nprecision: 1\nmin_sector_size: 2\nshare_images: all\n";
const METHODOLOGY: &str = "min_responses: 10\nperspectives:\n  - id: customer\n    name: Customers\n    scale: {min: 1, max: 5}\n    criteria:\n      - {id: speed, name: Speed}\n      - {id: care, name: Care}\n";
const SECTORS: &str = "- {id: banks, name: Banks}\n- {id: travel, name: Travel}\n";
const COMPANIES: &str = "- {id: alpha, name: Alpha, sector: banks}\n- {id: beta, name: Beta, sector: banks}\n- {id: gamma, name: Gamma, sector: travel}\n- {id: delta, name: Delta, sector: travel}\n";
const Y2025: &str = "year: 2025\npublished: 2025-06-15\nresults:\n  - {company: alpha, responses: 40, scores: {speed: 4, care: 4}}\n  - {company: beta, responses: 40, scores: {speed: 5, care: 4}}\n  - {company: gamma, responses: 40, scores: {speed: 2, care: 2}}\n";
const Y2026: &str = "year: 2026\npublished: 2026-06-15\nresults:\n  - {company: alpha, responses: 40, scores: {speed: 5, care: 4}}\n  - {company: beta, responses: 40, scores: {speed: 3, care: 3}}\n  - {company: gamma, responses: 40, scores: {speed: 4, care: 4}}\n  - {company: delta, responses: 5, scores: {speed: 5, care: 5}}\n";

struct Fixture {
    site: Site,
    content: Content,
    results: Vec<EditionResults>,
    locale: Locale,
}

fn fixture() -> Fixture {
    fixture_from(COMPANIES, Y2026)
}

/// The site with other companies and another 2026 edition.
fn fixture_from(companies: &str, y2026: &str) -> Fixture {
    let file = |name: &str, text: &str| Some(SourceFile::new(name, text));
    let inputs = Inputs {
        site: file("data/site.yaml", SITE),
        methodology: file("data/methodology.yaml", METHODOLOGY),
        sectors: file("data/sectors.yaml", SECTORS),
        companies: file("data/companies.yaml", companies),
        editions: vec![
            EditionFiles {
                stem: "2025".into(),
                yaml: file("data/editions/2025.yaml", Y2025),
                results: Vec::new(),
            },
            EditionFiles {
                stem: "2026".into(),
                yaml: file("data/editions/2026.yaml", y2026),
                results: Vec::new(),
            },
        ],
        static_files: Default::default(),
    };
    let mut diagnostics = Diagnostics::new();
    let site = crate::model::validate::validate_data(&inputs, &mut diagnostics)
        .unwrap_or_else(|| panic!("{diagnostics}"));
    let results = score_site(&site);
    let strings: crate::locale::Strings =
        serde_yaml::from_str(include_str!("../../themes/default/i18n/en.yaml")).unwrap();
    let locale = Locale::new("en", 0, strings, Rounding::new(1));
    Fixture {
        site,
        content: Content::default(),
        results,
        locale,
    }
}

impl Fixture {
    fn data(&self) -> SiteData<'_> {
        SiteData {
            site: &self.site,
            content: &self.content,
            results: &self.results,
            locales: std::slice::from_ref(&self.locale),
        }
    }
}

fn names(rows: &[RowView]) -> Vec<(&str, usize, &str)> {
    rows.iter()
        .map(|r| (r.name.as_str(), r.rank, r.score.as_str()))
        .collect()
}

#[test]
fn home_shows_the_latest_edition_its_top_list_and_winners() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
    let (layout, home) = builder.home().unwrap();
    assert_eq!(layout.home_href, "index.html");
    let edition = home.edition.expect("the latest edition");
    assert_eq!(
        (edition.year, edition.ranked, edition.not_ranked),
        (2026, 3, 1)
    );
    assert_eq!(edition.average, "70.8");
    assert_eq!(edition.json_href, "2026/ranking.json");
    assert_eq!(
        names(&home.top),
        vec![("Alpha", 1, "87.5"), ("Gamma", 2, "75.0")]
    );
    assert_eq!(names(&home.winners), vec![("Alpha", 1, "87.5")]);
}

#[test]
fn an_edition_lists_every_rank_the_companies_not_ranked_and_the_sectors() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "2026/index.html");
    let (_, edition) = builder.edition(2026).unwrap();
    assert_eq!(
        names(&edition.rows),
        vec![
            ("Alpha", 1, "87.5"),
            ("Gamma", 2, "75.0"),
            ("Beta", 3, "50.0")
        ]
    );
    assert_eq!(edition.rows[0].href, "../companies/alpha/index.html");
    assert_eq!(edition.not_ranked.len(), 1);
    assert_eq!(edition.not_ranked[0].name, "Delta");
    assert!(
        edition.not_ranked[0].reason.contains('5'),
        "{}",
        edition.not_ranked[0].reason
    );
    let sectors: Vec<(&str, &str, bool)> = edition
        .sectors
        .iter()
        .map(|s| (s.name.as_str(), s.average.as_str(), s.names_winner))
        .collect();
    assert_eq!(
        sectors,
        vec![("Banks", "68.8", true), ("Travel", "75.0", false)]
    );
}

#[test]
fn the_change_column_says_which_way_and_how_far() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "2026/index.html");
    let results = &fixture.results[1];
    let change = |rank: usize| builder.change_view(&results.ranked[rank]);
    let alpha = change(0);
    assert_eq!(
        (alpha.direction, alpha.rank.as_str(), alpha.score.as_str()),
        (Direction::Up, "+1", "+12.5")
    );
    let beta = change(2);
    assert_eq!(
        (beta.direction, beta.rank.as_str(), beta.score.as_str()),
        (Direction::Down, "\u{2212}2", "\u{2212}37.5")
    );
    assert!(beta.label.contains("2025"), "{}", beta.label);
    // The first edition has nothing to compare with.
    let first = builder.change_view(&fixture.results[0].ranked[0]);
    assert_eq!(first.direction, Direction::New);
}

#[test]
fn a_sector_page_ranks_within_the_sector_and_names_its_winner() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "2026/sectors/banks/index.html");
    let (_, sector) = builder.sector(2026, 0).unwrap();
    let ranks: Vec<(&str, usize)> = sector
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.sector_rank))
        .collect();
    assert_eq!(ranks, vec![("Alpha", 1), ("Beta", 2)]);
    assert_eq!(
        (sector.average.as_str(), sector.overall_average.as_str()),
        ("68.8", "70.8")
    );
    // The sector table's change is of the sector place: Beta went from 1st to 2nd among the
    // banks (−1), though from 1st to 3rd overall (−2), and lost 37.5 points.
    let beta = &sector.rows[1];
    assert_eq!(
        (beta.change.rank.as_str(), beta.change.value, beta.change.score.as_str()),
        ("\u{2212}1", Some(-1), "\u{2212}37.5")
    );
    assert!(beta.change.label.starts_with("down 1 place since 2025"), "{}", beta.change.label);
    let (_, edition) = builder.edition(2026).unwrap();
    let overall = edition.rows.iter().find(|r| r.name == "Beta").unwrap();
    assert_eq!(overall.change.value, Some(-2));
    assert!(sector.names_winner);
    let (_, travel) = builder.sector(2026, 1).unwrap();
    assert!(!travel.names_winner);
    assert!(!travel.no_winner_note.is_empty());
}

#[test]
fn a_shared_sector_rank_is_marked_on_each_company_that_shares_it() {
    // Banks in 2026: alpha 87.5, beta and epsilon 50.0 (3, 3), zeta 25.0 (2, 2): ranks 1, 2=,
    // 2= and 4 of 4.
    let companies = format!(
        "{COMPANIES}- {{id: epsilon, name: Epsilon, sector: banks}}\n- {{id: zeta, name: Zeta, sector: banks}}\n"
    );
    let y2026 = format!(
        "{Y2026}  - {{company: epsilon, responses: 40, scores: {{speed: 3, care: 3}}}}\n  - {{company: zeta, responses: 40, scores: {{speed: 2, care: 2}}}}\n"
    );
    let fixture = fixture_from(&companies, &y2026);
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
    let sector_rank = |id: &str| {
        let index = fixture.site.company_index(id).unwrap();
        let (_, company) = builder.company(index).unwrap();
        let latest = company.latest.expect("ranked in 2026");
        (latest.sector_rank_of, latest.sector_tied)
    };
    assert_eq!(sector_rank("alpha"), ("1 of 4".to_string(), false));
    assert_eq!(sector_rank("beta"), ("2= of 4".to_string(), true));
    assert_eq!(sector_rank("epsilon"), ("2= of 4".to_string(), true));
    assert_eq!(sector_rank("zeta"), ("4 of 4".to_string(), false));
}

#[test]
fn a_company_page_has_its_latest_result_history_and_seals() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "companies/alpha/index.html");
    let (layout, company) = builder.company(0).unwrap();
    let latest = company.latest.expect("ranked in 2026");
    assert_eq!((latest.year, latest.rank, latest.sector_rank), (2026, 1, 1));
    assert_eq!(
        (latest.score.as_str(), latest.sector_average.as_str()),
        ("87.5", "68.8")
    );
    assert!(latest.top && latest.winner);
    // Banks has two ranked companies in 2026: "1 of 2"; alpha was second of two in 2025.
    assert_eq!(latest.sector_rank_of, "1 of 2");
    assert!(!latest.tied && !latest.sector_tied);
    let sector_ranks: Vec<&str> = company
        .history
        .iter()
        .map(|h| h.sector_rank.as_str())
        .collect();
    assert_eq!(sector_ranks, vec!["1 of 2", "2 of 2"]);
    let history: Vec<(i32, &str, &str)> = company
        .history
        .iter()
        .map(|h| (h.year, h.rank.as_str(), h.score.as_str()))
        .collect();
    assert_eq!(history, vec![(2026, "1", "87.5"), (2025, "2", "75.0")]);
    // Top 2 in both editions, sector winner in 2026: a seal per edition, newest first.
    let seals: Vec<(i32, &str)> = company
        .badges
        .iter()
        .map(|b| (b.year, b.href.as_str()))
        .collect();
    assert_eq!(
        seals,
        vec![
            (2026, "../../2026/badges/alpha.svg"),
            (2025, "../../2025/badges/alpha.svg")
        ]
    );
    assert!(
        company.badges[0]
            .embed
            .contains("https://example.org/2026/badges/alpha.svg")
    );
    assert_eq!(
        layout.og_image.as_deref(),
        Some("https://example.org/companies/alpha/preview.png")
    );
    // Delta took part but was never ranked.
    let (_, delta) = builder.company(3).unwrap();
    assert!(delta.latest.is_none() && delta.status_note.is_some());
}

#[test]
fn the_methodology_page_shows_weights_and_rules_with_the_sites_numbers() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "methodology/index.html");
    let (_, methodology) = builder.methodology().unwrap();
    assert_eq!(methodology.perspectives.len(), 1);
    let criteria: Vec<(&str, &str)> = methodology.perspectives[0]
        .criteria
        .iter()
        .map(|c| (c.name.as_str(), c.weight.as_str()))
        .collect();
    assert_eq!(criteria, vec![("Speed", "1"), ("Care", "1")]);
    assert!(
        methodology.rules.iter().any(|r| r.contains("10")),
        "{:?}",
        methodology.rules
    );
}

#[test]
fn articles_and_the_missing_page() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "articles/index.html");
    let (_, articles) = builder.articles();
    assert!(articles.items.is_empty());
    assert!(builder.article(0).unwrap().is_none());
    // The 404 page links from the site's root path: a host shows it at any address.
    let builder = ViewBuilder::new(&data, &fixture.locale, "404.html");
    let (layout, _) = builder.not_found();
    assert_eq!(layout.home_href, "/index.html");
}

/// By default (`share_images: awards`) a company page has a card of its own when the company's
/// latest ranked result earned a seal; every other company page shares its edition's card.
#[test]
fn by_default_only_companies_with_an_award_have_a_card_of_their_own() {
    let mut fixture = fixture();
    fixture.site.config.share_images = ShareImages::default();
    let data = fixture.data();
    // 2026, top 2: Alpha first and Gamma second, each its sector's winner; Beta third and second
    // of the banks, no award; Delta 5 responses of 10 required, not ranked.
    let carded: Vec<&str> = (0..4)
        .filter(|&company| data.company_has_card(company))
        .map(|company| data.site.company(company).id.as_str())
        .collect();
    assert_eq!(carded, ["alpha", "gamma"]);
    let preview = |id: &str| preview_file(&data, &Route::company(id.to_string()), Some(2026));
    assert_eq!(preview("alpha"), Some(OutputFile::CompanyCard("alpha".into())));
    assert_eq!(preview("beta"), Some(OutputFile::EditionCard(2026)));
    assert_eq!(preview("delta"), Some(OutputFile::EditionCard(2026)));
    // With `all`, every company has its own.
    fixture.site.config.share_images = ShareImages::All;
    let data = fixture.data();
    assert!((0..4).all(|company| data.company_has_card(company)));
}

#[test]
fn share_cards_show_a_companys_latest_rank_and_an_editions_top_three() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
    let card = builder.company_card(0);
    assert_eq!(card.headline, "Alpha");
    assert!(card.figures.iter().any(|(_, value)| value == "87.5"));
    assert!(card.award.is_some());
    let edition = builder.edition_card(2026).expect("a card");
    assert_eq!(
        edition.list,
        vec!["1. Alpha 87.5", "2. Gamma 75.0", "3. Beta 50.0"]
    );
    assert_eq!(
        preview_file(&data, &Route::sector(2026, "banks"), Some(2026)),
        Some(OutputFile::EditionCard(2026))
    );
    // A shared place says so on the card, as on the pages: Beta and Gamma both 50.0, 2=.
    let tied = fixture_from(
        COMPANIES,
        &Y2026.replace(
            "{company: gamma, responses: 40, scores: {speed: 4, care: 4}}",
            "{company: gamma, responses: 40, scores: {speed: 3, care: 3}}",
        ),
    );
    let data = tied.data();
    let builder = ViewBuilder::new(&data, &tied.locale, "index.html");
    for company in [1, 2] {
        let card = builder.company_card(company);
        assert!(
            card.figures.iter().any(|(_, value)| value == "2="),
            "{:?}",
            card.figures
        );
    }
}

#[test]
fn criterion_leaders_overall_and_per_sector_share_equal_figures() {
    // 2026 criterion points: alpha speed 100, care 75; beta 50, 50; gamma 75, 75.
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "2026/index.html");
    let (_, edition) = builder.edition(2026).unwrap();
    let leaders = |list: &[leaders::LeaderView]| -> Vec<(String, Vec<String>, String)> {
        list.iter()
            .map(|l| {
                (
                    l.criterion.clone(),
                    l.leaders.iter().map(|c| c.label.clone()).collect(),
                    l.score.clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        leaders(&edition.leaders),
        vec![
            ("Speed".into(), vec!["Alpha".into()], "100.0".into()),
            (
                "Care".into(),
                vec!["Alpha".into(), "Gamma".into()],
                "75.0".into()
            ),
        ]
    );
    let (_, travel) = builder.sector(2026, 1).unwrap();
    assert_eq!(
        leaders(&travel.leaders),
        vec![
            ("Speed".into(), vec!["Gamma".into()], "75.0".into()),
            ("Care".into(), vec!["Gamma".into()], "75.0".into()),
        ]
    );
}

/// A company that moved to another sector has no sector place to compare with: its row on the
/// new sector's page says so, while the edition's table still shows its overall change.
#[test]
fn a_company_that_moved_sector_has_no_sector_change() {
    let y2026 = Y2026.replace(
        "{company: alpha, responses: 40,",
        "{company: alpha, sector: travel, responses: 40,",
    );
    let fixture = fixture_from(COMPANIES, &y2026);
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
    let (_, travel) = builder.sector(2026, 1).unwrap();
    let alpha = travel.rows.iter().find(|r| r.name == "Alpha").unwrap();
    assert_eq!(alpha.change.value, None);
    assert_eq!(alpha.change.label, "not ranked in this sector before");
    let (_, edition) = builder.edition(2026).unwrap();
    let overall = edition.rows.iter().find(|r| r.name == "Alpha").unwrap();
    assert_eq!(overall.change.value, Some(1));
}

/// The headline sentence follows STATISTICS.md step 12: no claim for averages, "clear" only when
/// the first's plausible places are exactly {1}, else the others plausibly first are named; a
/// tie names both. 2026: Alpha 87.5, Gamma 75.0 (12.5 points behind), Beta 50.0.
#[test]
fn the_lead_sentence_says_what_the_statistics_support() {
    let mut fixture = fixture();
    let lead = |fixture: &Fixture| {
        let data = fixture.data();
        let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
        builder.edition(2026).unwrap().1.edition.lead.unwrap()
    };
    assert_eq!(
        lead(&fixture),
        "First place: Alpha with 87.5, 12.5 points ahead of Gamma."
    );
    let edition = fixture.results.iter_mut().find(|r| r.year == 2026).unwrap();
    edition.ranked[0].rank_range = Some((1, 1));
    edition.ranked[1].rank_range = Some((2, 3));
    edition.ranked[2].rank_range = Some((2, 3));
    assert!(lead(&fixture).ends_with("ahead of Gamma: a clear lead, beyond the margin of error."));
    let edition = fixture.results.iter_mut().find(|r| r.year == 2026).unwrap();
    edition.ranked[0].rank_range = Some((1, 2));
    edition.ranked[1].rank_range = Some((1, 3));
    assert!(
        lead(&fixture).ends_with("within the margin of error; also plausibly first: Gamma."),
        "{}",
        lead(&fixture)
    );
    let edition = fixture.results.iter_mut().find(|r| r.year == 2026).unwrap();
    edition.ranked[1].rank = 1;
    edition.ranked[1].units = edition.ranked[0].units;
    assert_eq!(
        lead(&fixture),
        "Shared first place: Alpha and Gamma, each with 87.5."
    );
}

/// The top list's name carries its size where the language puts it: "Топ-2", not "Лучшие 2"
/// (a literal "the best 2" with the number glued on after).
#[test]
fn the_top_list_is_named_with_its_size_the_languages_way() {
    let fixture = fixture();
    let strings: crate::locale::Strings =
        serde_yaml::from_str(include_str!("../../themes/default/i18n/ru.yaml")).unwrap();
    let russian = Locale::new("ru", 0, strings, Rounding::new(1));
    let data = fixture.data();
    let (_, home) = ViewBuilder::new(&data, &russian, "index.html").home().unwrap();
    assert_eq!(home.top_label, "Топ-2");
    let (_, home) = ViewBuilder::new(&data, &fixture.locale, "index.html")
        .home()
        .unwrap();
    assert_eq!(home.top_label, "Top 2");
}

/// A company's rank says out of how many: "1 of 3" (2026: Alpha, Gamma and Beta ranked; Delta
/// not), as its sector rank does.
#[test]
fn a_company_rank_says_out_of_how_many() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
    let (_, alpha) = builder.company(0).unwrap();
    let latest = alpha.latest.unwrap();
    assert_eq!((latest.rank_of.as_str(), latest.sector_rank_of.as_str()), ("1 of 3", "1 of 2"));
}

/// The company page's not-ranked note says why: Delta gave 5 responses in 2026, the
/// methodology asks for 10.
#[test]
fn the_not_ranked_note_says_why() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
    let (_, delta) = builder.company(3).unwrap();
    assert!(delta.status_note.unwrap().starts_with("Took part in 2026 but was not ranked"));
    assert_eq!(
        delta.status_reason.as_deref(),
        Some("5 responses, 10 required")
    );
    let (_, alpha) = builder.company(0).unwrap();
    assert_eq!((alpha.status_note, alpha.status_reason), (None, None));
}

/// Sector averages lie close together, so they are dots on an axis that starts near them; a
/// sector with too few companies is a ring and leads nothing; equal published averages share
/// the lead in words.
#[test]
fn the_sector_comparison_is_a_dot_plot_that_names_every_leader() {
    let mut fixture = fixture();
    let chart = |fixture: &Fixture| {
        let data = fixture.data();
        let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
        builder.edition(2026).unwrap().1.charts.remove(0)
    };
    let sectors = chart(&fixture);
    assert_eq!(sectors.id, "chart-sectors");
    // Travel (75.0) rests on one ranked company, fewer than the 2 a winner needs.
    assert!(
        sectors.description.contains("Highest average: Banks, 68.8.")
            && sectors
                .description
                .contains("Travel: fewer than 2 ranked companies, too few to lead."),
        "{}",
        sectors.description
    );
    for key in ["Average score", "Highest average", "Too few companies to lead", "All companies: 70.8"] {
        assert!(sectors.svg.contains(&format!(">{key}</text>")), "key {key}");
    }
    // The axis runs from 65 (below banks' 68.75) to 80 (above travel's 75): no zero.
    assert!(sectors.svg.contains(">65</text>") && sectors.svg.contains(">80</text>"));
    assert!(!sectors.svg.contains(">0</text>"));
    fixture.site.config.min_sector_size = 1;
    let edition = fixture.results.iter_mut().find(|r| r.year == 2026).unwrap();
    let travel = edition.sectors.iter_mut().find(|s| s.sector == 1).unwrap();
    travel.averages.score = Some(68.76);
    let shared = chart(&fixture);
    assert!(
        shared
            .description
            .contains("Sharing the highest average, 68.8: Travel and Banks."),
        "{}",
        shared.description
    );
    assert!(!shared.svg.contains("Too few companies to lead"));
}

/// The home and edition pages show the top of the ranking as dots under the lead, with shared
/// places shaded and said in words.
#[test]
fn the_top_chart_shows_the_top_list_and_its_shared_places() {
    let mut fixture = fixture();
    let top = |fixture: &Fixture| {
        let data = fixture.data();
        let builder = ViewBuilder::new(&data, &fixture.locale, "index.html");
        let home = builder.home().unwrap().1.top_chart.unwrap();
        let edition = builder.edition(2026).unwrap().1.top_chart.unwrap();
        assert_eq!(home.svg, edition.svg);
        home
    };
    let chart = top(&fixture);
    assert_eq!(chart.title, "The top 2 of 2026: scores and margins of error");
    assert_eq!(
        chart.table.rows,
        vec![vec!["1. Alpha", "87.5"], vec!["2. Gamma", "75.0"]]
    );
    assert!(chart.description.contains("from 87.5 down to 75.0"));
    assert!(!chart.description.contains("Shaded rows"));
    let edition = fixture.results.iter_mut().find(|r| r.year == 2026).unwrap();
    edition.ranked[0].tied = true;
    edition.ranked[1].tied = true;
    let tied = top(&fixture);
    assert!(tied.description.ends_with("Shaded rows share a place."));
    assert!(tied.svg.contains(">shares this rank</text>"));
}

/// A score resting on barely more respondents than the minimum says so: with 10 required,
/// 14 effective respondents get the caveat, 15 do not.
#[test]
fn a_result_close_to_the_minimum_sample_says_so() {
    let mut fixture = fixture();
    let caveats = |fixture: &Fixture| {
        let data = fixture.data();
        let builder = ViewBuilder::new(&data, &fixture.locale, "companies/alpha/index.html");
        builder.company(0).unwrap().1.latest.unwrap().small_samples
    };
    assert!(caveats(&fixture).is_empty(), "averages only: no sample to speak of");
    let set = |fixture: &mut Fixture, n: f64| {
        let edition = fixture.results.iter_mut().find(|r| r.year == 2026).unwrap();
        let alpha = edition.ranked.iter_mut().find(|e| e.company == 0).unwrap();
        alpha.effective = Some(vec![n]);
    };
    set(&mut fixture, 14.0);
    assert_eq!(
        caveats(&fixture),
        vec![
            "Customers: n = 14, close to the minimum of 10. This result rests on few answers; read it with its interval."
        ]
    );
    set(&mut fixture, 11.6);
    assert!(caveats(&fixture)[0].starts_with("Customers: n = 11.60,"));
    set(&mut fixture, 15.0);
    assert!(caveats(&fixture).is_empty());
}

/// The summary of a long list says its count the language's way: "Show all (4,512)", not
/// "(4512)".
#[test]
fn a_long_lists_summary_groups_its_count() {
    let fixture = fixture();
    let data = fixture.data();
    let builder = ViewBuilder::new(&data, &fixture.locale, "2026/index.html");
    assert_eq!(builder.show_all(4512), "Show all (4,512)");
    let (_, edition) = builder.edition(2026).expect("the edition");
    assert_eq!(edition.show_all_not_ranked, "Show all (1)");
}
