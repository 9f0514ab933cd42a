use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = newsmark::cli::Args::parse();
    match args.command {
        Some(command) => {
            let mut stdout = std::io::stdout().lock();
            match newsmark::cli::run(command, &mut stdout) {
                Ok(0) => ExitCode::SUCCESS,
                Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
                // The reader went away (`newsmark … | head`): not an error of ours to report.
                Err(error)
                    if error.chain().any(|cause| {
                        cause
                            .downcast_ref::<std::io::Error>()
                            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
                    }) =>
                {
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("newsmark: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        None => match args.window_file() {
            Ok(file) => open_window(file),
            Err(message) => {
                eprintln!("newsmark: {message}");
                ExitCode::from(2)
            }
        },
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<std::path::PathBuf>) -> ExitCode {
    match newsmark::gui::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("newsmark: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "newsmark: this build has no window (built without the `gui` feature); see `newsmark --help`"
    );
    ExitCode::FAILURE
}
