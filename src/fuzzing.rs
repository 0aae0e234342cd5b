//! Entry points for the fuzz targets under `fuzz/` and for the test that replays their corpus on
//! stable Rust. Each takes arbitrary bytes, runs them through the same functions a build uses,
//! and must return without panicking whatever the bytes are; the diagnostics are rendered too,
//! since locating an error in a broken file is where a parser's corner cases surface.

use crate::diagnostics::Diagnostics;
use crate::input::source::SourceFile;
use crate::input::{EditionFiles, Inputs, ResultsFile, TableFile, decode_text};
use crate::model::Site;

const SITE: &str = "title: Fuzz\nbase_url: https://fuzz.example/\nlanguages: [en, de]\ntop: 2\n";
const METHODOLOGY: &str = "min_responses: 10\nperspectives:\n  - id: customer\n    name: {en: Customers, de: Kunden}\n    weight: 2\n    scale: {min: 1, max: 5}\n    criteria:\n      - {id: speed, name: Speed, weight: 1}\n      - {id: care, name: Care, weight: 3}\n  - id: management\n    name: Management\n    weight: 1\n    scale: {min: 1, max: 6}\n    higher_is_better: false\n    criteria:\n      - {id: standards, name: Standards, weight: 1}\n";
const SECTORS: &str =
    "- id: banks\n  name: Banks\n- id: travel\n  name: {en: Travel, de: Reisen}\n";
const COMPANIES: &str = "- {id: alpha, name: Alpha, sector: banks}\n- {id: beta, name: Beta, sector: banks}\n- {id: gamma, name: Gamma, sector: travel}\n";
const EDITION: &str = "year: 2026\npublished: 2026-06-15\nresults:\n  - company: alpha\n    responses: 40\n    scores: {speed: 4, care: 5, standards: 2}\n  - company: beta\n    responses: 12\n    scores: {speed: 3, care: 2.5, standards: 1}\n";
const EDITION_FACTS: &str = "year: 2025\n";
const CSV: &str = "company,responses,speed,care,standards\nalpha,50,4,4,2\ngamma,30,5,,1\n";

/// The small valid data set the targets vary one file of.
fn base_inputs() -> Inputs {
    Inputs {
        site: Some(SourceFile::new("data/site.yaml", SITE)),
        methodology: Some(SourceFile::new("data/methodology.yaml", METHODOLOGY)),
        sectors: Some(SourceFile::new("data/sectors.yaml", SECTORS)),
        companies: Some(SourceFile::new("data/companies.yaml", COMPANIES)),
        editions: vec![
            EditionFiles {
                stem: "2025".to_string(),
                yaml: Some(SourceFile::new("data/editions/2025.yaml", EDITION_FACTS)),
                results: vec![ResultsFile::Table(TableFile::Csv(SourceFile::new(
                    "data/editions/2025.csv",
                    CSV,
                )))],
            },
            EditionFiles {
                stem: "2026".to_string(),
                yaml: Some(SourceFile::new("data/editions/2026.yaml", EDITION)),
                results: Vec::new(),
            },
        ],
        static_files: Default::default(),
    }
}

/// The base site, validated.
fn base_site() -> Option<Site> {
    let mut diagnostics = Diagnostics::new();
    crate::model::validate::validate_data(&base_inputs(), &mut diagnostics)
}

/// The first byte picks a data file, the rest replaces it; the site is validated, scored and
/// exported when it is valid.
pub fn data_loader(bytes: &[u8]) {
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let names = [
        "data/site.yaml",
        "data/methodology.yaml",
        "data/sectors.yaml",
        "data/companies.yaml",
        "data/editions/2026.yaml",
        "data/editions/2025.csv",
    ];
    let slot = usize::from(selector) % names.len();
    let name = names.get(slot).copied().unwrap_or("data/site.yaml");
    let mut diagnostics = Diagnostics::new();
    let replacement = decode_text(rest.to_vec(), name, &mut diagnostics);
    let mut inputs = base_inputs();
    match slot {
        0 => inputs.site = replacement,
        1 => inputs.methodology = replacement,
        2 => inputs.sectors = replacement,
        3 => inputs.companies = replacement,
        4 => {
            if let Some(edition) = inputs.editions.get_mut(1) {
                edition.yaml = replacement;
            }
        }
        _ => {
            if let Some(edition) = inputs.editions.get_mut(0) {
                edition.results = replacement
                    .map(|csv| vec![ResultsFile::Table(TableFile::Csv(csv))])
                    .unwrap_or_default();
            }
        }
    }
    if let Some(site) = crate::model::validate::validate_data(&inputs, &mut diagnostics) {
        let results = crate::model::scoring::score_site(&site);
        for edition in &results {
            for language in 0..site.language_count() {
                let _ = crate::render::export::ranking_json(&site, edition, language, &[]);
                let _ = crate::render::export::ranking_csv(&site, edition, language, &[]);
            }
        }
    }
    let _ = diagnostics.to_string();
}

/// The first byte picks where a commentary file sits (home, article, translation, company,
/// edition); the rest is the file. Covers the front-matter split, front-matter YAML, Markdown and
/// embed extraction.
pub fn front_matter(bytes: &[u8]) {
    let Some(site) = base_site() else {
        return;
    };
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let names = [
        "content/_index.md",
        "content/articles/news.md",
        "content/articles/news.de.md",
        "content/companies/alpha.md",
        "content/editions/2026.md",
        "content/methodology.md",
    ];
    let name = names
        .get(usize::from(selector) % names.len())
        .copied()
        .unwrap_or("content/_index.md");
    let mut diagnostics = Diagnostics::new();
    if let Some(file) = decode_text(rest.to_vec(), name, &mut diagnostics) {
        let _ = crate::content::split_front_matter(&file.text);
        let _ = crate::content::load_content(&site, &[file], true, &mut diagnostics);
    }
    let _ = diagnostics.to_string();
}

/// Markdown with embeds: `{{ ranking … }}`, `{{ chart … }}`, `[[company:…]]`.
pub fn embeds(bytes: &[u8]) {
    let Some(site) = base_site() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let markdown = crate::content::embeds::extract(&text, &site).markdown;
    let _ = crate::content::markdown::render(&markdown, false, 0);
    let _ = crate::content::markdown::links(&markdown);
}

/// A CSV results file whose header is the input: the first line of `bytes` replaces the header,
/// the rest follows as rows. However long or strange the header, the file gets a bounded number
/// of errors: one per run of unknown columns, one per repeated column.
pub fn csv_header(bytes: &[u8]) {
    let mut diagnostics = Diagnostics::new();
    let Some(file) = decode_text(bytes.to_vec(), "data/editions/2025.csv", &mut diagnostics) else {
        return;
    };
    let fields = file
        .text
        .lines()
        .next()
        .map_or(0, |header| header.split([',', ';']).count());
    let mut inputs = base_inputs();
    if let Some(edition) = inputs.editions.get_mut(0) {
        edition.results = vec![ResultsFile::Table(TableFile::Csv(file))];
    }
    let _ = crate::model::validate::validate_data(&inputs, &mut diagnostics);
    let on_header = diagnostics
        .iter()
        .filter(|d| d.file == "data/editions/2025.csv" && d.line == Some(1))
        .count();
    assert!(
        on_header <= fields + 1,
        "{on_header} errors for a header of {fields} fields"
    );
    let _ = diagnostics.to_string();
}

/// Markdown with embeds and heading attributes, rendered as a site that does not allow HTML:
/// whatever the text, no tag of the output carries an event handler or any attribute Markdown
/// does not make, no link or image address runs script, and no placeholder survives filling.
pub fn markdown_safety(bytes: &[u8]) {
    let Some(site) = base_site() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let crate::content::embeds::Extracted {
        markdown, embeds, ..
    } = crate::content::embeds::extract(&text, &site);
    let rendered = crate::content::markdown::render(&markdown, false, embeds.len());
    let filled: Vec<String> = (0..embeds.len())
        .map(|i| format!("<p>embed {i}</p>"))
        .collect();
    let html = crate::content::embeds::fill_placeholders(&rendered.html, &filled);
    assert!(
        !html.contains("<rankpress-embed"),
        "a placeholder survived: {html}"
    );
    for (name, value) in attributes(&html) {
        assert!(
            matches!(
                name.as_str(),
                "href"
                    | "src"
                    | "alt"
                    | "title"
                    | "id"
                    | "class"
                    | "start"
                    | "type"
                    | "checked"
                    | "disabled"
                    | "style"
            ),
            "attribute `{name}` in {html}"
        );
        if name == "style" {
            // pulldown-cmark writes table alignment as a style; nothing else may.
            assert!(
                value.starts_with("text-align: "),
                "style `{value}` in {html}"
            );
        }
        if name == "href" || name == "src" {
            assert!(
                crate::content::markdown::is_safe_url(&value),
                "{name}=`{value}` in {html}"
            );
        }
    }
}

/// The attributes of every tag of `html` as written by pulldown-cmark: names, then values in
/// double quotes (with `&quot;` for quotes inside). Text outside tags is escaped, so every `<`
/// starts a tag.
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = rest.get(start + 1..).unwrap_or_default();
        if let Some(closing) = rest.strip_prefix('/') {
            // A closing tag has no attributes.
            rest = closing
                .get(closing.find('>').unwrap_or(closing.len())..)
                .unwrap_or_default();
            continue;
        }
        // The tag's name.
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        rest = rest.get(name_end..).unwrap_or_default();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c.is_whitespace() || c == '>')
                .unwrap_or(rest.len());
            let name = rest.get(..end).unwrap_or_default().to_ascii_lowercase();
            rest = rest.get(end..).unwrap_or_default();
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').unwrap_or(after.len());
                value = after.get(..close).unwrap_or_default().replace("&amp;", "&");
                rest = after.get(close + 1..).unwrap_or_default();
            }
            if name.is_empty() {
                rest = rest.get(1..).unwrap_or_default();
                continue;
            }
            found.push((name, value));
        }
    }
    found
}

/// A spreadsheet (`.xlsx` or `.ods`, told apart by their content) whose bytes are the input,
/// as an edition's results: read, validated and located without a panic, and never more cells
/// of CSV text than the limits allow, whatever the archive declares or repeats.
pub fn spreadsheet(bytes: &[u8]) {
    use std::io::Write;
    let Ok((path, mut file)) = tempfile_in_temp_dir() else {
        return;
    };
    if file.write_all(bytes).is_err() {
        return;
    }
    drop(file);
    let mut inputs = base_inputs();
    if let Some(edition) = inputs.editions.get_mut(0) {
        edition.results = vec![ResultsFile::Table(TableFile::Spreadsheet(
            crate::input::SpreadsheetFile {
                path: path.clone(),
                relative: "data/editions/2025.xlsx".to_string(),
            },
        ))];
    }
    let mut diagnostics = Diagnostics::new();
    let _ = crate::model::validate::validate_data(&inputs, &mut diagnostics);
    let shown = diagnostics.to_string();
    assert!(shown.len() < 1 << 20, "{} bytes of messages", shown.len());
    if let Ok(table) = crate::input::spreadsheet::read_table(&path, "fuzz.xlsx", None) {
        let cells = table.csv().matches([',', '\n']).count();
        assert!(cells <= crate::input::limits::MAX_SHEET_AREA + table.csv().lines().count());
    }
    let _ = std::fs::remove_file(&path);
}

/// A new file under the system's temporary folder, for the spreadsheet target (its reader
/// takes a path).
fn tempfile_in_temp_dir() -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "rankpress-fuzz-{}-{}.bin",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}

/// The share cards' own DEFLATE encoder (`draw::row_deflate`) against a second implementation:
/// the input's first byte chooses the row length (1 to 256 bytes), the second whether the coder
/// is first trained on the rows, the third where the rows are cut into segments; the rest are the
/// rows. Deflated segment by segment and inflated by `flate2` (zlib-rs), the bytes must come back
/// exactly.
pub fn row_deflate(bytes: &[u8]) {
    let [stride, train, cuts, rest @ ..] = bytes else {
        return;
    };
    let stride = usize::from(*stride) + 1;
    let rows = rest.len() / stride;
    let data = rest.get(..rows * stride).unwrap_or_default();
    let mut coder = crate::draw::row_deflate::RowCoder::new(stride);
    if train & 1 == 1 {
        coder = coder.trained(data);
    }
    // Segments end on row boundaries, every `cuts % 7 + 1` rows.
    let step = (usize::from(*cuts) % 7 + 1) * stride;
    let mut stream = Vec::new();
    let mut from = 0;
    while from < data.len() {
        let to = (from + step).min(data.len());
        coder.deflate(data, from, to, &mut stream);
        from = to;
    }
    // An empty final block with fixed codes ends the stream.
    stream.extend_from_slice(&[0x03, 0x00]);
    let mut inflated = Vec::new();
    let read = std::io::Read::read_to_end(
        &mut flate2::read::DeflateDecoder::new(&stream[..]),
        &mut inflated,
    );
    assert!(read.is_ok(), "the deflated rows do not inflate: {read:?}");
    assert!(inflated == data, "the rows inflate to other bytes");
}
