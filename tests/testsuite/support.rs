//! Fixture sites: a small valid site that each test changes where it needs to.

use std::fs;
use std::path::{Path, PathBuf};

use rankpress::diagnostics::Diagnostics;
use rankpress::input::read_data;
use rankpress::model::Site;
use rankpress::model::results::EditionResults;
use rankpress::model::scoring::score_site;
use rankpress::model::validate::validate_data;
use tempfile::TempDir;

/// Without share cards: a test of cards sets `share_images` itself, the others stay fast.
pub const SITE: &str = "title: Test Ranking\nbase_url: https://example.org/\nlanguages: [en, de]\ntop: 2\nprecision: 1\nmin_sector_size: 3\nshare_images: none\n";

/// Customers on 1..5 (higher is better) weighted 2, managers on school grades 1..6 (lower is
/// better) weighted 1.
pub const METHODOLOGY: &str = "\
min_responses: 30
perspectives:
  - id: customer
    name: {en: Customers, de: Kunden}
    weight: 2
    scale: {min: 1, max: 5}
    criteria:
      - {id: speed, name: Speed, weight: 1}
      - {id: care, name: Care, weight: 3}
  - id: management
    name: Management
    weight: 1
    scale: {min: 1, max: 6}
    higher_is_better: false
    criteria:
      - {id: standards, name: Standards, weight: 1}
";

pub const SECTORS: &str =
    "- id: banks\n  name: Banks\n- id: travel\n  name: {en: Travel, de: Reisen}\n";

pub const COMPANIES: &str = "\
- {id: alpha, name: Alpha Bank, sector: banks}
- {id: beta, name: Beta Bank, sector: banks}
- {id: gamma, name: Gamma Bank, sector: banks}
- {id: delta, name: Delta Tours, sector: travel}
- {id: epsilon, name: Epsilon Tours, sector: travel}
";

/// One row of results in YAML.
pub fn result(company: &str, responses: u32, speed: &str, care: &str, standards: &str) -> String {
    format!(
        "  - company: {company}\n    responses: {responses}\n    scores:\n      speed: {speed}\n      care: {care}\n      standards: {standards}\n"
    )
}

pub fn edition(year: i32, results: &[String]) -> String {
    format!(
        "year: {year}\npublished: {year}-06-15\nresults:\n{}",
        results.concat()
    )
}

/// A fixture site in a temporary folder.
pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    /// The base site with `files` written over it (path, contents). An empty content removes
    /// the file.
    pub fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let base = [
            ("data/site.yaml", SITE.to_string()),
            ("data/methodology.yaml", METHODOLOGY.to_string()),
            ("data/sectors.yaml", SECTORS.to_string()),
            ("data/companies.yaml", COMPANIES.to_string()),
            (
                "data/editions/2026.yaml",
                edition(2026, &[result("alpha", 100, "5", "4", "2")]),
            ),
        ];
        for (path, contents) in base {
            write(dir.path(), path, &contents);
        }
        for (path, contents) in files {
            let target = dir.path().join(path);
            if contents.is_empty() {
                let _ = fs::remove_file(target);
            } else {
                write(dir.path(), path, contents);
            }
        }
        Fixture { dir }
    }

    /// The same, with the example site's theme copied in so that it can be built.
    pub fn with_theme(files: &[(&str, &str)]) -> Fixture {
        let fixture = Fixture::new(files);
        copy_dir(
            &repo_root().join("themes"),
            &fixture.dir.path().join("themes"),
        );
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Validates the data; panics with the diagnostics when it is invalid.
    pub fn site(&self) -> Site {
        let (site, diagnostics) = self.validate();
        site.unwrap_or_else(|| panic!("fixture should be valid:\n{diagnostics}"))
    }

    pub fn validate(&self) -> (Option<Site>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let inputs = read_data(self.root(), &mut diagnostics);
        let site = validate_data(&inputs, &mut diagnostics);
        (site, diagnostics)
    }

    pub fn results(&self) -> (Site, Vec<EditionResults>) {
        let site = self.site();
        let results = score_site(&site);
        (site, results)
    }
}

/// The errors of an in-memory build of `fixture`, which must fail on its input.
pub fn build_errors(fixture: &Fixture) -> Vec<rankpress::diagnostics::Diagnostic> {
    match rankpress::pipeline::build_in_memory(&in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect(),
        Err(other) => panic!("expected located errors, got {other}"),
        Ok(_) => panic!("the build should fail"),
    }
}

/// Options for an in-memory build of the site at `root`.
pub fn in_memory(root: &Path) -> rankpress::pipeline::BuildOptions {
    rankpress::pipeline::BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        include_drafts: false,
        force: false,
        precompress: false,
    }
}

/// Every file under `folder` with its bytes, by path relative to it.
pub fn snapshot(folder: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(folder)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (name, fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn write(root: &Path, path: &str, contents: &str) {
    let target = root.join(path);
    fs::create_dir_all(target.parent().expect("parent")).expect("create folder");
    fs::write(target, contents).expect("write fixture file");
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let relative = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The id of the company at each ranked position, with its rank and rounded score text.
pub fn ranking(site: &Site, results: &EditionResults) -> Vec<(String, usize, String)> {
    let rounding = rankpress::rounding::Rounding::new(site.config.precision);
    results
        .ranked
        .iter()
        .map(|entry| {
            (
                site.companies[entry.company].id.clone(),
                entry.rank,
                rounding.format_units(entry.units, "."),
            )
        })
        .collect()
}

/// The value a line of a search index script (`search-index.js`) sets `window.<name>` to.
fn search_script_value(script: &str, name: &str) -> serde_json::Value {
    let json = script
        .lines()
        .find_map(|line| line.strip_prefix(&format!("window.{name} = ")))
        .and_then(|s| s.strip_suffix(';'))
        .unwrap_or_else(|| panic!("no {name} in the index script"));
    serde_json::from_str(json).expect("index json")
}

/// The entries of a search index script (`search-index.js`).
pub fn search_entries(script: &str) -> Vec<serde_json::Value> {
    match search_script_value(script, "rankpressSearchIndex") {
        serde_json::Value::Array(entries) => entries,
        other => panic!("the index is not a list: {other}"),
    }
}

/// What the search says, as the index script gives it (`none`, `results`, `all`).
pub fn search_texts(script: &str) -> serde_json::Value {
    search_script_value(script, "rankpressSearchText")
}

/// Fails, showing `text`, unless it holds every one of `lines`.
pub fn assert_says(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.contains(line), "{line}\n{text}");
    }
}
