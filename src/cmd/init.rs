//! `rankpress init DIR`: a new, working site with a small example (two sectors, six companies,
//! two editions, one article) and the default theme, which is built into the binary.

use rankpress::diagnostics::{Doing, Phrase, Said, cannot, said_error};
use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// What a new site says in one language: its title and description, the names of its
/// perspectives, criteria and sectors, and its starter commentary (`init_texts.yaml`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Starter {
    title: String,
    description: String,
    customer: String,
    responsiveness: String,
    complaints: String,
    management: String,
    standards: String,
    banks: String,
    travel: String,
    home_title: String,
    home_body: String,
    article_title: String,
    article_summary: String,
    article_body: String,
}

/// The starter texts in every language the default theme speaks, by language code.
fn starters() -> std::collections::BTreeMap<String, Starter> {
    serde_yaml::from_str(include_str!("init_texts.yaml")).unwrap_or_default()
}

/// The languages of `rankpress init` without `--languages`.
pub const DEFAULT_LANGUAGES: [&str; 2] = ["en", "de"];

const COMPANIES: &str = "- {id: harbour-bank, name: Harbour Bank, sector: banks}
- {id: north-savings, name: North Savings, sector: banks}
- {id: civic-credit, name: Civic Credit, sector: banks}
- {id: sunway-travel, name: Sunway Travel, sector: travel}
- {id: atlas-tours, name: Atlas Tours, sector: travel}
- {id: blue-fjord-cruises, name: Blue Fjord Cruises, sector: travel}
";

/// A text in each of the site's languages, as YAML: `{ru: "…", en: "…"}` (double-quoted
/// YAML strings are JSON strings).
fn texts(languages: &[(&str, &Starter)], text: impl Fn(&Starter) -> String) -> String {
    let entries: Vec<String> = languages
        .iter()
        .map(|(code, starter)| {
            format!(
                "{code}: {}",
                serde_json::to_string(&text(starter)).unwrap_or_default()
            )
        })
        .collect();
    format!("{{{}}}", entries.join(", "))
}

fn site_yaml(languages: &[(&str, &Starter)]) -> String {
    let codes: Vec<&str> = languages.iter().map(|(code, _)| *code).collect();
    format!(
        "# Site settings. docs/format.md, beside data/, explains every key of every file.\n\
         title: {}\ndescription: {}\nbase_url: https://example.org/\nlanguages: [{}]\n\
         top: 5\nprecision: 1\nmin_sector_size: 3\n",
        texts(languages, |s| s.title.clone()),
        texts(languages, |s| s.description.clone()),
        codes.join(", ")
    )
}

fn methodology_yaml(languages: &[(&str, &Starter)]) -> String {
    let name = |text: fn(&Starter) -> &String| texts(languages, |s| text(s).clone());
    format!(
        "min_responses: 30
perspectives:
  - id: customer
    name: {}
    weight: 2
    scale: {{min: 1, max: 5}}
    criteria:
      - id: responsiveness
        name: {}
        weight: 1
      - id: complaint-handling
        name: {}
        weight: 1
  - id: management
    name: {}
    weight: 1
    scale: {{min: 0, max: 100}}
    criteria:
      - id: internal-standards
        name: {}
        weight: 1
",
        name(|s| &s.customer),
        name(|s| &s.responsiveness),
        name(|s| &s.complaints),
        name(|s| &s.management),
        name(|s| &s.standards),
    )
}

fn sectors_yaml(languages: &[(&str, &Starter)]) -> String {
    format!(
        "- id: banks\n  name: {}\n- id: travel\n  name: {}\n",
        texts(languages, |s| s.banks.clone()),
        texts(languages, |s| s.travel.clone())
    )
}

fn edition(
    languages: &[(&str, &Starter)],
    year: u32,
    rows: &[(&str, u32, f64, f64, u32)],
) -> String {
    let mut text = format!(
        "year: {year}\ntitle: {}\npublished: {year}-06-15\nresults:\n",
        texts(languages, |s| format!("{} {year}", s.title))
    );
    for (company, responses, responsiveness, complaints, standards) in rows {
        text.push_str(&format!(
            "  - company: {company}\n    responses: {responses}\n    scores: {{responsiveness: {responsiveness}, complaint-handling: {complaints}, internal-standards: {standards}}}\n"
        ));
    }
    text
}

/// A Markdown file with its front matter; titles and summaries as JSON strings, which YAML
/// reads as they are whatever their punctuation.
fn markdown(front: &[(&str, &str)], body: &str) -> String {
    let mut text = String::from("---\n");
    for (key, value) in front {
        let value = if *key == "date" {
            value.to_string()
        } else {
            serde_json::to_string(value).unwrap_or_default()
        };
        text.push_str(&format!("{key}: {value}\n"));
    }
    text.push_str("---\n");
    text.push_str(body);
    text.push('\n');
    text
}

/// The files of a new site in `languages` (the first is served at the root), path and
/// contents: its data, starter commentary in each language and no file for another one, the
/// docs and the default theme. An unknown or repeated language is an error naming the known
/// ones.
pub fn files(languages: &[String]) -> Result<Vec<(String, Vec<u8>)>, Said> {
    let starters = starters();
    if languages.is_empty() {
        return Err(Said::new(
            "--languages needs at least one language code, such as `ru,en`",
            Phrase::new("diag_init_no_languages", &[]),
        ));
    }
    let mut chosen: Vec<(&str, &Starter)> = Vec::new();
    for code in languages {
        let Some(starter) = starters.get(code) else {
            let known: Vec<&str> = starters.keys().map(String::as_str).collect();
            let known = known.join(", ");
            return Err(Said::new(
                format!("no starter texts for language `{code}`; init knows {known}"),
                Phrase::new(
                    "diag_init_unknown_language",
                    &[("code", code), ("known", &known)],
                ),
            ));
        };
        if chosen.iter().any(|(c, _)| *c == code.as_str()) {
            return Err(Said::new(
                format!("`{code}` is listed twice in --languages"),
                Phrase::new("diag_init_language_twice", &[("code", code)]),
            ));
        }
        chosen.push((code.as_str(), starter));
    }
    let years = [
        (
            2025,
            [
                ("harbour-bank", 120, 4.1, 3.8, 70),
                ("north-savings", 95, 3.7, 3.5, 62),
                ("civic-credit", 64, 3.2, 3.4, 55),
                ("sunway-travel", 150, 4.4, 4.0, 81),
                ("atlas-tours", 88, 3.9, 3.6, 60),
                ("blue-fjord-cruises", 41, 3.5, 3.9, 66),
            ],
        ),
        (
            2026,
            [
                ("harbour-bank", 131, 4.0, 3.9, 72),
                ("north-savings", 102, 3.9, 3.7, 68),
                ("civic-credit", 70, 3.4, 3.3, 58),
                ("sunway-travel", 160, 4.3, 4.1, 83),
                ("atlas-tours", 97, 4.2, 3.8, 71),
                ("blue-fjord-cruises", 52, 3.6, 3.7, 64),
            ],
        ),
    ];
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("data/site.yaml".into(), site_yaml(&chosen).into_bytes()),
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
        (
            "data/methodology.yaml".into(),
            methodology_yaml(&chosen).into_bytes(),
        ),
        (
            "data/sectors.yaml".into(),
            sectors_yaml(&chosen).into_bytes(),
        ),
        ("data/companies.yaml".into(), COMPANIES.into()),
    ];
    for (year, rows) in &years {
        files.push((
            format!("data/editions/{year}.yaml"),
            edition(&chosen, *year, rows).into_bytes(),
        ));
    }
    for (index, (code, starter)) in chosen.iter().enumerate() {
        // The first language's files have no suffix; the others' are `<name>.<code>.md`.
        let suffix = if index == 0 {
            String::new()
        } else {
            format!(".{code}")
        };
        files.push((
            format!("content/_index{suffix}.md"),
            markdown(&[("title", &starter.home_title)], &starter.home_body).into_bytes(),
        ));
        files.push((
            format!("content/articles/how-we-rank{suffix}.md"),
            markdown(
                &[
                    ("title", &starter.article_title),
                    ("date", "2026-06-15"),
                    ("summary", &starter.article_summary),
                ],
                &starter.article_body,
            )
            .into_bytes(),
        ));
    }
    // The output, and what a build keeps beside it: the previous output (the spare the
    // next build writes over), the lock and a killed build's staging folder.
    files.push((
        ".gitignore".into(),
        "public/\n.public.rankpress-spare/\n.public.rankpress-lock\n.public.rankpress-staging-*/\n"
            .into(),
    ));
    files.extend(
        rankpress::default_theme::FILES
            .iter()
            .map(|(path, bytes)| (format!("themes/default/{path}"), bytes.to_vec())),
    );
    Ok(files)
}

/// Writes a new site into `folder`, which must be missing or empty.
pub fn create(folder: &Path, languages: &[String]) -> Result<usize, Said> {
    if folder.exists()
        && fs::read_dir(folder)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        let shown = folder.display().to_string();
        return Err(Said::new(
            format!("{shown} already exists and is not empty; choose a new folder"),
            Phrase::new("diag_init_not_empty", &[("folder", &shown)]),
        ));
    }
    let files = files(languages)?;
    for (path, contents) in &files {
        let target = folder.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| cannot(Doing::Create, parent, e))?;
        }
        fs::write(&target, contents).map_err(|e| cannot(Doing::Write, &target, e))?;
    }
    Ok(files.len())
}

pub fn execute(folder: &Path, languages: &[String]) -> ExitCode {
    match create(folder, languages) {
        Ok(count) => {
            // Said in the new site's first language.
            let locale = rankpress::pipeline::interface::interface_locale(folder);
            let root = folder.display().to_string();
            println!(
                "{}",
                locale.t_with(
                    "cli_init_created",
                    &[("folder", &root), ("count", &locale.count(count as u64))]
                )
            );
            for key in [
                "cli_init_next",
                "cli_init_data",
                "cli_init_preview",
                "cli_init_publish",
            ] {
                println!("{}", locale.t_with(key, &[("root", &root)]));
            }
            ExitCode::SUCCESS
        }
        Err(said) => {
            // Said in the first language asked for, English if the theme has none for it.
            let first = languages.first().map_or("en", String::as_str);
            let locale = rankpress::pipeline::interface::built_in_locale(first);
            eprintln!("{}", said_error(&said.into(), &locale));
            ExitCode::FAILURE
        }
    }
}
