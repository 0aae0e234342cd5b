//! Synthetic sites for benchmarks: N companies in S sectors over E editions and L languages, with
//! commentary, written in the input format (docs/format.md). The same seed gives the same site,
//! byte for byte. With `--hugo DIR` it also writes an equivalent Hugo site: one page per company
//! with the same Markdown commentary and the same table of scores, through a comparable template.
//!
//! ```sh
//! cargo run --release --example synth -- --companies 10000 --out /tmp/synth-10k [--hugo /tmp/hugo-10k]
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "common/random.rs"]
mod random;
use random::Random;

struct Options {
    companies: usize,
    sectors: usize,
    editions: usize,
    languages: usize,
    seed: u64,
    /// `share_images` in site.yaml; left out (the default, `awards`) unless asked.
    share_images: Option<String>,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

const USAGE: &str = "usage: synth --out DIR [--companies 1000] [--sectors 20] [--editions 3] \
                     [--languages 1] [--seed 1] [--share-images all] [--hugo DIR]";

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        companies: 1000,
        sectors: 20,
        editions: 3,
        languages: 1,
        seed: 1,
        share_images: None,
        out: PathBuf::new(),
        hugo: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag} expects a whole number, not {value:?}"))
        };
        match flag.as_str() {
            "--companies" => options.companies = number()?.max(1),
            "--sectors" => options.sectors = number()?.max(1),
            "--editions" => options.editions = number()?.max(1),
            "--languages" => options.languages = number()?.clamp(1, LANGUAGES.len()),
            "--seed" => options.seed = number()? as u64,
            "--share-images" => options.share_images = Some(value.clone()),
            "--out" => options.out = PathBuf::from(&value),
            "--hugo" => options.hugo = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    if options.out.as_os_str().is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(options)
}

const LANGUAGES: [&str; 4] = ["en", "de", "fr", "nl"];
const FIRST_YEAR: usize = 2020;
const SYLLABLES: [&str; 16] = [
    "nor", "ka", "lin", "de", "ves", "ta", "mar", "bel", "so", "ri", "tan", "ge", "lu", "mo",
    "ber", "quin",
];
const KINDS: [&str; 8] = [
    "Mobile",
    "Energy",
    "Bank",
    "Travel",
    "Insurance",
    "Logistics",
    "Retail",
    "Care",
];

/// A criterion of the fixed synthetic methodology: id, perspective index.
const CRITERIA: [(&str, usize); 8] = [
    ("responsiveness", 0),
    ("complaint-handling", 0),
    ("reliability", 0),
    ("friendliness", 0),
    ("value-for-money", 0),
    ("internal-standards", 1),
    ("complaint-management", 1),
    ("staff-training", 1),
];

struct Company {
    id: String,
    name: String,
    sector: usize,
    /// A latent quality in [0, 1] so that ranks move plausibly between editions.
    quality: f64,
}

/// One company's result in one edition: responses and raw values (None: missing).
struct Row {
    responses: u32,
    values: Vec<Option<f64>>,
}

fn name(random: &mut Random, index: usize) -> String {
    let mut word = String::new();
    for _ in 0..2 + random.below(2) {
        word.push_str(SYLLABLES[random.below(SYLLABLES.len())]);
    }
    let mut chars = word.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!(
        "{first}{} {} {index}",
        chars.as_str(),
        KINDS[random.below(KINDS.len())]
    )
}

fn localized(languages: &[&str], text: impl Fn(&str) -> String) -> String {
    if languages.len() == 1 {
        return format!("{:?}", text(languages[0]));
    }
    let parts: Vec<String> = languages
        .iter()
        .map(|l| format!("{l}: {:?}", text(l)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        let relative = entry
            .path()
            .strip_prefix(from)
            .map_err(std::io::Error::other)?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The commentary every company page carries: a few paragraphs with emphasis, a list and a link.
fn commentary(company: &Company, sector_name: &str, random: &mut Random) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "*{}* serves customers in **{sector_name}**. The editors visited its service centre and \
         spoke with the people who answer the phone, read the complaint letters and decide what \
         happens next.\n",
        company.name
    );
    let _ = writeln!(
        text,
        "## What customers said\n\nCustomers praised how quickly a real person answered and how \
         rarely they had to repeat themselves. Several mentioned that promises about delivery \
         dates were kept; a few found the prices hard to compare.\n"
    );
    let _ = writeln!(
        text,
        "- Reachability on {} of {} test calls\n- Written answer within {} working days\n\
         - Complaint closed on first contact in {} % of cases\n",
        18 + random.below(3),
        20,
        1 + random.below(4),
        40 + random.below(50)
    );
    let _ = writeln!(
        text,
        "## What management said\n\nBinding service standards are written down, trained and \
         checked every quarter. See the [methodology](/methodology/) for how the two surveys \
         are weighted."
    );
    text
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(error) = generate(&options) {
        eprintln!("synth: {error}");
        std::process::exit(1);
    }
}

fn generate(options: &Options) -> std::io::Result<()> {
    let mut random = Random(options.seed);
    let languages = &LANGUAGES[..options.languages];
    let out = &options.out;
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("themes/default"), &out.join("themes/default"))?;

    let language_list = languages.join(", ");
    write(
        &out.join("data/site.yaml"),
        &format!(
            "title: {}\nbase_url: https://synthetic.example.org/\nlanguages: [{language_list}]\n\
             theme: default\ntop: 50\nprecision: 1\nmin_sector_size: 3\n{share_images}",
            localized(languages, |l| format!("Synthetic benchmark ({l})")),
            share_images = options
                .share_images
                .as_ref()
                .map_or(String::new(), |value| format!("share_images: {value}\n")),
        ),
    )?;
    let mut methodology = String::from("min_responses: 30\nperspectives:\n");
    for (perspective, (id, weight, scale, higher)) in [
        ("customer", 2, "{min: 1, max: 6}", false),
        ("management", 1, "{min: 0, max: 100}", true),
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(
            methodology,
            "  - id: {id}\n    name: {}\n    weight: {weight}\n    scale: {scale}\n    \
             higher_is_better: {higher}\n    criteria:\n",
            localized(languages, |l| format!("{id} survey ({l})"))
        );
        for (criterion, _) in CRITERIA.iter().filter(|(_, p)| *p == perspective) {
            let _ = writeln!(
                methodology,
                "      - id: {criterion}\n        name: {}\n        weight: {}",
                localized(languages, |l| format!("{criterion} ({l})")),
                1 + random.below(2)
            );
        }
    }
    write(&out.join("data/methodology.yaml"), &methodology)?;

    let sector_names: Vec<String> = (0..options.sectors)
        .map(|i| format!("Sector {i} {}", KINDS[i % KINDS.len()]))
        .collect();
    let mut sectors = String::new();
    for (i, sector_name) in sector_names.iter().enumerate() {
        let _ = writeln!(
            sectors,
            "- id: sector-{i}\n  name: {}",
            localized(languages, |l| format!("{sector_name} ({l})"))
        );
    }
    write(&out.join("data/sectors.yaml"), &sectors)?;

    let companies: Vec<Company> = (0..options.companies)
        .map(|i| {
            let name = name(&mut random, i);
            Company {
                id: format!("company-{i}"),
                name,
                sector: i % options.sectors,
                quality: random.unit(),
            }
        })
        .collect();
    let mut catalogue = String::new();
    for company in &companies {
        let _ = writeln!(
            catalogue,
            "- id: {}\n  name: {:?}\n  sector: sector-{}\n  website: https://{}.example",
            company.id, company.name, company.sector, company.id
        );
    }
    write(&out.join("data/companies.yaml"), &catalogue)?;

    let mut history: Vec<Vec<Option<Row>>> = Vec::new();
    for edition in 0..options.editions {
        let year = FIRST_YEAR + edition;
        let latest = edition + 1 == options.editions;
        let rows: Vec<Option<Row>> = companies
            .iter()
            .map(|company| {
                // Most companies take part every year; a few skip one.
                if random.below(20) == 0 {
                    return None;
                }
                let responses = if random.below(25) == 0 {
                    random.below(30) as u32
                } else {
                    30 + random.below(600) as u32
                };
                let values = CRITERIA
                    .iter()
                    .map(|(_, perspective)| {
                        if random.below(200) == 0 {
                            return None;
                        }
                        let noise = random.unit() * 0.3 - 0.15;
                        let level = (company.quality + noise).clamp(0.0, 1.0);
                        Some(if *perspective == 0 {
                            // School grades 1..6, lower is better, two decimals.
                            ((6.0 - 5.0 * level) * 100.0).round() / 100.0
                        } else {
                            (level * 100.0).round()
                        })
                    })
                    .collect();
                Some(Row { responses, values })
            })
            .collect();
        let mut facts = format!(
            "year: {year}\ntitle: {}\npublished: {year}-06-15\nrespondents: {}\n",
            localized(languages, |l| format!("Synthetic ranking {year} ({l})")),
            rows.iter()
                .flatten()
                .map(|r| r.responses as u64)
                .sum::<u64>()
        );
        let cell = |value: &Option<f64>| value.map(|v| format!("{v}")).unwrap_or_default();
        if latest {
            // The latest edition comes as a spreadsheet export, as in real use.
            let mut csv = String::from("company,responses");
            for (criterion, _) in CRITERIA {
                let _ = write!(csv, ",{criterion}");
            }
            csv.push('\n');
            for (company, row) in companies.iter().zip(&rows) {
                if let Some(row) = row {
                    let _ = write!(csv, "{},{}", company.id, row.responses);
                    for value in &row.values {
                        let _ = write!(csv, ",{}", cell(value));
                    }
                    csv.push('\n');
                }
            }
            write(&out.join(format!("data/editions/{year}.csv")), &csv)?;
        } else {
            facts.push_str("results:\n");
            for (company, row) in companies.iter().zip(&rows) {
                if let Some(row) = row {
                    let _ = write!(
                        facts,
                        "  - company: {}\n    responses: {}\n    scores:\n",
                        company.id, row.responses
                    );
                    for ((criterion, _), value) in CRITERIA.iter().zip(&row.values) {
                        if let Some(value) = value {
                            let _ = writeln!(facts, "      {criterion}: {value}");
                        }
                    }
                }
            }
        }
        write(&out.join(format!("data/editions/{year}.yaml")), &facts)?;
        write(
            &out.join(format!("content/editions/{year}.md")),
            &format!(
                "The {year} edition ranks {} companies. Here is what stood out.\n",
                companies.len()
            ),
        )?;
        history.push(rows);
    }

    let mut texts = Vec::with_capacity(companies.len());
    for company in &companies {
        let text = commentary(company, &sector_names[company.sector], &mut random);
        for language in languages {
            let file = if *language == languages[0] {
                format!("content/companies/{}.md", company.id)
            } else {
                format!("content/companies/{}.{language}.md", company.id)
            };
            write(&out.join(file), &text)?;
        }
        texts.push(text);
    }
    write(
        &out.join("content/_index.md"),
        "Synthetic data for benchmarks. **No company here exists.**\n",
    )?;
    write(
        &out.join("content/articles/about.md"),
        "---\ntitle: About this benchmark site\ndate: 2026-01-01\nsummary: Made-up data.\n---\n\
         Everything here is generated.\n",
    )?;
    write(
        &out.join("content/methodology.md"),
        "The synthetic methodology mirrors the example site's.\n",
    )?;

    if let Some(hugo) = &options.hugo {
        write_hugo(hugo, &companies, &sector_names, &history, &texts)?;
    }
    println!(
        "wrote {} companies in {} sectors, {} editions, {} language(s) to {}",
        companies.len(),
        options.sectors,
        options.editions,
        languages.len(),
        out.display()
    );
    Ok(())
}

/// The Hugo twin: one page per company with the same commentary and, in front matter, the same
/// table of raw values per criterion and edition that the rankpress company page shows.
fn write_hugo(
    out: &Path,
    companies: &[Company],
    sector_names: &[String],
    history: &[Vec<Option<Row>>],
    texts: &[String],
) -> std::io::Result<()> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    write(
        &out.join("hugo.toml"),
        "baseURL = 'https://synthetic.example.org/'\nlanguageCode = 'en'\n\
         title = 'Synthetic benchmark'\ndisableKinds = ['taxonomy', 'term', 'RSS']\n",
    )?;
    write(
        &out.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{{ .Title }} | {{ .Site.Title }}</title></head>\n<body><header><a href=\"/\">\
         {{ .Site.Title }}</a></header>\n<main>{{ block \"main\" . }}{{ end }}</main>\n\
         <footer>Synthetic data</footer></body></html>\n",
    )?;
    write(
        &out.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<p>Sector: {{ .Params.sector }}</p>\n\
         <table><caption>Scores by edition</caption><thead><tr><th scope=\"col\">Criterion</th>\
         {{ range .Params.years }}<th scope=\"col\">{{ . }}</th>{{ end }}</tr></thead><tbody>\n\
         {{ range .Params.scores }}<tr><th scope=\"row\">{{ .criterion }}</th>\
         {{ range .values }}<td>{{ . }}</td>{{ end }}</tr>\n{{ end }}</tbody></table>\n\
         <div class=\"commentary\">{{ .Content }}</div>{{ end }}\n",
    )?;
    write(
        &out.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"\
         {{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )?;
    let years: Vec<String> = (0..history.len())
        .map(|e| (FIRST_YEAR + e).to_string())
        .collect();
    for (index, (company, text)) in companies.iter().zip(texts).enumerate() {
        let mut page = format!(
            "---\ntitle: {:?}\nsector: {:?}\nyears: [{}]\nscores:\n",
            company.name,
            sector_names[company.sector],
            years.join(", ")
        );
        for (criterion_index, (criterion, _)) in CRITERIA.iter().enumerate() {
            let values: Vec<String> = history
                .iter()
                .map(|rows| {
                    rows[index]
                        .as_ref()
                        .and_then(|row| row.values[criterion_index])
                        .map(|v| format!("\"{v}\""))
                        .unwrap_or_else(|| "\"-\"".to_string())
                })
                .collect();
            let _ = writeln!(
                page,
                "  - criterion: {criterion}\n    values: [{}]",
                values.join(", ")
            );
        }
        page.push_str("---\n");
        page.push_str(text);
        write(
            &out.join(format!("content/companies/{}.md", company.id)),
            &page,
        )?;
    }
    write(
        &out.join("content/_index.md"),
        "---\ntitle: Synthetic benchmark\n---\nSynthetic data.\n",
    )?;
    Ok(())
}
