//! The `rankpress` command: parses the command line, runs one subcommand (`src/cmd/`), and turns
//! its result into an exit status. Everything else lives in the library.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use rankpress::pipeline::BuildOptions;

/// A build allocates millions of small strings (page views, chart SVG, template output) across
/// threads; mimalloc's per-thread heaps took about a tenth off the 10,000-company build compared
/// with the system allocator (2.2 s to 2.0 s, benches/scale.sh).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the 16th option of v3's `mi_option_e`, which
/// libmimalloc-sys does not name).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build or a check runs once and ends: memory it frees is soon needed again, so mimalloc is
/// told never to hand it back to the system. By default it does after a second, and the next
/// allocation there faults it in again as new, zeroed pages: at 100,000 companies 170,000 to
/// 200,000 page faults and 27 to 38 s of system time, against 1,300 faults and 20 to 21 s
/// without (peak memory 1.3 → 1.5–1.8 GB; at 10,000 companies 0.2–0.4 s of system time, 230 →
/// 250–265 MB). `serve` runs for hours and keeps the default.
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores the value in mimalloc's option table; any value is
    // valid for this option (-1: never purge).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

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

/// Options shared by the commands that read a site.
#[derive(Args)]
struct SiteArgs {
    /// The site folder (holding data/, content/, themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Absolute URL the site will be served from, overriding site.yaml's base_url.
    #[arg(long)]
    base_url: Option<String>,
    /// Include content marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of plain files.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site; relative paths are taken from the site folder.
        #[arg(long, default_value = "public")]
        out: PathBuf,
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
    /// Check data, content, templates and every internal link without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Serve the site on 127.0.0.1, rebuild on every save and reload the browser.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback exposes the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Print the time of each stage of every rebuild.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Create a new site with a small working example.
    Init {
        /// The folder to create; must be missing or empty.
        folder: PathBuf,
        /// The site's languages, the first served at the root, each with starter texts in it
        /// and no file for any other (default: en,de).
        #[arg(long, value_delimiter = ',', hide_default_value = true,
              default_values_t = cmd::init::DEFAULT_LANGUAGES.map(String::from))]
        languages: Vec<String>,
    },
    /// Create new content.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A dated article draft under content/articles/.
    Article {
        /// The article's title; its file name is made from it.
        title: String,
        /// The site folder (holding data/, content/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The article's date (default: today), YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
    },
}

impl SiteArgs {
    fn options(self, output: Option<PathBuf>, force: bool, precompress: bool) -> BuildOptions {
        BuildOptions {
            root: self.root,
            output,
            base_url: self.base_url,
            include_drafts: self.drafts,
            force,
            precompress,
        }
    }
}

fn main() -> ExitCode {
    // Help and usage errors are said in the site's first language, as everything after them.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let words = cmd::words::locale_for(&args);
    let parsed = cmd::words::localised(Cli::command(), &words)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let command = match parsed {
        Ok(cli) => cli.command,
        Err(error) => return cmd::words::stopped(error, &words),
    };
    if matches!(command, Command::Build { .. } | Command::Check { .. }) {
        keep_freed_memory();
    }
    match command {
        Command::Build {
            site,
            out,
            force,
            precompress,
            verbose,
        } => {
            let output = if out.is_absolute() {
                out
            } else {
                site.root.join(out)
            };
            cmd::build::execute(site.options(Some(output), force, precompress), verbose)
        }
        Command::Check { site } => cmd::check::execute(site.options(None, false, false)),
        Command::Serve {
            site,
            port,
            bind,
            open,
            verbose,
        } => cmd::serve::execute(site.options(None, false, false), bind, port, open, verbose),
        Command::Init { folder, languages } => cmd::init::execute(&folder, &languages),
        Command::New {
            what: NewCommand::Article { title, root, date },
        } => cmd::new::execute(&root, &title, date.as_deref()),
    }
}
