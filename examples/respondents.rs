//! A respondent-level site at the scale of the largest German service ranking, for
//! `benches/respondents.sh`: C companies in S sectors, R customer-survey rows (eight criteria on
//! 1–5, about 5 % unanswered, and a survey weight from 0.5 to 1.5 with three decimals, as a
//! research firm's raking gives them: nearly every respondent's weight is different) and one
//! management-audit row per company, as STATISTICS.md's respondent files. The same seed gives the
//! same files, byte for byte.
//!
//! ```sh
//! cargo run --release --example respondents -- --out /tmp/resp [--rows 2000000] [--companies 4700] [--sectors 400]
//! ```

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[path = "common/random.rs"]
mod random;
use random::Random;

const CRITERIA: [&str; 8] = [
    "reachability",
    "responsiveness",
    "competence",
    "friendliness",
    "reliability",
    "transparency",
    "complaints",
    "value",
];

fn main() {
    let mut out = PathBuf::new();
    let (mut rows, mut companies, mut sectors, mut seed) =
        (2_000_000usize, 4_700usize, 400usize, 1u64);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--out" => out = PathBuf::from(value),
            "--rows" => rows = value.parse().expect("--rows N"),
            "--companies" => companies = value.parse().expect("--companies N"),
            "--sectors" => sectors = value.parse().expect("--sectors N"),
            "--seed" => seed = value.parse().expect("--seed N"),
            _ => {
                eprintln!(
                    "usage: respondents --out DIR [--rows N] [--companies N] [--sectors N] [--seed N]"
                );
                std::process::exit(2);
            }
        }
    }
    if out.as_os_str().is_empty() {
        eprintln!("respondents: --out DIR is required");
        std::process::exit(2);
    }
    generate(&out, rows, companies, sectors, seed).expect("write the site");
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn generate(
    out: &Path,
    rows: usize,
    companies: usize,
    sectors: usize,
    seed: u64,
) -> std::io::Result<()> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo.join("themes/default")) {
        let entry = entry?;
        let target = out.join("themes/default").join(
            entry
                .path()
                .strip_prefix(repo.join("themes/default"))
                .unwrap_or(entry.path()),
        );
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    write(
        &out.join("data/site.yaml"),
        "title: Respondent-level benchmark\nbase_url: https://respondents.example.org/\nlanguages: [en]\n\
         top: 50\nprecision: 1\nmin_sector_size: 3\nshare_images: editions\n",
    )?;
    let mut methodology = String::from(
        "min_responses: 30\nconfidence: 0.95\ntiers:\n  - {id: gold, name: Gold, min_score: 75}\n  - {id: silver, name: Silver, min_score: 65}\n  - {id: bronze, name: Bronze, min_score: 55}\nperspectives:\n  - id: customer\n    name: Customers\n    weight: 2\n    scale: {min: 1, max: 5}\n    criteria:\n",
    );
    for criterion in CRITERIA {
        methodology.push_str(&format!("      - {{id: {criterion}, name: {criterion}}}\n"));
    }
    methodology.push_str(
        "  - id: management\n    name: Management\n    weight: 1\n    scale: {min: 0, max: 100}\n    sampled: false\n    min_responses: 1\n    criteria:\n      - {id: standards, name: Standards}\n",
    );
    write(&out.join("data/methodology.yaml"), &methodology)?;
    let mut text = String::new();
    for s in 0..sectors {
        text.push_str(&format!("- {{id: sector-{s}, name: Sector {s}}}\n"));
    }
    write(&out.join("data/sectors.yaml"), &text)?;
    let mut text = String::new();
    for c in 0..companies {
        text.push_str(&format!(
            "- {{id: company-{c}, name: Company {c}, sector: sector-{}}}\n",
            c % sectors
        ));
    }
    write(&out.join("data/companies.yaml"), &text)?;
    write(
        &out.join("data/editions/2026.yaml"),
        "year: 2026\npublished: 2026-06-15\n",
    )?;
    let mut random = Random(seed);
    // Each company has a level of its own; answers scatter around it.
    let levels: Vec<f64> = (0..companies).map(|_| 2.5 + 2.0 * random.unit()).collect();
    let folder = out.join("data/editions/2026");
    fs::create_dir_all(&folder)?;
    let mut customer = BufWriter::new(fs::File::create(folder.join("customer.csv"))?);
    writeln!(customer, "respondent,company,weight,{}", CRITERIA.join(","))?;
    // Weights from a stream of their own: the answers are those of a file without weights.
    let mut weights = Random(seed ^ 0x5eed);
    for row in 0..rows {
        let company = (random.next() % companies as u64) as usize;
        let weight = 0.5 + weights.unit();
        write!(customer, "r{row},company-{company},{weight:.3}")?;
        for _ in CRITERIA {
            if random.unit() < 0.05 {
                write!(customer, ",")?;
            } else {
                let value = (levels[company] + 2.0 * (random.unit() - 0.5))
                    .round()
                    .clamp(1.0, 5.0);
                write!(customer, ",{value}")?;
            }
        }
        writeln!(customer)?;
    }
    customer.flush()?;
    let mut management = BufWriter::new(fs::File::create(folder.join("management.csv"))?);
    writeln!(management, "company,standards")?;
    for company in 0..companies {
        writeln!(
            management,
            "company-{company},{}",
            (100.0 * random.unit()).round()
        )?;
    }
    management.flush()?;
    Ok(())
}
