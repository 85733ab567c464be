//! The smallest Tauri 2 app that paints a page and says when it did: the measuring
//! stick for Mille's launch time and idle memory (benches/compare.py --app).

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Called by the page from its first animation frame.
#[tauri::command]
fn painted() {
    let ms = START.get().map_or(0, |s| s.elapsed().as_millis());
    eprintln!("first interactive paint {ms} ms after launch");
}

fn main() {
    START.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("the hello-world app could not start");
}
