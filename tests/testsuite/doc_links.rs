//! Every link between documents resolves: in the repository's README and docs/, and in the docs
//! a new site gets from `rankpress init` (format.md linked templates.md and the statistics'
//! specification, neither of which a new site had).

use std::path::{Path, PathBuf};

use crate::support::repo_root;

/// The local targets of a Markdown file's links (`[text](target)`), fragments and web addresses
/// left out.
fn local_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = rest[..end].split('#').next().unwrap_or("").trim();
        let remote = ["http:", "https:", "mailto:"]
            .iter()
            .any(|p| target.starts_with(p));
        if !target.is_empty() && !remote && !target.contains(' ') {
            links.push(target.to_string());
        }
        rest = &rest[end..];
    }
    links
}

fn broken_links(files: &[PathBuf]) -> Vec<String> {
    let mut broken = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let folder = file.parent().unwrap_or(Path::new("."));
        for link in local_links(&text) {
            if !folder.join(&link).exists() {
                broken.push(format!("{}: {link}", file.display()));
            }
        }
    }
    broken
}

fn markdown_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_link_of_the_docs_and_of_a_new_sites_docs_resolves() {
    let root = repo_root();
    let mut files = markdown_in(&root.join("docs"));
    files.push(root.join("README.md"));
    files.push(root.join("ARCHITECTURE.md"));
    let links: usize = files
        .iter()
        .map(|f| local_links(&std::fs::read_to_string(f).unwrap()).len())
        .sum();
    assert!(links > 3, "the docs link each other ({links} links found)");
    assert_eq!(broken_links(&files), Vec::<String>::new());

    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_rankpress"))
        .args(["init", site.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let docs = markdown_in(&site.join("docs"));
    assert!(docs.len() >= 2, "{docs:?}");
    assert_eq!(broken_links(&docs), Vec::<String>::new());
}
