//! `baton`: the server binary. See `baton --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = baton::cli::Cli::parse();
    baton::telemetry::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(baton::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, what is wrong and what to do; details are in the log above it.
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
