//! What a file is, from its first bytes: a spreadsheet (a zip holding an xlsx or ods,
//! an OLE container holding an xls), text, or something else that is named in one
//! sentence instead of being read as a list of garbled rows (real-files.md "Mapping
//! and messages").

/// What the bytes of a file look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// xlsx, xlsm, xlsb, xls or ods: read by calamine.
    Spreadsheet,
    /// Text (UTF-8, UTF-16 with a BOM, or a single-byte code page).
    Text,
    /// Anything else, with what it looks like (`a PNG image`).
    Other(&'static str),
}

/// Magic numbers of files people might choose by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"{\\rtf", "an RTF document"),
];

/// Decides what `bytes` (a file's first bytes, or all of them) are.
pub(crate) fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if zip_is_workbook(bytes) { Kind::Spreadsheet } else { Kind::Other("a zip archive") };
    }
    if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Kind::Spreadsheet; // an OLE container: xls (calamine says if it is not one)
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Kind::Other(match &bytes[8..12] {
            b"WEBP" => "a WebP image",
            b"WAVE" => "a WAV audio file",
            b"AVI " => "an AVI video",
            _ => "a media file",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Kind::Other(match &bytes[8..12] {
            b"heic" | b"heix" | b"mif1" => "a HEIC image",
            b"qt  " => "a QuickTime video",
            _ => "an MP4 or MOV video",
        });
    }
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Kind::Other(what);
    }
    // UTF-16 with a BOM holds NUL bytes and is text.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Kind::Text;
    }
    if bytes.contains(&0) {
        return Kind::Other("a binary file");
    }
    Kind::Text
}

/// True when a zip's entry names (read from its local headers in the first 64 KB and
/// its central directory) include a workbook part: `xl/` (xlsx, xlsm, xlsb) or
/// `content.xml` with an OpenDocument `mimetype`.
fn zip_is_workbook(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"xl/workbook") || has(b"[Content_Types].xml") || has(b"application/vnd.oasis.opendocument.spreadsheet")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Kind::Other("a PNG image"));
        assert_eq!(kind(b"%PDF-1.7\n"), Kind::Other("a PDF document"));
        assert_eq!(kind(b"PK\x03\x04....hello.txt"), Kind::Other("a zip archive"));
        assert_eq!(kind(b"PK\x03\x04....xl/workbook.xml"), Kind::Spreadsheet);
        assert_eq!(kind(b"date,brand\n2025-01-01,A\n"), Kind::Text);
        assert_eq!(kind(b"\xff\xfed\0a\0t\0e\0"), Kind::Text);
        assert_eq!(kind(b"abc\0def"), Kind::Other("a binary file"));
        assert_eq!(kind(b"Datum;Marke\n"), Kind::Text);
    }
}
