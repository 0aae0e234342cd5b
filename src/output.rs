//! Writing the site: the only place output files are created. A build writes into a staging
//! folder beside the output and swaps it in only when everything succeeded, so a failed build
//! leaves the previous site as it was. A folder rankpress did not create is never replaced
//! without `--force`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

/// The file rankpress leaves in every output folder it writes, to recognise it later.
pub const MARKER: &str = ".rankpress-output";

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
}

impl FolderSink {
    /// The file `path` under the root, with its folder created.
    fn target(&self, path: &str) -> Result<PathBuf> {
        let target = self.root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        Ok(target)
    }
}

impl Sink for FolderSink {
    fn write(&self, path: &str, contents: &[u8]) -> Result<()> {
        let target = self.target(path)?;
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

/// A staging folder next to the output that becomes the output on [`Staging::commit`].
pub struct Staging {
    pub folder: PathBuf,
    output: PathBuf,
    committed: bool,
}

/// Refuses output folders whose replacement would lose data: the filesystem root, the home
/// folder, the site itself or its sources, and folders not written by rankpress.
pub fn check_output_folder(site_root: &Path, output: &Path, force: bool) -> Result<()> {
    let absolute = |path: &Path| -> PathBuf {
        fs::canonicalize(path).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|cwd| cwd.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        })
    };
    let output_abs = absolute(output);
    let root_abs = absolute(site_root);
    if output_abs.parent().is_none() {
        bail!(
            "refusing to write the site into {}: it is the filesystem root",
            output.display()
        );
    }
    if let Some(home) = std::env::var_os("HOME")
        && output_abs == absolute(Path::new(&home))
    {
        bail!(
            "refusing to write the site into {}: it is the home folder",
            output.display()
        );
    }
    if root_abs.starts_with(&output_abs) {
        bail!(
            "refusing to write the site into {}: it contains the site's own files",
            output.display()
        );
    }
    for source in ["data", "content", "themes", "templates", "static"] {
        if output_abs.starts_with(root_abs.join(source)) {
            bail!(
                "refusing to write the site into {}: it is inside the site's {source}/ folder",
                output.display()
            );
        }
    }
    if output.exists() && !force {
        let is_ours = output.join(MARKER).is_file();
        let is_empty = fs::read_dir(output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !is_ours && !is_empty {
            bail!(
                "refusing to replace {}: it was not written by rankpress (no {MARKER} file in it); \
                 choose another --out folder, or pass --force to replace it",
                output.display()
            );
        }
    }
    Ok(())
}

impl Staging {
    /// Creates an empty staging folder beside `output`.
    pub fn create(output: &Path) -> Result<Staging> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".to_string());
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let prefix = format!(".{name}.rankpress-staging-");
        remove_abandoned_staging(&parent, &prefix);
        let folder = parent.join(format!("{prefix}{}", std::process::id()));
        if folder.exists() {
            fs::remove_dir_all(&folder)
                .with_context(|| format!("cannot clear {}", folder.display()))?;
        }
        fs::create_dir(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
        fs::write(
            folder.join(MARKER),
            "This folder was written by rankpress.\n",
        )?;
        Ok(Staging {
            folder,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    pub fn sink(&self) -> FolderSink {
        FolderSink {
            root: self.folder.clone(),
        }
    }

    /// Replaces the output with the staging folder. The old output is moved aside first and
    /// deleted only after the new one is in place.
    pub fn commit(mut self) -> Result<()> {
        let aside = self.folder.with_file_name(format!(
            "{}.old",
            self.folder
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        ));
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &aside).with_context(|| {
                format!("cannot move the previous {} aside", self.output.display())
            })?;
        }
        if let Err(error) = fs::rename(&self.folder, &self.output) {
            if had_output {
                let _ = fs::rename(&aside, &self.output);
            }
            return Err(error)
                .with_context(|| format!("cannot move the new site to {}", self.output.display()));
        }
        self.committed = true;
        if had_output {
            remove_quietly(&aside);
        }
        Ok(())
    }
}

/// Removes staging folders left behind by builds that were killed: those whose process no longer
/// runs. A folder of a build still running (another terminal, the dev server) is left alone.
/// Where process ids cannot be checked (no `/proc`), nothing is removed.
fn remove_abandoned_staging(parent: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let pid = rest.trim_end_matches(".old");
        if pid.chars().all(|c| c.is_ascii_digit())
            && pid != std::process::id().to_string()
            && !Path::new("/proc").join(pid).exists()
        {
            remove_quietly(&entry.path());
        }
    }
}

/// Files a host may serve compressed.
const COMPRESSIBLE: [&str; 9] = [
    "html", "css", "js", "json", "csv", "svg", "xml", "txt", "mjs",
];

/// Writes `<file>.gz` and `<file>.br` beside every text file under `folder`, for hosts that serve
/// precompressed files. Both encoders are deterministic (gzip's timestamp is zero).
pub fn precompress(folder: &Path) -> Result<usize> {
    use rayon::prelude::*;
    use std::io::Write;
    let files: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSIBLE.contains(&e))
        })
        .collect();
    files.par_iter().try_for_each(|file| -> Result<()> {
        let contents = fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let mut gzip = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        gzip.write_all(&contents)?;
        let mut gz_name = file.as_os_str().to_owned();
        gz_name.push(".gz");
        fs::write(PathBuf::from(gz_name), gzip.finish()?)?;
        let mut brotli_bytes = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 9,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut contents.as_slice(), &mut brotli_bytes, &params)?;
        let mut br_name = file.as_os_str().to_owned();
        br_name.push(".br");
        fs::write(PathBuf::from(br_name), brotli_bytes)?;
        Ok(())
    })?;
    Ok(files.len())
}

/// Deletes a folder tree, best effort. A site has thousands of small files: the entries one
/// level below the top (the contents of companies/ and of each year) are deleted in parallel,
/// which gives every core work without walking the whole tree first; the rest goes at the end.
fn remove_quietly(path: &Path) {
    use rayon::prelude::*;
    let second_level: Vec<(PathBuf, bool)> = fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .flat_map(|folder| fs::read_dir(folder.path()).into_iter().flatten().flatten())
        // The entry's own type: a symbolic link is removed, never followed.
        .map(|entry| (entry.path(), entry.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    second_level.par_iter().for_each(|(entry, is_dir)| {
        let result = if *is_dir {
            fs::remove_dir_all(entry)
        } else {
            fs::remove_file(entry)
        };
        drop(result);
    });
    let result: io::Result<()> = fs::remove_dir_all(path);
    drop(result);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_quietly(&self.folder);
        }
    }
}
