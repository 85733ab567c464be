//! Generates the app's command permissions (one `allow-<command>` per command) for
//! the capabilities in capabilities/.
const COMMANDS: &[&str] = include!("src/command_names.rs");

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri build script");
}
