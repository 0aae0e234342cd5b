//! `rankpress new article "Title"`: a dated Markdown file with front matter, ready to write.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use rankpress::address_slug;
use rankpress::date::Date;
use rankpress::diagnostics::{Doing, Phrase, Said, cannot, said_error};

/// Today in UTC. Authoring is the one place rankpress reads the clock: builds never do.
fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_unix_days((seconds / 86_400) as i64)
}

/// Writes `content/articles/<slug>.md` under `root`; returns its path.
pub fn article(root: &Path, title: &str, date: Option<Date>, body: &str) -> Result<String, Said> {
    let slug = address_slug(title);
    if slug.is_empty() {
        return Err(Said::new(
            format!("the title {title:?} gives no file name; use letters or digits"),
            Phrase::new("diag_new_no_file_name", &[("title", &format!("{title:?}"))]),
        ));
    }
    let relative = format!("content/articles/{slug}.md");
    let path = root.join(&relative);
    let date = date.unwrap_or_else(today);
    // A title is one line: line breaks and tabs would end the front matter's quoted string.
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let quoted = one_line.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\ntitle: \"{quoted}\"\ndate: {date}\nsummary: \"\"\ndraft: true\n---\n{body}\n"
    );
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| cannot(Doing::Create, parent, e))?;
    }
    // `create_new`: an existing article is never written over, not even one saved a moment ago.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Said::new(
                format!("{relative} already exists; choose another title or edit that file"),
                Phrase::new("diag_new_exists", &[("file", &relative)]),
            ),
            _ => cannot(Doing::Write, Path::new(&relative), e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| cannot(Doing::Write, Path::new(&relative), e))?;
    Ok(relative)
}

pub fn execute(root: &Path, title: &str, date: Option<&str>) -> ExitCode {
    // Said in the site's first language.
    let locale = rankpress::pipeline::interface::interface_locale(root);
    let date = match date.map(Date::parse) {
        Some(None) => {
            let said = Said::new(
                "--date expects YYYY-MM-DD",
                Phrase::new("diag_new_date", &[]),
            );
            eprintln!("{}", said_error(&said.into(), &locale));
            return ExitCode::FAILURE;
        }
        Some(parsed) => parsed,
        None => None,
    };
    // The placeholder is in the site's first language: an editor writes over it.
    match article(root, title, date, &locale.t("cli_new_body")) {
        Ok(path) => {
            println!(
                "{}",
                locale.t_with("cli_new_created", &[("path", &path.to_string())])
            );
            ExitCode::SUCCESS
        }
        Err(said) => {
            eprintln!("{}", said_error(&said.into(), &locale));
            ExitCode::FAILURE
        }
    }
}
