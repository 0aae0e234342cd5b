//! Problems outside the input, said in the site's language: why the system refused to read,
//! write or create something ([`io_reason`], [`cannot`]), and [`Said`], the error a command
//! stops with, in English and as a phrase, with [`said_chain`] and [`said_error`] to print it.

use std::fmt;

use super::{Diagnostic, Phrase, Wording, as_given, visible, worded};

/// Why the system could not read, write or create something, as a phrase: the common reasons
/// in words a theme translates, any other in the system's own words.
pub fn io_reason(error: &std::io::Error) -> Phrase {
    use std::io::ErrorKind;
    let key = match error.kind() {
        ErrorKind::NotFound => "diag_io_not_found",
        ErrorKind::PermissionDenied => "diag_io_permission",
        ErrorKind::IsADirectory => "diag_io_is_folder",
        ErrorKind::NotADirectory => "diag_io_not_folder",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "diag_io_disk_full",
        ErrorKind::ReadOnlyFilesystem => "diag_io_read_only",
        ErrorKind::AlreadyExists => "diag_io_exists",
        ErrorKind::AddrInUse => "diag_io_address_in_use",
        _ => return as_given(&error.to_string()),
    };
    Phrase::new(key, &[])
}

/// "cannot read the file", with the system's reason.
pub fn cannot_read_file(file: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(file, format!("cannot read the file: {error}")).saying(Some(
        Phrase::new("diag_cannot_read_file", &[]).with("reason", io_reason(error)),
    ))
}

/// What the system was asked to do with a file or folder when it refused.
#[derive(Debug, Clone, Copy)]
pub enum Doing {
    Read,
    Write,
    Create,
    Open,
    Lock,
    Measure,
    Rename,
}

/// "cannot write `path`" and the like, caused by the system's `error`: said in the site's
/// language, the reason too, by [`said_chain`].
pub fn cannot(doing: Doing, path: &std::path::Path, error: std::io::Error) -> Said {
    let shown = path.display().to_string();
    let (verb, key) = match doing {
        Doing::Read => ("read", "diag_cannot_read_path"),
        Doing::Write => ("write", "diag_cannot_write"),
        Doing::Create => ("create", "diag_cannot_create"),
        Doing::Open => ("open", "diag_cannot_open"),
        Doing::Lock => ("lock", "diag_cannot_lock"),
        Doing::Measure => ("measure", "diag_cannot_measure"),
        Doing::Rename => ("rename", "diag_cannot_rename"),
    };
    Said::new(
        format!("cannot {verb} {shown}"),
        Phrase::new(key, &[("folder", &shown)]),
    )
    .caused_by(error)
}

/// A problem that stops a command outside the input (the output folder, the file system), in
/// English and as a phrase, with the system's error that caused it: a command says it in the
/// site's language with [`said_chain`].
#[derive(Debug)]
pub struct Said {
    english: String,
    phrase: Phrase,
    cause: Option<std::io::Error>,
}

impl Said {
    pub fn new(english: impl Into<String>, phrase: Phrase) -> Said {
        Said {
            english: english.into(),
            phrase,
            cause: None,
        }
    }

    /// The problem as a warning about `file`.
    pub fn warning(self, file: &str) -> Diagnostic {
        Diagnostic::warning(file, self.english).saying(Some(self.phrase))
    }

    /// The same problem, caused by the system's `error`.
    pub fn caused_by(mut self, error: std::io::Error) -> Said {
        self.cause = Some(error);
        self
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english)
    }
}

impl std::error::Error for Said {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|error| error as &(dyn std::error::Error + 'static))
    }
}

/// `error` and its causes joined by `: `, each said in `words` where it is a [`Said`] or a
/// system error, in its own words otherwise.
pub fn said_chain(error: &anyhow::Error, words: &dyn Wording) -> String {
    error
        .chain()
        .map(|cause| {
            if let Some(said) = cause.downcast_ref::<Said>() {
                worded(words, Some(&said.phrase), &said.english)
            } else if let Some(system) = cause.downcast_ref::<std::io::Error>() {
                worded(words, Some(&io_reason(system)), &system.to_string())
            } else {
                cause.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// `error: ` and [`said_chain`], the label in `words` too.
pub fn said_error(error: &anyhow::Error, words: &dyn Wording) -> String {
    let label = worded(words, Some(&Phrase::new("diag_error", &[])), "error");
    format!("{label}: {}", visible(&said_chain(error, words)))
}
