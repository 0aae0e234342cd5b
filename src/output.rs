//! The output folder: the only code that replaces or deletes anything on disk. The rules, each
//! enforced here and nowhere else:
//!
//! 1. **One real path.** The `--out` value is resolved before any check: made absolute, `..`
//!    and `.` removed, and every part that exists replaced by its real path (symbolic links
//!    followed, as the operating system would). Every check, the lock, the staging folder and
//!    the swap use that resolved path, so `public/../data` is `data` and a link named `public`
//!    is its target: the build writes *through* the link and the link stays as it was.
//! 2. **Never the sources.** The filesystem root, the home folder and any folder holding it, the
//!    site itself, its source folders, and the current folder's ancestors are refused, even with
//!    `--force`. So is a path that is a file, or a link that leads nowhere.
//! 3. **Only what rankpress wrote.** Every output folder holds [`MARKER`], which lists every
//!    file the build wrote. Before a build, the existing folder is compared with that list: a
//!    folder without the marker, or with files (or links) not on the list, is refused unless
//!    `--force` is given, and the files are named. After the swap, the old folder is deleted
//!    without following any symbolic link; with `--force` the files the user was warned about
//!    go with it, without `--force` only the listed files are deleted and anything else that
//!    appeared meanwhile is kept, in a folder that is named in a warning.
//! 4. **Atomic.** Files are written into a fresh staging folder beside the output; when all
//!    are written, it takes the output's place in one atomic exchange (`renameat2` with
//!    `RENAME_EXCHANGE` on Linux; two renames elsewhere), so a kill at any moment leaves either
//!    the old or the new site in place.
//! 6. **A spare, never shared.** After the swap, the previous output, when it holds exactly the
//!    files its marker lists, is kept beside the new one as `.<name>.rankpress-spare`, and the
//!    next build is written over it instead of into an empty folder: no folder is created and no
//!    old tree deleted. Files of the spare and of the live output may be the same inode (an
//!    unchanged file is a hard link), so a file is never written into: it is unlinked and
//!    written anew. Files the new build does not write are deleted before the swap. A spare
//!    holding anything else is left alone and not used.
//! 5. **One build at a time.** A build holds an exclusive lock on a lock file beside the output
//!    from the first check to the end of the swap; a second build into the same folder fails at
//!    once with a clear message.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};

use crate::diagnostics::{Doing, Phrase, Said, cannot};
use crate::sink::FolderSink;

/// The file rankpress leaves in every output folder it writes: its first line says so, and the
/// following lines list every file of the folder that rankpress wrote.
pub const MARKER: &str = ".rankpress-output";

const MARKER_HEADING: &str =
    "This folder was written by rankpress. The next build replaces the files listed below:";

/// How many unexpected files a message names before it says "and N more".
const NAMED_FILES: usize = 10;

/// `path` made absolute, with `.` and `..` removed and every existing part replaced by its real
/// path (symbolic links resolved). Parts that do not exist yet are kept as written, and a `..`
/// after them removes them, which is what creating the folder would do.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| {
                Said::new(
                    "cannot read the current folder",
                    Phrase::new("diag_cannot_read_cwd", &[]),
                )
                .caused_by(e)
            })?
            .join(path)
    };
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                // The real path of what exists, so that a later `..` leaves a link's target
                // the way the operating system would.
                if let Ok(real) = fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
        }
    }
    Ok(resolved)
}

/// An output folder, resolved, checked and locked for one build.
#[derive(Debug)]
pub struct Output {
    /// The resolved folder (see [`resolve`]).
    folder: PathBuf,
    /// Files of the existing folder that rankpress did not write (replaced only with `--force`).
    unexpected: Vec<Foreign>,
    force: bool,
    /// Held until the build ends: no other build writes here meanwhile.
    _lock: fs::File,
}

impl Output {
    /// Resolves `requested`, refuses folders whose replacement would lose data, and locks the
    /// folder for this build.
    pub fn open(site_root: &Path, requested: &Path, force: bool) -> Result<Output> {
        let folder = resolve(requested)?;
        let shown = requested.display().to_string();
        refuse_protected(site_root, &folder, requested)?;
        let metadata = fs::symlink_metadata(&folder);
        if let Ok(metadata) = &metadata {
            if metadata.file_type().is_symlink() {
                return Err(refusal(
                    &shown,
                    "it is a symbolic link that leads nowhere",
                    "diag_out_dead_link",
                    &[],
                ));
            }
            if !metadata.is_dir() {
                return Err(refusal(
                    &shown,
                    "it is a file, not a folder; choose a folder for --out",
                    "diag_out_file",
                    &[],
                ));
            }
        }
        let lock = lock(&folder)?;
        let mut unexpected = Vec::new();
        if metadata.is_ok() {
            match read_manifest(&folder) {
                Some(listed) => {
                    unexpected = foreign_entries(&folder, &listed);
                    if !unexpected.is_empty() && !force {
                        let (files, named) = name_some(&unexpected);
                        return Err(Said::new(
                            format!(
                                "refusing to replace {shown}: it holds files rankpress did not \
                                 write: {files}; move them elsewhere, or pass --force to delete \
                                 them"
                            ),
                            Phrase::new("diag_out_foreign", &[("folder", &shown)])
                                .with("files", named),
                        )
                        .into());
                    }
                }
                None if is_empty(&folder) => {}
                None if force => unexpected = foreign_entries(&folder, &BTreeSet::new()),
                None if is_legacy_marker(&folder) => {
                    return Err(Said::new(
                        format!(
                            "refusing to replace {shown}: an older rankpress wrote it without \
                             listing its files, so files added to it since cannot be told \
                             apart; check that it holds nothing of yours, then pass --force once"
                        ),
                        Phrase::new("diag_out_legacy", &[("folder", &shown)]),
                    )
                    .into());
                }
                None => {
                    return Err(Said::new(
                        format!(
                            "refusing to replace {shown}: it was not written by rankpress (no \
                             {MARKER} file in it); choose another --out folder, or pass --force \
                             to replace it"
                        ),
                        Phrase::new("diag_out_not_ours", &[("folder", &shown), ("marker", MARKER)]),
                    )
                    .into());
                }
            }
        }
        Ok(Output {
            folder,
            unexpected,
            force,
            _lock: lock,
        })
    }

    /// The resolved folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Warnings about what `--force` is going to delete.
    pub fn warnings(&self) -> Vec<Said> {
        if self.unexpected.is_empty() {
            return Vec::new();
        }
        let (count, folder) = (
            self.unexpected.len().to_string(),
            self.folder.display().to_string(),
        );
        let (files, named) = name_some(&self.unexpected);
        vec![Said::new(
            format!(
                "--force: deleting {count} file(s) in {folder} that rankpress did not write: \
                 {files}"
            ),
            Phrase::new(
                "diag_out_force_deleting",
                &[("count", &count), ("folder", &folder)],
            )
            .with("files", named),
        )]
    }

    /// An empty staging folder beside the output.
    pub fn stage(&self) -> Result<Staging> {
        let (parent, name) = parent_and_name(&self.folder)?;
        fs::create_dir_all(&parent).map_err(|e| cannot_create(&parent, e))?;
        let prefix = format!(".{name}.rankpress-staging-");
        remove_abandoned_staging(&parent, &prefix);
        let folder = parent.join(format!("{prefix}{}", std::process::id()));
        if fs::symlink_metadata(&folder).is_ok() {
            remove_tree(&folder);
        }
        // The output before the previous one, kept beside it as a spare (rule 6): the new site
        // is written over it, so a rebuild creates no folders and deletes no tree.
        let spare = parent.join(format!(".{name}.rankpress-spare"));
        let mut over_spare = false;
        if let Some(listed) = read_manifest(&spare)
            && foreign_entries(&spare, &listed).is_empty()
            && fs::rename(&spare, &folder).is_ok()
        {
            over_spare = true;
        } else {
            // `create_dir` fails if the name exists: everything in the folder is this build's.
            fs::create_dir(&folder).map_err(|e| cannot_create(&folder, e))?;
        }
        // The files of the previous output, whose unchanged ones the new build takes over; with
        // `--force` nothing is taken over (the output held something rankpress did not write,
        // or the user wants every file made anew).
        let previous = read_manifest(&self.folder)
            .filter(|_| !self.force)
            .map(|files| {
                std::sync::Arc::new(crate::sink::PreviousOutput {
                    folder: self.folder.clone(),
                    files: files.into_iter().collect(),
                })
            });
        Ok(Staging {
            folder,
            previous,
            written: Default::default(),
            over_spare,
            sealed: false,
            committed: false,
        })
    }

    /// Lists the staging folder's files in its marker, puts it in the output's place, and deletes
    /// the previous output. Returns warnings for the user.
    pub fn commit(&self, mut staging: Staging) -> Result<Vec<Said>> {
        staging.seal()?;
        let had_output = fs::symlink_metadata(&self.folder).is_ok();
        if had_output {
            let folder = self.folder.display().to_string();
            swap(&staging.folder, &self.folder).map_err(|e| {
                Said::new(
                    format!("cannot put the new site in place of {folder}"),
                    Phrase::new("diag_out_cannot_swap", &[("folder", &folder)]),
                )
                .caused_by(e)
            })?;
        } else {
            let folder = self.folder.display().to_string();
            fs::rename(&staging.folder, &self.folder).map_err(|e| {
                Said::new(
                    format!("cannot move the new site to {folder}"),
                    Phrase::new("diag_out_cannot_move", &[("folder", &folder)]),
                )
                .caused_by(e)
            })?;
        }
        staging.committed = true;
        if !had_output {
            return Ok(Vec::new());
        }
        // The staging folder's name now holds the previous output.
        let old = &staging.folder;
        if self.force {
            remove_tree(old);
            return Ok(Vec::new());
        }
        let listed = read_manifest(old).unwrap_or_default();
        if foreign_entries(old, &listed).is_empty() {
            // Exactly what rankpress wrote: kept as the spare the next build writes over.
            let (parent, name) = parent_and_name(&self.folder)?;
            let spare = parent.join(format!(".{name}.rankpress-spare"));
            if fs::symlink_metadata(&spare).is_ok() {
                // A spare is only ever replaced when it holds nothing but what rankpress wrote.
                let foreign = match read_manifest(&spare) {
                    Some(listed) => foreign_entries(&spare, &listed),
                    None => foreign_entries(&spare, &BTreeSet::new()),
                };
                if !foreign.is_empty() {
                    remove_tree(old);
                    let spare = spare.display().to_string();
                    let (files, named) = name_some(&foreign);
                    return Ok(vec![Said::new(
                        format!(
                            "{spare} holds files rankpress did not write ({files}); it is left \
                             as it is, and rebuilds are slower until it is moved away"
                        ),
                        Phrase::new("diag_out_spare_foreign", &[("folder", &spare)])
                            .with("files", named),
                    )]);
                }
                remove_tree(&spare);
            }
            if fs::rename(old, &spare).is_err() {
                remove_tree(old);
            }
            return Ok(Vec::new());
        }
        let kept = remove_listed(old, &listed);
        if kept.is_empty() {
            remove_tree(old);
            return Ok(Vec::new());
        }
        // Files that appeared in the output during the build: kept, under a name that no
        // clean-up of rankpress touches.
        let (parent, name) = parent_and_name(&self.folder)?;
        let keep = parent.join(format!("{name}.kept-{}", std::process::id()));
        fs::rename(old, &keep).map_err(|e| cannot(Doing::Rename, old, e))?;
        let (count, folder, kept_in) = (
            kept.len().to_string(),
            self.folder.display().to_string(),
            keep.display().to_string(),
        );
        let kept: Vec<Foreign> = kept
            .into_iter()
            .map(|name| Foreign {
                name,
                kind: ForeignKind::File,
            })
            .collect();
        let (files, named) = name_some(&kept);
        Ok(vec![Said::new(
            format!(
                "kept {count} file(s) that were added to {folder} during the build, in \
                 {kept_in}: {files}"
            ),
            Phrase::new(
                "diag_out_kept",
                &[("count", &count), ("folder", &folder), ("kept", &kept_in)],
            )
            .with("files", named),
        )])
    }
}

/// A staging folder beside the output, removed unless committed.
pub struct Staging {
    pub folder: PathBuf,
    previous: Option<std::sync::Arc<crate::sink::PreviousOutput>>,
    /// The files this build wrote into the folder: the marker lists exactly these.
    written: crate::sink::Written,
    /// The staging folder is a spare being written over.
    over_spare: bool,
    /// The marker is written: nothing more goes into the folder.
    sealed: bool,
    committed: bool,
}

impl Staging {
    pub fn sink(&self) -> FolderSink {
        FolderSink {
            root: self.folder.clone(),
            previous: self.previous.clone(),
            written: self.written.clone(),
            over_spare: self.over_spare,
            folders: Default::default(),
        }
    }

    /// Writes a `.gz` and a `.br` file beside every text file this build wrote, for hosts that
    /// serve them. Returns how many files were compressed.
    pub fn precompress(&self) -> Result<usize> {
        let sources: Vec<String> = self
            .written
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .iter()
            .filter(|path| {
                Path::new(path)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| COMPRESSIBLE.contains(&e))
            })
            .cloned()
            .collect();
        let made = precompress(&self.folder, &sources)?;
        self.written
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .extend(made);
        Ok(sources.len())
    }
}

impl Staging {
    /// Finishes the folder as it will be published: over a spare, removes what the spare held
    /// and this build did not write, then writes the marker listing the files.
    pub fn seal(&mut self) -> Result<()> {
        if self.sealed {
            return Ok(());
        }
        let written = self
            .written
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?;
        if self.over_spare {
            let stale: BTreeSet<String> = walk_files(&self.folder)
                .into_iter()
                .filter(|file| !written.contains(file))
                .collect();
            remove_listed(&self.folder, &stale);
        }
        write_manifest(&self.folder, &written)?;
        drop(written);
        self.sealed = true;
        Ok(())
    }

    /// Every file of the sealed folder and its size: what the host will be sent.
    pub fn sizes(&mut self) -> Result<Vec<(String, u64)>> {
        self.seal()?;
        let written: Vec<String> = self
            .written
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .iter()
            .cloned()
            .chain(std::iter::once(MARKER.to_string()))
            .collect();
        written
            .into_iter()
            .map(|path| {
                let file = self.folder.join(&path);
                let metadata = fs::symlink_metadata(&file)
                    .map_err(|e| cannot(Doing::Measure, &file, e))?;
                Ok((path, metadata.len()))
            })
            .collect()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_tree(&self.folder);
        }
    }
}

/// Refuses the folders whose replacement would destroy something, whatever `--force` says.
fn refuse_protected(site_root: &Path, folder: &Path, requested: &Path) -> Result<()> {
    let shown = requested.display().to_string();
    if folder.parent().is_none() {
        return Err(refusal(&shown, "it is the filesystem root", "diag_out_root", &[]));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = resolve(Path::new(&home))?;
        if home == folder {
            return Err(refusal(&shown, "it is the home folder", "diag_out_home", &[]));
        }
        if home.starts_with(folder) {
            return Err(refusal(
                &shown,
                "it contains the home folder",
                "diag_out_holds_home",
                &[],
            ));
        }
    }
    let root = resolve(site_root)?;
    if root.starts_with(folder) {
        return Err(refusal(
            &shown,
            "it contains the site's own files",
            "diag_out_holds_site",
            &[],
        ));
    }
    for source in ["data", "content", "themes", "templates", "static", "i18n"] {
        if folder.starts_with(root.join(source)) {
            return Err(refusal(
                &shown,
                &format!("it is inside the site's {source}/ folder"),
                "diag_out_in_source",
                &[("source", source)],
            ));
        }
    }
    if let Ok(current) = std::env::current_dir().and_then(fs::canonicalize)
        && current.starts_with(folder)
    {
        return Err(refusal(
            &shown,
            "it contains the current folder",
            "diag_out_holds_current",
            &[],
        ));
    }
    Ok(())
}

/// The refusal to write the site into `shown`, because of `why` (English) said as `key`.
fn refusal(
    shown: &str,
    why: &str,
    key: &'static str,
    values: &[(&'static str, &str)],
) -> anyhow::Error {
    Said::new(
        format!("refusing to write the site into {shown}: {why}"),
        Phrase::new("diag_out_refused", &[("folder", shown)]).with("reason", Phrase::new(key, values)),
    )
    .into()
}

/// The error for a folder the system would not create.
fn cannot_create(folder: &Path, error: io::Error) -> anyhow::Error {
    let folder = folder.display().to_string();
    Said::new(
        format!("cannot create {folder}"),
        Phrase::new("diag_cannot_create", &[("folder", &folder)]),
    )
    .caused_by(error)
    .into()
}

fn parent_and_name(folder: &Path) -> Result<(PathBuf, String)> {
    match (folder.parent(), folder.file_name()) {
        (Some(parent), Some(name)) => {
            Ok((parent.to_path_buf(), name.to_string_lossy().to_string()))
        }
        _ => bail!("{} has no parent folder", folder.display()),
    }
}

/// Takes the exclusive lock of the output folder: a file beside it, kept afterwards (deleting a
/// lock file races with a build waiting for it).
fn lock(folder: &Path) -> Result<fs::File> {
    let (parent, name) = parent_and_name(folder)?;
    fs::create_dir_all(&parent).map_err(|e| cannot_create(&parent, e))?;
    let path = parent.join(format!(".{name}.rankpress-lock"));
    // Never a link followed (its target would be created outside) or a FIFO waited on.
    let lock_file = path.display().to_string();
    let file = crate::nofollow::open_lock(&path).map_err(|e| {
        Said::new(
            format!("cannot open the lock file {lock_file}; if it is not a plain file, delete it"),
            Phrase::new("diag_out_lock_file", &[("file", &lock_file)]),
        )
        .caused_by(e)
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            let folder = folder.display().to_string();
            Err(Said::new(
                format!(
                    "another rankpress build is writing {folder} right now (it holds \
                     {lock_file}); wait until it has finished, then build again"
                ),
                Phrase::new("diag_out_locked", &[("folder", &folder), ("file", &lock_file)]),
            )
            .into())
        }
        Err(fs::TryLockError::Error(error)) => {
            Err(cannot(Doing::Lock, &path, error).into())
        }
    }
}

/// The files listed in the marker of `folder`; `None` when it has no marker, or the marker of
/// rankpress 0.1, which listed nothing: such a folder is replaced only with `--force`, once.
fn read_manifest(folder: &Path) -> Option<BTreeSet<String>> {
    let marker = folder.join(MARKER);
    let bytes = crate::nofollow::read_regular(&marker, MAX_MARKER_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?;
    if first != MARKER_HEADING {
        return None;
    }
    Some(lines.map(str::to_string).collect())
}

fn is_legacy_marker(folder: &Path) -> bool {
    crate::nofollow::read_regular(&folder.join(MARKER), MAX_MARKER_BYTES)
        .is_ok_and(|text| text.starts_with(b"This folder was written by rankpress.\n"))
}

/// The most of a marker read: a line per file of the site, and a site of 100,000 companies in
/// several languages has about a million files.
const MAX_MARKER_BYTES: u64 = 256 * 1024 * 1024;

/// Writes the marker of a staging folder, listing the files the build wrote into it, sorted.
/// They are known, so the folder is not walked: a file that appears there meanwhile is not
/// rankpress's and is never listed as if it were.
fn write_manifest(folder: &Path, written: &std::collections::HashSet<String>) -> Result<()> {
    let mut files: Vec<&String> = written.iter().filter(|file| *file != MARKER).collect();
    files.sort_unstable();
    let mut text = String::from(MARKER_HEADING);
    text.push('\n');
    for file in files {
        text.push_str(file);
        text.push('\n');
    }
    let marker = folder.join(MARKER);
    // A spare's marker is replaced, never written into.
    crate::nofollow::Dir::open(folder)
        .and_then(|dir| dir.create_file(std::ffi::OsStr::new(MARKER), text.as_bytes()))
        .map_err(|e| cannot(Doing::Write, &marker, e).into())
}

/// Every entry of `folder` that is not a directory (files and symbolic links, never followed),
/// with its name relative to `folder` (`/` separators) and its type.
fn entries(folder: &Path) -> impl Iterator<Item = (String, std::fs::FileType)> + '_ {
    walkdir::WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_type().is_dir())
        .filter_map(move |entry| {
            let relative = entry.path().strip_prefix(folder).ok()?;
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((name, entry.file_type()))
        })
}

/// Every entry of `folder` that is not a directory (files and symbolic links, never followed),
/// relative, with `/` separators, sorted; the marker itself is left out.
fn walk_files(folder: &Path) -> Vec<String> {
    let mut files: Vec<String> = entries(folder)
        .map(|(name, _)| name)
        .filter(|name| name != MARKER)
        .collect();
    files.sort();
    files
}

/// An entry of the output folder that rankpress did not write, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Foreign {
    name: String,
    kind: ForeignKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ForeignKind {
    File,
    Link,
    /// A FIFO, a device, a socket.
    Special,
}

impl Foreign {
    /// The entry's name, with what it is where it is no file: in English and as a phrase.
    fn named(&self) -> (String, Phrase) {
        let name = &self.name;
        match self.kind {
            ForeignKind::File => (name.clone(), crate::diagnostics::as_given(name)),
            ForeignKind::Link => (
                format!("{name} (a symbolic link)"),
                Phrase::new("diag_entry_link", &[("name", name)]),
            ),
            ForeignKind::Special => (
                format!("{name} (not a regular file)"),
                Phrase::new("diag_entry_special", &[("name", name)]),
            ),
        }
    }
}

/// The entries of `folder` that rankpress did not write: files not on the list, and anything
/// that is neither a regular file nor a folder (a symbolic link, a FIFO, a device), listed or
/// not, named with what it is. rankpress never makes those, and never writes through them.
fn foreign_entries(folder: &Path, listed: &BTreeSet<String>) -> Vec<Foreign> {
    let mut foreign: Vec<Foreign> = entries(folder)
        .filter_map(|(name, kind)| {
            let kind = if kind.is_symlink() {
                ForeignKind::Link
            } else if !kind.is_file() {
                ForeignKind::Special
            } else if name == MARKER || listed.contains(&name) {
                return None;
            } else {
                ForeignKind::File
            };
            Some(Foreign { name, kind })
        })
        .collect();
    foreign.sort();
    foreign
}

fn is_empty(folder: &Path) -> bool {
    fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none())
}

fn name_some(files: &[Foreign]) -> (String, Phrase) {
    let (english, phrases): (Vec<String>, Vec<Phrase>) =
        files.iter().take(NAMED_FILES).map(Foreign::named).unzip();
    let named = english.join(", ");
    let phrase = crate::diagnostics::joined(phrases, "diag_list_comma");
    if files.len() > NAMED_FILES {
        let more = (files.len() - NAMED_FILES).to_string();
        return (
            format!("{named} and {more} more"),
            Phrase::new("diag_names_and_more", &[("count", &more)]).with("names", phrase),
        );
    }
    (named, phrase)
}

/// Puts `new` in the place of `old` and `old` in the place of `new`.
fn swap(new: &Path, old: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, old, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // A file system or kernel without the exchange: the two-step swap below.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let aside = new.with_extension("swap");
    fs::rename(old, &aside)?;
    if let Err(error) = fs::rename(new, old) {
        let _ = fs::rename(&aside, old);
        return Err(error);
    }
    fs::rename(&aside, new)
}

/// Deletes the listed files of `folder`, then every folder left empty; returns what remains.
/// Symbolic links are deleted as links, never followed.
fn remove_listed(folder: &Path, listed: &BTreeSet<String>) -> Vec<String> {
    use rayon::prelude::*;
    let Ok(root) = crate::nofollow::Dir::open(folder) else {
        return walk_files(folder);
    };
    listed.par_iter().for_each(|file| {
        // Listed names come from a file in the folder: only plain relative names are used, and
        // the folders on the way are opened without following a link.
        let relative = Path::new(file);
        if let (Some(name), Some(parent)) = (relative.file_name(), relative.parent())
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
            && let Ok(dir) = root.find(parent)
        {
            drop(dir.unlink(name));
        }
    });
    let mut folders: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    // Deepest first; `remove_dir` only removes an empty folder.
    folders.sort_by_key(|path| std::cmp::Reverse(path.components().count()));
    for path in &folders {
        if path != folder {
            drop(fs::remove_dir(path));
        }
    }
    walk_files(folder)
}

/// Removes staging folders left behind by builds that were killed: those whose process no longer
/// runs. A folder of a build still running is left alone. Where process ids cannot be checked
/// (no `/proc`), nothing is removed.
fn remove_abandoned_staging(parent: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(pid) = name.strip_prefix(prefix) else {
            continue;
        };
        if pid.chars().all(|c| c.is_ascii_digit())
            && pid != std::process::id().to_string()
            && !Path::new("/proc").join(pid).exists()
        {
            remove_tree(&entry.path());
        }
    }
}

/// Deletes a tree that rankpress made (a staging folder, or an old output it has checked). A
/// symbolic link is deleted as a link, never followed. A site has thousands of small files: the
/// entries one level below the top are deleted in parallel.
fn remove_tree(path: &Path) {
    use rayon::prelude::*;
    let Ok(metadata) = fs::symlink_metadata(path) else {
        return;
    };
    if !metadata.is_dir() {
        drop(fs::remove_file(path));
        return;
    }
    let second_level: Vec<(PathBuf, bool)> = fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .flat_map(|folder| fs::read_dir(folder.path()).into_iter().flatten().flatten())
        .map(|entry| (entry.path(), entry.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    second_level.par_iter().for_each(|(entry, is_dir)| {
        // `remove_dir_all` does not follow symbolic links inside the tree.
        drop(if *is_dir {
            fs::remove_dir_all(entry)
        } else {
            fs::remove_file(entry)
        });
    });
    drop(fs::remove_dir_all(path));
}

/// Files a host may serve compressed.
const COMPRESSIBLE: [&str; 9] = [
    "html", "css", "js", "json", "csv", "svg", "xml", "txt", "mjs",
];

/// Writes `<file>.gz` and `<file>.br` beside each of `files` (paths relative to `folder`), for
/// hosts that serve precompressed files. Both encoders are deterministic (gzip's timestamp is
/// zero). Returns the paths written.
fn precompress(folder: &Path, files: &[String]) -> Result<Vec<String>> {
    use rayon::prelude::*;
    use std::io::Write;
    let root = crate::nofollow::Dir::open(folder)
        .map_err(|e| cannot(Doing::Open, folder, e))?;
    // A new file beside `file`, whatever was at its name (a spare's old `.gz`, a link planted
    // there) deleted first, never written into.
    let write_beside = |name: &str, bytes: &[u8]| -> Result<()> {
        let relative = Path::new(name);
        let (Some(file_name), Some(parent)) = (relative.file_name(), relative.parent()) else {
            bail!("`{name}` is not a file name");
        };
        root.subdir(parent, true)
            .and_then(|dir| dir.create_file(file_name, bytes))
            .map_err(|e| cannot(Doing::Write, &folder.join(name), e).into())
    };
    let made: Vec<[String; 2]> = files
        .par_iter()
        .map(|file| -> Result<[String; 2]> {
            let path = folder.join(file);
            let contents = crate::nofollow::read_regular(&path, u64::MAX)
                .map_err(|e| cannot(Doing::Read, &path, e))?;
            let mut gzip = flate2::GzBuilder::new()
                .mtime(0)
                .write(Vec::new(), flate2::Compression::best());
            gzip.write_all(&contents)?;
            let gz_name = format!("{file}.gz");
            write_beside(&gz_name, &gzip.finish()?)?;
            let mut brotli_bytes = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 9,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut contents.as_slice(), &mut brotli_bytes, &params)?;
            let br_name = format!("{file}.br");
            write_beside(&br_name, &brotli_bytes)?;
            Ok([gz_name, br_name])
        })
        .collect::<Result<_>>()?;
    Ok(made.into_iter().flatten().collect())
}
