//! The answers behind the example site's 2026 edition: `data/editions/2026/customer.csv` (one row
//! per customer) and `management.csv` (one questionnaire per company), generated from the
//! pre-aggregated results that edition had in rankpress 0.1.
//!
//! Each company gets 30 customers plus one for every twelve it reported (fewer when it reported
//! fewer than 30, so it stays below the threshold). Grades 1–6 scatter around the 0.1 averages,
//! with a mood per customer so a respondent's answers go together; the sum of each criterion's
//! answers is then nudged to the nearest whole number of the 0.1 average, so the scores stay
//! within a fraction of a point of the old ones. Complaint handling is only answered by customers
//! who complained (about 40 %), the other cells are left empty about 3 % of the time or hold the
//! "don't know" code 9. A company without a management value in 0.1 sent no questionnaire.
//!
//! Each customer carries a survey weight (the `weight` column of STATISTICS.md v3), as a research
//! firm's post-stratification by age group gives it: one of four cell weights, drawn from a
//! stream of its own so that the answers stay those of the unweighted file.
//!
//! The same input gives the same files, byte for byte:
//!
//! ```sh
//! git show cccecc9:data/editions/2026.csv > /tmp/2026.csv   # the 0.1 results
//! cargo run --release --example example_answers -- /tmp/2026.csv data/editions/2026
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[path = "common/random.rs"]
mod random;
use random::Random;

const CUSTOMER: [&str; 5] = [
    "responsiveness",
    "complaint-handling",
    "reliability",
    "friendliness",
    "value-for-money",
];
const MANAGEMENT: [&str; 3] = [
    "internal-standards",
    "complaint-management",
    "staff-training",
];
/// The customer survey's "don't know" code (`not_answered` in the methodology).
const DONT_KNOW: u8 = 9;

struct Company {
    id: String,
    responses: usize,
    customer: [f64; 5],
    management: Option<[String; 3]>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        eprintln!("usage: example_answers RESULTS_0_1.csv OUT_FOLDER");
        std::process::exit(2);
    };
    let text = fs::read_to_string(input).expect("read the 0.1 results");
    let companies: Vec<Company> = text.lines().skip(1).map(parse).collect();
    let out = Path::new(out);
    fs::create_dir_all(out).expect("create the output folder");
    fs::write(out.join("customer.csv"), customer_rows(&companies)).expect("write customer.csv");
    fs::write(out.join("management.csv"), management_rows(&companies))
        .expect("write management.csv");
}

fn parse(line: &str) -> Company {
    let cells: Vec<&str> = line.split(',').collect();
    let number = |s: &str| s.parse::<f64>().expect("a number");
    let customer: Vec<f64> = cells[2..7]
        .iter()
        .map(|c| if c.is_empty() { f64::NAN } else { number(c) })
        .collect();
    let management: Vec<String> = cells[7..10].iter().map(|c| c.to_string()).collect();
    Company {
        id: cells[0].to_string(),
        responses: cells[1].parse().expect("a count"),
        customer: customer.try_into().expect("five criteria"),
        management: if management.iter().any(|c| c.is_empty()) {
            None
        } else {
            Some(management.try_into().expect("three criteria"))
        },
    }
}

/// How many customers the example keeps: 30 plus one per twelve reported, or fewer than 30 for a
/// company that had fewer. A company whose 0.1 row lacked a customer criterion keeps 24.
fn sample_size(company: &Company) -> usize {
    if company.customer.iter().any(|m| m.is_nan()) {
        24
    } else if company.responses < 30 {
        company.responses
    } else {
        30 + company.responses / 12
    }
}

fn customer_rows(companies: &[Company]) -> String {
    let mut random = Random(2026);
    // rows[i] = (company index, five cells: Some(grade), None = empty, Some(9) = don't know)
    let mut rows: Vec<(usize, [Option<u8>; 5])> = Vec::new();
    for (index, company) in companies.iter().enumerate() {
        let n = sample_size(company);
        let moods: Vec<f64> = (0..n).map(|_| 0.45 * random.normal()).collect();
        let mut cells = vec![[None; 5]; n];
        for (k, &mean) in company.customer.iter().enumerate() {
            let target = if mean.is_nan() { 2.5 } else { mean };
            let mut answered = Vec::new();
            for (r, mood) in moods.iter().enumerate() {
                let skip = if k == 1 { 0.6 } else { 0.03 };
                if random.unit() < skip {
                    if random.unit() < 0.5 {
                        cells[r][k] = Some(DONT_KNOW);
                    }
                    continue;
                }
                let grade = (target + mood + 0.6 * random.normal())
                    .round()
                    .clamp(1.0, 6.0);
                cells[r][k] = Some(grade as u8);
                answered.push(r);
            }
            // Nudge the sum to the nearest whole multiple of the 0.1 average.
            let want = (target * answered.len() as f64).round() as i64;
            let mut sum: i64 = answered.iter().map(|&r| cells[r][k].unwrap() as i64).sum();
            let mut guard = 0;
            while sum != want && !answered.is_empty() && guard < 100_000 {
                guard += 1;
                let r = answered[random.below(answered.len())];
                let grade = cells[r][k].unwrap();
                if sum < want && grade < 6 {
                    cells[r][k] = Some(grade + 1);
                    sum += 1;
                } else if sum > want && grade > 1 {
                    cells[r][k] = Some(grade - 1);
                    sum -= 1;
                }
            }
        }
        rows.extend(cells.into_iter().map(|c| (index, c)));
    }
    // Exports come in the order the interviews were made, not by company.
    for i in (1..rows.len()).rev() {
        let j = random.below(i + 1);
        rows.swap(i, j);
    }
    // Post-stratification weights by age group (18–34, 35–49, 50–64, 65+): the groups the panel
    // under- or over-represents get more or less weight.
    let mut groups = Random(4711);
    const CELL_WEIGHTS: [&str; 4] = ["1.30", "1.05", "0.90", "0.80"];
    let mut text = format!("respondent,company,weight,{}\n", CUSTOMER.join(","));
    for (number, (index, cells)) in rows.iter().enumerate() {
        let weight = CELL_WEIGHTS[groups.below(CELL_WEIGHTS.len())];
        write!(text, "K{:05},{},{weight}", number + 1, companies[*index].id).unwrap();
        for cell in cells {
            match cell {
                Some(value) => write!(text, ",{value}").unwrap(),
                None => text.push(','),
            }
        }
        text.push('\n');
    }
    text
}

fn management_rows(companies: &[Company]) -> String {
    let mut text = format!("company,{}\n", MANAGEMENT.join(","));
    for company in companies {
        if let Some(values) = &company.management {
            writeln!(text, "{},{}", company.id, values.join(",")).unwrap();
        }
    }
    text
}
