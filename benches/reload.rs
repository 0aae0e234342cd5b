//! Save-to-reload time of `rankpress serve`: how long after a file is saved the server hands out
//! the changed page, for the two edits an editor makes most: a company's commentary, and
//! `data/companies.yaml` (a company renamed). `cargo bench --bench reload` measures the example
//! site; `RELOAD_SITE=target/scale/site-10k cargo bench --bench reload` a site of 10,000
//! companies (made by benches/scale.sh or `cargo run --release --example synth -- --companies
//! 10000 --out target/scale/site-10k`). Prints the median and the spread of each. A benchmark,
//! not a test: nothing here passes or fails on time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    stream.read_to_string(&mut body).unwrap();
    body
}

/// Saves `file` `rounds` times, each time as `edit` makes it from the original with a new
/// marker, and times until `path` is served with the marker.
fn measure(
    address: &str,
    file: &Path,
    path: &str,
    rounds: usize,
    edit: impl Fn(&str, &str) -> String,
) -> Vec<Duration> {
    let original = std::fs::read_to_string(file).unwrap();
    let mut samples = Vec::new();
    for round in 0..rounds {
        let marker = format!("reload-marker-{round}");
        // Let the watcher and a build of the previous save settle.
        std::thread::sleep(Duration::from_millis(500));
        let saved = Instant::now();
        std::fs::write(file, edit(&original, &marker)).unwrap();
        while !get(address, path).contains(&marker) {
            std::thread::sleep(Duration::from_millis(2));
        }
        samples.push(saved.elapsed());
    }
    std::fs::write(file, original).unwrap();
    samples
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.0} ms, min {:.0} ms, max {:.0} ms over {} saves",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

fn main() {
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::env::var("RELOAD_SITE").map_or_else(|_| repo.to_path_buf(), |s| repo.join(s));
    for folder in ["data", "content", "themes"] {
        copy_dir(&source.join(folder), &site.path().join(folder));
    }
    // The first company of the catalogue: its commentary and its name are edited.
    let companies = site.path().join("data/companies.yaml");
    let catalogue = std::fs::read_to_string(&companies).unwrap();
    let id = catalogue
        .lines()
        .find_map(|line| line.trim_start().strip_prefix("- id: "))
        .unwrap()
        .trim()
        .to_string();
    let mut server = Command::new(env!("CARGO_BIN_EXE_rankpress"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let page = format!("/companies/{id}/");
    while !get(&address, &page).starts_with("HTTP/1.1 200") {
        std::thread::sleep(Duration::from_millis(50));
    }
    let companies_count = catalogue.matches("- id: ").count();
    let commentary = site.path().join(format!("content/companies/{id}.md"));
    if !commentary.exists() {
        std::fs::write(&commentary, "A first text.\n").unwrap();
        std::thread::sleep(Duration::from_secs(2));
    }
    let text = measure(&address, &commentary, &page, 9, |original, marker| {
        format!("{original}\n{marker}\n")
    });
    let rename = measure(&address, &companies, &page, 5, |original, marker| {
        // The company's name, on the line after its id, gets the marker.
        let mut out = String::new();
        let mut next = false;
        for line in original.lines() {
            if next && line.trim_start().starts_with("name:") {
                out.push_str(&format!("  name: \"{marker}\"\n"));
                next = false;
                continue;
            }
            next = line.trim_start() == format!("- id: {id}");
            out.push_str(line);
            out.push('\n');
        }
        out
    });
    let _ = server.kill();
    let _ = server.wait();
    report(
        &format!("{companies_count} companies, a company's commentary saved"),
        text,
    );
    report(
        &format!("{companies_count} companies, data/companies.yaml saved"),
        rename,
    );
}
