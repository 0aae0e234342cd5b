//! Publishing safety: a killed build leaves the previous site intact, dangerous output folders are
//! refused, output is byte-identical whatever the thread count, time zone or locale, and
//! precompressed files decompress to the originals.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Fixture, edition};

const BINARY: &str = env!("CARGO_BIN_EXE_rankpress");

/// A site with `count` companies, big enough that building it takes a noticeable time.
fn large_fixture(count: usize) -> Fixture {
    let mut companies = String::new();
    let mut rows = Vec::new();
    for index in 0..count {
        let sector = if index % 2 == 0 { "banks" } else { "travel" };
        companies.push_str(&format!(
            "- {{id: company-{index}, name: Company {index}, sector: {sector}}}\n"
        ));
        let care = 1.0 + (index % 40) as f64 / 10.0;
        rows.push(crate::support::result(
            &format!("company-{index}"),
            50,
            "4",
            &format!("{care}"),
            "2",
        ));
    }
    Fixture::with_theme(&[
        ("data/companies.yaml", &companies),
        ("data/editions/2026.yaml", &edition(2026, &rows)),
    ])
}

fn build(root: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(BINARY)
        .args(["build", "--root"])
        .arg(root)
        .args(extra)
        .output()
        .expect("run rankpress")
}

#[test]
fn a_build_killed_midway_leaves_the_previous_site_intact() {
    let fixture = large_fixture(400);
    let root = fixture.root();
    let first = build(root, &[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = crate::support::snapshot(&root.join("public"));

    fs::write(
        root.join("data/site.yaml"),
        crate::support::SITE.replace("Test Ranking", "Second build"),
    )
    .unwrap();
    let mut child = Command::new(BINARY)
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill the build as soon as it has started writing its new files.
    let staging = root.join(format!(".public.rankpress-staging-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !staging.join("index.html").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(staging.exists(), "the build was killed while writing");
    assert_eq!(
        crate::support::snapshot(&root.join("public")),
        before,
        "the previous site must be unchanged"
    );

    // The next build finishes, replaces the site and removes the abandoned staging folder.
    let next = build(root, &[]);
    assert!(
        next.status.success(),
        "{}",
        String::from_utf8_lossy(&next.stderr)
    );
    assert!(
        !staging.exists(),
        "the abandoned staging folder is cleaned up"
    );
    let index = fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(index.contains("Second build"));
}

#[test]
fn dangerous_output_folders_are_refused() {
    let fixture = Fixture::with_theme(&[]);
    let root = fixture.root();
    let home = tempfile::tempdir().unwrap();
    for (out, reason) in [
        (root.to_path_buf(), "contains the site's own files"),
        (root.join("data"), "inside the site's data/ folder"),
        (
            root.join("content/out"),
            "inside the site's content/ folder",
        ),
        (root.join("themes"), "themes"),
        (Path::new("/").to_path_buf(), "filesystem root"),
        (home.path().to_path_buf(), "home folder"),
    ] {
        let run = Command::new(BINARY)
            .env("HOME", home.path())
            .args(["build", "--force", "--root"])
            .arg(root)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{} must be refused", out.display());
        assert!(stderr.contains(reason), "{}: {stderr}", out.display());
    }
    assert!(root.join("data/site.yaml").is_file());

    // A folder rankpress did not write is replaced only with --force.
    let foreign = tempfile::tempdir().unwrap();
    fs::write(foreign.path().join("notes.txt"), "keep").unwrap();
    let refused = build(root, &["--out", foreign.path().to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(foreign.path().join("notes.txt").exists());
    let forced = build(
        root,
        &["--force", "--out", foreign.path().to_str().unwrap()],
    );
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert!(foreign.path().join(".rankpress-output").is_file());
    // Now that it is ours, it is replaced without --force.
    assert!(
        build(root, &["--out", foreign.path().to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn output_is_identical_whatever_the_threads_time_zone_or_locale() {
    let fixture = large_fixture(120);
    let root = fixture.root();
    let mut outputs = Vec::new();
    for (threads, time_zone, locale) in [("1", "UTC", "C"), ("4", "Pacific/Chatham", "de_DE.UTF-8")]
    {
        let out = root.join(format!("out-{threads}"));
        let run = Command::new(BINARY)
            .env("RAYON_NUM_THREADS", threads)
            .env("TZ", time_zone)
            .env("LANG", locale)
            .env("LC_ALL", locale)
            .args(["build", "--root"])
            .arg(root)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        outputs.push(crate::support::snapshot(&out));
    }
    assert!(outputs[0].len() > 250);
    assert_eq!(
        outputs[0].keys().collect::<Vec<_>>(),
        outputs[1].keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &outputs[0] {
        assert!(
            bytes == &outputs[1][name],
            "{name} differs between 1 and 4 threads"
        );
    }
}

#[test]
fn precompressed_files_decompress_to_the_originals() {
    let fixture = Fixture::with_theme(&[]);
    let root = fixture.root();
    let run = build(root, &["--precompress"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let public = root.join("public");
    for file in [
        "index.html",
        "2026/ranking.json",
        "assets/style.css",
        "sitemap.xml",
    ] {
        let original = fs::read(public.join(file)).unwrap();
        let mut gunzipped = Vec::new();
        flate2::read::GzDecoder::new(fs::File::open(public.join(format!("{file}.gz"))).unwrap())
            .read_to_end(&mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, original, "{file}.gz");
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(
            fs::File::open(public.join(format!("{file}.br"))).unwrap(),
            4096,
        )
        .read_to_end(&mut unbrotli)
        .unwrap();
        assert_eq!(unbrotli, original, "{file}.br");
    }
    // SVG is text too; images that are already compressed are left alone.
    assert!(public.join("assets/favicon.svg.br").is_file());
    assert!(!public.join("index.html.gz.gz").exists());
    // Compressed output is as reproducible as the rest.
    let first = crate::support::snapshot(&public);
    assert!(build(root, &["--precompress"]).status.success());
    assert_eq!(crate::support::snapshot(&public), first);
}

#[test]
fn share_images_setting_decides_which_pages_get_a_card() {
    let site = |setting: &str| {
        crate::support::SITE.replace("share_images: none", &format!("share_images: {setting}"))
    };
    let files = |setting: &str| {
        let fixture = Fixture::with_theme(&[("data/site.yaml", &site(setting))]);
        let options = crate::support::in_memory(fixture.root());
        let (_, files) =
            rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
        files
    };
    let og_image = |page: &[u8]| {
        let page = String::from_utf8_lossy(page);
        page.split("<meta property=\"og:image\" content=\"")
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
    };

    let all = files("all");
    assert!(all.contains_key("companies/alpha/preview.png"));
    assert_eq!(
        og_image(&all["companies/alpha/index.html"]).as_deref(),
        Some("https://example.org/companies/alpha/preview.png")
    );

    // editions: no company cards; a company page shares the latest edition's card.
    let editions = files("editions");
    assert!(
        !editions
            .keys()
            .any(|k| k.starts_with("companies/") && k.ends_with(".png"))
    );
    assert!(editions.contains_key("2026/preview.png"));
    assert_eq!(
        og_image(&editions["companies/alpha/index.html"]).as_deref(),
        Some("https://example.org/2026/preview.png")
    );

    // awards (the default, so the key left out): a card of its own for each company holding a
    // seal of the latest edition (a check page under verify/2026/), the edition's card for the
    // others.
    let awards = files("awards");
    let fixture = Fixture::with_theme(&[(
        "data/site.yaml",
        &crate::support::SITE.replace("share_images: none\n", ""),
    )]);
    let (_, default) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root()))
            .unwrap_or_else(|e| panic!("{e}"));
    // (The fingerprints differ: they hash site.yaml's text.)
    let differing: Vec<&String> = default
        .keys()
        .chain(awards.keys())
        .filter(|k| k.as_str() != ".rankpress-fingerprints" && default.get(*k) != awards.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "awards is the default, but these differ: {differing:?}"
    );
    let ids = |prefix: &str, suffix: &str| -> Vec<String> {
        let mut ids: Vec<String> = awards
            .keys()
            .filter_map(|k| k.strip_prefix(prefix)?.strip_suffix(suffix))
            .map(str::to_string)
            .collect();
        ids.sort();
        ids
    };
    let carded = ids("companies/", "/preview.png");
    assert!(!carded.is_empty());
    assert_eq!(carded, ids("verify/2026/", "/index.html"));
    let pages = ids("companies/", "/index.html");
    let uncarded = pages
        .iter()
        .find(|id| !carded.contains(id))
        .expect("a company without an award");
    assert_eq!(
        og_image(&awards[&format!("companies/{uncarded}/index.html")]).as_deref(),
        Some("https://example.org/2026/preview.png")
    );
    assert_eq!(
        og_image(&awards[&format!("companies/{}/index.html", carded[0])]),
        Some(format!(
            "https://example.org/companies/{}/preview.png",
            carded[0]
        ))
    );

    // none: no PNG at all and no og:image, so no page points at a missing file.
    let none = files("none");
    assert!(!none.keys().any(|k| k.ends_with(".png")));
    assert_eq!(og_image(&none["companies/alpha/index.html"]), None);
    assert_eq!(og_image(&none["index.html"]), None);
}

/// Cards are drawn with the theme's fonts only, so a name in a script none of them has would be
/// a row of boxes on every link to its page. The build says so once, naming the characters,
/// the first text and card with one, and where a font goes; it still draws the cards. Without
/// cards (`share_images: none`) it says nothing.
#[test]
fn characters_no_theme_font_has_are_named_before_they_become_boxes_on_cards() {
    let companies = crate::support::COMPANIES
        .replace("name: Alpha Bank", "name: 東京銀行")
        .replace("name: Delta Tours", "name: {en: Delta Tours, de: デルタ}");
    let build = |share_images: &str| {
        // The theme's fonts only: no system font may stand in for them here.
        let site = crate::support::SITE.replace("share_images: none", share_images)
            + "system_fonts: false\n";
        let fixture = Fixture::with_theme(&[
            ("data/site.yaml", &site),
            ("data/companies.yaml", &companies),
        ]);
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root()))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (report, files) = build("share_images: all");
    let warnings: Vec<_> = report.warnings.iter().collect();
    assert_eq!(warnings.len(), 1, "{}", report.warnings);
    let warning = warnings[0];
    assert_eq!(warning.file, "themes/default/fonts");
    // Alpha is named on its own card and in the edition card's top three, in both languages;
    // Delta's German name on its German card: five cards, the first the English edition's.
    let message = &warning.message;
    assert!(
        message.starts_with(
            "5 share cards show boxes for characters that no font of the theme has: `タ` \
             (U+30BF), `デ` (U+30C7), `ル` (U+30EB), `京` (U+4EAC), `東` (U+6771), `行` \
             (U+884C), `銀` (U+9280) (the first: `1. 東京銀行 "
        ) && message.ends_with("` on 2026/preview.png)"),
        "{message}"
    );
    assert!(
        warning
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("share_images: none")),
        "{warning:?}"
    );
    assert!(files.contains_key("companies/alpha/preview.png"));
    let (report, _) = build("share_images: none");
    assert_eq!(report.warnings.iter().count(), 0, "{}", report.warnings);
}

/// A site that draws edition cards with the default theme, and that theme's fonts folder.
fn site_with_edition_cards() -> (Fixture, std::path::PathBuf) {
    let site = crate::support::SITE.replace("share_images: none", "share_images: editions");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let fonts = fixture.root().join("themes/default/fonts");
    (fixture, fonts)
}

/// A build's warnings as "file: message", in file order.
fn warning_lines(report: &rankpress::pipeline::BuildReport) -> Vec<String> {
    report
        .warnings
        .sorted()
        .iter()
        .map(|d| format!("{}: {}", d.file, d.message))
        .collect()
}

/// A theme without a font draws cards without text: the build says so.
#[test]
fn a_theme_without_fonts_is_reported_when_cards_are_drawn() {
    let (fixture, fonts) = site_with_edition_cards();
    let kept = fixture.root().join("fonts-aside");
    std::fs::rename(&fonts, &kept).unwrap();
    let options = crate::support::in_memory(fixture.root());
    let (report, _) = rankpress::pipeline::build_in_memory(&options).unwrap();
    assert_eq!(
        warning_lines(&report),
        [
            "themes/default/fonts: the theme has no font, so the share cards are drawn without any text"
        ]
    );
    // With the fonts back, nothing to say.
    std::fs::rename(&kept, &fonts).unwrap();
    let (report, _) = rankpress::pipeline::build_in_memory(&options).unwrap();
    assert_eq!(report.warnings.iter().count(), 0, "{}", report.warnings);
}

/// A font collection (`.ttc`, as Noto Sans CJK comes) draws cards like the fonts it holds; a
/// file that is no font, or a web font (WOFF2) that cards cannot use, is named with a warning
/// instead of being left out without a word.
#[test]
fn font_collections_are_used_and_files_that_are_no_usable_font_are_named() {
    let (fixture, fonts) = site_with_edition_cards();
    // DejaVu Sans as a collection of one: the collection's header, then the font with each
    // table's offset moved past that header.
    let font = std::fs::read(fonts.join("DejaVuSans.ttf")).unwrap();
    let mut collection = b"ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10".to_vec();
    let mut moved = font.clone();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    for table in 0..tables {
        let at = 12 + 16 * table + 8;
        let offset = u32::from_be_bytes(font[at..at + 4].try_into().unwrap()) + 16;
        moved[at..at + 4].copy_from_slice(&offset.to_be_bytes());
    }
    collection.extend(moved);
    for file in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        std::fs::remove_file(fonts.join(file)).unwrap();
    }
    std::fs::write(fonts.join("DejaVuSans.ttc"), collection).unwrap();
    let options = crate::support::in_memory(fixture.root());
    let (report, files) = rankpress::pipeline::build_in_memory(&options).unwrap();
    assert_eq!(report.warnings.iter().count(), 0, "{}", report.warnings);
    assert!(files.contains_key("2026/preview.png"));

    std::fs::write(fonts.join("broken.ttf"), "<html>Not found</html>").unwrap();
    std::fs::write(fonts.join("NotoSansJP.woff2"), "wOF2").unwrap();
    let (report, _) = rankpress::pipeline::build_in_memory(&options).unwrap();
    assert_eq!(
        warning_lines(&report),
        [
            "themes/default/fonts/NotoSansJP.woff2: a .woff2 font is made for browsers; share \
             cards are drawn with TrueType or OpenType fonts, so this one is not used",
            "themes/default/fonts/broken.ttf: not a font rankpress can read, so share cards do \
             not use it",
        ]
    );
}

#[test]
fn an_unknown_share_images_value_is_an_error_with_the_choices() {
    let fixture = Fixture::new(&[(
        "data/site.yaml",
        &crate::support::SITE.replace("share_images: none", "share_images: some"),
    )]);
    let (site, diagnostics) = fixture.validate();
    assert!(site.is_none());
    let text = diagnostics.to_string();
    assert!(text.contains("data/site.yaml:7"), "{text}");
    assert!(text.contains("editions"), "{text}");
}

#[test]
fn a_history_chart_needs_two_ranked_editions() {
    use crate::support::{edition, result};
    // Alpha is ranked in 2025 and 2026, beta only in 2026: one point is not a line chart, and
    // beta's page shows its single edition in the history table alone.
    let fixture = Fixture::with_theme(&[
        (
            "data/editions/2025.yaml",
            &edition(2025, &[result("alpha", 100, "4", "4", "2")]),
        ),
        (
            "data/editions/2026.yaml",
            &edition(
                2026,
                &[
                    result("alpha", 100, "5", "4", "2"),
                    result("beta", 100, "3", "3", "3"),
                ],
            ),
        ),
    ]);
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let alpha = page("companies/alpha/index.html");
    assert!(alpha.contains("id=\"chart-history\""));
    assert!(alpha.contains("on the scale of 0 to 100, with the average of its sector"));
    let beta = page("companies/beta/index.html");
    assert!(!beta.contains("id=\"chart-history\""), "{beta}");
    assert!(
        beta.contains("id=\"history-heading\""),
        "the history table stays"
    );
}

/// The feed shows an article as a feed reader can: each embed filled in (never the placeholder
/// the page's rendering replaces), links absolute and in the feed's language, a table or chart
/// as a link to it on the page (a chart with the description its page gives), and the author's
/// own relative links resolved from the article's address.
#[test]
fn feed_entries_fill_every_embed_with_absolute_links() {
    let files = article_with_embeds();
    let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let page = text("articles/findings/index.html");
    let description = page
        .split("<p class=\"chart-description\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the article page's chart description");
    for (feed, prefix) in [("atom.xml", ""), ("de/atom.xml", "de/")] {
        let xml = text(feed);
        let entry = xml
            .split("<entry>")
            .find(|e| e.contains("Findings"))
            .unwrap_or_else(|| panic!("no entry for the article in {feed}: {xml}"));
        let article_url = format!("https://example.org/{prefix}articles/findings/");
        assert!(
            entry.contains(&format!(
                "<content type=\"html\" xml:base=\"{article_url}\">"
            )),
            "{entry}"
        );
        let html = unescape(entry.split("<content").nth(1).unwrap());
        assert!(!html.contains("rankpress-embed"), "{feed}: {html}");
        assert!(
            html.contains(&format!(
                "<a href=\"https://example.org/{prefix}companies/alpha/index.html\">Alpha Bank</a>"
            )),
            "{feed}: {html}"
        );
        assert!(
            html.contains(&format!("<p><a href=\"{article_url}#embed-ranking-1\">")),
            "{feed}: {html}"
        );
        if prefix.is_empty() {
            assert!(
                html.contains(&format!(
                    "#embed-chart-2\">Alpha Bank by criterion, 2026</a>: {}</p>",
                    unescape(description)
                )),
                "{feed}: {html}"
            );
        } else {
            assert!(
                html.contains(&format!("{article_url}#embed-chart-2\">")),
                "{html}"
            );
        }
    }
}

/// A built site with an article that names a company only through a link embed, and embeds a
/// ranking table and a chart.
fn article_with_embeds() -> std::collections::BTreeMap<String, Vec<u8>> {
    let article = "---\ntitle: Findings\ndate: 2026-06-20\n---\nSee [[company:alpha]] and [the ranking](../../2026/index.html).\n\n{{ ranking 2026 top=2 }}\n\n{{ chart criteria alpha }}\n";
    let results = [
        crate::support::result("alpha", 100, "4", "4", "2"),
        crate::support::result("beta", 100, "3", "4", "2"),
        crate::support::result("delta", 100, "5", "4", "2"),
    ];
    let fixture = Fixture::with_theme(&[
        ("data/editions/2026.yaml", &edition(2026, &results)),
        ("content/articles/findings.md", article),
    ]);
    let (_, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    files
}

/// An article is found by the names its link embeds show, in each language's index.
#[test]
fn the_search_index_finds_an_article_by_the_names_it_links() {
    let files = article_with_embeds();
    for path in ["search-index.js", "de/search-index.js"] {
        let script = String::from_utf8(files[path].clone()).unwrap();
        let entries = crate::support::search_entries(&script);
        let article = entries
            .iter()
            .find(|e| e["t"] == "Findings")
            .unwrap_or_else(|| panic!("{script}"));
        let words = article["x"].as_str().unwrap();
        assert!(
            words.contains("See Alpha Bank and the ranking"),
            "{path}: {words}"
        );
    }
}

/// The sitemap, the feed and robots.txt are theme templates like the pages: a site's own
/// `templates/` overrides each, and a theme made before they were templates still gets them.
#[test]
fn sitemap_feed_and_robots_come_from_templates_a_site_can_override() {
    let files = |fixture: &Fixture| {
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root()))
            .unwrap_or_else(|e| panic!("{e}"))
            .1
    };
    let text = |files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str| {
        String::from_utf8(files[path].clone()).unwrap()
    };
    let plain = Fixture::with_theme(&[]);
    let before = files(&plain);
    assert!(text(&before, "robots.txt").starts_with("User-agent: *\nAllow: /\n"));

    let custom = Fixture::with_theme(&[
        (
            "templates/robots.txt",
            "User-agent: *\nDisallow: /drafts/\n\nSitemap: {{ page.sitemap }}\n",
        ),
        (
            "templates/sitemap.xml",
            "<urlset>{% for url in page.urls %}<url><loc>{{ url.loc }}</loc></url>{% endfor %}</urlset>\n",
        ),
        (
            "templates/atom.xml",
            "<feed><title>{{ page.title }} – {{ page.entries | length }}</title></feed>\n",
        ),
    ]);
    let after = files(&custom);
    assert_eq!(
        text(&after, "robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n\nSitemap: https://example.org/sitemap.xml\n"
    );
    let sitemap = text(&after, "sitemap.xml");
    assert!(sitemap.starts_with("<urlset><url><loc>https://example.org/</loc></url>"));
    assert!(!sitemap.contains("404"), "{sitemap}");
    assert!(text(&after, "atom.xml").starts_with("<feed><title>"));

    // A theme without them: rankpress's own, the same bytes as the default theme's.
    for name in ["sitemap.xml", "atom.xml", "robots.txt"] {
        fs::remove_file(plain.root().join("themes/default/templates").join(name)).unwrap();
    }
    let without = files(&plain);
    for name in ["sitemap.xml", "atom.xml", "robots.txt"] {
        assert_eq!(without[name], before[name], "{name}");
    }
}
