//! Where rendered files go: the [`Sink`] trait, a folder ([`FolderSink`], always a staging
//! folder that `output` made) or memory ([`MemorySink`]), and the share previews of the
//! previous build that may be taken over unchanged.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

/// Where rendered files go. Paths are relative, with `/` separators.
pub trait Sink: Sync {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()>;
    fn copy(&self, path: &str, from: &Path) -> Result<()>;
    /// Takes over a file of the previous output, which is deleted after the build: a hard link
    /// where the file system allows it.
    fn reuse(&self, path: &str, from: &Path) -> Result<()> {
        self.copy(path, from)
    }
}

/// The manifest of share previews in an output folder: `<hash> <path>` per line.
pub const PREVIEW_MANIFEST: &str = ".rankpress-previews";

/// Share previews of the previous build, to reuse those whose card did not change: from the
/// previous output folder, or from the previous in-memory build of `rankpress serve`.
#[derive(Debug, Default)]
pub struct PreviousPreviews {
    folder: PathBuf,
    memory: Option<std::sync::Arc<BTreeMap<String, Vec<u8>>>>,
    hashes: std::collections::HashMap<String, u64>,
}

/// Where a reusable preview is.
pub enum Reusable<'a> {
    File(PathBuf),
    Bytes(&'a [u8]),
}

fn parse_manifest(manifest: &str) -> std::collections::HashMap<String, u64> {
    manifest
        .lines()
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

impl PreviousPreviews {
    /// Reads the manifest of `output`, if it is a folder rankpress wrote.
    pub fn read(output: &Path) -> PreviousPreviews {
        let manifest = fs::read_to_string(output.join(PREVIEW_MANIFEST)).unwrap_or_default();
        PreviousPreviews {
            folder: output.to_path_buf(),
            memory: None,
            hashes: parse_manifest(&manifest),
        }
    }

    /// The previews of a build kept in memory.
    pub fn from_memory(files: std::sync::Arc<BTreeMap<String, Vec<u8>>>) -> PreviousPreviews {
        let manifest = files
            .get(PREVIEW_MANIFEST)
            .map(|bytes| String::from_utf8_lossy(bytes).to_string())
            .unwrap_or_default();
        PreviousPreviews {
            folder: PathBuf::new(),
            hashes: parse_manifest(&manifest),
            memory: Some(files),
        }
    }

    /// The previous preview at `path` if it was drawn from the same card.
    pub fn matching(&self, path: &str, hash: u64) -> Option<Reusable<'_>> {
        if self.hashes.get(path) != Some(&hash) {
            return None;
        }
        match &self.memory {
            Some(files) => files.get(path).map(|bytes| Reusable::Bytes(bytes)),
            None => {
                let file = self.folder.join(path);
                file.is_file().then_some(Reusable::File(file))
            }
        }
    }
}

/// Writes files under a folder.
pub struct FolderSink {
    pub root: PathBuf,
    /// The output this build replaces: a file whose bytes did not change is taken over from it
    /// as a hard link instead of written anew (see [`FolderSink::unchanged`]).
    pub previous: Option<std::sync::Arc<PreviousOutput>>,
}

/// The output folder a build replaces and the files its marker lists (the files rankpress wrote
/// there; nothing else in it is ever taken over).
#[derive(Debug)]
pub struct PreviousOutput {
    pub folder: PathBuf,
    pub files: std::collections::HashSet<String>,
}

impl FolderSink {
    /// The file `path` under the root, with its folder created.
    fn target(&self, path: &str) -> Result<PathBuf> {
        // Output paths are made by rankpress from validated ids; still, nothing is ever written
        // outside the staging folder, whatever a path holds.
        let relative = Path::new(path);
        if path.is_empty()
            || !relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            anyhow::bail!("refusing to write `{path}`: not a plain path inside the output folder");
        }
        let target = self.root.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        Ok(target)
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
        (fs::read(&file).ok()? == contents).then_some(file)
    }
}

impl Sink for FolderSink {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        // An unchanged file keeps its inode and timestamp: no new file for the file system to
        // allocate (the dominant cost of a rebuild on ext4), nothing new for an upload to send.
        if let Some(old) = self.unchanged(path, contents)
            && fs::hard_link(&old, &target).is_ok()
        {
            return Ok(());
        }
        fs::write(&target, contents).with_context(|| format!("cannot write {}", target.display()))
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let target = self.target(path)?;
        fs::copy(from, &target)
            .with_context(|| format!("cannot copy {} to {}", from.display(), target.display()))?;
        Ok(())
    }

    fn reuse(&self, path: &str, from: &Path) -> Result<()> {
        let target = self.target(path)?;
        // The staging folder sits beside the output, so a hard link almost always works and
        // costs no copy; a file system without links gets a copy.
        if fs::hard_link(from, &target).is_ok() {
            return Ok(());
        }
        fs::copy(from, &target)
            .with_context(|| format!("cannot copy {} to {}", from.display(), target.display()))?;
        Ok(())
    }
}

/// Keeps files in memory: for checks and tests that must not touch the disk.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySink {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()> {
        self.files
            .lock()
            .map_err(|_| anyhow::anyhow!("output lock poisoned"))?
            .insert(path.to_string(), contents.to_vec());
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let contents = fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
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
}
