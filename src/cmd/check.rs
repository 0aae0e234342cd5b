//! `rankpress check`: everything `build` validates plus every internal link, writing nothing.

use std::process::ExitCode;

use rankpress::pipeline::interface;
use rankpress::pipeline::{BuildError, BuildOptions, check};

pub fn execute(options: BuildOptions) -> ExitCode {
    let result = check(&options);
    // Said in the site's first language (English where the theme has no words for it).
    let locale = interface::interface_locale(&options.root);
    match result {
        Ok(report) => {
            eprint!("{}", report.diagnostics.worded(&locale));
            let errors = report.diagnostics.error_count();
            println!(
                "{}",
                interface::checked(
                    &locale,
                    report.pages as u64,
                    report.links as u64,
                    errors as u64,
                    report.diagnostics.warning_count() as u64
                )
            );
            if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(BuildError::Input(diagnostics)) => {
            eprint!("{}", diagnostics.worded(&locale));
            println!(
                "{}",
                interface::checked_input(
                    &locale,
                    diagnostics.error_count() as u64,
                    diagnostics.warning_count() as u64
                )
            );
            ExitCode::FAILURE
        }
        Err(error) => {
            eprint!("{}", error.worded(&locale));
            ExitCode::FAILURE
        }
    }
}
