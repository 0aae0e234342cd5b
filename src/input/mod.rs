//! Reading the site folder: the only place the data and content files are opened. Everything
//! read is kept as text in a [`SourceFile`] so that later problems can quote the line.

pub mod column_words;
pub mod limits;
pub mod responses;
pub mod source;
pub mod spreadsheet;
pub mod tables;
pub mod theme;
pub mod unique_map;
pub mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Phrase};
use crate::input::source::SourceFile;

/// The raw text of every input file of a site.
#[derive(Debug)]
pub struct Inputs {
    pub site: Option<SourceFile>,
    pub methodology: Option<SourceFile>,
    pub sectors: Option<SourceFile>,
    pub companies: Option<SourceFile>,
    /// One entry per year found under `data/editions/`, sorted by file name.
    pub editions: Vec<EditionFiles>,
    /// The files of the site's `static/` folder, by their path there (`logo.svg`): what
    /// site.yaml's `brand:` may name.
    pub static_files: std::collections::BTreeSet<String>,
}

#[derive(Debug)]
pub struct EditionFiles {
    /// The file stem, which must be the year.
    pub stem: String,
    pub yaml: Option<SourceFile>,
    /// The files beside the YAML that give the edition's results, CSV first, then spreadsheets,
    /// then respondent files: more than one is an error the model reports, naming each.
    pub results: Vec<ResultsFile>,
}

impl EditionFiles {
    fn new(stem: &str) -> EditionFiles {
        EditionFiles {
            stem: stem.to_string(),
            yaml: None,
            results: Vec::new(),
        }
    }
}

pub use tables::{ResultsFile, TableFile};

/// A spreadsheet file, not read yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpreadsheetFile {
    pub path: PathBuf,
    /// Relative to the site, for messages.
    pub relative: String,
}

/// A file of one row per respondent (STATISTICS.md), not read yet: it is streamed when the
/// edition is validated, never held whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseFile {
    /// The file name without `.csv`: the perspective id it should be.
    pub perspective: String,
    pub path: PathBuf,
    /// Relative to the site, for messages.
    pub relative: String,
    /// Whether the file is a spreadsheet (`.xlsx`, `.ods`) rather than CSV.
    pub spreadsheet: bool,
}

/// Reads the data files (the commentary is read beside them, see `read_markdown_tree`).
pub fn read_data(root: &Path, diagnostics: &mut Diagnostics) -> Inputs {
    let data = root.join("data");
    if !folder_inside_site(root, "data", diagnostics) {
        return Inputs {
            site: None,
            methodology: None,
            sectors: None,
            companies: None,
            editions: Vec::new(),
            static_files: Default::default(),
        };
    }
    let required = |name: &str, diagnostics: &mut Diagnostics| {
        let relative = format!("data/{name}");
        let path = data.join(name);
        if !path.is_file() {
            diagnostics.push(
                Diagnostic::error(&relative, "required file is missing")
                    .expected(format!("a YAML file at {relative} (see docs/format.md)"))
                    .says("diag_required_file", &[])
                    .expects("diag_yaml_file_at", &[("file", &relative)]),
            );
            return None;
        }
        read_site_file(root, &path, &relative, diagnostics)
    };
    let site = required("site.yaml", diagnostics);
    let methodology = required("methodology.yaml", diagnostics);
    let sectors = required("sectors.yaml", diagnostics);
    let companies = required("companies.yaml", diagnostics);
    let editions = read_editions(root, &data.join("editions"), diagnostics);
    let static_folder = root.join("static");
    let static_files = walkdir::WalkDir::new(&static_folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let inside = entry.path().strip_prefix(&static_folder).ok()?;
            Some(inside.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    Inputs {
        site,
        methodology,
        sectors,
        companies,
        editions,
        static_files,
    }
}

/// Whether `name` is a file an editor or office program keeps beside the one being edited, and
/// not a file of the site: Excel's owner file `~$2026.xlsx`, LibreOffice's lock
/// `.~lock.2026.ods#`, Emacs' lock `.#_index.md` and backup `_index.md~`, and `*.tmp` files
/// that programs save to before renaming. rankpress never reads them.
pub fn is_editor_temporary(name: &str) -> bool {
    name.starts_with("~$")
        || (name.starts_with(".~lock.") && name.ends_with('#'))
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.to_ascii_lowercase().ends_with(".tmp")
}

/// Notes that `relative` was skipped as an editor's file (printed with `--verbose`).
fn note_skipped(relative: &str, diagnostics: &mut Diagnostics) {
    diagnostics.note(crate::diagnostics::Note::skipped(relative));
}

/// Whether a file stem in `data/editions/` is a year.
fn is_year(stem: &str) -> bool {
    !stem.is_empty() && stem.len() <= 6 && stem.bytes().all(|b| b.is_ascii_digit())
}

fn read_editions(root: &Path, folder: &Path, diagnostics: &mut Diagnostics) -> Vec<EditionFiles> {
    let mut editions: Vec<EditionFiles> = Vec::new();
    let Ok(entries) = fs::read_dir(folder) else {
        diagnostics.push(
            Diagnostic::error("data/editions", "folder is missing")
                .expected("one file per edition: data/editions/<year>.yaml")
                .says("diag_folder_missing", &[])
                .expects("diag_file_per_edition", &[]),
        );
        return editions;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let relative = format!("data/editions/{file_name}");
        let (stem, extension) = match file_name.rsplit_once('.') {
            Some((stem, extension)) => (stem.to_string(), extension.to_ascii_lowercase()),
            None => (file_name.to_string(), String::new()),
        };
        if !is_edition_entry(&path, file_name, &stem, &relative, diagnostics) {
            continue;
        }
        if let Err(diagnostic) = check_inside_site(root, &path, &relative) {
            diagnostics.push(*diagnostic);
            continue;
        }
        if path.is_dir() {
            let files = read_response_folder(root, &path, &relative, diagnostics);
            if let Some(slot) = edition_of(&mut editions, file_name) {
                slot.results.push(ResultsFile::Respondents(files));
            }
            continue;
        }
        if !path.is_file() {
            continue;
        }
        let spreadsheet = spreadsheet::is_spreadsheet(&extension);
        if extension != "yaml" && extension != "yml" && extension != "csv" && !spreadsheet {
            diagnostics.push(
                Diagnostic::error(&relative, "unexpected file among the editions")
                    .expected(
                        "<year>.yaml, optionally with its results beside it as <year>.csv, \
                         <year>.xlsx or <year>.ods",
                    )
                    .says("diag_unexpected_edition_file", &[])
                    .expects("diag_edition_files_expected", &[]),
            );
            continue;
        }
        let source = if spreadsheet {
            if !size_fits(&path, &relative, limits::MAX_DATA_FILE_BYTES, diagnostics) {
                continue;
            }
            None
        } else {
            let Some(source) = read_text(&path, &relative, diagnostics) else {
                continue;
            };
            Some(source)
        };
        let Some(slot) = edition_of(&mut editions, &stem) else {
            continue;
        };
        // Two files of results (2026.xlsx and 2026.ods, 2026.csv and 2026.CSV): neither is
        // chosen silently. CSV beside a spreadsheet is reported with the edition, as the
        // results given two ways.
        let results_twice = slot.results.iter().find_map(|given| match given {
            ResultsFile::Table(TableFile::Spreadsheet(first)) if source.is_none() => {
                Some(first.relative.clone())
            }
            ResultsFile::Table(TableFile::Csv(first)) if extension == "csv" => {
                Some(first.name.clone())
            }
            _ => None,
        });
        if let Some(first) = results_twice {
            diagnostics.push(
                Diagnostic::error(
                    &relative,
                    format!("a second file of results for edition {stem}, beside {first}"),
                )
                .expected(format!(
                    "one file of results per edition: keep either {first} or {relative}"
                ))
                .says(
                    "diag_second_results_file",
                    &[("year", &stem), ("first", &first)],
                )
                .expects(
                    "diag_keep_one_results_file",
                    &[("first", &first), ("second", &relative)],
                ),
            );
            continue;
        }
        let Some(source) = source else {
            slot.results.push(ResultsFile::Table(TableFile::Spreadsheet(
                SpreadsheetFile {
                    path: path.clone(),
                    relative,
                },
            )));
            continue;
        };
        if extension == "csv" {
            slot.results
                .push(ResultsFile::Table(TableFile::Csv(source)));
        } else if slot.yaml.is_some() {
            diagnostics.push(
                Diagnostic::error(&relative, format!("a second YAML file for edition {stem}"))
                    .says("diag_second_yaml_file", &[("year", &stem)]),
            );
        } else {
            slot.yaml = Some(source);
        }
    }
    for edition in &mut editions {
        edition.results.sort_by_key(ResultsFile::rank);
    }
    editions
}

/// Whether an entry of data/editions/ is an edition's file or folder: editor temporaries (noted),
/// hidden files and names that are no year (a warning) are not read.
fn is_edition_entry(
    path: &Path,
    file_name: &str,
    stem: &str,
    relative: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    if is_editor_temporary(file_name) {
        note_skipped(relative, diagnostics);
        return false;
    }
    if file_name.starts_with('.') {
        return false;
    }
    let year_stem = if path.is_dir() {
        file_name
    } else {
        stem
    };
    if !is_year(year_stem) {
        diagnostics.push(
            Diagnostic::warning(relative, "not read: not named after an edition's year")
                .expected(
                    "<year>.yaml, <year>.csv, <year>.xlsx, <year>.ods or a folder <year>/ \
                     (a backup or a draft belongs outside data/editions/)",
                )
                .says("diag_not_a_year_file", &[])
                .expects("diag_year_files_expected", &[]),
        );
        return false;
    }
    true
}

/// The files of the edition named `stem`, added when it is the first of them.
fn edition_of<'a>(editions: &'a mut Vec<EditionFiles>, stem: &str) -> Option<&'a mut EditionFiles> {
    let position = match editions.iter().position(|e| e.stem == stem) {
        Some(position) => position,
        None => {
            editions.push(EditionFiles::new(stem));
            editions.len() - 1
        }
    };
    editions.get_mut(position)
}

/// The respondent files of `data/editions/<year>/`: `<perspective>.csv` each, size-checked.
fn read_response_folder(
    root: &Path,
    folder: &Path,
    relative: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<ResponseFile> {
    let mut files = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let file_relative = format!("{relative}/{name}");
        if is_editor_temporary(name) {
            note_skipped(&file_relative, diagnostics);
            continue;
        }
        if name.starts_with('.') {
            continue;
        }
        if let Err(diagnostic) = check_inside_site(root, &path, &file_relative) {
            diagnostics.push(*diagnostic);
            continue;
        }
        let split = name
            .rsplit_once('.')
            .map(|(stem, extension)| (stem, extension.to_ascii_lowercase()));
        let Some((perspective, extension)) = split.filter(|(_, extension)| {
            path.is_file() && (extension == "csv" || spreadsheet::is_spreadsheet(extension))
        }) else {
            diagnostics.push(
                Diagnostic::error(&file_relative, "unexpected file among the respondent files")
                    .expected(
                        "one file <perspective-id>.csv (or .xlsx, .ods) per perspective of the \
                         methodology",
                    )
                    .says("diag_unexpected_respondent_file", &[])
                    .expects("diag_respondent_files_expected", &[]),
            );
            continue;
        };
        let spreadsheet = spreadsheet::is_spreadsheet(&extension);
        // A spreadsheet is read whole into memory: it gets the limit of other data files.
        let limit = if spreadsheet {
            limits::MAX_DATA_FILE_BYTES
        } else {
            limits::MAX_RESPONSE_FILE_BYTES
        };
        if !size_fits(&path, &file_relative, limit, diagnostics) {
            continue;
        }
        if let Some(first) = files
            .iter()
            .find(|f: &&ResponseFile| f.perspective == perspective)
        {
            diagnostics.push(
                Diagnostic::error(
                    &file_relative,
                    format!(
                        "a second respondent file for perspective `{perspective}`, beside {}",
                        first.relative
                    ),
                )
                .expected(format!(
                    "one file per perspective: keep either {} or {file_relative}",
                    first.relative
                ))
                .says(
                    "diag_second_respondent_file",
                    &[("perspective", perspective), ("first", &first.relative)],
                )
                .expects(
                    "diag_keep_one_respondent_file",
                    &[("first", &first.relative), ("second", &file_relative)],
                ),
            );
            continue;
        }
        files.push(ResponseFile {
            perspective: perspective.to_string(),
            path,
            relative: file_relative,
            spreadsheet,
        });
    }
    files
}

/// Whether the file at `path` is at most `limit` bytes; an error naming both when not.
fn size_fits(path: &Path, relative: &str, limit: u64, diagnostics: &mut Diagnostics) -> bool {
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size <= limit {
        return true;
    }
    diagnostics.push(
        Diagnostic::error(
            relative,
            format!(
                "the file is {}, larger than rankpress reads",
                limits::megabytes(size)
            ),
        )
        .expected(format!("a file of at most {}", limits::megabytes(limit)))
        .says("diag_file_too_large", &[("size", &limits::megabytes(size))])
        .expects("diag_file_at_most", &[("limit", &limits::megabytes(limit))]),
    );
    false
}

/// Every `.md` file under `root/folder`, named relative to `root` with `/` separators.
pub fn read_markdown_tree(
    root: &Path,
    folder: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<SourceFile> {
    let base = root.join(folder);
    if !base.is_dir() || !folder_inside_site(root, folder, diagnostics) {
        return Vec::new();
    }
    let mut paths = Vec::new();
    for entry in WalkDir::new(&base).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let reason = match error.io_error() {
                    Some(system) => crate::diagnostics::io_reason(system),
                    None => crate::diagnostics::as_given(&error.to_string()),
                };
                diagnostics.push(
                    Diagnostic::error(folder, format!("cannot read: {error}"))
                        .saying(Some(Phrase::new("diag_cannot_read", &[]).with("reason", reason))),
                );
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_dir() && is_editor_temporary(&entry.file_name().to_string_lossy())
        {
            note_skipped(&relative_name(root, path), diagnostics);
            continue;
        }
        if entry.file_type().is_symlink()
            && let Err(diagnostic) = check_inside_site(root, path, &relative_name(root, path))
        {
            diagnostics.push(*diagnostic);
            continue;
        }
        // The walk knows each entry's type; only a link needs a look at what it leads to.
        let is_file = if entry.file_type().is_symlink() {
            path.is_file()
        } else {
            entry.file_type().is_file()
        };
        if !is_file || path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        paths.push(entry.into_path());
    }
    // Thousands of small files: read them in parallel, keep the order of the walk.
    use rayon::prelude::*;
    let read: Vec<(Option<SourceFile>, Diagnostics)> = paths
        .par_iter()
        .map(|path| {
            let mut local = Diagnostics::new();
            let relative = relative_name(root, path);
            // The walk reported links above; these are regular files or links that stay inside.
            (read_text(path, &relative, &mut local), local)
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for (source, local) in read {
        diagnostics.extend(local);
        files.extend(source);
    }
    files
}

/// The commentary files of a previous walk of `content/` that read every file without a word,
/// with the files at `changed` (paths the file watcher reported, under `root`) read again:
/// what the dev server does after an edit instead of reading thousands of files. It holds only
/// when a walk would find the same files: each changed path under `content/` must be one of
/// `previous`, still a regular file that reads without a word; or a regular file the walk does
/// not read (not `.md`: an editor's swap or backup file); or a path that is gone and held none
/// of `previous` (the temporary file an editor saves to and renames). `None` when the tree must
/// be walked again: a file appeared, went away or became a link, a folder changed, or a file
/// did not read.
pub fn reread_markdown(
    root: &Path,
    mut previous: Vec<SourceFile>,
    changed: &std::collections::BTreeSet<PathBuf>,
) -> Option<Vec<SourceFile>> {
    let positions: std::collections::HashMap<String, usize> = previous
        .iter()
        .enumerate()
        .map(|(at, file)| (file.name.clone(), at))
        .collect();
    for path in changed {
        // A path the watcher names outside the root cannot be matched to a file: read all
        // again rather than keep the old text of a file that was saved.
        if !path.starts_with(root) {
            return None;
        }
        let relative = relative_name(root, path);
        if relative == "content" {
            return None;
        }
        if !relative.starts_with("content/") {
            continue;
        }
        let kind = fs::symlink_metadata(path).map(|m| m.file_type());
        let regular = kind.as_ref().is_ok_and(|kind| kind.is_file());
        let markdown = path.extension().and_then(|e| e.to_str()) == Some("md");
        match positions.get(&relative) {
            Some(&at) if regular => {
                let mut diagnostics = Diagnostics::new();
                let file = read_text(path, &relative, &mut diagnostics)?;
                if diagnostics.iter().next().is_some() {
                    return None;
                }
                *previous.get_mut(at)? = file;
            }
            Some(_) => return None,
            None if regular && !markdown => {}
            None if kind.is_err() => {
                // Gone: harmless unless it was a folder holding files that were read.
                let folder = format!("{relative}/");
                if previous.iter().any(|file| file.name.starts_with(&folder)) {
                    return None;
                }
            }
            None => return None,
        }
    }
    Some(previous)
}

/// `path` relative to `root`, with forward slashes, for messages and routing.
pub fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the folder `relative` under `root` lies inside the site, when it exists: a source
/// folder that is a link to a folder elsewhere (`themes/default`, `data`), or that lies under
/// one, is an error, since what it holds would be read and published from there. A link to a
/// folder inside the site is fine.
pub fn folder_inside_site(root: &Path, relative: &str, diagnostics: &mut Diagnostics) -> bool {
    let (Ok(site), Ok(real)) = (
        fs::canonicalize(root),
        fs::canonicalize(root.join(relative)),
    ) else {
        return true;
    };
    if real.starts_with(&site) {
        return true;
    }
    diagnostics.push(
        Diagnostic::error(
            relative,
            format!(
                "the folder is a link leading out of the site, to {}: rankpress reads and \
                 publishes only what is inside the site folder",
                real.display()
            ),
        )
        .expected("a folder inside the site: copy the files in instead of linking to them")
        .says(
            "diag_folder_link_outside",
            &[("target", &real.display().to_string())],
        )
        .expects("diag_folder_inside_site", &[]),
    );
    false
}

/// Checks that `path`, found under the site folder `root`, stays inside it: a symbolic link is
/// followed only when it leads to something inside the site. A link out of the site (to
/// `/etc/passwd`, to another project) would otherwise publish whatever it points at.
pub fn check_inside_site(root: &Path, path: &Path, relative: &str) -> Result<(), Box<Diagnostic>> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let inside = match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(root), Ok(target)) => target.starts_with(&root),
        _ => false,
    };
    if inside {
        return Ok(());
    }
    let target = fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "an unreadable target".to_string());
    Err(Box::new(
        Diagnostic::error(
            relative,
            format!("a symbolic link leads outside the site folder, to {target}"),
        )
        .expected("a file inside the site folder")
        .hint(Some(
            "copy the file into the site instead of linking to it".to_string(),
        ))
        .says("diag_link_outside", &[("target", &target)])
        .expects("diag_inside_site", &[])
        .suggests("diag_copy_not_link", &[]),
    ))
}

/// Reads a file of the site folder `root`: [`check_inside_site`], then [`read_text`].
pub fn read_site_file(
    root: &Path,
    path: &Path,
    relative: &str,
    diagnostics: &mut Diagnostics,
) -> Option<SourceFile> {
    if let Err(diagnostic) = check_inside_site(root, path, relative) {
        diagnostics.push(*diagnostic);
        return None;
    }
    read_text(path, relative, diagnostics)
}

/// Reads a UTF-8 text file, dropping a leading byte-order mark. Files larger than
/// [`crate::input::limits`] allows are refused before they are read.
pub fn read_text(path: &Path, relative: &str, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    use std::io::Read;
    let cannot_read =
        |error: std::io::Error| crate::diagnostics::cannot_read_file(relative, &error);
    // One open and one fstat per file: a large site has tens of thousands of them.
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) => {
            diagnostics.push(cannot_read(error));
            return None;
        }
    };
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    let limit = crate::input::limits::max_file_bytes(Path::new(relative));
    let too_large = |size: String| {
        Diagnostic::error(
            relative,
            format!("the file is {size}, larger than rankpress reads"),
        )
        .expected(format!(
            "a file of at most {}",
            crate::input::limits::megabytes(limit)
        ))
        .hint(Some(
            "split the data, or check that this is the file you meant".to_string(),
        ))
        .says("diag_file_too_large", &[("size", &size)])
        .expects(
            "diag_file_at_most",
            &[("limit", &crate::input::limits::megabytes(limit))],
        )
        .suggests("diag_split_data", &[])
    };
    if length > limit {
        diagnostics.push(too_large(crate::input::limits::megabytes(length)));
        return None;
    }
    // The limit also bounds a file that grows while it is read, or reports no size.
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    match file
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        Ok(_) if bytes.len() as u64 > limit => {
            diagnostics.push(too_large(format!(
                "more than {}",
                crate::input::limits::megabytes(limit)
            )));
            None
        }
        Ok(_) => decode_text(bytes, relative, diagnostics),
        Err(error) => {
            diagnostics.push(cannot_read(error));
            None
        }
    }
}

/// The text of a file's bytes: UTF-8 with an optional byte-order mark, or a located error.
pub fn decode_text(
    bytes: Vec<u8>,
    relative: &str,
    diagnostics: &mut Diagnostics,
) -> Option<SourceFile> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            let source = SourceFile::new(relative, text);
            check_characters(&source, diagnostics).then_some(source)
        }
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes().get(..offset).unwrap_or_default());
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diagnostics.push(
                encoding_hint(
                    Diagnostic::error(relative, "the file is not valid UTF-8 text")
                        .says("diag_not_utf8", &[])
                        .at(line, column)
                        .expected("UTF-8 text")
                        .expects("diag_utf8_expected", &[]),
                    error.as_bytes(),
                ),
            );
            None
        }
    }
}

/// How to mend a file that is not UTF-8, naming the encoding it most likely is: where the words
/// with bytes from 0x80 up are made mostly of such bytes, it is Cyrillic in Windows-1251 (what
/// Russian Excel's plain "CSV" writes); where such a byte sits among Latin letters ("M\xfcller"),
/// Windows-1252 (Western Excel). The hint is added to `diagnostic`.
pub fn encoding_hint(diagnostic: Diagnostic, bytes: &[u8]) -> Diagnostic {
    let (mut high, mut latin) = (0usize, 0usize);
    for word in bytes.split(|b| !(b.is_ascii_alphabetic() || *b >= 0x80)) {
        let word_high = word.iter().filter(|&&b| b >= 0x80).count();
        if word_high > 0 {
            high += word_high;
            latin += word.len() - word_high;
        }
    }
    let (guess, key) = if high > latin {
        (
            "it looks like Windows-1251 (Cyrillic), which Excel writes as plain \"CSV\" in Russian",
            "diag_save_utf8_1251",
        )
    } else {
        (
            "it looks like Windows-1252, which Excel writes as plain \"CSV\" in Western Europe",
            "diag_save_utf8_1252",
        )
    };
    diagnostic
        .hint(Some(format!(
            "{guess}: save it again as \"CSV UTF-8\" (Excel: Save As → CSV UTF-8; LibreOffice: \
             character set Unicode (UTF-8)), or give the spreadsheet itself (.xlsx, .ods)"
        )))
        .suggests(key, &[])
}

/// Whether `c` may appear in an input file: control characters other than tab and line breaks,
/// and the Unicode noncharacters, are invisible in an editor and make the XML outputs (feeds,
/// seals, SVG) invalid, so they are refused where they are written.
pub fn is_forbidden_character(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{fdd0}'..='\u{fdef}')
        || (c as u32 & 0xfffe) == 0xfffe
}

/// Errors for forbidden characters in `source`, at their line and column; `true` when there are
/// none. A file full of them gets a bounded number of messages.
fn check_characters(source: &SourceFile, diagnostics: &mut Diagnostics) -> bool {
    const SHOWN: usize = 20;
    let bytes = source.text.as_bytes();
    // Almost every file has none: a byte scan first (C0, DEL, and the lead bytes of C1 and of
    // U+FDD0..U+FFFF and the planes' noncharacters).
    let suspicious = |b: &u8| {
        (*b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r'))
            || matches!(*b, 0x7f | 0xc2 | 0xef | 0xf0..=0xf4)
    };
    if !bytes.iter().any(suspicious) {
        return true;
    }
    let mut found = 0usize;
    let (mut line, mut column) = (source.first_line, 1usize);
    for c in source.text.chars() {
        if is_forbidden_character(c) {
            found += 1;
            if found <= SHOWN {
                diagnostics.push(
                    source
                        .error_at(
                            line,
                            column,
                            format!(
                                "the control character U+{:04X} is not allowed in a text file",
                                c as u32
                            ),
                        )
                        .expected("text without control characters (tabs and line breaks are fine)")
                        .hint(Some(
                            "delete it; it often comes from copying text out of another program"
                                .to_string(),
                        ))
                        .says(
                            "diag_control_character",
                            &[("code", &format!("U+{:04X}", c as u32))],
                        )
                        .expects("diag_no_control_characters", &[])
                        .suggests("diag_delete_control", &[]),
                );
            }
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    if found > SHOWN {
        let more = (found - SHOWN).to_string();
        diagnostics.push(
            Diagnostic::error(
                &source.name,
                format!("and {more} more control characters in this file"),
            )
            .says("diag_more_control_characters", &[("count", &more)]),
        );
    }
    found == 0
}
