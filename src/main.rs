//! The `mille` command line (placeholder until the CLI lands).
fn main() {}
