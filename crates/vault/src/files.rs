//! What the vault checks about a file as it arrives, and the metadata it
//! strips from the public copy of an image.

use crate::VaultError;
use img_parts::{Bytes, ImageEXIF};

/// A file's type, read from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub mime: &'static str,
    /// Which signature matched; files whose declared type has another family lie.
    family: &'static str,
}

/// Reads a file's type from its first bytes (the first kilobyte is plenty).
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    let s = |mime, family| Some(Sniffed { mime, family });
    let starts = |p: &[u8]| head.starts_with(p);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return s("image/jpeg", "jpeg");
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return s("image/png", "png");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return s("image/gif", "gif");
    }
    if starts(b"RIFF") && head.len() >= 12 {
        return match &head[8..12] {
            b"WEBP" => s("image/webp", "webp"),
            b"WAVE" => s("audio/wav", "wav"),
            b"AVI " => s("video/x-msvideo", "avi"),
            _ => None,
        };
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return match &head[8..12] {
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" => s("image/heic", "isobmff"),
            b"avif" => s("image/avif", "isobmff"),
            b"qt  " => s("video/quicktime", "isobmff"),
            b"M4A " => s("audio/mp4", "isobmff"),
            _ => s("video/mp4", "isobmff"),
        };
    }
    if head.iter().take(1024).collect::<Vec<_>>().windows(5).any(|w| w.iter().copied().eq(b"%PDF-".iter())) {
        return s("application/pdf", "pdf");
    }
    if starts(b"PK\x03\x04") {
        return s("application/zip", "zip");
    }
    if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return s("video/webm", "ebml");
    }
    if starts(b"OggS") {
        return s("audio/ogg", "ogg");
    }
    if starts(b"ID3") {
        return s("audio/mpeg", "mp3");
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return s("image/tiff", "tiff");
    }
    if starts(b"\x7fELF") || starts(b"MZ") {
        return s("application/octet-stream", "executable");
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(64)]).trim_start().to_ascii_lowercase();
    if text.starts_with("<!doctype html") || text.starts_with("<html") || text.starts_with("<script") {
        return s("text/html", "html");
    }
    None
}

/// The family a declared type belongs to, when it is one whose content has a
/// signature (`None` for types that can hold anything).
fn declared_family(mime: &str) -> Option<&'static str> {
    Some(match mime {
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpeg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/tiff" => "tiff",
        "application/pdf" => "pdf",
        "image/heic" | "image/heif" | "image/avif" | "video/mp4" | "video/quicktime" | "audio/mp4" | "audio/x-m4a"
        | "video/3gpp" => "isobmff",
        "video/webm" | "audio/webm" | "video/x-matroska" => "ebml",
        "audio/ogg" | "video/ogg" | "application/ogg" => "ogg",
        "application/zip"
        | "application/x-zip-compressed"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        | "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.spreadsheet" => "zip",
        _ => return None,
    })
}

/// When the type the browser declared for a file says one thing and the
/// content another (a "photo" that is a web page or a program), returns a
/// description of what the content really is.
pub fn declared_type_conflicts(declared: &str, content: Option<Sniffed>) -> Option<&'static str> {
    let declared = declared.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let detected = content.map(|c| c.family);
    match (declared_family(&declared), detected) {
        (Some(want), Some(got)) if want != got => Some(content.map_or("unknown", |c| c.mime)),
        (Some(_), None) => Some("unrecognised data"),
        // Text that is really a program or a web page.
        (None, Some("executable" | "html")) if declared.starts_with("text/plain") => {
            Some(content.map_or("unknown", |c| c.mime))
        }
        _ => None,
    }
}

/// A file name as a source's browser sent it, made safe to show and to offer
/// for download: no directories, no control or direction-changing characters,
/// at most 120 characters.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() { "file".into() } else { cleaned.to_owned() }
}

/// A copy of an image without its metadata (EXIF with GPS, XMP, IPTC,
/// comments, text chunks), its pixels untouched. JPEG, PNG and WebP.
pub fn strip_metadata(image: Vec<u8>, mime: &str) -> Result<Vec<u8>, VaultError> {
    let bad = |e: img_parts::Error| VaultError::Image(e.to_string());
    let bytes = Bytes::from(image);
    let out = match mime {
        "image/jpeg" => {
            use img_parts::jpeg::{Jpeg, markers};
            let mut jpeg = Jpeg::from_bytes(bytes).map_err(bad)?;
            jpeg.segments_mut().retain(|seg| match seg.marker() {
                // JFIF and Adobe colour information carry no metadata about the picture's origin.
                markers::APP0 | markers::APP14 => true,
                // APP2 holds colour profiles, but also multi-picture data with more EXIF.
                markers::APP2 => seg.contents().starts_with(b"ICC_PROFILE\0"),
                m => !(markers::APP1..=markers::APP15).contains(&m) && m != markers::COM,
            });
            jpeg.encoder().bytes()
        }
        "image/png" => {
            let mut png = img_parts::png::Png::from_bytes(bytes).map_err(bad)?;
            for kind in [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"] {
                png.remove_chunks_by_type(kind);
            }
            png.encoder().bytes()
        }
        "image/webp" => {
            let mut webp = img_parts::webp::WebP::from_bytes(bytes).map_err(bad)?;
            webp.remove_chunks_by_id(*b"XMP ");
            // Also recomputes the flags that announced the removed chunks.
            webp.set_exif(None);
            webp.encoder().bytes()
        }
        other => return Err(VaultError::Image(format!("cannot strip metadata from {other}"))),
    };
    Ok(out.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, marker];
        v.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        v.extend_from_slice(body);
        v
    }

    /// EXIF (big-endian TIFF) whose IFD0 points to a GPS IFD holding a latitude.
    fn exif_with_gps() -> Vec<u8> {
        let mut t = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
        // IFD0 at 8: one entry, GPSInfo (0x8825, LONG, 1) -> offset 26.
        t.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
        // GPS IFD at 26: GPSLatitudeRef (1, ASCII, 2) = "N\0".
        t.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0, 0, 0, 0, 0]);
        t
    }

    fn jpeg_with_metadata() -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend(seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        j.extend(seg(0xE1, &exif_with_gps()));
        j.extend(seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>secret-place</x:xmpmeta>"));
        j.extend(seg(0xED, b"Photoshop 3.0\08BIM\x04\x04iptc-byline"));
        j.extend(seg(0xFE, b"comment: taken at home"));
        j.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        j.extend(seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]));
        j.extend_from_slice(&[0x12, 0x34, 0x56, 0xFF, 0xD9]);
        j
    }

    fn has(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn jpeg_loses_exif_xmp_iptc_and_comments() {
        let original = jpeg_with_metadata();
        let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&original)).unwrap();
        assert!(exif.get_field(exif::Tag::GPSLatitudeRef, exif::In::PRIMARY).is_some(), "the oracle sees the GPS tag");
        let clean = strip_metadata(original.clone(), "image/jpeg").unwrap();
        assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&clean)).is_err());
        for secret in [&b"secret-place"[..], b"iptc-byline", b"taken at home", b"Exif"] {
            assert!(!has(&clean, secret), "{}", String::from_utf8_lossy(secret));
        }
        // The picture itself is kept.
        assert!(has(&clean, b"JFIF") && has(&clean, &[0x12, 0x34, 0x56]));
        assert!(clean.starts_with(&[0xFF, 0xD8]) && clean.ends_with(&[0xFF, 0xD9]));
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = (data.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(data);
        let crc = crc32(&v[4..]);
        v.extend_from_slice(&crc.to_be_bytes());
        v
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn png_loses_exif_and_text() {
        let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
        p.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        p.extend(png_chunk(b"eXIf", &exif_with_gps()[6..]));
        p.extend(png_chunk(b"tEXt", b"Author\0someone-named"));
        p.extend(png_chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
        p.extend(png_chunk(b"IEND", &[]));
        let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&p)).unwrap();
        assert!(exif.get_field(exif::Tag::GPSLatitudeRef, exif::In::PRIMARY).is_some());
        let clean = strip_metadata(p, "image/png").unwrap();
        assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&clean)).is_err());
        assert!(!has(&clean, b"someone-named") && has(&clean, b"IDAT"));
        assert!(strip_metadata(b"not an image".to_vec(), "image/png").is_err());
        assert!(strip_metadata(b"%PDF-1.4".to_vec(), "application/pdf").is_err());
    }

    #[test]
    fn content_types() {
        assert_eq!(sniff(&jpeg_with_metadata()).unwrap().mime, "image/jpeg");
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap().mime, "application/pdf");
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42\0\0").unwrap().mime, "video/mp4");
        assert_eq!(sniff(b"  <!DOCTYPE html><p>").unwrap().mime, "text/html");
        assert_eq!(sniff(b"plain words"), None);
        let pdf = sniff(b"%PDF-1.7");
        assert_eq!(declared_type_conflicts("image/jpeg", pdf), Some("application/pdf"));
        assert_eq!(declared_type_conflicts("application/pdf", pdf), None);
        assert_eq!(declared_type_conflicts("image/png", None), Some("unrecognised data"));
        assert_eq!(declared_type_conflicts("application/octet-stream", pdf), None);
        assert_eq!(declared_type_conflicts("text/plain", sniff(b"\x7fELF\x02")), Some("application/octet-stream"));
        assert_eq!(declared_type_conflicts("text/plain; charset=utf-8", None), None);
        assert_eq!(declared_type_conflicts("video/quicktime", sniff(b"\0\0\0\x14ftypqt  ")), None);
        assert_eq!(declared_type_conflicts("IMAGE/JPEG", sniff(&[0xFF, 0xD8, 0xFF, 0xE0])), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\Users\\me\\photo.jpg"), "photo.jpg");
        assert_eq!(clean_filename("a\0b\u{7}c\r\n.txt"), "abc.txt");
        assert_eq!(clean_filename("evil\u{202e}gpj.exe"), "evilgpj.exe");
        assert_eq!(clean_filename(".hidden"), "hidden");
        assert_eq!(clean_filename("/"), "file");
        assert_eq!(clean_filename(&"я".repeat(500)).chars().count(), 120);
    }
}
