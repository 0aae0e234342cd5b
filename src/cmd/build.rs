//! `rankpress build`: writes the site.

use std::path::PathBuf;
use std::process::ExitCode;

use rankpress::pipeline::{BuildError, BuildOptions, build};

pub fn execute(options: BuildOptions, verbose: bool) -> ExitCode {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("public"));
    match build(&options) {
        Ok(report) => {
            eprint!("{}", report.warnings);
            if verbose {
                for note in report.warnings.notes() {
                    eprintln!("note: {note}");
                }
                eprint!("{}", report.stage_lines());
                if report.written.is_some() {
                    eprintln!(
                        "hosts that take it as it is: {}",
                        match report.hosts.as_slice() {
                            [] => "none of the presets".to_string(),
                            hosts => hosts.join(", "),
                        }
                    );
                }
            }
            println!(
                "Built {} pages with {} charts ({}) into {} in {:.0} ms{}{}",
                report.counts.pages,
                report.counts.charts,
                report.written.map_or_else(
                    || format!("{} files", report.counts.files),
                    |w| w.describe()
                ),
                output.display(),
                report.total.as_secs_f64() * 1000.0,
                match report.counts.unchanged {
                    0 => String::new(),
                    n => format!(" ({n} files unchanged since the last build, taken over)"),
                },
                match report.warnings.warning_count() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Input(diagnostics)) => {
            eprint!("{diagnostics}");
            eprintln!(
                "Build failed: {} error(s), {} warning(s). Nothing was written.",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("{error}");
            eprintln!("Build failed. The output folder was left as it was.");
            ExitCode::FAILURE
        }
    }
}
