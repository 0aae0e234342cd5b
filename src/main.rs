//! The `rankpress` command: parses the command line, runs the command, turns the result into
//! an exit status. Everything else lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use rankpress::build::{BuildError, BuildOptions, build};

#[derive(Parser)]
#[command(
    name = "rankpress",
    version,
    about = "Static sites for customer-orientation benchmark reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of plain files.
    Build {
        /// The site folder (holding data/, content/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; relative paths are taken from the site folder.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Absolute URL the site will be served from, overriding site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include content marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace the output folder even if rankpress did not create it.
        #[arg(long)]
        force: bool,
        /// Also write .gz and .br files beside every text file, for hosts that serve them.
        #[arg(long)]
        precompress: bool,
        /// Print the time of each stage.
        #[arg(long, short)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            force,
            precompress,
            verbose,
        } => {
            let output = if out.is_absolute() {
                out
            } else {
                root.join(out)
            };
            let options = BuildOptions {
                root,
                output: Some(output.clone()),
                base_url,
                include_drafts: drafts,
                force,
                precompress,
            };
            match build(&options) {
                Ok(report) => {
                    for warning in report.warnings.sorted() {
                        eprintln!("{warning}");
                    }
                    if verbose {
                        for (stage, time) in &report.stages {
                            eprintln!("  {stage:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                        }
                    }
                    println!(
                        "Built {} pages with {} charts ({} files) into {} in {:.0} ms{}",
                        report.counts.pages,
                        report.counts.charts,
                        report.counts.files,
                        output.display(),
                        report.total.as_secs_f64() * 1000.0,
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
    }
}
