//! The shape of the code (ARCHITECTURE.md's invariants that a compiler does not check): no two
//! stages import each other, directly or round a circle, and the shared `locale` depends on
//! nothing in `model`. A module is a top-level folder or file of `src/`, and each file of
//! `src/model/` on its own (scoring, statistics, results, reasons…); references are the
//! `crate::…` paths in code outside tests and comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module with the modules its code refers to, and for each the file that does.
fn imports() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = crate::support::repo_root().join("src");
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let Some(module) = module_of(&src, path) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let mut parts = line[at + "crate::".len()..]
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or_default()
                    .split("::");
                let first = parts.next().unwrap_or_default().to_string();
                let second = parts.next().unwrap_or_default();
                let target = if first == "model"
                    && (src.join("model").join(format!("{second}.rs")).exists()
                        || src.join("model").join(second).is_dir())
                    && !second.is_empty()
                {
                    format!("model::{second}")
                } else {
                    first
                };
                if !target.is_empty() && target != module {
                    graph
                        .entry(module.clone())
                        .or_default()
                        .entry(target)
                        .or_insert_with(|| path.strip_prefix(&src).unwrap().display().to_string());
                }
            }
        }
    }
    graph
}

fn module_of(src: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(src).ok()?.with_extension("");
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    match parts.as_slice() {
        [only] if only == "lib" || only == "main" => None,
        [model, file, ..] if model == "model" && file != "mod" => Some(format!("model::{file}")),
        [first, ..] => Some(first.clone()),
        [] => None,
    }
}

/// Every module from which `start` can be reached again.
fn circle_through(graph: &BTreeMap<String, BTreeMap<String, String>>, start: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = graph
        .get(start)
        .map(|t| t.keys().map(String::as_str).collect())
        .unwrap_or_default();
    while let Some(module) = stack.pop() {
        if module == start {
            return true;
        }
        if seen.insert(module) {
            stack.extend(
                graph
                    .get(module)
                    .map(|t| t.keys().map(String::as_str).collect::<Vec<_>>())
                    .unwrap_or_default(),
            );
        }
    }
    false
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    // The test sees the imports it is about.
    assert!(graph["model::scoring"].contains_key("model::statistics"));
    assert!(graph["views"].contains_key("model::results"));
    let circles: Vec<String> = graph
        .keys()
        .filter(|module| circle_through(&graph, module))
        .map(|module| format!("{module} -> {:?}", graph[module]))
        .collect();
    assert!(circles.is_empty(), "import circles through: {circles:#?}");
}

#[test]
fn the_shared_locale_depends_on_nothing_in_the_model() {
    let graph = imports();
    let from_locale: Vec<&String> = graph["locale"]
        .keys()
        .filter(|target| target.starts_with("model"))
        .collect();
    assert!(from_locale.is_empty(), "locale imports {from_locale:?}");
}
