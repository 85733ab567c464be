//! The `mille` command line: the same engine as the desktop app, for scripts, agencies
//! and tests. All logic lives in the `mille` library; this binary parses arguments,
//! calls the core, and prints (cli.md).

mod cli;

fn main() {
    std::process::exit(cli::main());
}
