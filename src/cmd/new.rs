//! `rankpress new article "Title"`: a dated Markdown file with front matter, ready to write.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use rankpress::address_slug;
use rankpress::date::Date;

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
    let slug = address_slug(title);
    if slug.is_empty() {
        return Err(format!(
            "the title {title:?} gives no file name; use letters or digits"
        ));
    }
    let relative = format!("content/articles/{slug}.md");
    let path = root.join(&relative);
    let date = date.unwrap_or_else(today);
    // A title is one line: line breaks and tabs would end the front matter's quoted string.
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let quoted = one_line.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\ntitle: \"{quoted}\"\ndate: {date}\nsummary: \"\"\ndraft: true\n---\nWrite the article here. Remove `draft: true` to publish it.\n"
    );
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    // `create_new`: an existing article is never written over, not even one saved a moment ago.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{relative} already exists; choose another title or edit that file")
            }
            _ => format!("cannot write {relative}: {e}"),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {relative}: {e}"))?;
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
            // Said in the site's first language.
            let locale = rankpress::pipeline::interface::interface_locale(root);
            println!(
                "{}",
                locale.t_with("cli_new_created", &[("path", &path.to_string())])
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
