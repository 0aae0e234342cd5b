//! `rankpress init DIR`: a new, working site with a small example (two sectors, six companies,
//! two editions, one article) and the default theme, which is built into the binary.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// The default theme, file by file (a test checks that the list matches themes/default/).
pub const THEME: &[(&str, &[u8])] = &[
    (
        "fonts/DejaVuSans-Bold.ttf",
        include_bytes!("../../themes/default/fonts/DejaVuSans-Bold.ttf"),
    ),
    (
        "fonts/DejaVuSans.ttf",
        include_bytes!("../../themes/default/fonts/DejaVuSans.ttf"),
    ),
    (
        "fonts/LICENSE-DejaVu.txt",
        include_bytes!("../../themes/default/fonts/LICENSE-DejaVu.txt"),
    ),
    (
        "i18n/ar.yaml",
        include_bytes!("../../themes/default/i18n/ar.yaml"),
    ),
    (
        "i18n/be.yaml",
        include_bytes!("../../themes/default/i18n/be.yaml"),
    ),
    (
        "i18n/cs.yaml",
        include_bytes!("../../themes/default/i18n/cs.yaml"),
    ),
    (
        "i18n/da.yaml",
        include_bytes!("../../themes/default/i18n/da.yaml"),
    ),
    (
        "i18n/de.yaml",
        include_bytes!("../../themes/default/i18n/de.yaml"),
    ),
    (
        "i18n/en.yaml",
        include_bytes!("../../themes/default/i18n/en.yaml"),
    ),
    (
        "i18n/es.yaml",
        include_bytes!("../../themes/default/i18n/es.yaml"),
    ),
    (
        "i18n/fr.yaml",
        include_bytes!("../../themes/default/i18n/fr.yaml"),
    ),
    (
        "i18n/he.yaml",
        include_bytes!("../../themes/default/i18n/he.yaml"),
    ),
    (
        "i18n/hu.yaml",
        include_bytes!("../../themes/default/i18n/hu.yaml"),
    ),
    (
        "i18n/it.yaml",
        include_bytes!("../../themes/default/i18n/it.yaml"),
    ),
    (
        "i18n/ja.yaml",
        include_bytes!("../../themes/default/i18n/ja.yaml"),
    ),
    (
        "i18n/ko.yaml",
        include_bytes!("../../themes/default/i18n/ko.yaml"),
    ),
    (
        "i18n/nl.yaml",
        include_bytes!("../../themes/default/i18n/nl.yaml"),
    ),
    (
        "i18n/pl.yaml",
        include_bytes!("../../themes/default/i18n/pl.yaml"),
    ),
    (
        "i18n/pt.yaml",
        include_bytes!("../../themes/default/i18n/pt.yaml"),
    ),
    (
        "i18n/ru.yaml",
        include_bytes!("../../themes/default/i18n/ru.yaml"),
    ),
    (
        "i18n/sv.yaml",
        include_bytes!("../../themes/default/i18n/sv.yaml"),
    ),
    (
        "i18n/uk.yaml",
        include_bytes!("../../themes/default/i18n/uk.yaml"),
    ),
    (
        "i18n/zh.yaml",
        include_bytes!("../../themes/default/i18n/zh.yaml"),
    ),
    (
        "i18n/zh-Hant.yaml",
        include_bytes!("../../themes/default/i18n/zh-Hant.yaml"),
    ),
    (
        "static/assets/favicon.svg",
        include_bytes!("../../themes/default/static/assets/favicon.svg"),
    ),
    (
        "static/assets/search.js",
        include_bytes!("../../themes/default/static/assets/search.js"),
    ),
    (
        "static/assets/compare.js",
        include_bytes!("../../themes/default/static/assets/compare.js"),
    ),
    (
        "static/assets/table.js",
        include_bytes!("../../themes/default/static/assets/table.js"),
    ),
    (
        "static/assets/style.css",
        include_bytes!("../../themes/default/static/assets/style.css"),
    ),
    (
        "templates/404.html",
        include_bytes!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/article.html",
        include_bytes!("../../themes/default/templates/article.html"),
    ),
    (
        "templates/articles.html",
        include_bytes!("../../themes/default/templates/articles.html"),
    ),
    (
        "templates/base.html",
        include_bytes!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/company.html",
        include_bytes!("../../themes/default/templates/company.html"),
    ),
    (
        "templates/components.html",
        include_bytes!("../../themes/default/templates/components.html"),
    ),
    (
        "templates/edition.html",
        include_bytes!("../../themes/default/templates/edition.html"),
    ),
    (
        "templates/ranking.html",
        include_bytes!("../../themes/default/templates/ranking.html"),
    ),
    (
        "templates/embeds/chart.html",
        include_bytes!("../../themes/default/templates/embeds/chart.html"),
    ),
    (
        "templates/embeds/ranking.html",
        include_bytes!("../../themes/default/templates/embeds/ranking.html"),
    ),
    (
        "templates/home.html",
        include_bytes!("../../themes/default/templates/home.html"),
    ),
    (
        "templates/methodology.html",
        include_bytes!("../../themes/default/templates/methodology.html"),
    ),
    (
        "templates/compare.html",
        include_bytes!("../../themes/default/templates/compare.html"),
    ),
    (
        "templates/verify.html",
        include_bytes!("../../themes/default/templates/verify.html"),
    ),
    (
        "templates/sitemap.xml",
        include_bytes!("../../themes/default/templates/sitemap.xml"),
    ),
    (
        "templates/atom.xml",
        include_bytes!("../../themes/default/templates/atom.xml"),
    ),
    (
        "templates/robots.txt",
        include_bytes!("../../themes/default/templates/robots.txt"),
    ),
    (
        "templates/sector.html",
        include_bytes!("../../themes/default/templates/sector.html"),
    ),
];

const SITE: &str = "# Site settings. docs/format.md, beside data/, explains every key of every file.
title: {en: Best Service Providers, de: Die besten Dienstleister}
description: {en: \"Service providers ranked by their customers and their managers.\", de: \"Dienstleister, bewertet von ihren Kunden und ihren Führungskräften.\"}
base_url: https://example.org/
languages: [en, de]
top: 5
precision: 1
min_sector_size: 3
";

const METHODOLOGY: &str = "min_responses: 30
perspectives:
  - id: customer
    name: {en: Customer survey, de: Kundenbefragung}
    weight: 2
    scale: {min: 1, max: 5}
    criteria:
      - id: responsiveness
        name: {en: Response to requests, de: Reaktion auf Anliegen}
        weight: 1
      - id: complaint-handling
        name: {en: Complaint handling, de: Umgang mit Beschwerden}
        weight: 1
  - id: management
    name: {en: Management survey, de: Managementbefragung}
    weight: 1
    scale: {min: 0, max: 100}
    criteria:
      - id: internal-standards
        name: {en: Binding internal service standards, de: Verbindliche interne Servicestandards}
        weight: 1
";

const SECTORS: &str = "- id: banks
  name: {en: Banks, de: Banken}
- id: travel
  name: {en: Travel, de: Reisen}
";

const COMPANIES: &str = "- {id: harbour-bank, name: Harbour Bank, sector: banks}
- {id: north-savings, name: North Savings, sector: banks}
- {id: civic-credit, name: Civic Credit, sector: banks}
- {id: sunway-travel, name: Sunway Travel, sector: travel}
- {id: atlas-tours, name: Atlas Tours, sector: travel}
- {id: blue-fjord-cruises, name: Blue Fjord Cruises, sector: travel}
";

fn edition(year: u32, rows: &[(&str, u32, f64, f64, u32)]) -> String {
    let mut text = format!(
        "year: {year}\ntitle: {{en: \"Best Service Providers {year}\", de: \"Die besten Dienstleister {year}\"}}\npublished: {year}-06-15\nresults:\n"
    );
    for (company, responses, responsiveness, complaints, standards) in rows {
        text.push_str(&format!(
            "  - company: {company}\n    responses: {responses}\n    scores: {{responsiveness: {responsiveness}, complaint-handling: {complaints}, internal-standards: {standards}}}\n"
        ));
    }
    text
}

const HOME: &str = "---
title: Welcome
---
This is your new ranking site. Edit `data/` for the numbers and `content/` for the words, then run
`rankpress check` and `rankpress build`.
";

const HOME_DE: &str = "---
title: Willkommen
---
Das ist Ihre neue Rankingseite. Die Zahlen stehen in `data/`, die Texte in `content/`; danach
`rankpress check` und `rankpress build` ausführen.
";

const ARTICLE: &str = "---
title: How we rank
date: 2026-06-15
summary: Two surveys, one score.
---
Customers and managers answer separate surveys. Each answer becomes 0 to 100 points; customers
count twice. See the [methodology](../../methodology/index.html).
";

const ARTICLE_DE: &str = "---
title: So bewerten wir
date: 2026-06-15
summary: Zwei Befragungen, eine Punktzahl.
---
Kunden und Führungskräfte beantworten getrennte Befragungen. Jede Antwort ergibt 0 bis 100 Punkte;
Kunden zählen doppelt. Mehr dazu in der [Methodik](../../methodology/index.html).
";

/// The files of a new site, path and contents.
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("data/site.yaml".into(), SITE.into()),
        // The input format's guide, so that a new site carries its own reference.
        (
            "docs/format.md".into(),
            include_bytes!("../../docs/format.md").to_vec(),
        ),
        // Every document format.md links to, so that no link of a new site's docs breaks.
        (
            "docs/templates.md".into(),
            include_bytes!("../../docs/templates.md").to_vec(),
        ),
        (
            "docs/deploy.md".into(),
            include_bytes!("../../docs/deploy.md").to_vec(),
        ),
        (
            "docs/statistics.md".into(),
            include_bytes!("../../docs/statistics.md").to_vec(),
        ),
        ("data/methodology.yaml".into(), METHODOLOGY.into()),
        ("data/sectors.yaml".into(), SECTORS.into()),
        ("data/companies.yaml".into(), COMPANIES.into()),
        (
            "data/editions/2025.yaml".into(),
            edition(
                2025,
                &[
                    ("harbour-bank", 120, 4.1, 3.8, 70),
                    ("north-savings", 95, 3.7, 3.5, 62),
                    ("civic-credit", 64, 3.2, 3.4, 55),
                    ("sunway-travel", 150, 4.4, 4.0, 81),
                    ("atlas-tours", 88, 3.9, 3.6, 60),
                    ("blue-fjord-cruises", 41, 3.5, 3.9, 66),
                ],
            )
            .into_bytes(),
        ),
        (
            "data/editions/2026.yaml".into(),
            edition(
                2026,
                &[
                    ("harbour-bank", 131, 4.0, 3.9, 72),
                    ("north-savings", 102, 3.9, 3.7, 68),
                    ("civic-credit", 70, 3.4, 3.3, 58),
                    ("sunway-travel", 160, 4.3, 4.1, 83),
                    ("atlas-tours", 97, 4.2, 3.8, 71),
                    ("blue-fjord-cruises", 52, 3.6, 3.7, 64),
                ],
            )
            .into_bytes(),
        ),
        ("content/_index.md".into(), HOME.into()),
        ("content/_index.de.md".into(), HOME_DE.into()),
        ("content/articles/how-we-rank.md".into(), ARTICLE.into()),
        (
            "content/articles/how-we-rank.de.md".into(),
            ARTICLE_DE.into(),
        ),
        // The output, and what a build keeps beside it: the previous output (the spare the
        // next build writes over), the lock and a killed build's staging folder.
        (
            ".gitignore".into(),
            "public/\n.public.rankpress-spare/\n.public.rankpress-lock\n.public.rankpress-staging-*/\n"
                .into(),
        ),
    ];
    files.extend(
        THEME
            .iter()
            .map(|(path, bytes)| (format!("themes/default/{path}"), bytes.to_vec())),
    );
    files
}

/// Writes a new site into `folder`, which must be missing or empty.
pub fn create(folder: &Path) -> Result<usize, String> {
    if folder.exists()
        && fs::read_dir(folder)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "{} already exists and is not empty; choose a new folder",
            folder.display()
        ));
    }
    let files = files();
    for (path, contents) in &files {
        let target = folder.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&target, contents)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(files.len())
}

pub fn execute(folder: &Path) -> ExitCode {
    match create(folder) {
        Ok(count) => {
            println!(
                "Created a new site in {} ({count} files).",
                folder.display()
            );
            let root = folder.display();
            println!("Next steps:");
            println!(
                "  1. Put your own data in {root}/data: site.yaml, methodology.yaml, sectors.yaml, \
                 companies.yaml and one file per edition in editions/ (docs/format.md explains \
                 every key)."
            );
            println!("  2. Preview while you edit: rankpress serve --root {root} --open");
            println!(
                "  3. Publish: rankpress build --root {root}, then upload {root}/public to any \
                 static host."
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
