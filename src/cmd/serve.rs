//! `rankpress serve`: build, serve on loopback, rebuild and reload the browser on every save.

use std::net::IpAddr;
use std::process::ExitCode;

use rankpress::pipeline::BuildOptions;
use rankpress::pipeline::interface;
use rankpress::serve::{ServeOptions, run};

pub fn execute(
    build: BuildOptions,
    bind: IpAddr,
    port: u16,
    open: bool,
    verbose: bool,
) -> ExitCode {
    // Said in the site's first language (English where the theme has no words for it).
    let locale = interface::interface_locale(&build.root);
    match run(ServeOptions {
        build,
        bind,
        port,
        open,
        verbose,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", rankpress::diagnostics::said_error(&error, &locale));
            ExitCode::FAILURE
        }
    }
}
