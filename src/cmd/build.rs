//! `rankpress build`: writes the site.

use std::path::PathBuf;
use std::process::ExitCode;

use rankpress::diagnostics::{Note, Phrase};
use rankpress::pipeline::interface::{self, Built};
use rankpress::pipeline::{BuildError, BuildOptions, build};

pub fn execute(options: BuildOptions, verbose: bool) -> ExitCode {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("public"));
    let result = build(&options);
    // Said in the site's first language (English where the theme has no words for it).
    let locale = interface::interface_locale(&options.root);
    match result {
        Ok(report) => {
            eprint!("{}", report.warnings.worded(&locale));
            if verbose {
                for note in report.warnings.notes_worded(&locale) {
                    eprintln!("{note}");
                }
                eprint!("{}", report.stage_lines());
                if report.written.is_some() {
                    let hosts = report.hosts.join(", ");
                    let line = if hosts.is_empty() {
                        Note::new(
                            "hosts that take it as it is: none of the presets",
                            Phrase::new("diag_hosts_none", &[]),
                        )
                    } else {
                        Note::new(
                            format!("hosts that take it as it is: {hosts}"),
                            Phrase::new("diag_hosts_taking", &[("hosts", &hosts)]),
                        )
                    };
                    eprintln!("{}", line.worded(&locale));
                }
            }
            let counts = Built {
                pages: report.counts.pages as u64,
                charts: report.counts.charts as u64,
                files: report
                    .written
                    .map_or(report.counts.files as u64, |w| w.files),
                bytes: report.written.map(|w| w.bytes),
                milliseconds: report.total.as_millis() as u64,
                unchanged: report.counts.unchanged as u64,
                warnings: report.warnings.warning_count() as u64,
            };
            println!(
                "{}",
                interface::built(&locale, counts, &output.display().to_string())
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Input(diagnostics)) => {
            eprint!("{}", diagnostics.worded(&locale));
            eprintln!(
                "{}",
                interface::build_failed(
                    &locale,
                    diagnostics.error_count() as u64,
                    diagnostics.warning_count() as u64
                )
            );
            ExitCode::FAILURE
        }
        Err(error) => {
            eprint!("{}", error.worded(&locale));
            eprintln!("{}", interface::build_failed_writing(&locale));
            ExitCode::FAILURE
        }
    }
}
