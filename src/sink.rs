//! Where rendered files go: the [`Sink`] trait, a folder ([`FolderSink`], always a staging
//! folder that `output` made) or memory ([`MemorySink`]), and the share previews of the
//! previous build that may be taken over unchanged.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;

use crate::diagnostics::{Doing, cannot};

/// Where rendered files go. Paths are relative, with `/` separators.
pub trait Sink: Sync {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()>;
    fn copy(&self, path: &str, from: &Path) -> Result<()>;
    /// Takes over a file of the previous output, which is deleted after the build: a hard link
    /// where the file system allows it.
    fn reuse(&self, path: &str, from: &Path) -> Result<()> {
        self.copy(path, from)
    }
    /// Takes over a file of the previous build held in memory.
    fn share(&self, path: &str, contents: &Shared) -> Result<()> {
        self.write(path, contents)
    }
}

/// A file's bytes held in memory, shared between the dev server's successive builds: taking an
/// unchanged file over is a reference, not a copy.
pub type Shared = std::sync::Arc<Vec<u8>>;

/// The files of a site built in memory, by path, shareable with the next build.
pub type SharedFiles = BTreeMap<String, Shared>;

/// The fingerprints of the previous build's pages, files and share cards, in its output folder:
/// `<fingerprint> <charts> <bytes> <path>` per line (build/fingerprints.rs says what a page's covers).
pub const FINGERPRINTS: &str = ".rankpress-fingerprints";

/// The files of the previous build with the fingerprint of what they were made from, to take
/// over those whose fingerprint did not change instead of making them again: from the previous
/// output folder, or from the previous in-memory build of `rankpress serve`.
#[derive(Debug, Default)]
pub struct PreviousFingerprints {
    folder: PathBuf,
    memory: Option<std::sync::Arc<SharedFiles>>,
    /// Each path's fingerprint, how many charts its page has, and its size.
    hashes: std::collections::HashMap<String, Recorded>,
    /// When the fingerprint list was written, at the end of the previous build: a file of the
    /// output changed after it was changed by someone else, and is made anew.
    written: Option<std::time::SystemTime>,
}

/// The most of a fingerprint list read: a line of about 60 bytes per file, and a site of
/// 100,000 companies in several languages has about a million files.
const MAX_FINGERPRINTS_BYTES: u64 = 256 * 1024 * 1024;

/// What the fingerprint list says of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub hash: u64,
    pub charts: usize,
    pub len: u64,
}

/// Where a file that can be taken over is.
pub enum Reusable<'a> {
    File(PathBuf),
    Bytes(&'a Shared),
}

fn parse_fingerprints(text: &str) -> std::collections::HashMap<String, Recorded> {
    text.lines()
        .filter_map(|line| {
            let (hash, rest) = line.split_once(' ')?;
            let (charts, rest) = rest.split_once(' ')?;
            let (len, path) = rest.split_once(' ')?;
            Some((
                path.to_string(),
                Recorded {
                    hash: u64::from_str_radix(hash, 16).ok()?,
                    charts: charts.parse().ok()?,
                    len: len.parse().ok()?,
                },
            ))
        })
        .collect()
}

/// A line of [`FINGERPRINTS`].
pub fn fingerprint_line(recorded: Recorded, path: &str) -> String {
    let Recorded { hash, charts, len } = recorded;
    format!("{hash:016x} {charts} {len} {path}")
}

impl PreviousFingerprints {
    /// Reads the fingerprints of `output`, if it is a folder rankpress wrote.
    ///
    /// Read without following a link and up to a limit: a FIFO or a link to `/dev/zero` planted
    /// there reads as no list at all.
    pub fn read(output: &Path) -> PreviousFingerprints {
        let path = output.join(FINGERPRINTS);
        let written = fs::symlink_metadata(&path).and_then(|m| m.modified()).ok();
        let text = crate::nofollow::read_regular(&path, MAX_FINGERPRINTS_BYTES)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        PreviousFingerprints {
            folder: output.to_path_buf(),
            memory: None,
            hashes: if written.is_some() {
                parse_fingerprints(&text)
            } else {
                Default::default()
            },
            written,
        }
    }

    /// The files of a build kept in memory.
    pub fn from_memory(files: std::sync::Arc<SharedFiles>) -> PreviousFingerprints {
        let text = files
            .get(FINGERPRINTS)
            .map(|bytes| String::from_utf8_lossy(bytes).to_string())
            .unwrap_or_default();
        PreviousFingerprints {
            folder: PathBuf::new(),
            hashes: parse_fingerprints(&text),
            memory: Some(files),
            written: None,
        }
    }

    /// The previous file at `path` and what was recorded of it, if it was made from inputs with
    /// the same fingerprint. A file of the output folder must still be a regular file of the
    /// recorded size, last changed before the fingerprint list was written: one changed or
    /// replaced since (a page edited in place, even to the same length) is made anew.
    pub fn matching(&self, path: &str, hash: u64) -> Option<(Reusable<'_>, Recorded)> {
        let recorded = *self.hashes.get(path)?;
        if recorded.hash != hash {
            return None;
        }
        let reusable = match &self.memory {
            Some(files) => files.get(path).map(Reusable::Bytes),
            None => {
                let file = self.folder.join(path);
                let written = self.written?;
                fs::symlink_metadata(&file)
                    .is_ok_and(|m| {
                        m.is_file()
                            && m.len() == recorded.len
                            && m.modified().is_ok_and(|changed| changed <= written)
                    })
                    .then_some(Reusable::File(file))
            }
        }?;
        Some((reusable, recorded))
    }

    /// Takes over the previous file at `path` into `sink` when its fingerprint is `hash`.
    /// Returns what was recorded of it, or `None` when it has to be made anew.
    pub fn take_over(&self, sink: &dyn Sink, path: &str, hash: u64) -> Result<Option<Recorded>> {
        match self.matching(path, hash) {
            Some((Reusable::File(old), recorded)) => {
                sink.reuse(path, &old).map(|()| Some(recorded))
            }
            Some((Reusable::Bytes(bytes), recorded)) => {
                sink.share(path, bytes).map(|()| Some(recorded))
            }
            None => Ok(None),
        }
    }
}

/// How many folder handles a [`FolderSink`] keeps open at most (a process may usually hold
/// 1,024 files open, often only 256; a large site has tens of thousands of folders).
pub const MAX_OPEN_FOLDERS: usize = 128;

/// Writes files under a folder.
pub struct FolderSink {
    pub root: PathBuf,
    /// The output this build replaces: a file whose bytes did not change is taken over from it
    /// as a hard link instead of written anew (see [`FolderSink::unchanged`]).
    pub previous: Option<std::sync::Arc<PreviousOutput>>,
    /// The files written: the folder's marker lists them (output.rs, rule 3), and over a spare
    /// what the spare held besides them is deleted.
    pub written: Written,
    /// The folder is a spare being written over (output.rs, rule 6).
    pub over_spare: bool,
    /// Folders opened so far, by path relative to the root: a file's folder is opened (and
    /// created) once, through its parent's handle without following links, not asked for again
    /// for every file in it (a `mkdir` that finds the folder there still locks its parent,
    /// which holds 10,000 company folders on a large site).
    pub folders: Mutex<std::collections::HashMap<PathBuf, std::sync::Arc<crate::nofollow::Dir>>>,
}

/// The files a build wrote into its staging folder.
pub type Written = std::sync::Arc<Mutex<std::collections::HashSet<String>>>;

/// The output folder a build replaces and the files its marker lists (the files rankpress wrote
/// there; nothing else in it is ever taken over).
#[derive(Debug)]
pub struct PreviousOutput {
    pub folder: PathBuf,
    pub files: std::collections::HashSet<String>,
}

impl FolderSink {
    /// The folder of `path` under the root, opened (and created) without following links, and
    /// the file's name in it. Over a spare, a file or link where a folder belongs is replaced
    /// (everything in a spare is rankpress's).
    fn target(
        &self,
        path: &str,
    ) -> Result<(std::sync::Arc<crate::nofollow::Dir>, std::ffi::OsString)> {
        // Output paths are made by rankpress from validated ids; still, nothing is ever written
        // outside the staging folder, whatever a path holds.
        let relative = Path::new(path);
        let plain = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let (Some(name), true) = (relative.file_name(), plain && !path.is_empty()) else {
            anyhow::bail!("refusing to write `{path}`: not a plain path inside the output folder");
        };
        let dir = self.folder(relative.parent().unwrap_or(Path::new("")))?;
        self.written
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .insert(path.to_string());
        Ok((dir, name.to_os_string()))
    }

    /// The folder `relative` under the root (empty: the root), opened once through its
    /// parent's handle, created where missing, and kept for the files after.
    fn folder(&self, relative: &Path) -> Result<std::sync::Arc<crate::nofollow::Dir>> {
        let known = self
            .folders
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .get(relative)
            .cloned();
        if let Some(dir) = known {
            return Ok(dir);
        }
        // Not under the lock: two threads may both open a folder, which is harmless, while
        // folders elsewhere are opened at the same time.
        let opened = match (relative.parent(), relative.file_name()) {
            (Some(parent), Some(name)) => self
                .folder(parent)?
                .subdir(Path::new(name), self.over_spare),
            _ => {
                fs::create_dir_all(&self.root).and_then(|()| crate::nofollow::Dir::open(&self.root))
            }
        };
        let dir =
            std::sync::Arc::new(
                opened.map_err(|e| cannot(Doing::Create, &self.root.join(relative), e))?,
            );
        let mut folders = self
            .folders
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?;
        // Each kept folder is an open file handle: a site of 10,000 companies in two languages
        // has more folders than a process may hold open. Past the bound, only the root and
        // the folders right under it are kept; deeper ones are opened again from them when
        // asked for (files are written folder by folder, so that is rare). A handle a thread
        // still uses stays open until it is done.
        if folders.len() >= MAX_OPEN_FOLDERS {
            folders.retain(|path, _| path.components().count() <= 1);
            if folders.len() >= MAX_OPEN_FOLDERS {
                folders.clear();
            }
        }
        folders.insert(relative.to_path_buf(), dir.clone());
        Ok(dir)
    }

    /// Whether the spare already holds `old` itself at `path` (the same inode): then the
    /// unchanged file needs nothing at all.
    #[cfg(unix)]
    fn already_there(&self, path: &str, old: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        if !self.over_spare {
            return false;
        }
        let here = self.root.join(path);
        let same = match (fs::symlink_metadata(&here), fs::symlink_metadata(old)) {
            (Ok(here), Ok(old)) => {
                here.is_file() && here.ino() == old.ino() && here.dev() == old.dev()
            }
            _ => false,
        };
        if same && let Ok(mut written) = self.written.lock() {
            written.insert(path.to_string());
            return true;
        }
        false
    }

    #[cfg(not(unix))]
    fn already_there(&self, _path: &str, _old: &Path) -> bool {
        false
    }

    /// The previous output's file at `path` when it holds exactly `contents`: a regular file
    /// (never a link followed) that the previous build wrote, of the same length and bytes.
    fn unchanged(&self, path: &str, contents: &[u8]) -> Option<PathBuf> {
        let previous = self.previous.as_ref()?;
        if !previous.files.contains(path) {
            return None;
        }
        let file = previous.folder.join(path);
        let metadata = fs::symlink_metadata(&file).ok()?;
        if !metadata.file_type().is_file() || metadata.len() != contents.len() as u64 {
            return None;
        }
        (crate::nofollow::read_regular(&file, metadata.len()).ok()? == contents).then_some(file)
    }
}

impl Sink for FolderSink {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()> {
        // An unchanged file keeps its inode and timestamp: no new file for the file system to
        // allocate (the dominant cost of a rebuild on ext4), nothing new for an upload to send.
        let unchanged = self.unchanged(path, contents);
        if let Some(old) = &unchanged
            && self.already_there(path, old)
        {
            return Ok(());
        }
        let (dir, name) = self.target(path)?;
        if let Some(old) = unchanged
            && dir.link(&name, &old).is_ok()
        {
            return Ok(());
        }
        dir.create_file(&name, contents)
            .map_err(|e| cannot(Doing::Write, &self.root.join(path), e).into())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let contents = fs::read(from).map_err(|e| cannot(Doing::Read, from, e))?;
        let (dir, name) = self.target(path)?;
        dir.create_file(&name, &contents)
            .map_err(|e| cannot(Doing::Write, &self.root.join(path), e).into())
    }

    fn reuse(&self, path: &str, from: &Path) -> Result<()> {
        let (dir, name) = self.target(path)?;
        // The staging folder sits beside the output, so a hard link almost always works and
        // costs no copy; a file system without links gets a copy.
        if dir.link(&name, from).is_ok() {
            return Ok(());
        }
        let limit = fs::symlink_metadata(from).map(|m| m.len()).unwrap_or(0);
        let contents = crate::nofollow::read_regular(from, limit)
            .map_err(|e| cannot(Doing::Read, from, e))?;
        dir.create_file(&name, &contents)
            .map_err(|e| cannot(Doing::Write, &self.root.join(path), e).into())
    }
}

/// Keeps files in memory: for checks and tests that must not touch the disk.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<SharedFiles>,
}

impl MemorySink {
    /// The files written, shareable with the next build.
    pub fn into_files(self) -> Result<SharedFiles> {
        self.files
            .into_inner()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()> {
        self.share(path, &std::sync::Arc::new(contents.to_vec()))
    }

    fn share(&self, path: &str, contents: &Shared) -> Result<()> {
        self.files
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .insert(path.to_string(), contents.clone());
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let contents = fs::read(from).map_err(|e| cannot(Doing::Read, from, e))?;
        self.write(path, &contents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_sink_writes_nothing_outside_its_folder() {
        let place = tempfile::tempdir().unwrap();
        let sink = FolderSink {
            root: place.path().join("out"),
            previous: None,
            written: Default::default(),
            over_spare: false,
            folders: Default::default(),
        };
        for path in ["../escaped.html", "/etc/escaped", "a/../../escaped", ""] {
            assert!(sink.write(path, b"x").is_err(), "{path} must be refused");
        }
        assert!(!place.path().join("escaped.html").exists());
        sink.write("a/b.html", b"ok").unwrap();
        assert_eq!(fs::read(place.path().join("out/a/b.html")).unwrap(), b"ok");
    }

    #[test]
    fn unchanged_files_of_the_previous_output_are_taken_over_and_nothing_else() {
        use std::os::unix::fs::MetadataExt;
        let place = tempfile::tempdir().unwrap();
        let old = place.path().join("public");
        fs::create_dir_all(old.join("a")).unwrap();
        for (name, text) in [
            ("a/same.html", "same"),
            ("a/changed.html", "old"),
            ("notes.txt", "x"),
        ] {
            fs::write(old.join(name), text).unwrap();
        }
        std::os::unix::fs::symlink(old.join("a/same.html"), old.join("a/link.html")).unwrap();
        let sink = FolderSink {
            root: place.path().join("staging"),
            previous: Some(std::sync::Arc::new(PreviousOutput {
                folder: old.clone(),
                files: ["a/same.html", "a/changed.html", "a/link.html"]
                    .map(String::from)
                    .into(),
            })),
            written: Default::default(),
            over_spare: false,
            folders: Default::default(),
        };
        for (name, text) in [
            ("a/same.html", "same"),
            ("a/changed.html", "new"),
            ("notes.txt", "x"),
            ("a/link.html", "same"),
        ] {
            sink.write(name, text.as_bytes()).unwrap();
            assert_eq!(fs::read_to_string(sink.root.join(name)).unwrap(), text);
        }
        let inode = |path: &Path| fs::symlink_metadata(path).unwrap().ino();
        // The unchanged file is the old one; a changed one, a file the previous build did not
        // list and a symbolic link are written anew.
        assert_eq!(
            inode(&old.join("a/same.html")),
            inode(&sink.root.join("a/same.html"))
        );
        for name in ["a/changed.html", "notes.txt", "a/link.html"] {
            assert_ne!(
                inode(&old.join(name)),
                inode(&sink.root.join(name)),
                "{name}"
            );
            assert!(
                fs::symlink_metadata(sink.root.join(name))
                    .unwrap()
                    .is_file()
            );
        }
        assert_eq!(
            fs::read_to_string(old.join("a/changed.html")).unwrap(),
            "old"
        );
    }

    /// A spare shares inodes with the live output (unchanged files are hard links): writing a
    /// changed file into the spare must replace its file, never write into the live one, and an
    /// unchanged file that is already the live inode is left as it is.
    #[test]
    fn writing_over_a_spare_never_changes_the_live_output() {
        use std::os::unix::fs::MetadataExt;
        let place = tempfile::tempdir().unwrap();
        let live = place.path().join("public");
        let spare = place.path().join("spare");
        fs::create_dir_all(&live).unwrap();
        fs::create_dir_all(&spare).unwrap();
        for (name, text) in [("page.html", "v1"), ("same.html", "same")] {
            fs::write(live.join(name), text).unwrap();
            fs::hard_link(live.join(name), spare.join(name)).unwrap();
        }
        let written: Written = Default::default();
        let sink = FolderSink {
            root: spare.clone(),
            previous: Some(std::sync::Arc::new(PreviousOutput {
                folder: live.clone(),
                files: ["page.html", "same.html"].map(String::from).into(),
            })),
            written: written.clone(),
            over_spare: true,
            folders: Default::default(),
        };
        let same_before = fs::metadata(spare.join("same.html")).unwrap().ino();
        sink.write("page.html", b"v2").unwrap();
        sink.write("same.html", b"same").unwrap();
        sink.copy("copied.txt", &live.join("page.html")).unwrap();
        assert_eq!(fs::read_to_string(live.join("page.html")).unwrap(), "v1");
        assert_eq!(fs::read_to_string(spare.join("page.html")).unwrap(), "v2");
        assert_eq!(fs::read_to_string(spare.join("copied.txt")).unwrap(), "v1");
        assert_eq!(
            fs::metadata(spare.join("same.html")).unwrap().ino(),
            same_before
        );
        let written = written.lock().unwrap();
        for name in ["page.html", "same.html", "copied.txt"] {
            assert!(written.contains(name), "{name}");
        }
    }
}
