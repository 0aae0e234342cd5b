//! Save-to-reload time of `rankpress serve` on the example site: how long after a commentary file
//! is saved the server hands out the new page. Run with `cargo bench --bench reload`; prints the
//! median and the spread. A benchmark, not a test: nothing here passes or fails on time.

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

fn get(address: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    stream.read_to_string(&mut body).unwrap();
    body
}

fn main() {
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["data", "content", "themes"] {
        copy_dir(&repo.join(folder), &site.path().join(folder));
    }
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
    let home = site.path().join("content/_index.md");
    let original = std::fs::read_to_string(&home).unwrap();
    let mut samples = Vec::new();
    for round in 0..15 {
        let marker = format!("reload-marker-{round}");
        std::thread::sleep(Duration::from_millis(300));
        let saved = Instant::now();
        std::fs::write(&home, format!("{original}\n{marker}\n")).unwrap();
        while !get(&address).contains(&marker) {
            std::thread::sleep(Duration::from_millis(2));
        }
        samples.push(saved.elapsed());
    }
    let _ = server.kill();
    let _ = server.wait();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save-to-reload on the example site (280 pages): median {:.0} ms, min {:.0} ms, max {:.0} ms over {} saves",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}
