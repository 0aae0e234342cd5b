//! Internal links of a rendered site: every `href` and `src` between pages, assets and fragments
//! must lead to a file (and an `id`) of the output. Pure: works on the files in memory.

use std::collections::{BTreeMap, HashMap, HashSet};

/// A link in commentary that leads nowhere, at its line in the Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownProblem {
    /// The Markdown file.
    pub file: String,
    pub line: usize,
    pub link: String,
    /// The output page the text appears on, which the link is relative to.
    pub page: String,
    pub message: String,
    /// The message as an interface string.
    pub says: crate::diagnostics::Phrase,
    pub hint: Option<String>,
}

/// Every link written in commentary, resolved from the page the text appears on: how many were
/// checked, and those that lead to no page or to no element of it.
pub fn check_markdown<'a>(
    commentaries: impl Iterator<Item = &'a crate::content::Commentary>,
    files: &BTreeMap<String, Vec<u8>>,
    root_path: &str,
) -> (usize, Vec<MarkdownProblem>) {
    use crate::diagnostics::{Phrase, did_you_mean};
    let pages: Vec<&str> = files
        .keys()
        .filter(|f| f.ends_with(".html"))
        .map(String::as_str)
        .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for commentary in commentaries {
        let Some(page) = &commentary.page_file else {
            continue;
        };
        for (link, line) in &commentary.links {
            let Some((target, fragment)) = resolve(page, link, root_path) else {
                continue;
            };
            checked += 1;
            let problem = match files.get(&target) {
                None => Some((
                    format!("the link `{link}` leads to no page: there is no {target}"),
                    Phrase::new("diag_link_no_page", &[("link", link), ("target", &target)]),
                    did_you_mean(&target, pages.iter().copied()),
                )),
                Some(bytes) => {
                    let ids = ids(&String::from_utf8_lossy(bytes));
                    (!fragment.is_empty() && !ids.contains(&fragment)).then(|| {
                        (
                            format!(
                                "the link `{link}` leads to no heading or element `#{fragment}` on {target}"
                            ),
                            Phrase::new(
                                "diag_link_no_element",
                                &[("link", link), ("fragment", &fragment), ("target", &target)],
                            ),
                            did_you_mean(&fragment, ids.iter().map(String::as_str)),
                        )
                    })
                }
            };
            if let Some((message, says, hint)) = problem {
                problems.push(MarkdownProblem {
                    file: commentary.file.clone(),
                    line: *line,
                    link: link.clone(),
                    page: page.clone(),
                    message,
                    says,
                    hint,
                });
            }
        }
    }
    (checked, problems)
}

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The output file that holds the link.
    pub file: String,
    pub link: String,
    pub problem: String,
    /// The problem as an interface string.
    pub said: crate::diagnostics::Phrase,
}

/// The values of `href` and `src` attributes in `html`, entities decoded.
pub fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            let value_start = start + attribute.len();
            let Some(length) = rest[value_start..].find('"') else {
                break;
            };
            found.push(decode(&rest[value_start..value_start + length]));
            rest = &rest[value_start + length..];
        }
    }
    found
}

fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `id`s of an HTML document.
pub fn ids(html: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut rest = html;
    while let Some(start) = rest.find(" id=\"") {
        let value_start = start + 5;
        let Some(length) = rest[value_start..].find('"') else {
            break;
        };
        found.insert(decode(&rest[value_start..value_start + length]));
        rest = &rest[value_start + length..];
    }
    found
}

/// Resolves `link` written in output file `from` to an output path and fragment, or `None` for
/// links that leave the site (other schemes, other hosts).
pub fn resolve(from: &str, link: &str, root_path: &str) -> Option<(String, String)> {
    if link.starts_with("//")
        || link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
    {
        return None;
    }
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let path = path.split('?').next().unwrap_or("");
    let mut parts: Vec<&str> = if path.starts_with('/') {
        let inside = path
            .strip_prefix(root_path)
            .unwrap_or(path.trim_start_matches('/'));
        Vec::from_iter(inside.split('/'))
    } else if path.is_empty() {
        return Some((from.to_string(), fragment.to_string()));
    } else {
        let mut base: Vec<&str> = from.split('/').collect();
        base.pop();
        base.extend(path.split('/'));
        base
    };
    let mut resolved: Vec<&str> = Vec::new();
    let trailing_slash = path.ends_with('/');
    for part in parts.drain(..) {
        match part {
            "" | "." => {}
            ".." => {
                resolved.pop()?;
            }
            other => resolved.push(other),
        }
    }
    let mut target = resolved.join("/");
    if trailing_slash || target.is_empty() {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((target, fragment.to_string()))
}

/// Checks every link of every HTML file in `files`. Returns the number of links checked and
/// the broken ones.
pub fn check(files: &BTreeMap<String, Vec<u8>>, root_path: &str) -> (usize, Vec<BrokenLink>) {
    let mut id_cache: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (file, bytes) in files {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in references(&html) {
            let Some((target, fragment)) = resolve(file, &link, root_path) else {
                continue;
            };
            checked += 1;
            let target = if files.contains_key(&target) || target.ends_with(".html") {
                target
            } else {
                format!("{target}/index.html")
            };
            let Some((key, contents)) = files.get_key_value(&target) else {
                broken.push(BrokenLink {
                    file: file.clone(),
                    link,
                    problem: format!("no file {target} in the site"),
                    said: crate::diagnostics::Phrase::new(
                        "diag_link_no_file",
                        &[("target", &target)],
                    ),
                });
                continue;
            };
            if !fragment.is_empty() && target.ends_with(".html") {
                let ids = id_cache
                    .entry(key.as_str())
                    .or_insert_with(|| ids(&String::from_utf8_lossy(contents)));
                if !ids.contains(&fragment) {
                    broken.push(BrokenLink {
                        file: file.clone(),
                        link,
                        problem: format!("no id \"{fragment}\" in {target}"),
                        said: crate::diagnostics::Phrase::new(
                            "diag_link_no_id",
                            &[("fragment", &fragment), ("target", &target)],
                        ),
                    });
                }
            }
        }
    }
    (checked, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_root_links() {
        assert_eq!(
            resolve("de/companies/a/index.html", "../../2026/index.html#x", "/"),
            Some(("de/2026/index.html".into(), "x".into()))
        );
        assert_eq!(
            resolve("index.html", "methodology/", "/"),
            Some(("methodology/index.html".into(), String::new()))
        );
        assert_eq!(
            resolve("404.html", "/reports/assets/style.css", "/reports/"),
            Some(("assets/style.css".into(), String::new()))
        );
        assert_eq!(resolve("index.html", "https://example.org/", "/"), None);
        assert_eq!(resolve("index.html", "mailto:a@b.c", "/"), None);
        assert_eq!(resolve("index.html", "../../outside.html", "/"), None);
    }

    #[test]
    fn finds_missing_files_and_fragments() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), b"<a href=\"a/index.html#top\">x</a><a href=\"b/index.html\">y</a><a href=\"#here\">z</a><p id=\"here\"></p>".to_vec());
        files.insert(
            "a/index.html".to_string(),
            b"<h1 id=\"title\">A</h1>".to_vec(),
        );
        let (checked, broken) = check(&files, "/");
        assert_eq!(checked, 3);
        let problems: Vec<&str> = broken.iter().map(|b| b.problem.as_str()).collect();
        assert_eq!(
            problems,
            vec![
                "no id \"top\" in a/index.html",
                "no file b/index.html in the site"
            ]
        );
    }
}
