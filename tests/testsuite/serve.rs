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
    /// What the server printed so far: standard output, then standard error.
    printed: std::sync::Arc<std::sync::Mutex<(String, String)>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    start_with(root, &[])
}

/// [`start`] with further arguments.
fn start_with(root: &std::path::Path, arguments: &[&str]) -> Server {
    start_in(&std::env::current_dir().unwrap(), root, arguments)
}

/// [`start_with`] from the folder `cwd`, so that `root` may be relative to it.
fn start_in(cwd: &std::path::Path, root: &std::path::Path, arguments: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rankpress"))
        .current_dir(cwd)
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(arguments)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    let printed = std::sync::Arc::new(std::sync::Mutex::new((String::new(), String::new())));
    let stderr = child.stderr.take().expect("stderr");
    let errors = printed.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            errors.lock().unwrap().1.push_str(&format!("{line}\n"));
        }
    });
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
    let output = printed.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            output.lock().unwrap().0.push_str(&format!("{line}\n"));
        }
    });
    Server {
        child,
        address,
        printed,
    }
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
        "- id: banks\n  name: Banks\n  - travel\n",
    )
    .unwrap();
    let page = eventually(&server.address, "/", |body| {
        body.contains("id=\"rankpress-error\"")
    });
    assert!(page.contains("data/sectors.yaml:3:3"), "{page}");
    assert!(page.contains("Second words."));
    assert!(
        page.contains("<strong lang=\"en\" dir=\"ltr\">rankpress: the build failed."),
        "{page}"
    );
    // The report keeps its lines as the terminal shows them; the quoted source line and the
    // caret line under it never wrap, so that the caret stays under its column on a phone too.
    let report = page
        .split("<pre dir=\"ltr\" style=\"")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("no report block: {page}"));
    const UNWRAPPED: &str = "<span style=\"white-space:pre\">";
    let lines: Vec<&str> = report.lines().collect();
    let caret = lines
        .iter()
        .position(|l| l.trim_end().ends_with("^</span>"))
        .unwrap_or_else(|| panic!("no caret line: {report}"));
    let (source, caret) = (lines[caret - 1], lines[caret]);
    assert!(
        source.starts_with(UNWRAPPED) && caret.starts_with(UNWRAPPED),
        "{report}"
    );
    assert!(source.contains("3 |   - travel"), "{report}");
    let column = |line: &str| line.find('|').unwrap();
    assert_eq!(column(source), column(caret), "{report}");

    // With German first, the overlay's heading is German; the report stays as it is.
    let site = fixture.root().join("data/site.yaml");
    let settings = std::fs::read_to_string(&site).unwrap();
    std::fs::write(
        &site,
        settings.replace("languages: [en, de]", "languages: [de, en]"),
    )
    .unwrap();
    let page = eventually(&server.address, "/", |body| {
        body.contains("<strong lang=\"de\" dir=\"ltr\">rankpress: Der Build ist fehlgeschlagen.")
    });
    assert!(page.contains("data/sectors.yaml:3:3"), "{page}");
    // The terminal says it in German too (read by another thread: wait for it).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let said = server.printed.lock().unwrap().1.clone();
        if said.contains("Build fehlgeschlagen; der Server behält die letzten guten Seiten") {
            break;
        }
        assert!(Instant::now() < deadline, "{said}");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A problem the theme has German words for is German in the overlay, labels included: the
    // YAML mistake (a list entry under a mapping) as much as a spreadsheet's.
    assert!(
        page.contains(
            "Fehler: diese Zeile ist kein Schlüssel der Zuordnung, unter der sie eingerückt ist"
        ),
        "{page}"
    );
    assert!(!page.contains("error: "), "{page}");
    std::fs::write(
        fixture.root().join("data/sectors.yaml"),
        crate::support::SECTORS,
    )
    .unwrap();
    std::fs::write(
        fixture.root().join("data/editions/2025.yaml"),
        "year: 2025\npublished: 2025-06-15\n",
    )
    .unwrap();
    std::fs::write(
        fixture.root().join("data/editions/2025.csv"),
        "company,responses,speed,care,standards\nomega,100,5,4,2\n",
    )
    .unwrap();
    let page = eventually(&server.address, "/", |body| {
        body.contains("Fehler: unbekanntes Unternehmen `omega`")
    });
    assert!(
        page.contains("= erwartet: die ID oder der Name eines Unternehmens"),
        "{page}"
    );
    std::fs::remove_file(fixture.root().join("data/editions/2025.yaml")).unwrap();
    std::fs::remove_file(fixture.root().join("data/editions/2025.csv")).unwrap();
    std::fs::write(&site, settings).unwrap();

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

/// Every kind of edit is served, whichever way the site folder was named: `--root .` (the
/// default), a path relative to the current folder, an absolute path, and a symbolic link to
/// the site. Before, under a relative root the watcher's absolute paths never matched the
/// commentary's, and a commentary save was "rebuilt" with the old text.
#[test]
fn serve_sees_every_edit_under_a_relative_an_absolute_and_a_symlinked_root() {
    let holder = tempfile::tempdir().unwrap();
    let fixture = Fixture::with_theme(&[("content/_index.md", "Words 0.\n")]);
    let site = fixture.root().to_path_buf();
    let link = holder.path().join("linked-site");
    std::os::unix::fs::symlink(&site, &link).unwrap();
    let parent = site.parent().unwrap().to_path_buf();
    let name = std::path::PathBuf::from(site.file_name().unwrap());
    let roots: [(&str, std::path::PathBuf, std::path::PathBuf); 5] = [
        ("dot", site.clone(), ".".into()),
        ("relative", parent, name),
        ("absolute", std::env::current_dir().unwrap(), site.clone()),
        ("symlinked", std::env::current_dir().unwrap(), link.clone()),
        (
            "relative symlink",
            holder.path().to_path_buf(),
            "linked-site".into(),
        ),
    ];
    for (round, (how, cwd, root)) in roots.iter().enumerate() {
        let server = start_in(cwd, root, &[]);
        let words = format!("Commentary saved {round} ({how}).");
        std::fs::write(site.join("content/_index.md"), format!("{words}\n")).unwrap();
        eventually(&server.address, "/", |body| body.contains(&words));
        let company = format!("Alpha Bank {round}");
        std::fs::write(
            site.join("data/companies.yaml"),
            crate::support::COMPANIES.replace("Alpha Bank", &company),
        )
        .unwrap();
        eventually(&server.address, "/", |body| body.contains(&company));
        std::fs::create_dir_all(site.join("i18n")).unwrap();
        let home = format!("Front page {round}");
        std::fs::write(site.join("i18n/en.yaml"), format!("nav_home: {home}\n")).unwrap();
        eventually(&server.address, "/", |body| {
            body.contains(&format!(">{home}</a>"))
        });
        // A second commentary edit after the data edits still shows.
        let again = format!("Saved again {round} ({how}).");
        std::fs::write(site.join("content/_index.md"), format!("{again}\n")).unwrap();
        eventually(&server.address, "/", |body| body.contains(&again));
    }
}

/// A source folder made while the server runs is watched from then on: a site's first
/// `i18n/en.yaml` shows at once, and so do later saves in it.
#[test]
fn serve_watches_a_source_folder_that_appears() {
    let fixture = Fixture::with_theme(&[("content/_index.md", "First words.\n")]);
    assert!(!fixture.root().join("i18n").exists());
    let server = start(fixture.root());
    std::fs::create_dir(fixture.root().join("i18n")).unwrap();
    for home in ["Start here", "Front page"] {
        std::fs::write(
            fixture.root().join("i18n/en.yaml"),
            format!("nav_home: {home}\n"),
        )
        .unwrap();
        eventually(&server.address, "/", |body| {
            body.contains(&format!(">{home}</a>"))
        });
    }
}

/// A warning is printed when it appears, not again on every save while it stays the same.
#[test]
fn serve_prints_a_warning_once_while_it_stays() {
    let site = crate::support::SITE.replace("languages: [en, de]", "languages: [en, de, fr]");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("content/_index.md", "First words.\n"),
        ("content/_index.de.md", "Erste Worte.\n"),
        ("content/_index.fr.md", "Premiers mots.\n"),
    ]);
    let server = start(fixture.root());
    for words in ["Second words.", "Third words."] {
        std::fs::write(
            fixture.root().join("content/_index.md"),
            format!("{words}\n"),
        )
        .unwrap();
        eventually(&server.address, "/", |body| body.contains(words));
    }
    // The lines about the two rebuilds (the first build's comes before the address, which
    // `start` reads) can come just after the pages.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.printed.lock().unwrap().0.matches("Rebuilt").count() < 2 {
        assert!(Instant::now() < deadline, "two rebuilds were not reported");
        std::thread::sleep(Duration::from_millis(20));
    }
    let (output, errors) = server.printed.lock().unwrap().clone();
    assert_eq!(errors.matches("no `fr` version").count(), 1, "{errors}");
    assert_eq!(
        output.matches("1 warning(s), the same as before").count(),
        2,
        "{output}"
    );
}

/// `serve --verbose` prints the time of each stage of the first build and of every rebuild, as
/// `build --verbose` does, so an editor can see where a slow reload goes.
#[test]
fn serve_verbose_prints_the_stages_of_every_rebuild() {
    let fixture = Fixture::with_theme(&[("content/_index.md", "First words.\n")]);
    let server = start_with(fixture.root(), &["--verbose"]);
    std::fs::write(fixture.root().join("content/_index.md"), "Second words.\n").unwrap();
    eventually(&server.address, "/", |body| body.contains("Second words."));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (output, errors) = server.printed.lock().unwrap().clone();
        let stages = errors
            .lines()
            .filter(|l| l.trim_start().starts_with("render "))
            .count();
        if output.contains("Rebuilt") && stages == 2 {
            assert!(errors.contains("  read content "), "{errors}");
            break;
        }
        assert!(Instant::now() < deadline, "{output}\n{errors}");
        std::thread::sleep(Duration::from_millis(20));
    }
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

#[test]
fn serve_refuses_hostile_requests_and_keeps_serving() {
    let fixture = Fixture::with_theme(&[]);
    std::fs::write(fixture.root().join("secret.txt"), "private").unwrap();
    let server = start(fixture.root());
    // Loopback only unless asked otherwise.
    assert!(
        server.address.starts_with("127.0.0.1:"),
        "{}",
        server.address
    );
    let secret_path = fixture.root().join("secret.txt");
    let absolute = format!("/{}", secret_path.display());
    for path in [
        absolute.as_str(),
        "/etc/passwd",
        "/..\\secret.txt",
        "/%2e%2e%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/index.html%00.txt",
        "/./../secret.txt",
    ] {
        let (status, body) = request(&server.address, "GET", path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("private"), "{path}");
    }
    // Absolute-form request targets name the host; only the path counts.
    let (status, body) = request(
        &server.address,
        "GET",
        &format!("http://{}/../secret.txt", server.address),
    );
    assert!(status == 404 || status == 400, "absolute form: {status}");
    assert!(!body.contains("private"));
    for method in ["PUT", "PATCH", "OPTIONS", "TRACE", "CONNECT"] {
        let (status, _) = request(&server.address, method, "/index.html");
        assert!(status == 405 || status == 400, "{method}: {status}");
    }
    // An over-long address is refused, and so are oversized headers.
    let long = format!(
        "/{}",
        "a".repeat(rankpress::input::limits::MAX_REQUEST_TARGET_BYTES + 1)
    );
    assert_eq!(request(&server.address, "GET", &long).0, 414);
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let padding = "x".repeat(1024);
    let mut head = format!("GET / HTTP/1.1\r\nHost: {}\r\n", server.address);
    for i in 0..1024 {
        head.push_str(&format!("X-Padding-{i}: {padding}\r\n"));
    }
    head.push_str("\r\n");
    // The server may close the connection before reading everything: a write error is fine.
    let _ = stream.write_all(head.as_bytes());
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(
        !response.starts_with("HTTP/1.1 200"),
        "1 MB of headers was accepted"
    );
    // And the server still serves.
    assert_eq!(request(&server.address, "GET", "/").0, 200);
}

#[cfg(unix)]
#[test]
fn serve_never_hands_out_a_file_that_a_symlink_leads_to() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "private").unwrap();
    let fixture = Fixture::with_theme(&[]);
    std::fs::create_dir_all(fixture.root().join("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        fixture.root().join("static/secret.txt"),
    )
    .unwrap();
    let server = start(fixture.root());
    // The build refuses the link: the page shows the error, the file is not served.
    let page = eventually(&server.address, "/", |body| {
        body.contains("outside the site")
    });
    assert!(page.contains("static/secret.txt"));
    let (status, body) = request(&server.address, "GET", "/secret.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("private"));
}

/// A raw request with the given extra header lines; returns the status code.
fn request_with(address: &str, path: &str, headers: &str) -> u16 {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn serve_answers_only_hosts_and_origins_that_name_this_machine() {
    let fixture = Fixture::with_theme(&[]);
    let server = start(fixture.root());
    let port = server.address.rsplit(':').next().unwrap().to_string();
    // DNS rebinding: a page of another site resolved to 127.0.0.1 sends its own name.
    for host in ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example"] {
        let status = request_with(&server.address, "/", &format!("Host: {host}:{port}\r\n"));
        assert_eq!(status, 403, "{host}");
    }
    assert_eq!(
        request_with(&server.address, "/", ""),
        403,
        "no Host at all"
    );
    for host in ["127.0.0.1", "localhost", "[::1]"] {
        let status = request_with(&server.address, "/", &format!("Host: {host}:{port}\r\n"));
        assert_eq!(status, 200, "{host}");
    }
    // The live-reload websocket also checks the page that opens it.
    let upgrade = |origin: &str| {
        request_with(
            &server.address,
            "/__rankpress/live",
            &format!(
                "Host: 127.0.0.1:{port}\r\n{origin}Upgrade: websocket\r\nConnection: Upgrade\r\n\
                 Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            ),
        )
    };
    assert_eq!(upgrade("Origin: http://evil.example\r\n"), 403);
    assert_eq!(
        upgrade(&format!("Origin: http://evil.example:{port}\r\n")),
        403
    );
    assert_eq!(
        upgrade(&format!("Origin: http://localhost:{port}\r\n")),
        101
    );
}

#[test]
fn idle_and_half_sent_connections_are_closed_and_normal_requests_still_served() {
    let fixture = Fixture::with_theme(&[]);
    let server = start(fixture.root());
    // More idle connections than the server handles at once, half of them with a partial
    // request line that never ends.
    let mut idle = Vec::new();
    for index in 0..rankpress::input::limits::SERVE_MAX_CONNECTIONS + 44 {
        let mut stream = TcpStream::connect(&server.address).expect("connect");
        if index % 2 == 0 {
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        }
        idle.push(stream);
    }
    // A normal request is answered: it waits at most until the idle ones time out.
    let (status, _) = request(&server.address, "GET", "/");
    assert_eq!(status, 200);
    // The server closed the idle connections itself.
    for stream in idle.iter_mut().take(20) {
        stream
            .set_read_timeout(Some(Duration::from_secs(
                3 * rankpress::input::limits::SERVE_HEADER_TIMEOUT_SECONDS,
            )))
            .unwrap();
        let mut buffer = Vec::new();
        let closed = stream.read_to_end(&mut buffer).is_ok();
        assert!(closed, "an idle connection was left open");
    }
}

/// A websocket handshake refused for a foreign `Origin` is answered 403 and its connection
/// closed at once: before, each kept one of the server's connection slots for the idle timeout,
/// so that 256 of them from a hostile page blocked every request for 10 s.
#[test]
fn refused_websocket_handshakes_close_their_connection_at_once() {
    let fixture = Fixture::with_theme(&[]);
    let server = start(fixture.root());
    let mut refused = Vec::new();
    for _ in 0..rankpress::input::limits::SERVE_MAX_CONNECTIONS {
        let mut stream = TcpStream::connect(&server.address).expect("connect");
        write!(
            stream,
            "GET /__rankpress/live HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\n\
             Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            server.address
        )
        .unwrap();
        refused.push(stream);
    }
    for stream in &mut refused {
        // Closed by the server after its answer: reading to the end returns, well before the
        // idle timeout would have closed it.
        stream
            .set_read_timeout(Some(Duration::from_secs(
                rankpress::input::limits::SERVE_HEADER_TIMEOUT_SECONDS / 2,
            )))
            .unwrap();
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .expect("the server closes a refused connection at once");
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    }
    let (status, _) = request(&server.address, "GET", "/");
    assert_eq!(status, 200);
}

/// A port another program listens on stops `serve` with the reason in the site's first
/// language (and the way out: another `--port`), English for an English site.
#[test]
fn serve_says_in_the_sites_language_that_its_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().unwrap().port().to_string();
    for (languages, said) in [
        (
            "languages: [ru, en]",
            "ошибка: не удаётся слушать 127.0.0.1:",
        ),
        ("languages: [en, ru]", "error: cannot listen on 127.0.0.1:"),
    ] {
        let site = crate::support::SITE.replace("languages: [en, de]", languages);
        let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
        let output = Command::new(env!("CARGO_BIN_EXE_rankpress"))
            .args(["serve", "--port", &port, "--root"])
            .arg(fixture.root())
            .output()
            .expect("run serve");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(stderr.contains(said), "{said}\n{stderr}");
        assert!(stderr.contains(&format!(":{port}: ")), "{stderr}");
        if languages.starts_with("languages: [ru") {
            assert!(
                stderr.contains(
                    "адрес занят: этот порт слушает другая программа (выберите другой через --port)"
                ),
                "{stderr}"
            );
        }
    }
    drop(taken);
}
