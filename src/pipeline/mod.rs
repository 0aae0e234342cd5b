//! The build: one readable sequence of stages, each timed. Reading and writing happen here at
//! the edges; every stage in between takes values and returns values.

mod builder;
pub(crate) mod card_fonts;
#[cfg(test)]
mod contract_tests;
pub(crate) mod files;
pub(crate) mod fingerprints;
pub(crate) mod hosting;
pub mod interface;
pub(crate) mod linkcheck;
pub(crate) mod pages;
mod prepare;
pub(crate) mod progress;

pub use builder::{Builder, CheckReport, build, build_in_memory, build_in_memory_reusing, check};
pub use hosting::Part;
pub use pages::Counts;
pub use prepare::Prepared;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;

/// How to build: one struct rather than a row of flags.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `None`: build in memory only (checks and tests).
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml (previews, staging hosts).
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Replace an output folder that rankpress did not create.
    pub force: bool,
    /// Write `.gz` and `.br` beside every text file.
    pub precompress: bool,
}

/// What a successful build did and how long each stage took.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub counts: Counts,
    pub warnings: Diagnostics,
    pub stages: Vec<(&'static str, Duration)>,
    pub total: Duration,
    /// The files and bytes written into the output folder (`None` for a build in memory).
    pub written: Option<Part>,
    /// The hosting presets that take the written site as it is (`hosting:` in site.yaml).
    pub hosts: Vec<&'static str>,
}

impl BuildReport {
    /// The time of each stage, a line each, for `--verbose`.
    pub fn stage_lines(&self) -> String {
        self.stages
            .iter()
            .map(|(stage, time)| format!("  {stage:<10} {:>8.1} ms\n", time.as_secs_f64() * 1000.0))
            .collect()
    }
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the user's input, all of them.
    Input(Diagnostics),
    /// Anything else: the output folder, the file system, a template failing at render time.
    Other(anyhow::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Input(diagnostics) => write!(f, "{diagnostics}"),
            BuildError::Other(error) => write!(f, "error: {error:#}"),
        }
    }
}

impl BuildError {
    /// The report in `words` where it has the strings (see [`crate::diagnostics::Wording`]),
    /// ending in a line break.
    pub fn worded(&self, words: &dyn crate::diagnostics::Wording) -> String {
        match self {
            BuildError::Input(diagnostics) => diagnostics.worded(words).to_string(),
            BuildError::Other(error) => {
                format!("{}\n", crate::diagnostics::said_error(error, words))
            }
        }
    }
}

impl From<anyhow::Error> for BuildError {
    fn from(error: anyhow::Error) -> Self {
        BuildError::Other(error)
    }
}

/// Whether a build draws the PNG share cards (`check` writes nothing and skips them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cards {
    Draw,
    Skip,
    /// Drawn only when site.yaml names the host, to measure the site against its limits.
    WhenHosted,
}

struct Timer {
    stages: Vec<(&'static str, Duration)>,
    last: Instant,
}

impl Timer {
    fn start() -> Timer {
        Timer {
            stages: Vec::new(),
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

/// The files of a site built in memory, by path.
pub type Files = std::collections::BTreeMap<String, Vec<u8>>;
