//! Where a site is published and what that host accepts (`hosting:` in site.yaml): a preset
//! named after the host, or limits of one's own. The build measures its output against them
//! (pipeline/hosting.rs) and refuses a site the host would refuse.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::input::source::{DataPath, SourceFile};

/// One limit of a host: its value, and how the host or the user wrote it ("25 MiB").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    pub value: u64,
    pub shown: String,
}

/// What a host accepts; `None`: no limit of that kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// Files in the whole site.
    pub files: Option<Limit>,
    /// Bytes of the whole site.
    pub site_bytes: Option<Limit>,
    /// Bytes of any one file.
    pub file_bytes: Option<Limit>,
    /// Entries (files and folders) directly in any one folder.
    pub folder_entries: Option<Limit>,
}

/// The host a site is published on, as site.yaml names it.
#[derive(Debug, Clone)]
pub struct Hosting {
    /// The preset's id (`cloudflare-pages`), or `None` for limits of the site's own.
    pub preset: Option<&'static str>,
    /// The host in words ("Cloudflare Pages, free plan"), for messages.
    pub name: String,
    pub limits: Limits,
    /// Where site.yaml says `hosting:`, for the errors of a site that does not fit.
    pub at: Diagnostic,
}

impl Hosting {
    /// An error at site.yaml's `hosting:` key.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        let mut error = self.at.clone();
        error.message = message.into();
        error
    }
}

/// A host's published limits, as documented by the host (docs/deploy.md lists the sources).
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    files: Option<(u64, &'static str)>,
    site_bytes: Option<(u64, &'static str)>,
    file_bytes: Option<(u64, &'static str)>,
    folder_entries: Option<(u64, &'static str)>,
}

impl Preset {
    pub fn limits(&self) -> Limits {
        let limit = |l: Option<(u64, &str)>| {
            l.map(|(value, shown)| Limit {
                value,
                shown: shown.to_string(),
            })
        };
        Limits {
            files: limit(self.files),
            site_bytes: limit(self.site_bytes),
            file_bytes: limit(self.file_bytes),
            folder_entries: limit(self.folder_entries),
        }
    }
}

const MIB: u64 = 1024 * 1024;
const GB: u64 = 1_000_000_000;

/// The hosts rankpress knows, in the order docs/deploy.md lists them.
pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "github-pages",
        name: "GitHub Pages",
        files: None,
        site_bytes: Some((GB, "1 GB")),
        file_bytes: Some((100 * MIB, "100 MiB")),
        folder_entries: None,
    },
    Preset {
        id: "cloudflare-pages",
        name: "Cloudflare Pages (free plan)",
        files: Some((20_000, "20,000 files")),
        site_bytes: None,
        file_bytes: Some((25 * MIB, "25 MiB")),
        folder_entries: None,
    },
    Preset {
        id: "cloudflare-pages-paid",
        name: "Cloudflare Pages (paid plans)",
        files: Some((100_000, "100,000 files")),
        site_bytes: None,
        file_bytes: Some((25 * MIB, "25 MiB")),
        folder_entries: None,
    },
    Preset {
        id: "gitlab-pages",
        name: "GitLab Pages (GitLab.com)",
        files: Some((200_000, "200,000 files")),
        site_bytes: Some((GB, "1 GB")),
        file_bytes: None,
        folder_entries: None,
    },
    Preset {
        id: "netlify",
        name: "Netlify",
        files: None,
        site_bytes: None,
        file_bytes: None,
        folder_entries: Some((54_000, "54,000 files per folder")),
    },
];

/// The keys of limits of one's own.
const CUSTOM_KEYS: [&str; 4] = [
    "max_files",
    "max_site_size",
    "max_file_size",
    "max_files_per_folder",
];

/// Reads `hosting:` of site.yaml: a preset's id, or a map of limits. Every problem is an error at
/// its key or value.
pub fn read(
    file: &SourceFile,
    value: &serde_yaml::Value,
    diagnostics: &mut crate::diagnostics::Diagnostics,
) -> Option<Hosting> {
    let key = DataPath::root().key("hosting");
    let at = file.error_at_path(&key, "");
    let ids = || PRESETS.iter().map(|p| p.id);
    let listed = || ids().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    match value {
        serde_yaml::Value::String(id) => {
            let Some(preset) = PRESETS.iter().find(|p| p.id == id.trim()) else {
                diagnostics.push(
                    file.error_at_path(&key, format!("unknown host `{id}`"))
                        .expected(format!(
                            "one of {}, or limits of your own (`max_files`, `max_site_size`, \
                             `max_file_size`, `max_files_per_folder`)",
                            listed()
                        ))
                        .hint(did_you_mean(id, ids()))
                        .says("diag_unknown_host", &[("host", id)])
                        .expects("diag_host_expected", &[("hosts", &listed())]),
                );
                return None;
            };
            Some(Hosting {
                preset: Some(preset.id),
                name: preset.name.to_string(),
                limits: preset.limits(),
                at,
            })
        }
        serde_yaml::Value::Mapping(map) => {
            let mut limits = Limits::default();
            let mut ok = true;
            for (name, value) in map {
                let Some(name) = name.as_str() else {
                    ok = false;
                    diagnostics.push(
                        file.error_at_path(&key, "a key of `hosting` is not a word")
                            .expected(CUSTOM_KEYS.join(", "))
                            .says("diag_hosting_key_not_word", &[])
                            .expects("diag_brand_keys", &[("keys", &CUSTOM_KEYS.join(", "))]),
                    );
                    continue;
                };
                let path = key.key(name);
                let parsed = match name {
                    "max_files" | "max_files_per_folder" => count(value),
                    "max_site_size" | "max_file_size" => size(value),
                    _ => {
                        ok = false;
                        diagnostics.push(
                            file.error_at_key(&path, format!("unknown key `{name}` in `hosting`"))
                                .expected(format!(
                                    "{}, or instead of them one of the hosts {}",
                                    CUSTOM_KEYS.join(", "),
                                    listed()
                                ))
                                .hint(did_you_mean(name, CUSTOM_KEYS))
                                .says("diag_unknown_hosting_key", &[("key", name)])
                                .expects(
                                    "diag_hosting_keys_expected",
                                    &[("keys", &CUSTOM_KEYS.join(", ")), ("hosts", &listed())],
                                ),
                        );
                        continue;
                    }
                };
                let Some(limit) = parsed else {
                    ok = false;
                    diagnostics.push(
                        file.error_at_path(&path, format!("`{name}` is not a limit"))
                            .expected(if name.ends_with("size") {
                                "a size above 0 such as `500 MB`, `25 MiB` or `1 GB`, or bytes"
                            } else {
                                "a whole number of files above 0"
                            })
                            .says("diag_not_a_limit", &[("key", name)])
                            .expects(
                                if name.ends_with("size") {
                                    "diag_size_limit_expected"
                                } else {
                                    "diag_files_limit_expected"
                                },
                                &[],
                            ),
                    );
                    continue;
                };
                let slot = match name {
                    "max_files" => &mut limits.files,
                    "max_files_per_folder" => &mut limits.folder_entries,
                    "max_site_size" => &mut limits.site_bytes,
                    _ => &mut limits.file_bytes,
                };
                *slot = Some(limit);
            }
            ok.then(|| Hosting {
                preset: None,
                name: "the host's limits in site.yaml".to_string(),
                limits,
                at,
            })
        }
        _ => {
            diagnostics.push(
                file.error_at_path(&key, "`hosting` is neither a host nor a list of limits")
                    .expected(format!(
                        "one of {}, or a map of `max_files`, `max_site_size`, `max_file_size`, \
                         `max_files_per_folder`",
                        listed()
                    ))
                    .says("diag_hosting_neither", &[])
                    .expects("diag_hosting_expected", &[("hosts", &listed())]),
            );
            None
        }
    }
}

/// A number of files: a whole number above 0.
fn count(value: &serde_yaml::Value) -> Option<Limit> {
    let n = value.as_u64().filter(|n| *n > 0)?;
    Some(Limit {
        value: n,
        shown: format!("{} files", grouped(n)),
    })
}

/// A size: bytes as a number, or a number and a unit (`500 MB`, `25 MiB`, `1 GB`, `800 kB`).
fn size(value: &serde_yaml::Value) -> Option<Limit> {
    if let Some(bytes) = value.as_u64().filter(|n| *n > 0) {
        return Some(Limit {
            value: bytes,
            shown: format!("{} bytes", grouped(bytes)),
        });
    }
    let text = value.as_str()?.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * factor).floor();
    (1.0..1e18).contains(&bytes).then(|| Limit {
        value: bytes as u64,
        shown: text.to_string(),
    })
}

/// A whole number with thousands separated by commas (messages are in English).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(yaml: &str) -> Option<u64> {
        size(&serde_yaml::from_str(yaml).unwrap()).map(|l| l.value)
    }

    #[test]
    fn sizes_are_read_with_decimal_and_binary_units() {
        assert_eq!(limit("500 MB"), Some(500_000_000));
        assert_eq!(limit("25 MiB"), Some(26_214_400));
        assert_eq!(limit("1GB"), Some(1_000_000_000));
        assert_eq!(limit("1.5 GiB"), Some(1_610_612_736));
        assert_eq!(limit("4096"), Some(4096));
        assert_eq!(limit("0"), None);
        assert_eq!(limit("lots"), None);
        assert_eq!(limit("12 parsecs"), None);
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }
}
