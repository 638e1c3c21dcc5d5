use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = broadsheet::cli::Cli::parse();
    broadsheet::cli::run(cli)
}
