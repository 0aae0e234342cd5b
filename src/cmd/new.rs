//! `rankpress new article "Title"`: a dated Markdown file with front matter, ready to write.

use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use rankpress::content::markdown::slug;
use rankpress::model::date::Date;

/// Today in UTC. Authoring is the one place rankpress reads the clock: builds never do.
fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_unix_days((seconds / 86_400) as i64)
}

/// Writes `content/articles/<slug>.md` under `root`; returns its path.
pub fn article(root: &Path, title: &str, date: Option<Date>) -> Result<String, String> {
    let slug = slug(title);
    if slug.is_empty() {
        return Err(format!(
            "the title {title:?} gives no file name; use letters or digits"
        ));
    }
    let relative = format!("content/articles/{slug}.md");
    let path = root.join(&relative);
    if path.exists() {
        return Err(format!(
            "{relative} already exists; choose another title or edit that file"
        ));
    }
    let date = date.unwrap_or_else(today);
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\ntitle: \"{quoted}\"\ndate: {date}\nsummary: \"\"\ndraft: true\n---\nWrite the article here. Remove `draft: true` to publish it.\n"
    );
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(&path, text).map_err(|e| format!("cannot write {relative}: {e}"))?;
    Ok(relative)
}

pub fn execute(root: &Path, title: &str, date: Option<&str>) -> ExitCode {
    let date = match date.map(Date::parse) {
        Some(None) => {
            eprintln!("error: --date expects YYYY-MM-DD");
            return ExitCode::FAILURE;
        }
        Some(parsed) => parsed,
        None => None,
    };
    match article(root, title, date) {
        Ok(path) => {
            println!("Created {path} (a draft: build with --drafts to see it)");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
