//! `rankpress serve` driven over loopback: build, fetch a page, edit a file and see the new
//! content, break the YAML and see the error overlay, fix it and see it go. Also: only the built
//! site is served, and only to GET and HEAD.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Fixture;

struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rankpress"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .expect("line");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().expect("address").to_string();
        }
    };
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, address }
}

/// A raw HTTP/1.1 request; returns the status code and the body.
fn request(address: &str, method: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Fetches `path` until `test` holds, for at most ten seconds.
fn eventually(address: &str, path: &str, test: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = request(address, "GET", path);
        if test(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting on {path}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serve_rebuilds_on_save_and_shows_errors_in_the_page() {
    let fixture = Fixture::with_theme(&[("content/_index.md", "First words.\n")]);
    let server = start(fixture.root());
    let (status, home) = request(&server.address, "GET", "/");
    assert_eq!(status, 200);
    assert!(home.contains("First words."));
    assert!(
        home.contains("/__rankpress/live"),
        "pages carry the live-reload script"
    );

    // Edit commentary: the new text is served.
    std::fs::write(fixture.root().join("content/_index.md"), "Second words.\n").unwrap();
    eventually(&server.address, "/", |body| body.contains("Second words."));

    // Break the YAML: the last good page stays, with the error laid over it.
    std::fs::write(
        fixture.root().join("data/sectors.yaml"),
        "- id: banks\n  name: [Banks\n",
    )
    .unwrap();
    let page = eventually(&server.address, "/", |body| {
        body.contains("id=\"rankpress-error\"")
    });
    assert!(page.contains("data/sectors.yaml:3:1"), "{page}");
    assert!(page.contains("Second words."));

    // Fix it: the overlay goes, and the server kept running throughout.
    std::fs::write(
        fixture.root().join("data/sectors.yaml"),
        crate::support::SECTORS,
    )
    .unwrap();
    eventually(&server.address, "/", |body| {
        !body.contains("rankpress-error") && body.contains("Second words.")
    });
}

#[test]
fn serve_hands_out_only_the_built_site() {
    let fixture = Fixture::with_theme(&[]);
    std::fs::write(fixture.root().join("secret.txt"), "private").unwrap();
    let server = start(fixture.root());
    assert_eq!(request(&server.address, "GET", "/2026/ranking.json").0, 200);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/data/site.yaml",
        "//etc/passwd",
    ] {
        let (status, body) = request(&server.address, "GET", path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("private") && !body.contains("base_url"),
            "{path}"
        );
    }
    assert_eq!(request(&server.address, "POST", "/").0, 405);
    assert_eq!(request(&server.address, "DELETE", "/index.html").0, 405);
    assert_eq!(request(&server.address, "HEAD", "/").0, 200);
}
