//! 1. Renders the app's icon, `assets/icon.svg`, into every raster the window and the
//!    bundles use (`icons/*.png`, `icons/icon.ico`, `icons/icon.icns`). They are build
//!    output, not sources: git ignores them, and a fresh clone makes them here, before
//!    `tauri_build` reads them (the window icon, bundle.icon in tauri.conf.json).
//! 2. Generates the app's command permissions (one `allow-<command>` per command) for
//!    the capabilities in capabilities/.
use std::path::Path;

const COMMANDS: &[&str] = include!("src/command_names.rs");

/// (file name, pixels): the sizes desktops ask for (freedesktop's hicolor theme reads
/// the size from the PNG; `@2x` is the 128 px icon for a doubled-density screen).
const PNGS: &[(&str, u32)] = &[
    ("32x32.png", 32),
    ("64x64.png", 64),
    ("128x128.png", 128),
    ("128x128@2x.png", 256),
    ("256x256.png", 256),
    ("512x512.png", 512),
    ("icon.png", 512),
];
/// Windows' .ico: PNG images of these sizes (256 is stored as 0 in its directory).
const ICO: &[u32] = &[16, 24, 32, 48, 64, 128, 256];
/// macOS' .icns: (OSType, pixels), each a PNG.
const ICNS: &[(&[u8; 4], u32)] = &[
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
];

fn main() {
    icons();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}

fn icons() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let svg_path = manifest.join("../assets/icon.svg");
    println!("cargo:rerun-if-changed={}", svg_path.display());
    let svg = std::fs::read(&svg_path).expect("assets/icon.svg");
    let tree =
        resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default()).expect("assets/icon.svg is not valid SVG");
    let png = |px: u32| -> Vec<u8> {
        let mut pixmap = resvg::tiny_skia::Pixmap::new(px, px).expect("icon size");
        let scale = px as f32 / tree.size().width().max(tree.size().height());
        resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        pixmap.encode_png().expect("encode the icon as PNG")
    };
    let dir = manifest.join("icons");
    std::fs::create_dir_all(&dir).expect("create icons/");
    let mut outputs: Vec<(String, Vec<u8>)> = PNGS.iter().map(|&(name, px)| (name.to_string(), png(px))).collect();

    let images: Vec<(u32, Vec<u8>)> = ICO.iter().map(|&px| (px, png(px))).collect();
    let mut ico = vec![0, 0, 1, 0];
    ico.extend((images.len() as u16).to_le_bytes());
    let mut offset = 6 + 16 * images.len() as u32;
    for (px, data) in &images {
        let side = if *px >= 256 { 0 } else { *px as u8 };
        ico.extend([side, side, 0, 0]);
        ico.extend(1u16.to_le_bytes()); // colour planes
        ico.extend(32u16.to_le_bytes()); // bits per pixel
        ico.extend((data.len() as u32).to_le_bytes());
        ico.extend(offset.to_le_bytes());
        offset += data.len() as u32;
    }
    images.iter().for_each(|(_, data)| ico.extend(data));
    outputs.push(("icon.ico".into(), ico));

    let mut body = Vec::new();
    for (kind, px) in ICNS {
        let data = png(*px);
        body.extend(*kind);
        body.extend((data.len() as u32 + 8).to_be_bytes());
        body.extend(data);
    }
    let mut icns = b"icns".to_vec();
    icns.extend((body.len() as u32 + 8).to_be_bytes());
    icns.extend(body);
    outputs.push(("icon.icns".into(), icns));

    for (name, bytes) in outputs {
        let path = dir.join(&name);
        // Written only when they change, so that what reads them is not rebuilt for nothing.
        if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
            std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        }
    }
}
