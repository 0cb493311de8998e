use clap::Parser;
use dpt_screen::cli::Cli;
use dpt_screen::error::{ExitCode, Internal};

fn main() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("dpt-screen: error: internal error (a bug, please report it): {info}");
        std::process::exit(ExitCode::Internal as i32);
    }));
    let cli = Cli::parse();
    let code = match dpt_screen::run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::Ok,
        Err(e) => {
            eprintln!("dpt-screen: error: {e:#}");
            if e.downcast_ref::<Internal>().is_some() {
                ExitCode::Internal
            } else {
                ExitCode::Input
            }
        }
    };
    std::process::exit(code as i32);
}

/// A closed stdout pipe (`dpt-screen ... -o - | head`) is a normal end.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
