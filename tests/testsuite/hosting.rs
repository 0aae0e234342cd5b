//! `hosting:` in site.yaml (issue 37, item 11): `build` and `check` measure the site against its
//! host's limits, refuse a site the host would not take with an error at the key that names
//! what to change, and write nothing then.

use std::process::{Command, Output};

use crate::support::{Fixture, snapshot};

/// The site's files and their sizes, apart from the output's lock (kept between builds).
fn listing(root: &std::path::Path) -> Vec<(String, usize)> {
    snapshot(root)
        .into_iter()
        .filter(|(path, _)| path != ".public.rankpress-lock")
        .map(|(path, bytes)| (path, bytes.len()))
        .collect()
}

const BINARY: &str = env!("CARGO_BIN_EXE_rankpress");

/// The test site with a share card per company and `hosting` as given.
fn site(hosting: &str) -> Fixture {
    let site = crate::support::SITE.replace("share_images: none\n", "share_images: all\n");
    Fixture::with_theme(&[("data/site.yaml", &format!("{site}hosting: {hosting}\n"))])
}

fn run(fixture: &Fixture, command: &str) -> Output {
    Command::new(BINARY)
        .args([command, "--root"])
        .arg(fixture.root())
        .output()
        .expect("run rankpress")
}

fn text(output: &[u8]) -> String {
    String::from_utf8_lossy(output).to_string()
}

/// What the example build writes, by the files the output holds: counted from disk.
fn files_and_bytes(folder: &std::path::Path) -> (u64, u64) {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| (n + 1, b + e.metadata().unwrap().len()))
}

#[test]
fn a_site_its_host_takes_is_built_and_its_size_reported() {
    let fixture = site("github-pages");
    let built = run(&fixture, "build");
    assert!(built.status.success(), "{}", text(&built.stderr));
    let (files, bytes) = files_and_bytes(&fixture.root().join("public"));
    // "(64 files, 312.4 kB)": the files and bytes the host will be sent, as on disk.
    let said = text(&built.stdout);
    assert!(
        said.contains(&format!("({files} files, ")),
        "{said} vs {files} files"
    );
    let kb = format!("{:.1} kB", bytes as f64 / 1000.0);
    let kb_whole = format!("{:.0} kB", bytes as f64 / 1000.0);
    assert!(
        said.contains(&kb) || said.contains(&kb_whole),
        "{said} vs {bytes} bytes"
    );
    let checked = run(&fixture, "check");
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    // `--verbose` names the hosts that would take it: this small site, every one.
    let verbose = Command::new(BINARY)
        .args(["build", "--verbose", "--root"])
        .arg(fixture.root())
        .output()
        .expect("run rankpress");
    assert!(
        text(&verbose.stderr).contains(
            "hosts that take it as it is: github-pages, cloudflare-pages, \
             cloudflare-pages-paid, gitlab-pages, netlify"
        ),
        "{}",
        text(&verbose.stderr)
    );
}

#[test]
fn a_site_with_more_files_than_its_host_takes_is_refused_with_what_would_fit() {
    let fixture = site("{max_files: 50}");
    let before = listing(fixture.root());
    let built = run(&fixture, "build");
    assert!(!built.status.success());
    let said = text(&built.stderr);
    assert!(
        said.contains("error: the host's limits in site.yaml would not take this site: "),
        "{said}"
    );
    assert!(
        said.contains("files, where it takes at most 50 files"),
        "{said}"
    );
    // At the key, with the line shown.
    assert!(said.contains("--> data/site.yaml:8:10"), "{said}");
    // The site has a card per company and a German tree: leaving either out is named with
    // what would be left.
    assert!(said.contains("`share_images: editions`"), "{said}");
    assert!(said.contains("leaving `de` out of `languages`"), "{said}");
    assert!(said.contains("Nothing was written."), "{said}");
    assert_eq!(
        listing(fixture.root()),
        before,
        "nothing written, nothing left behind"
    );
    assert!(!fixture.root().join("public").exists());

    // `check` finds the same, writing nothing either.
    let checked = run(&fixture, "check");
    assert!(!checked.status.success());
    let found = text(&checked.stderr);
    assert!(found.contains("where it takes at most 50 files"), "{found}");
    assert_eq!(listing(fixture.root()), before);

    // A Russian site is refused in Russian, the settings that would fit included.
    let fixture = site("{max_files: 50}");
    let settings = fixture.root().join("data/site.yaml");
    let russian = std::fs::read_to_string(&settings)
        .unwrap()
        .replace("languages: [en, de]", "languages: [ru, de]");
    std::fs::write(&settings, russian).unwrap();
    let said = text(&run(&fixture, "build").stderr);
    assert!(
        said.contains("ошибка: хостинг из `hosting` не примет этот сайт: файлов "),
        "{said}"
    );
    assert!(said.contains(", а он принимает не больше 50"), "{said}");
    assert!(
        said.contains("   = подсказка: подойдёт любой из вариантов: `share_images: editions` (одна карточка на выпуск, а не на компанию): файлов "),
        "{said}"
    );
    assert!(
        said.contains("; убрать `de` из `languages`: файлов "),
        "{said}"
    );
    assert!(!said.contains("error:"), "{said}");
}

#[test]
fn a_file_too_large_for_the_host_is_named() {
    let fixture = site("{max_file_size: 20 kB}");
    let built = run(&fixture, "build");
    assert!(!built.status.success());
    let said = text(&built.stderr);
    assert!(
        said.contains("more than the 20 kB it allows for one file"),
        "{said}"
    );
    assert!(
        said.contains("expected: no file larger than 20 kB"),
        "{said}"
    );
}

#[test]
fn an_unknown_host_or_limit_is_an_error_at_its_key() {
    let fixture = site("cloudflare-page");
    let errors = crate::support::build_errors(&fixture);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "unknown host `cloudflare-page`");
    assert_eq!((errors[0].line, errors[0].column), (Some(8), Some(10)));
    assert!(
        errors[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("`cloudflare-pages`"))
    );

    let fixture = site("{max_files: 100, max_site_size: lots, max_size: 1 GB}");
    let errors = crate::support::build_errors(&fixture);
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`max_site_size` is not a limit",
            "unknown key `max_size` in `hosting`"
        ],
        "{errors:?}"
    );
}
