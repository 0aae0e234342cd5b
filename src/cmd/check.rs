//! `rankpress check`: everything `build` validates plus every internal link, writing nothing.

use std::process::ExitCode;

use rankpress::pipeline::{BuildError, BuildOptions, check};

pub fn execute(options: BuildOptions) -> ExitCode {
    match check(&options) {
        Ok(report) => {
            eprint!("{}", report.diagnostics);
            let errors = report.diagnostics.error_count();
            println!(
                "Checked {} pages and {} links: {} error(s), {} warning(s)",
                report.pages,
                report.links,
                errors,
                report.diagnostics.warning_count()
            );
            if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(BuildError::Input(diagnostics)) => {
            eprint!("{diagnostics}");
            println!(
                "Checked the input: {} error(s), {} warning(s)",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
