//! Incremental builds (issue 16): a page is taken over from the previous build when nothing it
//! depends on changed, and the result is byte for byte a full build, for edits of every kind of
//! input, both into an output folder (`rankpress build`) and in memory (`rankpress serve`).

use std::fs;
use std::path::Path;
use std::sync::Arc;

use rankpress::pipeline::{BuildOptions, Builder, build};
use rankpress::sink::PreviousFingerprints;

use crate::support::{copy_dir, in_memory, repo_root, snapshot, write};

/// The example site, copied.
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "data", "themes"] {
        copy_dir(&repo_root().join(folder), &dir.path().join(folder));
    }
    dir
}

fn into(root: &Path, out: &Path) -> rankpress::pipeline::BuildReport {
    build(&BuildOptions {
        output: Some(out.to_path_buf()),
        ..in_memory(root)
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn edit(root: &Path, path: &str, change: impl Fn(&str) -> String) {
    let file = root.join(path);
    let text = fs::read_to_string(&file).unwrap_or_default();
    write(root, path, &change(&text));
}

/// Replaces the first `from` in the file at `path` by `to`; the file must contain it.
fn replace(root: &Path, path: &str, from: &str, to: &str) {
    edit(root, path, |text| {
        assert!(text.contains(from), "{path} has no `{from}`");
        text.replacen(from, to, 1)
    })
}

/// An edit of the site at a root.
type Edit = Box<dyn Fn(&Path)>;

/// One edit of each kind of input: what it is, and how to make it.
fn edits() -> Vec<(&'static str, Edit)> {
    vec![
        (
            "a company's commentary",
            Box::new(|root: &Path| {
                edit(root, "content/companies/kontor-bank.md", |t| {
                    format!("{t}\nA new paragraph about service.\n")
                })
            }),
        ),
        (
            "a company's commentary in German only",
            Box::new(|root: &Path| {
                edit(root, "content/companies/kontor-bank.de.md", |t| {
                    t.replace("Kontor", "Das Kontor")
                })
            }),
        ),
        (
            "commentary for a company that had none",
            Box::new(|root: &Path| {
                let companies = fs::read_to_string(root.join("data/companies.yaml")).unwrap();
                let id = companies
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("- id: "))
                    .find(|id| !root.join(format!("content/companies/{id}.md")).exists())
                    .unwrap()
                    .to_string();
                write(
                    root,
                    &format!("content/companies/{id}.md"),
                    "Fresh words on this company.\n",
                );
            }),
        ),
        (
            "a company's commentary deleted",
            Box::new(|root: &Path| {
                fs::remove_file(root.join("content/companies/kontor-bank.de.md")).unwrap()
            }),
        ),
        (
            "a sector's, an edition's, the home page's and the methodology's commentary",
            Box::new(|root: &Path| {
                for folder in ["content/sectors", "content/editions"] {
                    let first = fs::read_dir(root.join(folder))
                        .unwrap()
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .min()
                        .unwrap();
                    let text = fs::read_to_string(&first).unwrap();
                    fs::write(&first, format!("{text}\nMore.\n")).unwrap();
                }
                edit(root, "content/_index.md", |t| format!("{t}\nWelcome.\n"));
                edit(root, "content/methodology.md", |t| format!("{t}\nNote.\n"));
            }),
        ),
        (
            "an article added",
            Box::new(|root: &Path| {
                write(
                    root,
                    "content/articles/fresh.md",
                    "---\ntitle: Fresh findings\ndate: 2026-07-01\nsummary: New.\n---\nText.\n",
                )
            }),
        ),
        (
            "an article deleted",
            Box::new(|root: &Path| {
                for file in ["travel-on-the-move.md", "travel-on-the-move.de.md"] {
                    fs::remove_file(root.join("content/articles").join(file)).unwrap();
                }
            }),
        ),
        (
            "a company renamed in companies.yaml",
            Box::new(|root: &Path| {
                replace(root, "data/companies.yaml", "Kontor Bank", "Kontor Bank AG")
            }),
        ),
        (
            "a score in an edition's results",
            Box::new(|root: &Path| {
                replace(
                    root,
                    "data/editions/2025.yaml",
                    "responsiveness: 1.59",
                    "responsiveness: 1.19",
                )
            }),
        ),
        (
            "a company moved to another sector in companies.yaml",
            Box::new(|root: &Path| {
                replace(
                    root,
                    "data/companies.yaml",
                    "name: \"Celeste Telecom\"\n  sector: telecom",
                    "name: \"Celeste Telecom\"\n  sector: energy",
                )
            }),
        ),
        (
            "a sector renamed and a tier renamed",
            Box::new(|root: &Path| {
                replace(
                    root,
                    "data/sectors.yaml",
                    "en: Energy suppliers",
                    "en: Energy",
                );
                replace(
                    root,
                    "data/methodology.yaml",
                    "{en: Silver,",
                    "{en: Silver award,",
                );
            }),
        ),
        (
            "one customer's answers in an edition's respondent file",
            Box::new(|root: &Path| {
                replace(
                    root,
                    "data/editions/2026/customer.csv",
                    "K00002,versandhaus-adler,1.30,2,9",
                    "K00002,versandhaus-adler,1.30,9,2",
                )
            }),
        ),
        (
            "the site's title",
            Box::new(|root: &Path| replace(root, "data/site.yaml", "{en: Most", "{en: The Most")),
        ),
        (
            "a template of the theme",
            Box::new(|root: &Path| {
                replace(
                    root,
                    "themes/default/templates/company.html",
                    "<h1>{{ page.name | hyphenate(lang=layout.lang) }}</h1>",
                    "<h1>{{ page.name | hyphenate(lang=layout.lang) }}</h1><p>Printed by the theme.</p>",
                )
            }),
        ),
        (
            "an interface string of the site",
            Box::new(|root: &Path| write(root, "i18n/en.yaml", "nav_methodology: How we rank\n")),
        ),
        (
            "a static file of the site",
            Box::new(|root: &Path| write(root, "static/extra.txt", "extra\n")),
        ),
    ]
}

#[test]
fn every_kind_of_edit_gives_the_bytes_of_a_full_build() {
    let (site, outputs) = (example(), tempfile::tempdir().unwrap());
    let (root, out) = (site.path(), outputs.path().join("public"));
    let first = into(root, &out);
    assert_eq!(
        first.counts.unchanged, 0,
        "a first build takes over nothing"
    );
    let again = into(root, &out);
    let fingerprinted = fs::read_to_string(out.join(rankpress::sink::FINGERPRINTS))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        again.counts.unchanged, fingerprinted,
        "with no change everything fingerprinted is taken over"
    );
    assert!(
        fingerprinted > again.counts.pages,
        "every page is fingerprinted"
    );
    // The dev server keeps what it read: after a commentary edit it reads only the commentary.
    let mut session = Builder::session(&in_memory(root));
    let (_, mut memory) = session
        .rebuild(&PreviousFingerprints::default(), None)
        .unwrap();
    for (index, (what, make)) in edits().into_iter().enumerate() {
        let before = snapshot(&out);
        make(root);
        let incremental = into(root, &out);
        let fresh = outputs.path().join(format!("fresh-{index}"));
        into(root, &fresh);
        let (incremental_tree, full_tree) = (snapshot(&out), snapshot(&fresh));
        assert_eq!(
            incremental_tree.keys().collect::<Vec<_>>(),
            full_tree.keys().collect::<Vec<_>>(),
            "{what}: the same files"
        );
        for (path, bytes) in &full_tree {
            assert!(
                incremental_tree.get(path) == Some(bytes),
                "{what}: {path} differs from a full build"
            );
        }
        assert!(before != incremental_tree, "{what}: the edit shows");
        assert!(
            incremental.counts.unchanged < incremental.counts.files,
            "{what}: something was made anew"
        );

        // The dev server's way: the previous build in memory.
        let previous = PreviousFingerprints::from_memory(Arc::new(memory));
        let (report, files) = session.rebuild(&previous, None).unwrap();
        let commentary_only = report
            .stages
            .iter()
            .any(|(stage, _)| *stage == "read content");
        assert_eq!(
            commentary_only,
            what.contains("commentary") || what.contains("article"),
            "{what}: only a commentary edit skips reading the data"
        );
        let mut full = full_tree.clone();
        full.remove(rankpress::output::MARKER);
        let served: std::collections::BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
            .collect();
        assert!(
            served == full,
            "{what}: the in-memory rebuild is a full build"
        );
        assert_eq!(
            report.counts.unchanged, incremental.counts.unchanged,
            "{what}: the server takes over what the build takes over"
        );
        memory = files;
    }
}

#[test]
fn a_commentary_edit_renders_its_page_and_the_site_wide_files_only() {
    let (site, outputs) = (example(), tempfile::tempdir().unwrap());
    let (root, out) = (site.path(), outputs.path().join("public"));
    into(root, &out);
    let unchanged_before = into(root, &out).counts.unchanged;
    edit(root, "content/companies/kontor-bank.md", |t| {
        format!("{t}\nA sentence no page had: Quarzuhrvergleich.\n")
    });
    let report = into(root, &out);
    // Made anew, in each of the two languages: the company's page (its fingerprint covers
    // every translation), the search index, the feed, the home page, the article list and the
    // articles (which show all commentary); and the sitemap. Of some 600 pages, a few dozen.
    let remade = unchanged_before - report.counts.unchanged;
    let articles = fs::read_dir(root.join("content/articles")).unwrap().count();
    assert!(
        (2 * 5 + 1..=2 * (5 + articles) + 1).contains(&remade),
        "{remade} files made anew"
    );
    let page = fs::read_to_string(out.join("companies/kontor-bank/index.html")).unwrap();
    assert!(page.contains("A sentence no page had: Quarzuhrvergleich."));
    // The index holds the text's words.
    let search = fs::read_to_string(out.join("search-index.js")).unwrap();
    assert!(search.contains("Quarzuhrvergleich"));
}

#[test]
fn a_published_file_changed_by_hand_is_made_again() {
    let (site, outputs) = (example(), tempfile::tempdir().unwrap());
    let (root, out) = (site.path(), outputs.path().join("public"));
    // Three builds: the third writes over the spare the second left (output.rs, rule 6).
    for _ in 0..3 {
        into(root, &out);
    }
    let page = out.join("companies/kontor-bank/index.html");
    let original = fs::read(&page).unwrap();
    fs::write(&page, "edited by hand").unwrap();
    let report = into(root, &out);
    assert!(report.counts.unchanged > 0, "the rest is taken over");
    assert_eq!(fs::read(&page).unwrap(), original, "the page is made again");
    let fresh = outputs.path().join("fresh");
    into(root, &fresh);
    assert!(
        snapshot(&out) == snapshot(&fresh),
        "the output is a full build"
    );
}

/// Two builds' files, path by path: the paths that differ are named, not their bytes dumped.
fn same(
    served: &std::collections::BTreeMap<String, Vec<u8>>,
    full: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let differing: Vec<&String> = served
        .keys()
        .chain(full.keys())
        .filter(|path| served.get(*path) != full.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: these differ from a full build: {differing:?}"
    );
}

#[test]
fn the_dev_server_reads_again_only_the_commentary_the_watcher_names() {
    let site = example();
    let root = site.path();
    let mut session = Builder::session(&in_memory(root));
    let mut memory = session
        .rebuild(&PreviousFingerprints::default(), None)
        .unwrap()
        .1;
    let full = |root: &Path| -> std::collections::BTreeMap<String, Vec<u8>> {
        rankpress::pipeline::build_in_memory(&in_memory(root))
            .unwrap()
            .1
            .into_iter()
            .collect()
    };
    let mut rebuild = |changed: &[&str]| {
        let changed: std::collections::BTreeSet<std::path::PathBuf> =
            changed.iter().map(|path| root.join(path)).collect();
        let previous = PreviousFingerprints::from_memory(Arc::new(std::mem::take(&mut memory)));
        let (_, files) = session.rebuild(&previous, Some(&changed)).unwrap();
        let served: std::collections::BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
            .collect();
        memory = files;
        served
    };
    let page = "companies/kontor-bank/index.html";
    let shows = |files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str, text: &str| {
        files
            .get(path)
            .is_some_and(|bytes| String::from_utf8_lossy(bytes).contains(text))
    };

    // What the whole build read is kept: the first edit after it reads only the file named (an
    // edit beside it that the watcher did not report stays unread, the tree is not walked
    // again), with an editor's swap file beside it, which the build never reads.
    let linde = "content/companies/kaufhaus-linde.md";
    let linde_text = fs::read_to_string(root.join(linde)).unwrap();
    edit(root, linde, |t| {
        format!("{t}\nAn edit the watcher missed.\n")
    });
    edit(root, "content/companies/kontor-bank.md", |t| {
        format!("{t}\nFirst sentence of the edit.\n")
    });
    write(root, "content/companies/.kontor-bank.md.swp", "swap");
    let served = rebuild(&["content/companies/kontor-bank.md"]);
    assert!(shows(&served, page, "First sentence of the edit."));
    assert!(
        !shows(
            &served,
            "companies/kaufhaus-linde/index.html",
            "An edit the watcher missed."
        ),
        "the first edit after a whole build walks the tree again"
    );
    write(root, linde, &linde_text);
    same(&served, &full(root), "a named edit gives a full build");
    let served = rebuild(&["content/companies/.kontor-bank.md.swp"]);
    same(&served, &full(root), "a file the build does not read");
    // An editor that saves to a temporary file and renames it over the file.
    write(
        root,
        "content/companies/kontor-bank.md.tmp",
        &format!(
            "{}\nSaved by renaming.\n",
            fs::read_to_string(root.join("content/companies/kontor-bank.md")).unwrap()
        ),
    );
    fs::rename(
        root.join("content/companies/kontor-bank.md.tmp"),
        root.join("content/companies/kontor-bank.md"),
    )
    .unwrap();
    let served = rebuild(&[
        "content/companies/kontor-bank.md.tmp",
        "content/companies/kontor-bank.md",
    ]);
    assert!(shows(&served, page, "Saved by renaming."));
    same(&served, &full(root), "a save by renaming");

    // Only the named files: an edit the watcher did not report is not read (the watcher names
    // every edit; this shows that the others are not read again).
    edit(root, "content/companies/kaufhaus-linde.md", |t| {
        format!("{t}\nAn unreported sentence.\n")
    });
    edit(root, "content/companies/kontor-bank.md", |t| {
        format!("{t}\nSecond sentence of the edit.\n")
    });
    let served = rebuild(&["content/companies/kontor-bank.md"]);
    assert!(shows(&served, page, "Second sentence of the edit."));
    assert!(!shows(
        &served,
        "companies/kaufhaus-linde/index.html",
        "An unreported sentence."
    ));

    // A new file, a deleted one, or a watcher that lost track: the tree is walked again, and
    // the result is a full build.
    write(
        root,
        "content/articles/a-new-article.md",
        "---\ntitle: A new article\ndate: 2026-06-20\n---\nIts text.\n",
    );
    let served = rebuild(&["content/articles/a-new-article.md"]);
    same(&served, &full(root), "a new file is found");
    assert!(shows(
        &served,
        "companies/kaufhaus-linde/index.html",
        "An unreported sentence."
    ));
    fs::remove_file(root.join("content/articles/a-new-article.md")).unwrap();
    let served = rebuild(&["content/articles/a-new-article.md"]);
    same(&served, &full(root), "a deleted file goes");
    // A folder moved away: the watcher names the folder only.
    let away = root.join("articles-moved-away");
    fs::rename(root.join("content/articles"), &away).unwrap();
    let served = rebuild(&["content/articles"]);
    same(&served, &full(root), "a folder moved away goes");
    fs::rename(&away, root.join("content/articles")).unwrap();
    let served = rebuild(&["content/articles"]);
    same(&served, &full(root), "a folder moved back comes back");
    // A data file saved: a whole build for the new data, whose read of the commentary (parsed
    // for the new data: a company renamed) the next commentary edit takes over.
    replace(
        root,
        "data/companies.yaml",
        "name: \"Kontor Bank\"",
        "name: \"Kontor Bank Renamed\"",
    );
    let served = rebuild(&["data/companies.yaml"]);
    same(&served, &full(root), "a data edit");
    edit(root, "content/companies/kontor-bank.md", |t| {
        format!("{t}\nAfter the data edit.\n")
    });
    let served = rebuild(&["content/companies/kontor-bank.md"]);
    assert!(shows(&served, page, "After the data edit."));
    assert!(shows(&served, page, "Kontor Bank Renamed"));
    same(&served, &full(root), "a commentary edit after a data edit");

    edit(root, "content/companies/kontor-bank.md", |t| {
        format!("{t}\nThird sentence.\n")
    });
    let previous = PreviousFingerprints::from_memory(Arc::new(std::mem::take(&mut memory)));
    let (_, files) = session.rebuild(&previous, None).unwrap();
    let served: std::collections::BTreeMap<String, Vec<u8>> = files
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect();
    same(
        &served,
        &full(root),
        "without the paths, everything is read",
    );
}
