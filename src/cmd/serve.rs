//! `rankpress serve`: build, serve on loopback, rebuild and reload the browser on every save.

use std::net::IpAddr;
use std::process::ExitCode;

use rankpress::pipeline::BuildOptions;
use rankpress::serve::{ServeOptions, run};

pub fn execute(
    build: BuildOptions,
    bind: IpAddr,
    port: u16,
    open: bool,
    verbose: bool,
) -> ExitCode {
    match run(ServeOptions {
        build,
        bind,
        port,
        open,
        verbose,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
