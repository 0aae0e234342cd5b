//! Files and folders of the output, opened without following links. A previous output, its
//! spare and their markers may have been tampered with: a folder replaced by a symbolic link
//! to elsewhere, a file by a link, a hard link, a FIFO or a device. Everything rankpress writes
//! or reads there goes through this module:
//!
//! - a folder is opened relative to its parent's handle, with `O_NOFOLLOW | O_DIRECTORY`, so no
//!   path is ever resolved through a link (`openat`, on Linux);
//! - a file is never written into: whatever is at its name is unlinked, and a new file is
//!   created with `O_CREAT | O_EXCL | O_NOFOLLOW` (a link or a hard link planted at its name is
//!   replaced, its target untouched);
//! - a file is read only when it is a regular file, opened with `O_NOFOLLOW | O_NONBLOCK` (a
//!   FIFO cannot hang the build) and read up to a limit (a link to `/dev/zero` cannot either).
//!
//! Elsewhere than Linux the same rules hold through `symlink_metadata` checks before each use.

use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path};

/// Reads the regular file at `path`, at most `limit` bytes: an error for a link, a FIFO, a
/// device, a folder or a longer file.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    imp::read_regular(path, limit)
}

/// An error saying what `path` is instead of a regular file or folder.
fn not_regular(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what}, not a regular file or folder"),
    )
}

/// The plain names of a relative path (`a/b/c.html`), or an error for anything else.
fn plain_names(relative: &Path) -> io::Result<Vec<&OsStr>> {
    relative
        .components()
        .map(|component| match component {
            Component::Normal(name) => Ok(name),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{}` is not a plain relative path", relative.display()),
            )),
        })
        .collect()
}

pub use imp::{Dir, open_lock};

#[cfg(target_os = "linux")]
mod imp {
    use std::ffi::OsStr;
    use std::fs::File;
    use std::io::{self, Read, Write};
    use std::os::fd::OwnedFd;
    use std::path::Path;

    use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags};

    fn io_error(error: rustix::io::Errno) -> io::Error {
        io::Error::from_raw_os_error(error.raw_os_error())
    }

    /// What a file type is, in words.
    fn described(kind: FileType) -> &'static str {
        match kind {
            FileType::Symlink => "a symbolic link",
            FileType::Fifo => "a FIFO",
            FileType::CharacterDevice | FileType::BlockDevice => "a device",
            FileType::Socket => "a socket",
            FileType::Directory => "a folder",
            _ => "something",
        }
    }

    pub(super) fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
        let fd = rustix::fs::openat(
            CWD,
            path,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| match e {
            rustix::io::Errno::LOOP => super::not_regular("a symbolic link"),
            other => io_error(other),
        })?;
        let stat = rustix::fs::fstat(&fd).map_err(io_error)?;
        let kind = FileType::from_raw_mode(stat.st_mode);
        if kind != FileType::RegularFile {
            return Err(super::not_regular(described(kind)));
        }
        let mut bytes = Vec::new();
        File::from(fd)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("longer than the {limit} bytes rankpress reads of it"),
            ));
        }
        Ok(bytes)
    }

    /// Opens (creating it) the lock file at `path`: a regular file, never a link followed or a
    /// FIFO waited on.
    pub fn open_lock(path: &Path) -> io::Result<File> {
        let fd = rustix::fs::openat(
            CWD,
            path,
            OFlags::WRONLY | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
        )
        .map_err(|e| match e {
            rustix::io::Errno::LOOP => super::not_regular("a symbolic link"),
            rustix::io::Errno::NXIO => super::not_regular("a FIFO"),
            other => io_error(other),
        })?;
        let kind = FileType::from_raw_mode(rustix::fs::fstat(&fd).map_err(io_error)?.st_mode);
        if kind != FileType::RegularFile {
            return Err(super::not_regular(described(kind)));
        }
        Ok(File::from(fd))
    }

    /// A folder opened without following links; files and folders under it are reached through
    /// its handle.
    #[derive(Debug)]
    pub struct Dir {
        fd: OwnedFd,
    }

    impl Dir {
        /// The folder at `path` itself (its own last part must not be a link either).
        pub fn open(path: &Path) -> io::Result<Dir> {
            rustix::fs::openat(
                CWD,
                path,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map(|fd| Dir { fd })
            .map_err(io_error)
        }

        fn child(&self, name: &OsStr) -> rustix::io::Result<Dir> {
            rustix::fs::openat(
                &self.fd,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map(|fd| Dir { fd })
        }

        /// The folder `relative` under this one, created where missing. With `replace`, a part
        /// that is something else (a file, a link) is deleted and made a folder: only in a
        /// folder whose every entry rankpress wrote.
        pub fn subdir(&self, relative: &Path, replace: bool) -> io::Result<Dir> {
            let mut dir = Dir {
                fd: self.fd.try_clone()?,
            };
            for name in super::plain_names(relative)? {
                // In a folder this build made (no `replace`), a name is almost always new:
                // making it first saves a failed open per folder (10,000 on a large site).
                if !replace {
                    match rustix::fs::mkdirat(&dir.fd, name, Mode::from_raw_mode(0o755)) {
                        Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                        Err(error) => return Err(io_error(error)),
                    }
                }
                dir = match dir.child(name) {
                    Ok(child) => child,
                    Err(rustix::io::Errno::NOENT) => {
                        match rustix::fs::mkdirat(&dir.fd, name, Mode::from_raw_mode(0o755)) {
                            Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                            Err(error) => return Err(io_error(error)),
                        }
                        dir.child(name).map_err(io_error)?
                    }
                    Err(rustix::io::Errno::NOTDIR | rustix::io::Errno::LOOP) if replace => {
                        rustix::fs::unlinkat(&dir.fd, name, AtFlags::empty()).map_err(io_error)?;
                        rustix::fs::mkdirat(&dir.fd, name, Mode::from_raw_mode(0o755))
                            .map_err(io_error)?;
                        dir.child(name).map_err(io_error)?
                    }
                    Err(rustix::io::Errno::NOTDIR | rustix::io::Errno::LOOP) => {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            format!(
                                "`{}` is a file or a link where rankpress makes a folder",
                                name.to_string_lossy()
                            ),
                        ));
                    }
                    Err(error) => return Err(io_error(error)),
                };
            }
            Ok(dir)
        }

        /// The existing folder `relative` under this one, reached without following a link.
        pub fn find(&self, relative: &Path) -> io::Result<Dir> {
            let mut dir = Dir {
                fd: self.fd.try_clone()?,
            };
            for name in super::plain_names(relative)? {
                dir = dir.child(name).map_err(io_error)?;
            }
            Ok(dir)
        }

        /// Deletes the file or link `name` (never a folder); gone already is fine.
        pub fn unlink(&self, name: &OsStr) -> io::Result<()> {
            match rustix::fs::unlinkat(&self.fd, name, AtFlags::empty()) {
                Ok(()) | Err(rustix::io::Errno::NOENT) => Ok(()),
                Err(error) => Err(io_error(error)),
            }
        }

        /// Deletes whatever is at `name`: a file or a link as itself, a folder with everything
        /// in it, never following a link.
        pub fn remove(&self, name: &OsStr) -> io::Result<()> {
            match rustix::fs::unlinkat(&self.fd, name, AtFlags::empty()) {
                Ok(()) | Err(rustix::io::Errno::NOENT) => Ok(()),
                Err(rustix::io::Errno::ISDIR) => {
                    let child = self.child(name).map_err(io_error)?;
                    for entry in rustix::fs::Dir::read_from(&child.fd).map_err(io_error)? {
                        let entry = entry.map_err(io_error)?;
                        let bytes = entry.file_name().to_bytes();
                        if bytes == b"." || bytes == b".." {
                            continue;
                        }
                        use std::os::unix::ffi::OsStrExt;
                        child.remove(OsStr::from_bytes(bytes))?;
                    }
                    match rustix::fs::unlinkat(&self.fd, name, AtFlags::REMOVEDIR) {
                        Ok(()) | Err(rustix::io::Errno::NOENT) => Ok(()),
                        Err(error) => Err(io_error(error)),
                    }
                }
                Err(error) => Err(io_error(error)),
            }
        }

        /// Writes `contents` as a new file `name`: whatever was there is deleted first (a link
        /// as itself, a folder with its contents), and the file is created, never opened.
        pub fn create_file(&self, name: &OsStr, contents: &[u8]) -> io::Result<()> {
            let create = || {
                rustix::fs::openat(
                    &self.fd,
                    name,
                    OFlags::WRONLY
                        | OFlags::CREATE
                        | OFlags::EXCL
                        | OFlags::NOFOLLOW
                        | OFlags::CLOEXEC,
                    Mode::from_raw_mode(0o644),
                )
            };
            // Usually nothing is there yet; when something is, it goes first.
            let fd = match create() {
                Err(rustix::io::Errno::EXIST) => {
                    self.remove(name)?;
                    create().map_err(io_error)?
                }
                other => other.map_err(io_error)?,
            };
            File::from(fd).write_all(contents)
        }

        /// Makes `name` a hard link to the regular file at `from`, deleting whatever was at
        /// `name` first; the link is not followed.
        pub fn link(&self, name: &OsStr, from: &Path) -> io::Result<()> {
            let link = || rustix::fs::linkat(CWD, from, &self.fd, name, AtFlags::empty());
            match link() {
                Err(rustix::io::Errno::EXIST) => {
                    self.remove(name)?;
                    link().map_err(io_error)
                }
                other => other.map_err(io_error),
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use std::ffi::OsStr;
    use std::fs::{self, File};
    use std::io::{self, Read};
    use std::path::{Path, PathBuf};

    fn check_regular(path: &Path) -> io::Result<()> {
        let metadata = fs::symlink_metadata(path)?;
        if metadata.file_type().is_symlink() {
            return Err(super::not_regular("a symbolic link"));
        }
        if !metadata.is_file() {
            return Err(super::not_regular("not a regular file"));
        }
        Ok(())
    }

    pub(super) fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
        check_regular(path)?;
        let mut bytes = Vec::new();
        File::open(path)?
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "too long"));
        }
        Ok(bytes)
    }

    pub fn open_lock(path: &Path) -> io::Result<File> {
        if fs::symlink_metadata(path).is_ok() {
            check_regular(path)?;
        }
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
    }

    #[derive(Debug)]
    pub struct Dir {
        path: PathBuf,
    }

    impl Dir {
        pub fn open(path: &Path) -> io::Result<Dir> {
            let metadata = fs::symlink_metadata(path)?;
            if !metadata.is_dir() {
                return Err(super::not_regular("not a folder"));
            }
            Ok(Dir {
                path: path.to_path_buf(),
            })
        }

        pub fn subdir(&self, relative: &Path, replace: bool) -> io::Result<Dir> {
            let mut path = self.path.clone();
            for name in super::plain_names(relative)? {
                path.push(name);
                match fs::symlink_metadata(&path) {
                    Ok(m) if m.is_dir() => {}
                    Ok(_) if replace => {
                        fs::remove_file(&path)?;
                        fs::create_dir(&path)?;
                    }
                    Ok(_) => return Err(super::not_regular("a file or link")),
                    Err(_) => fs::create_dir(&path)?,
                }
            }
            Ok(Dir { path })
        }

        pub fn find(&self, relative: &Path) -> io::Result<Dir> {
            let mut path = self.path.clone();
            for name in super::plain_names(relative)? {
                path.push(name);
                if !fs::symlink_metadata(&path)?.is_dir() {
                    return Err(super::not_regular("not a folder"));
                }
            }
            Ok(Dir { path })
        }

        pub fn unlink(&self, name: &OsStr) -> io::Result<()> {
            let path = self.path.join(name);
            match fs::symlink_metadata(&path) {
                Ok(m) if !m.is_dir() => fs::remove_file(&path),
                _ => Ok(()),
            }
        }

        pub fn remove(&self, name: &OsStr) -> io::Result<()> {
            let path = self.path.join(name);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => fs::remove_dir_all(&path),
                Ok(_) => fs::remove_file(&path),
                Err(_) => Ok(()),
            }
        }

        pub fn create_file(&self, name: &OsStr, contents: &[u8]) -> io::Result<()> {
            use std::io::Write;
            self.remove(name)?;
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(self.path.join(name))?
                .write_all(contents)
        }

        pub fn link(&self, name: &OsStr, from: &Path) -> io::Result<()> {
            self.remove(name)?;
            fs::hard_link(from, self.path.join(name))
        }
    }
}
