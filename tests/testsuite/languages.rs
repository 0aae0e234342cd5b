//! Every language the default theme ships: complete, with the plural forms CLDR gives it, and
//! the same placeholders as English; site overrides; a language nobody has strings for;
//! right-to-left pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rankpress::locale::{Locale, Message, Strings};
use rankpress::rounding::Rounding;

use crate::support::{Fixture, SITE, edition, in_memory, repo_root, result};

/// The languages the issue asks for, and the right-to-left pair.
const REQUIRED: &[&str] = &[
    "en", "de", "fr", "es", "it", "nl", "pl", "cs", "hu", "ru", "uk", "be", "sv", "da", "pt", "ar",
    "he",
];

fn theme_language_files() -> BTreeMap<String, PathBuf> {
    std::fs::read_dir(repo_root().join("themes/default/i18n"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().to_string(), p))
        .collect()
}

fn strings_of(code: &str) -> Strings {
    let path = repo_root().join(format!("themes/default/i18n/{code}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| name.to_string())
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

fn forms(message: &Message) -> Vec<&str> {
    match message {
        Message::Text(text) => vec![text.as_str()],
        Message::Plural(forms) => forms.values().map(String::as_str).collect(),
    }
}

fn other(message: &Message) -> &str {
    match message {
        Message::Text(text) => text,
        Message::Plural(forms) => forms.get("other").map_or("", String::as_str),
    }
}

#[test]
fn the_theme_ships_every_required_language() {
    let shipped = theme_language_files();
    for code in REQUIRED {
        assert!(shipped.contains_key(*code), "no strings for `{code}`");
    }
}

/// A build in each language warns about nothing in its strings: every key a template or the
/// code uses is there, and every count-dependent string has exactly the plural forms CLDR gives
/// the language. A language missing a key or a form fails this test.
#[test]
fn every_theme_language_is_complete_with_its_plural_forms() {
    for code in theme_language_files().keys() {
        let site = SITE.replace("languages: [en, de]", &format!("languages: [{code}]"));
        let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
        let (report, _) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
            .unwrap_or_else(|e| panic!("`{code}`: {e}"));
        let about_strings: Vec<String> = report
            .warnings
            .iter()
            .map(|d| d.to_string())
            .filter(|w| w.contains("i18n/") || w.contains("interface string"))
            .collect();
        assert!(about_strings.is_empty(), "`{code}`: {about_strings:#?}");
    }
}

/// Each translation fills in the same values as the English text: a placeholder left out
/// hides a figure, and one English does not have would be shown as `{name}`.
#[test]
fn every_translation_has_the_english_placeholders() {
    let english = strings_of("en");
    for code in theme_language_files().keys() {
        let strings = strings_of(code);
        for (key, message) in &strings {
            let Some(original) = english.get(key) else {
                panic!("`{code}` has `{key}`, which English does not");
            };
            assert_eq!(
                placeholders(other(message)),
                placeholders(other(original)),
                "`{code}`: `{key}` fills in other values than English"
            );
            let known: BTreeSet<String> =
                forms(original).into_iter().flat_map(placeholders).collect();
            for form in forms(message) {
                assert!(
                    placeholders(form).is_subset(&known),
                    "`{code}`: `{key}` has a placeholder English does not know: {form}"
                );
            }
        }
    }
}

#[test]
fn russian_places_and_points_take_their_three_forms() {
    let ru = Locale::new("ru", 0, strings_of("ru"), Rounding::new(1));
    assert_eq!(ru.t_count("places", 1, &[]), "1 место");
    assert_eq!(ru.t_count("places", 2, &[]), "2 места");
    assert_eq!(ru.t_count("places", 5, &[]), "5 мест");
    assert_eq!(ru.t_count("places", 21, &[]), "21 место");
    // Scores have a decimal, and CLDR gives a decimal the `other` form: "4,5 балла".
    let score = ru.units(45);
    assert_eq!(
        ru.t_plural("points", ru.decimal(45), &[("score", &score)]),
        "4,5 балла"
    );
    let pl = Locale::new("pl", 0, strings_of("pl"), Rounding::new(1));
    assert_eq!(pl.t_count("places", 3, &[]), "3 miejsca");
    assert_eq!(pl.t_count("places", 12, &[]), "12 miejsc");
    let en = Locale::new("en", 0, strings_of("en"), Rounding::new(1));
    assert_eq!(en.t_count("places", 1, &[]), "1 place");
    assert_eq!(en.t_count("places", 3, &[]), "3 places");
}

/// A Russian ranking page writes its changes with Russian plural forms and numbers.
#[test]
fn a_russian_site_shows_russian_words_numbers_and_dates() {
    let site = SITE.replace("languages: [en, de]", "languages: [ru]");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let home = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(home.contains("lang=\"ru\" dir=\"ltr\""), "{home}");
    assert!(home.contains("Рейтинг"), "no Russian navigation");
    assert!(
        !home.contains(">Ranking<"),
        "English navigation on a Russian page"
    );
}

/// A company's history chart is described with its latest rank once, in the language's own
/// words: "rank 1", "Platz 1", "1. hely", not the chart label's "#1" inside the sentence
/// ("rank #1", "1.. hely").
#[test]
fn a_history_chart_names_the_latest_rank_once_in_every_language() {
    let site = SITE.replace("languages: [en, de]", "languages: [en, de, hu, ru]");
    let y2025 = edition(2025, &[result("alpha", 100, "4", "4", "2")]);
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/editions/2025.yaml", &y2025),
    ]);
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    for (prefix, words) in [
        ("", "in 2026 (rank 1);"),
        ("de/", "im Jahr 2026 (Platz 1);"),
        ("hu/", "(2026, 1. hely);"),
        ("ru/", "в 2026 году (место 1);"),
    ] {
        let page = String::from_utf8(files[&format!("{prefix}companies/alpha/index.html")].clone())
            .unwrap();
        let description = page
            .split("<desc id=\"chart-history-desc\">")
            .nth(1)
            .and_then(|rest| rest.split("</desc>").next())
            .unwrap_or_else(|| panic!("{prefix}: no history chart"));
        assert!(description.contains(words), "{prefix}: {description}");
    }
}

#[test]
fn a_site_overrides_and_adds_interface_strings() {
    let site = SITE.replace("languages: [en, de]", "languages: [en, de, hy]");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        // One German string changed, the rest stay the theme's.
        ("i18n/de.yaml", "nav_home: Anfang\n"),
        // A language the theme lacks, given by the site.
        (
            "i18n/hy.yaml",
            "nav_home: Գլխավոր\nlanguage_name: Հայերեն\n",
        ),
    ]);
    let (report, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let german = String::from_utf8(files["de/404.html"].clone()).unwrap();
    assert!(
        german.contains(">Anfang</a>"),
        "the site's string is not used"
    );
    assert!(
        german.contains("Methodik"),
        "the theme's other strings are lost"
    );
    let armenian = String::from_utf8(files["hy/404.html"].clone()).unwrap();
    assert!(armenian.contains(">Գլխավոր</a>"));
    assert!(armenian.contains("Հայերեն"));
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    // Armenian has strings now (no "no strings" warning), but not all of them.
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("interface strings for `hy`")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("`all_editions`")
            && w.contains("missing for `hy`")
            && w.contains("i18n/hy.yaml")),
        "{warnings:#?}"
    );
}

#[test]
fn plural_forms_that_do_not_fit_the_language_are_warnings() {
    let site = SITE.replace("languages: [en, de]", "languages: [en, ru]");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        (
            "i18n/ru.yaml",
            "places: \"{count} мест\"\npoints:\n  one: \"{score} балл\"\n  other: \"{score} балла\"\n  two: \"{score} балла\"\n",
        ),
    ]);
    let (report, _) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    let about = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(
        about(
            "`places` depends on a number, and `ru` has the plural categories one, few, many, other"
        ),
        "{warnings:#?}"
    );
    assert!(
        about("`points` lacks the plural form(s) few, many of `ru`"),
        "{warnings:#?}"
    );
    assert!(about("`points.two` is never shown"), "{warnings:#?}");
    assert!(about("i18n/ru.yaml"), "{warnings:#?}");
}

/// Arabic and Hebrew pages are right to left; the language menu names every language in its
/// own direction; charts keep their axes.
#[test]
fn right_to_left_languages_get_rtl_pages() {
    let site = SITE.replace("languages: [en, de]", "languages: [en, ar, he, de]");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    assert!(page("ar/index.html").contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(page("he/index.html").contains("<html lang=\"he\" dir=\"rtl\">"));
    let english = page("index.html");
    assert!(english.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(english.contains("lang=\"ar\" dir=\"rtl\">العربية</a>"));
    // Four languages: a menu that works without script.
    assert!(english.contains("<details class=\"language-menu\">"));
    assert!(page("ar/index.html").contains("الرئيسية"));
    let css = String::from_utf8(files["assets/style.css"].clone()).unwrap();
    assert!(!css.contains("text-align: left") && !css.contains("margin-right: auto"));
    assert!(css.contains(".chart-image { position: relative; direction: ltr; }"));
}

/// A site that adds a language learns how much of its data is left to translate: one warning
/// per language, counting the texts given by language without it, at the first of them. Plain
/// strings are the same in every language and are not counted. A description, like a name, that
/// names a language the site does not have is a warning too.
#[test]
fn texts_without_a_site_language_are_counted_in_one_warning_per_language() {
    let site = SITE.replace("languages: [en, de]", "languages: [en, de, fr]")
        + "description: {en: Rankings, fr: Classements, it: Classifiche}\n";
    let sectors = "- id: banks\n  name: Banks\n  description: {en: Money}\n- id: travel\n  name: {en: Travel, de: Reisen}\n";
    let (site, diagnostics) =
        Fixture::new(&[("data/site.yaml", &site), ("data/sectors.yaml", sectors)]).validate();
    assert!(site.is_some(), "{diagnostics}");
    let mut warnings: Vec<(String, Option<usize>, String)> = diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.line, d.message.clone()))
        .collect();
    warnings.sort();
    assert_eq!(
        warnings,
        vec![
            (
                // The customer perspective's name; then the banks' description and the
                // travel sector's name.
                "data/methodology.yaml".to_string(),
                Some(4),
                "3 texts have no `fr` version: the `fr` pages show the `en` text instead"
                    .to_string()
            ),
            (
                // The banks' description; then the site's description.
                "data/sectors.yaml".to_string(),
                Some(3),
                "2 texts have no `de` version: the `de` pages show the `en` text instead"
                    .to_string()
            ),
            (
                "data/site.yaml".to_string(),
                Some(8),
                "language `it` is not one of the site's languages; the text is not used"
                    .to_string()
            ),
        ],
        "{diagnostics}"
    );
    // Every language complete: no warning.
    let sectors = "- id: banks\n  name: Banks\n  description: {en: Money, de: Geld}\n- id: travel\n  name: {en: Travel, de: Reisen}\n";
    let (_, diagnostics) = Fixture::new(&[("data/sectors.yaml", sectors)]).validate();
    assert_eq!(diagnostics.warning_count(), 0, "{diagnostics}");
}

/// A site whose first language some texts lack shows them in its next language, never in one it
/// does not publish in (`de` sorts before `en`, and used to win); the texts in a language the
/// site does not publish in are one warning that says how to publish them.
#[test]
fn a_first_language_left_out_falls_back_to_the_next_site_language_not_to_another() {
    let site = SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let (site, diagnostics) = fixture.validate();
    assert!(site.is_some(), "{diagnostics}");
    let warnings: Vec<&rankpress::diagnostics::Diagnostic> = diagnostics.sorted();
    let messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
    // The customers' name and the travel sector's, each given in en and de; both warnings at
    // the first, the customers' name (`{en: Customers, de: Kunden}`).
    assert_eq!(
        messages,
        vec![
            "2 texts have no `ru` version: the `ru` pages show the `en` text instead",
            "language `de` is not one of the site's languages; 2 texts in it are not used",
        ],
        "{diagnostics}"
    );
    assert_eq!(
        warnings[1].hint.as_deref(),
        Some(
            "this is the first of the 2; to publish them, add `de` to `languages` in data/site.yaml"
        )
    );
    assert_eq!(
        warnings[0].expected.as_deref(),
        Some("a `ru:` entry in every text given by language, such as `name: {ru: …, en: …}`")
    );
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let (methodology, delta) = (
        page("methodology/index.html"),
        page("companies/delta/index.html"),
    );
    assert!(methodology.contains("Customers") && !methodology.contains("Kunden"));
    assert!(
        delta.contains("Travel") && !delta.contains("Reisen"),
        "{delta}"
    );
}

/// Builds `fixture` in memory: each warning as "file: message (detail)", with the detail
/// `detail` picks (its hint, its expectation), and the files.
fn build_with_warnings(
    fixture: &Fixture,
    detail: impl Fn(&rankpress::diagnostics::Diagnostic) -> Option<String>,
) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let (report, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let warnings = report
        .warnings
        .sorted()
        .iter()
        .map(|d| {
            format!(
                "{}: {} ({})",
                d.file,
                d.message,
                detail(d).unwrap_or_default()
            )
        })
        .collect();
    (warnings, files)
}

/// A commentary file translated into a language the site does not publish in (yet, or any more)
/// is left out with one warning per language, like the data's texts, instead of failing the
/// build; a typo of a site language gets its "did you mean". A suffix that is no language code
/// at all stays an error, which lists the languages a translation can be in.
#[test]
fn commentary_in_a_language_the_site_does_not_publish_is_one_warning_per_language() {
    let fixture = Fixture::with_theme(&[
        ("content/_index.md", "Welcome."),
        ("content/_index.de.md", "Willkommen."),
        ("content/_index.fr.md", "Bienvenue."),
        ("content/methodology.fr.md", "La méthode."),
        ("content/methodology.dee.md", "Die Methode."),
    ]);
    let (warnings, files) = build_with_warnings(&fixture, |d| d.hint.clone());
    assert_eq!(
        warnings,
        vec![
            "content/_index.fr.md: language `fr` is not one of the site's languages; 2 commentary \
             files in it are not published (this is the first of the 2; to publish them, add `fr` \
             to `languages` in data/site.yaml)",
            "content/methodology.dee.md: language `dee` is not one of the site's languages; the \
             file is not published (did you mean `de`?)",
        ]
    );
    assert!(!files.keys().any(|path| path.starts_with("fr/")));
    assert!(
        !files
            .values()
            .any(|bytes| bytes.windows("Bienvenue".len()).any(|w| w == b"Bienvenue"))
    );

    let fixture = Fixture::with_theme(&[("content/_index.v2.md", "Welcome.")]);
    let Err(rankpress::pipeline::BuildError::Input(diagnostics)) =
        rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
    else {
        panic!("a suffix that is no language code must fail the build");
    };
    let error = diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(
        error.message,
        "`v2` after the last dot is not a language code"
    );
    assert_eq!(
        error.expected.as_deref(),
        Some("`_index.md`, or `_index.<language>.md` for a translation into one of: de")
    );
}

/// Commentary a site has not translated yet shows in the first language on the other language's
/// pages, marked with its language; one warning per language counts such files, so that a site
/// adding a language knows what is left to translate.
#[test]
fn commentary_without_a_translation_is_shown_marked_and_counted_in_one_warning() {
    let fixture = Fixture::with_theme(&[
        ("content/_index.md", "Welcome to the ranking."),
        ("content/methodology.md", "How we rank."),
        ("content/methodology.de.md", "Wie wir bewerten."),
        ("content/sectors/travel.md", "Travel recovered."),
    ]);
    let (warnings, files) = build_with_warnings(&fixture, |d| d.expected.clone());
    assert_eq!(
        warnings,
        vec![
            "content/_index.md: 2 commentary files have no `de` translation: the `de` pages show \
             the `en` text instead (a translation beside each, such as `content/_index.de.md`)"
        ]
    );
    let german_home = String::from_utf8(files["de/index.html"].clone()).unwrap();
    assert!(
        german_home.contains(
            "<div class=\"commentary prose\" lang=\"en\" dir=\"ltr\">\n<p>Welcome to the ranking.</p>"
        ),
        "{german_home}"
    );
    let german_methodology = String::from_utf8(files["de/methodology/index.html"].clone()).unwrap();
    assert!(
        german_methodology.contains("Wie wir bewerten.")
            && !german_methodology.contains("How we rank.")
    );
}

/// A regional code reads its language's strings and then its own; where CLDR writes the region
/// in another script than the language's default, that script's strings come between: `zh`
/// shows simplified characters, `zh-TW` (Taiwan) traditional ones from `zh-Hant`, and `pt-BR`
/// Portuguese. No language lacks a string.
#[test]
fn a_regional_code_reads_its_language_and_the_script_its_region_writes() {
    let site = SITE.replace("languages: [en, de]", "languages: [zh, zh-TW, pt-BR]");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let (warnings, files) = build_with_warnings(&fixture, |_| None);
    assert!(
        warnings.iter().all(|w| !w.contains("interface string")),
        "{warnings:#?}"
    );
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    assert!(
        page("index.html").contains(">首页</a>"),
        "{}",
        page("index.html")
    );
    assert!(page("zh-TW/index.html").contains(">首頁</a>"));
    assert!(page("zh-TW/index.html").contains(">搜尋企業、產業和文章<"));
    assert!(page("pt-BR/index.html").contains(">Início</a>"));
}

/// A publisher's name in Japanese, which has no spaces, is broken between its characters on
/// the seal and shown whole, instead of being cut to one line with "…".
#[test]
fn a_publisher_name_without_spaces_is_broken_between_its_characters_on_the_seal() {
    const PUBLISHER: &str = "日本サービス品質研究所株式会社顧客満足度調査部";
    let site = SITE.replace(
        "languages: [en, de]",
        &format!("languages: [en]\npublisher: {PUBLISHER}"),
    );
    let results = [
        result("alpha", 100, "5", "4", "2"),
        result("beta", 100, "4", "4", "2"),
        result("gamma", 100, "3", "3", "3"),
    ];
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/editions/2026.yaml", &edition(2026, &results)),
    ]);
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let svg = String::from_utf8(files["2026/badges/alpha.svg"].clone()).unwrap();
    let lines: Vec<&str> = svg
        .lines()
        .filter(|line| line.starts_with("<text") && line.contains("font-weight=\"bold\""))
        .filter(|line| {
            let y = line.split(" y=\"").nth(1).and_then(|v| v.split('"').next());
            y.and_then(|y| y.parse::<u32>().ok())
                .is_some_and(|y| y < 90)
        })
        .filter_map(|line| line.split('>').nth(1)?.split('<').next())
        .collect();
    assert!(lines.len() >= 2, "{svg}");
    assert_eq!(lines.concat(), PUBLISHER, "{svg}");
}

/// A seal's text stays inside its border in every language the theme ships, drawn with the
/// widest common `sans-serif` face (DejaVu Sans): "ПОБЕДИТЕЛЬ ОТРАСЛИ" or "VINCITORE DEL
/// SETTORE" is broken into two lines and set smaller, a long sector or publisher name is set
/// smaller or clipped, instead of running over the edge. A publisher's name takes up to three
/// lines above the rule under it ("Deutsches Institut für Service-Qualität" needs three).
#[test]
fn seal_text_stays_inside_the_border_in_every_language() {
    use rankpress::draw::badges::SEAL_SIZE;
    use resvg::{tiny_skia, usvg};
    const PUBLISHER: &str = "Deutsches Institut für Service-Qualität GmbH & Co. KG";
    let languages: Vec<String> = theme_language_files().into_keys().collect();
    let site = SITE.replace(
        "languages: [en, de]",
        &format!(
            "languages: [{}]\npublisher: {PUBLISHER}",
            languages.join(", ")
        ),
    );
    let sectors = "- id: banks\n  name: Banks, building societies and savings institutions\n- id: travel\n  name: Travel\n";
    let results = [
        result("alpha", 100, "5", "4", "2"),
        result("beta", 100, "4", "4", "2"),
        result("gamma", 100, "3", "3", "3"),
    ];
    let edition = edition(2026, &results).replace(
        "published: 2026-06-15\n",
        "published: 2026-06-15\nvalid_until: 2027-09-30\n",
    );
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/sectors.yaml", sectors),
        ("data/editions/2026.yaml", &edition),
    ]);
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();

    let mut fonts = usvg::fontdb::Database::new();
    for face in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        fonts.load_font_data(
            std::fs::read(repo_root().join("themes/default/fonts").join(face)).unwrap(),
        );
    }
    fonts.set_sans_serif_family("DejaVu Sans");
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fonts),
        ..usvg::Options::default()
    };
    let (width, height) = SEAL_SIZE;
    let mut seen = BTreeSet::new();
    for (path, bytes) in &files {
        if !path.ends_with("badges/alpha.svg") {
            continue;
        }
        let svg = String::from_utf8(bytes.clone()).unwrap();
        let language = svg
            .split("xml:lang=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        seen.insert(language.to_string());
        let tree = usvg::Tree::from_str(&svg, &options).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(width, height).unwrap();
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        // The border's inner edge is at x 12.5 and 227.5 and y 12.5, the rule under the
        // publisher at y 90: no light text pixel at or beyond the border, or on the rule.
        let light = |x: u32, y: u32| {
            let pixel = pixmap.pixel(x, y).unwrap();
            pixel.red() > 160 && pixel.green() > 160 && pixel.blue() > 160
        };
        for y in 0..height {
            for x in (0..13).chain(227..width) {
                assert!(
                    !light(x, y),
                    "{path}: text crosses the border at x {x}, y {y}\n{svg}"
                );
            }
        }
        for y in (0..13).chain(88..93) {
            for x in 0..width {
                assert!(!light(x, y), "{path}: text at x {x}, y {y}\n{svg}");
            }
        }
        // The publisher whole, in words over its lines.
        let publisher_words: Vec<&str> = svg
            .lines()
            .filter(|line| line.contains("font-weight=\"bold\"") && line.contains(" y=\""))
            .filter(|line| {
                let y: u32 = line
                    .split(" y=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                y < 90
            })
            .flat_map(|line| {
                line.split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .split(' ')
            })
            .collect();
        assert_eq!(
            publisher_words.join(" "),
            PUBLISHER.replace('&', "&amp;"),
            "{path}\n{svg}"
        );
    }
    assert_eq!(seen.len(), languages.len(), "{seen:?}");
}

/// A text in none of the site's languages shows its first version on every page: the warnings
/// say so, and do not call its versions unused.
#[test]
fn a_text_in_none_of_the_site_languages_is_reported_as_shown_in_another() {
    let site = SITE.replace("languages: [en, de]", "languages: [fr, it]");
    let (site, diagnostics) = Fixture::new(&[("data/site.yaml", &site)]).validate();
    assert!(site.is_some(), "{diagnostics}");
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "2 texts have no `fr` version: the `fr` pages show the text's first version, in a \
             language the site does not publish in, instead",
            "2 texts have no `it` version: the `it` pages show the text's first version, in a \
             language the site does not publish in, instead",
        ],
        "{diagnostics}"
    );
}

/// A site in Arabic, then English, with `methodology` and a tier "Gold" named in English only,
/// Alpha (a bank) and Delta (travel, named in English and German only) ranked in 2026: built.
fn arabic_first_with_english_gold(methodology: &str) -> rankpress::pipeline::Files {
    let site = SITE.replace("languages: [en, de]", "languages: [ar, en]");
    let methodology =
        methodology.to_string() + "tiers:\n  - {id: gold, name: {en: Gold}, min_score: 0}\n";
    let results = edition(
        2026,
        &[
            result("alpha", 100, "5", "4", "2"),
            result("delta", 100, "4", "4", "3"),
        ],
    );
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/methodology.yaml", &methodology),
        ("data/editions/2026.yaml", &results),
    ]);
    rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap()
        .1
}

/// On an Arabic-first site an untranslated English notice and title, and English commentary
/// declared with front matter `lang: en`, carry `lang="en" dir="ltr"`: read as English, their
/// full stop at their end. A translated text carries nothing; a wrong code is a located error.
/// A sector's or a tier's name that data/ gives in no language of the page is shown in the one
/// it has, and says so where it stands: in a ranking's rows, as the sector page's title and on
/// the company page, so that a screen reader reads "Travel" in English on an Arabic page and the
/// name keeps its direction. In a language that has the name, nothing is added.
#[test]
fn sector_and_tier_names_shown_in_another_language_say_which() {
    let files = arabic_first_with_english_gold(crate::support::METHODOLOGY);
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let marked = " lang=\"en\" dir=\"ltr\"";
    let arabic = page("2026/index.html");
    for shown in [
        format!("<span class=\"row-sector\"{marked}>Travel</span>"),
        format!("sectors/travel/index.html\"{marked}>Travel</a></td>"),
        format!("<span class=\"tier\"{marked}>Gold</span>"),
        format!("sectors/travel/index.html\"{marked}>Travel</a></th>"),
    ] {
        assert!(arabic.contains(&shown), "{shown}\n{arabic}");
    }
    // "Banks" is the same text in every language: nothing to mark.
    assert!(
        arabic.contains("<span class=\"row-sector\">Banks</span>"),
        "{arabic}"
    );
    let sector = page("2026/sectors/travel/index.html");
    assert!(
        sector.contains(&format!("<h1><span{marked}>Travel</span>")),
        "{sector}"
    );
    let company = page("companies/delta/index.html");
    assert!(
        company.contains(&format!("{marked}>Travel</a></p>")),
        "{company}"
    );
    let english = page("en/2026/index.html");
    assert!(
        english.contains("<span class=\"row-sector\">Travel</span>"),
        "{english}"
    );
    assert!(
        english.contains("<span class=\"tier\">Gold</span>"),
        "{english}"
    );
    assert!(!english.contains(&format!("{marked}>Travel")), "{english}");
}

/// Perspective, criterion and tier names that data/ gives in English only, on an Arabic page:
/// every heading, cell and label that shows one alone says its language and direction, and a
/// sentence that sets one among Arabic words isolates it, so the year after it stays after it.
#[test]
fn perspective_criterion_and_tier_names_in_another_language_say_which_everywhere() {
    let files = arabic_first_with_english_gold(&crate::support::METHODOLOGY.replace(
        "{id: speed, name: Speed, weight: 1}",
        "{id: speed, name: {en: Speed, de: Tempo}, weight: 1}",
    ));
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let marked = " lang=\"en\" dir=\"ltr\"";
    let expected = [
        // The ranking's column heading; "Management" reads the same in every language.
        (
            "2026/index.html",
            format!("data-sort=\"number\"{marked}>Customers</th>"),
        ),
        (
            "2026/index.html",
            "data-sort=\"number\">Management</th>".to_string(),
        ),
        // Criterion leaders: the criterion and its perspective.
        (
            "2026/index.html",
            format!("<th scope=\"row\"><span{marked}>Speed</span>"),
        ),
        (
            "2026/index.html",
            format!("<td class=\"persp-col\"{marked}>Customers</td>"),
        ),
        // A sector's averages per criterion.
        (
            "2026/sectors/travel/index.html",
            format!("<th scope=\"row\"{marked}>Speed</th>"),
        ),
        (
            "2026/sectors/travel/index.html",
            format!("\"{marked}>Customers</td><td class=\"num\""),
        ),
        // The company page: its perspective scores, its tier, its criteria chart's table.
        (
            "companies/delta/index.html",
            format!("<tr><th scope=\"row\"{marked}>Customers</th>"),
        ),
        (
            "companies/delta/index.html",
            format!("<dd{marked}>Gold</dd>"),
        ),
        (
            "companies/delta/index.html",
            format!("<tr><th scope=\"row\"{marked}>Speed</th><td class=\"num\">"),
        ),
        // The methodology's headings and tables, and the home page's tier heading.
        (
            "methodology/index.html",
            format!("<h2 id=\"perspective-customer\"><span{marked}>Customers</span>"),
        ),
        (
            "methodology/index.html",
            format!("<tr><th scope=\"row\"{marked}>Speed</th>"),
        ),
        ("index.html", format!("<h3{marked}>Gold</h3>")),
        // A sentence: the seal's check page says "Gold 2026" with the name isolated.
        (
            "verify/2026/delta/index.html",
            "<li>\u{2068}Gold\u{2069} 2026</li>".to_string(),
        ),
    ];
    for (path, shown) in expected {
        let html = page(path);
        assert!(html.contains(&shown), "{path} lacks {shown}\n{html}");
    }
    // The comparison's data carries the same for the table compare.js draws.
    let data = page("compare/data.js");
    assert!(
        data.contains("\"langs\":{\"sectors\":[null,{\"lang\":\"en\",\"dir\":\"ltr\"}],\"perspectives\":[{\"lang\":\"en\",\"dir\":\"ltr\"},null]"),
        "{data}"
    );
    assert!(
        data.contains("\"tier_lang\":{\"lang\":\"en\",\"dir\":\"ltr\"}"),
        "{data}"
    );
    // In English nothing is marked, and nothing isolated.
    for path in [
        "en/2026/index.html",
        "en/companies/delta/index.html",
        "en/methodology/index.html",
        "en/verify/2026/delta/index.html",
    ] {
        let html = page(path);
        for name in ["Customers", "Speed", "Gold"] {
            assert!(
                !html.contains(&format!("{marked}>{name}")),
                "{path}\n{html}"
            );
        }
        assert!(!html.contains('\u{2068}'), "{path}\n{html}");
    }
    assert!(!page("en/compare/data.js").contains("\"langs\""));
}

#[test]
fn texts_in_another_language_than_the_page_say_which_and_its_direction() {
    let site = SITE
        .replace(
            "title: Test Ranking",
            "title: {ar: الترتيب, en: Test Ranking}",
        )
        .replace("languages: [en, de]", "languages: [ar, en]")
        + "notice: {en: All figures are fictional.}\n";
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        (
            "content/_index.md",
            "---\nlang: en\n---\nWelcome to the ranking.",
        ),
    ]);
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let arabic = page("index.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        arabic.contains("<p class=\"wrap\" lang=\"en\" dir=\"ltr\">All figures are fictional.</p>"),
        "{arabic}"
    );
    assert!(arabic.contains("<div class=\"commentary prose\" lang=\"en\" dir=\"ltr\">"));
    assert!(arabic.contains("<a class=\"brand\" href=\"index.html\">الترتيب</a>"));
    let english = page("en/index.html");
    assert!(english.contains("<p class=\"wrap\">All figures are fictional.</p>"));
    assert!(english.contains("<div class=\"commentary prose\">\n"));

    let wrong =
        Fixture::with_theme(&[("content/_index.md", "---\nlang: english please\n---\nHi.")]);
    let errors = crate::support::build_errors(&wrong);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (
            errors[0].file.as_str(),
            errors[0].line,
            errors[0].message.as_str()
        ),
        (
            "content/_index.md",
            Some(2),
            "`english please` is not a language code"
        )
    );
}
