//! The `mille-app` binary: starts the desktop window (see the `mille_app` library).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let started = std::time::Instant::now();
    mille_app::render_without_compositing();
    if let Err(e) = mille_app::run(started) {
        eprintln!("mille-app: {e}");
        std::process::exit(1);
    }
}
