//! The `inferno` binary: parses the command line and runs it (see the library).

use clap::Parser;

fn main() -> std::process::ExitCode {
    match inferno::run(inferno::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
