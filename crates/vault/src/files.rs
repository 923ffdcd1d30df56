//! What the vault checks about a file as it arrives, and the public copy of
//! an image that keeps only its pixels.

use crate::VaultError;

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

/// Whether [`strip_metadata`] can make a clean copy of a file of this type.
pub fn strippable(mime: Option<&str>) -> bool {
    matches!(mime, Some("image/jpeg" | "image/png" | "image/webp"))
}

/// A copy of an image that keeps only what is needed to show its pixels:
/// JPEG, PNG and WebP.
///
/// This is an allow-list, per format: each file is walked segment by segment
/// (chunk by chunk) and only the parts known to be needed to decode the
/// picture are copied; everything else — EXIF with GPS, XMP, IPTC, comments,
/// text chunks, thumbnails, C2PA manifests, maker data, parts no one has
/// defined yet — is dropped without having to be recognised. A deny-list
/// keeps whatever it does not know, and the formats leave room for much it
/// cannot know (security review F6: a JFXX thumbnail with its own EXIF, a
/// motion-photo video after the end-of-image marker, C2PA chunks). For the
/// same reason nothing after a format's end (JPEG's first end-of-image marker,
/// PNG's IEND, WebP's RIFF length) is copied, and a file that is not well
/// formed is refused rather than passed through.
///
/// What is kept, and why:
/// - JPEG (`strip_jpeg`): SOI, DQT, DHT, DAC, DRI, one frame header (SOF0–3,
///   SOF9–11: baseline, extended, progressive, lossless), every SOS with
///   its entropy-coded data (restart markers included) byte for byte — so
///   progressive files keep all their scans and the tables between them —,
///   DNL, and EOI. A JFIF APP0 is rebuilt minimal (no thumbnail) and an Adobe
///   APP14 rebuilt to its colour-transform byte, which says how the components
///   are to be read (RGB or YCbCr, CMYK or YCCK).
/// - PNG (`strip_png`): IHDR, PLTE, IDAT, IEND and the small fixed-form
///   colour and transparency chunks tRNS, gAMA, cHRM, sRGB and sBIT. The
///   image data is inflated, cut to exactly what the IHDR's size needs, and
///   deflated again into one IDAT: nothing after the zlib stream's end, nor
///   any bytes the stream holds past the picture, survives (review 3, N6).
/// - WebP (`strip_webp`): checked down to the VP8 / VP8L image, with ALPH,
///   or ANIM and the ANMF frames, then decoded and encoded again losslessly
///   as one still image (`reencode_webp`): a bitstream's end cannot be found
///   without decoding it, so this is how bytes hidden after it are dropped.
///
/// ICC profiles (JPEG APP2 `ICC_PROFILE`, PNG iCCP, WebP ICCP) are dropped:
/// they are not needed to decode, their header names the device's maker and
/// model and the profile's creation date, and they may hold private tags with
/// any text. A wide-gamut photo then shows with slightly duller colours; the
/// original, kept by the vault, still has its profile.
pub fn strip_metadata(image: Vec<u8>, mime: &str) -> Result<Vec<u8>, VaultError> {
    match mime {
        "image/jpeg" => strip_jpeg(&image),
        "image/png" => strip_png(&image),
        "image/webp" => strip_webp(&image),
        other => Err(VaultError::Image(format!("cannot strip metadata from {other}"))),
    }
}

// JPEG marker codes, the byte after 0xFF (ITU-T T.81, table B.1).
const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const DQT: u8 = 0xDB;
const DNL: u8 = 0xDC;
const DRI: u8 = 0xDD;
const DHP: u8 = 0xDE;
const EXP: u8 = 0xDF;
const DHT: u8 = 0xC4;
const DAC: u8 = 0xCC;
const TEM: u8 = 0x01;
const APP0: u8 = 0xE0;
const APP14: u8 = 0xEE;

/// A JPEG with only SOI, the tables, the frame header, the scans and EOI; see
/// [`strip_metadata`]. Every APPn other than JFIF and Adobe (EXIF, XMP, ICC,
/// MPF, JFXX thumbnails, maker data), COM, the JPGn extensions, reserved
/// markers and everything after the first EOI are dropped. Refused: a file
/// that does not start with SOI, a segment that runs past the end, bytes
/// where a marker should be, tables, frame or scan headers whose lengths do
/// not match their contents, scans before the frame header, a second frame
/// header, hierarchical JPEG (differential frames, DHP, EXP; no browser
/// decodes it), and a file that ends before EOI.
fn strip_jpeg(data: &[u8]) -> Result<Vec<u8>, VaultError> {
    let bad = |why: &str| VaultError::Image(format!("JPEG: {why}"));
    if !data.starts_with(&[0xFF, SOI]) {
        return Err(bad("no start-of-image marker"));
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let (mut p, mut first_segment, mut frame, mut scans, mut adobe) = (2, true, false, 0usize, false);
    loop {
        match data.get(p) {
            Some(0xFF) => {}
            Some(_) => return Err(bad("bytes where a marker should be")),
            None => return Err(bad("the file ends before its end-of-image marker")),
        }
        // Any number of 0xFF fill bytes may precede a marker's code.
        while data.get(p) == Some(&0xFF) {
            p += 1;
        }
        let code = *data.get(p).ok_or_else(|| bad("the file ends before its end-of-image marker"))?;
        p += 1;
        match code {
            // The first EOI ends the copy: what follows (a second picture,
            // a motion-photo video, a location atom) is not this image.
            EOI if scans > 0 => {
                out.extend_from_slice(&[0xFF, EOI]);
                return Ok(out);
            }
            EOI => return Err(bad("no image data before the end-of-image marker")),
            // A marker without a segment that means nothing.
            TEM => continue,
            0x00 | SOI | 0xD0..=0xD7 => return Err(bad("a marker out of place")),
            _ => {}
        }
        let len = data.get(p..p + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])));
        let len = len.ok_or_else(|| bad("the file ends inside a segment"))?;
        if len < 2 {
            return Err(bad("a segment length under 2"));
        }
        let body = data.get(p + 2..p + len).ok_or_else(|| bad("a segment runs past the end of the file"))?;
        p += len;
        let first = std::mem::replace(&mut first_segment, false);
        match code {
            DQT | DHT | DAC | DRI | DNL | SOS | 0xC0..=0xC3 | 0xC9..=0xCB => {
                let well_formed = match code {
                    DQT => jpeg_dqt_ok(body),
                    DHT => jpeg_dht_ok(body),
                    DAC => !body.is_empty() && body.len() % 2 == 0,
                    DRI => body.len() == 2,
                    DNL => scans > 0 && body.len() == 2,
                    SOS => frame && jpeg_sos_ok(body),
                    _ => !frame && jpeg_sof_ok(body),
                };
                if !well_formed {
                    return Err(bad(&format!("a malformed or misplaced segment (marker {code:#04X})")));
                }
                jpeg_segment(&mut out, code, body);
                if code == SOS {
                    let end = jpeg_scan_end(data, p).ok_or_else(|| bad("the file ends inside a scan"))?;
                    out.extend_from_slice(&data[p..end]);
                    p = end;
                    scans += 1;
                }
                frame |= !matches!(code, DQT | DHT | DAC | DRI | DNL | SOS);
            }
            0xC5..=0xC7 | 0xCD..=0xCF | DHP | EXP => return Err(bad("hierarchical JPEG is not supported")),
            // JFIF belongs right after SOI; only its version and pixel
            // aspect ratio are kept, never its thumbnail.
            APP0 if first && body.len() >= 14 && body.starts_with(b"JFIF\0") => {
                let aspect = body[7] == 0 && body[8..10] != [0, 0] && body[10..12] != [0, 0];
                let (x, y) = if aspect { ([body[8], body[9]], [body[10], body[11]]) } else { ([0, 1], [0, 1]) };
                let jfif = [b'J', b'F', b'I', b'F', 0, 1, 1, 0, x[0], x[1], y[0], y[1], 0, 0];
                jpeg_segment(&mut out, APP0, &jfif);
            }
            APP14 if !adobe && body.len() >= 12 && body.starts_with(b"Adobe") => {
                if body[11] > 2 {
                    return Err(bad("an unknown Adobe colour transform"));
                }
                jpeg_segment(&mut out, APP14, &[b'A', b'd', b'o', b'b', b'e', 0, 100, 0, 0, 0, 0, body[11]]);
                adobe = true;
            }
            // Everything else: other APPn, COM, JPGn, reserved markers.
            _ => {}
        }
    }
}

/// Writes one JPEG marker segment; `body` came from a segment, or is short,
/// so its length fits.
fn jpeg_segment(out: &mut Vec<u8>, code: u8, body: &[u8]) {
    out.extend_from_slice(&[0xFF, code]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
}

/// Where the entropy-coded data that starts at `p` ends: at the 0xFF of the
/// next marker that is neither a stuffed 0xFF00 nor a restart marker; any
/// 0xFF fill bytes before that marker are left out.
fn jpeg_scan_end(data: &[u8], mut p: usize) -> Option<usize> {
    loop {
        p += data.get(p..)?.iter().position(|&b| b == 0xFF)?;
        let run = data[p..].iter().take_while(|&&b| b == 0xFF).count();
        match *data.get(p + run)? {
            0x00 | 0xD0..=0xD7 => p += run + 1,
            _ => return Some(p),
        }
    }
}

/// Quantisation tables: each a precision/destination byte and 64 values of
/// 8 or 16 bits, filling the segment exactly.
fn jpeg_dqt_ok(mut body: &[u8]) -> bool {
    while let Some(&pq_tq) = body.first() {
        let size = 1 + 64 * (usize::from(pq_tq >> 4) + 1);
        if pq_tq >> 4 > 1 || pq_tq & 0x0F > 3 || body.len() < size {
            return false;
        }
        body = &body[size..];
    }
    true
}

/// Huffman tables: each a class/destination byte, 16 counts and as many
/// values as they add up to, filling the segment exactly.
fn jpeg_dht_ok(mut body: &[u8]) -> bool {
    while let Some(&tc_th) = body.first() {
        if tc_th >> 4 > 1 || tc_th & 0x0F > 3 || body.len() < 17 {
            return false;
        }
        let size = 17 + body[1..17].iter().map(|&n| usize::from(n)).sum::<usize>();
        if body.len() < size {
            return false;
        }
        body = &body[size..];
    }
    true
}

/// A frame header: precision, height, a width above 0, and 3 bytes for each
/// of its components.
fn jpeg_sof_ok(body: &[u8]) -> bool {
    body.len() >= 6 && body[3..5] != [0, 0] && body[5] > 0 && body.len() == 6 + 3 * usize::from(body[5])
}

/// A scan header: 1 to 4 components of 2 bytes each, then 3 bytes.
fn jpeg_sos_ok(body: &[u8]) -> bool {
    body.first().is_some_and(|&n| (1..=4).contains(&n) && body.len() == 4 + 2 * usize::from(n))
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A PNG with only IHDR, PLTE, IDAT and IEND and the colour and transparency
/// chunks tRNS, gAMA, cHRM, sRGB and sBIT, copied whole (their CRCs
/// checked); see `strip_metadata`. Dropped: every other ancillary chunk —
/// tEXt, zTXt, iTXt, eXIf, tIME, pHYs, iCCP, caBX (C2PA), the APNG chunks (the
/// copy shows the still image), private and unknown ones — and everything
/// after IEND. Refused: a missing signature, a chunk that runs past the end or
/// whose CRC is wrong, a first chunk other than IHDR, an unknown critical
/// chunk (one a decoder must understand), kept chunks of the wrong size, no
/// IDAT, no IEND.
fn strip_png(data: &[u8]) -> Result<Vec<u8>, VaultError> {
    let bad = |why: &str| VaultError::Image(format!("PNG: {why}"));
    if !data.starts_with(PNG_SIGNATURE) {
        return Err(bad("no PNG signature"));
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let (mut p, mut colour_type, mut palette, mut idat) = (PNG_SIGNATURE.len(), None, 0, false);
    let (mut layout, mut data_stream) = (None, Vec::new());
    loop {
        let head = data.get(p..p + 8).ok_or_else(|| bad("the file ends before IEND"))?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let kind = [head[4], head[5], head[6], head[7]];
        if len > 0x7FFF_FFFF || !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(bad("a malformed chunk header"));
        }
        let chunk = data
            .get(p..p.saturating_add(12 + len as usize))
            .ok_or_else(|| bad("a chunk runs past the end of the file"))?;
        let (typed, crc) = chunk[4..].split_at(chunk.len() - 8);
        if png_crc(typed) != u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]) {
            return Err(bad("a chunk's CRC is wrong"));
        }
        p += chunk.len();
        let body = &typed[4..];
        if colour_type.is_none() && &kind != b"IHDR" {
            return Err(bad("the first chunk is not IHDR"));
        }
        let well_formed = match &kind {
            b"IHDR" => colour_type.is_none() && body.len() == 13,
            b"PLTE" => !idat && body.len() % 3 == 0 && (3..=768).contains(&body.len()),
            b"IDAT" => true,
            b"IEND" => idat && body.is_empty(),
            b"tRNS" => match colour_type {
                Some(0) => body.len() == 2,
                Some(2) => body.len() == 6,
                Some(3) => !body.is_empty() && body.len() <= palette,
                _ => false,
            },
            b"gAMA" => body.len() == 4,
            b"cHRM" => body.len() == 32,
            b"sRGB" => body.len() == 1,
            b"sBIT" => (1..=4).contains(&body.len()),
            _ if kind[0].is_ascii_uppercase() => return Err(bad("an unknown critical chunk")),
            // Every other ancillary chunk: dropped.
            _ => continue,
        };
        if !well_formed {
            return Err(bad(&format!("a malformed or misplaced {} chunk", String::from_utf8_lossy(&kind))));
        }
        match &kind {
            b"IHDR" => {
                layout =
                    Some(PngLayout::of(body).ok_or_else(|| bad("an IHDR with a size, depth or type not allowed"))?);
                colour_type = Some(body[9]);
            }
            b"PLTE" => palette = body.len() / 3,
            b"IDAT" => {
                // Gathered, and written again as one stream at the end.
                idat = true;
                data_stream.extend_from_slice(body);
                continue;
            }
            b"IEND" => {
                let layout = layout.ok_or_else(|| bad("no IHDR"))?;
                let pixels = layout.image_data(&data_stream).map_err(bad)?;
                write_png_chunk(&mut out, b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&pixels, 6));
                out.extend_from_slice(chunk);
                return Ok(out);
            }
            _ => {}
        }
        out.extend_from_slice(chunk);
    }
}

/// The most bytes of image data (pixels and filter bytes) a PNG's public
/// copy is made from: about a 64-megapixel RGBA photo.
const MAX_PNG_DATA: usize = 256 << 20;

/// The layout of a PNG's image data, from its IHDR.
#[derive(Debug, Clone, Copy)]
struct PngLayout {
    width: u32,
    height: u32,
    /// Bits a pixel.
    bits: u32,
    interlaced: bool,
}

impl PngLayout {
    fn of(ihdr: &[u8]) -> Option<PngLayout> {
        let width = u32::from_be_bytes([ihdr[0], ihdr[1], ihdr[2], ihdr[3]]);
        let height = u32::from_be_bytes([ihdr[4], ihdr[5], ihdr[6], ihdr[7]]);
        let (depth, colour, compression, filter, interlace) = (ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]);
        let channels = match (colour, depth) {
            (0, 1 | 2 | 4 | 8 | 16) => 1,
            (3, 1 | 2 | 4 | 8) => 1,
            (2 | 4 | 6, 8 | 16) => [0, 0, 3, 0, 2, 0, 4][usize::from(colour)],
            _ => return None,
        };
        let size_ok = |n: u32| (1..=0x7FFF_FFFF).contains(&n);
        (size_ok(width) && size_ok(height) && compression == 0 && filter == 0 && interlace <= 1).then_some(PngLayout {
            width,
            height,
            bits: channels * u32::from(depth),
            interlaced: interlace == 1,
        })
    }

    /// Each pass's rows (Adam7's seven, or the one image) as (bytes a row,
    /// its filter byte included; rows), passes without pixels left out.
    fn passes(self) -> impl Iterator<Item = (u64, u64)> {
        const ADAM7: [(u32, u32, u32, u32); 7] =
            [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        let passes: &'static [(u32, u32, u32, u32)] = if self.interlaced { &ADAM7 } else { &[(0, 0, 1, 1)] };
        passes.iter().filter_map(move |&(x0, y0, dx, dy)| {
            let w = u64::from(self.width.saturating_sub(x0).div_ceil(dx));
            let h = u64::from(self.height.saturating_sub(y0).div_ceil(dy));
            (w > 0 && h > 0).then(|| (1 + (w * u64::from(self.bits)).div_ceil(8), h))
        })
    }

    /// Bytes of image data.
    fn data_len(self) -> Option<usize> {
        usize::try_from(self.passes().map(|(row, rows)| row * rows).sum::<u64>()).ok()
    }

    /// Exactly the image's data, inflated from `stream` (the IDAT chunks'
    /// contents together). What a zlib stream holds past the image, and
    /// what follows the stream's end (where aCropalypse left the uncropped
    /// picture), are dropped; data that ends early, does not inflate, or
    /// whose rows name a filter PNG does not have, is refused.
    fn image_data(self, stream: &[u8]) -> Result<Vec<u8>, &'static str> {
        let len = self.data_len().filter(|n| *n <= MAX_PNG_DATA).ok_or("the image is too large to copy")?;
        let mut data = match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(stream, len + 1) {
            Ok(data) => data,
            Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => e.output,
            Err(_) => return Err("the image data does not inflate"),
        };
        if data.len() < len {
            return Err("the image data ends before the image does");
        }
        data.truncate(len);
        if !self.filters_ok(&data) {
            return Err("a row names a filter PNG does not have");
        }
        Ok(data)
    }

    /// Whether every row starts with one of PNG's five filter types.
    fn filters_ok(self, data: &[u8]) -> bool {
        let mut p = 0usize;
        for (row, rows) in self.passes() {
            for _ in 0..rows {
                if data.get(p).is_none_or(|f| *f > 4) {
                    return false;
                }
                p += row as usize;
            }
        }
        true
    }
}

/// Writes one PNG chunk with its CRC.
fn write_png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]) {
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    let crc = png_crc(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// The CRC-32 of PNG chunks (ISO 3309, as in PNG's annex D).
fn png_crc(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// One RIFF chunk: its FourCC and its payload (without the padding byte).
type RiffChunk<'a> = (&'a [u8; 4], &'a [u8]);

// VP8X flags (WebP container specification).
const WEBP_ALPHA: u8 = 0x10;
const WEBP_ANIMATION: u8 = 0x02;

/// A WebP with only its image; see `strip_metadata`. A simple file (the
/// first chunk VP8 or VP8L) becomes that one chunk. An extended file (VP8X
/// first) keeps VP8X, then ALPH and VP8 or VP8L, or ANIM and its ANMF frames
/// (each frame's own chunks are filtered the same way); its flags are
/// recomputed: alpha if the original said so or an ALPH chunk remains,
/// animation if ANIM remains, and never ICC, EXIF or XMP. Dropped: ICCP,
/// EXIF, XMP, C2PA, unknown chunks, and everything after the RIFF length.
/// Refused: a missing header, a RIFF length past the end of the file, a chunk
/// past the RIFF length, and files that hold neither one image nor an
/// animation.
fn strip_webp(data: &[u8]) -> Result<Vec<u8>, VaultError> {
    let bad = |why: &str| VaultError::Image(format!("WebP: {why}"));
    if data.len() < 12 || &data[..4] != b"RIFF" || &data[8..12] != b"WEBP" {
        return Err(bad("no RIFF WEBP header"));
    }
    let size = u32::from_le_bytes([data[4], data[5], data[6], data[7]]) as usize;
    let riff = data
        .get(12..size.saturating_add(8))
        .ok_or_else(|| bad("the RIFF length is wrong or runs past the end of the file"))?;
    let chunks = riff_chunks(riff).ok_or_else(|| bad("a chunk runs past the RIFF length"))?;
    let mut body = Vec::new();
    match chunks.first() {
        Some(&(b"VP8X", vp8x)) => webp_extended(&mut body, vp8x, &chunks[1..])
            .ok_or_else(|| bad("the extended file holds neither one image nor an animation"))?,
        // A simple file is its one image; whatever follows it is dropped.
        Some(image) if webp_single_image(&chunks[..1]) => riff_chunk(&mut body, image.0, image.1),
        _ => return Err(bad("no image")),
    }
    let mut out = Vec::with_capacity(body.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(4 + body.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    reencode_webp(&out).map_err(|why| bad(&why))
}

/// The most pixels a WebP's public copy is made from (its RGBA buffer is
/// four bytes a pixel).
const MAX_WEBP_PIXELS: u64 = 50_000_000;

/// The picture of a WebP that `strip_webp` has reduced to its image chunks,
/// decoded and encoded again, losslessly, as a simple VP8L file: the first
/// frame of an animation, with its alpha channel if it has one. A VP8 or
/// VP8L bitstream has no end that can be found without decoding it, so bytes
/// hidden after its end inside the chunk (review 3, N6) would otherwise be
/// copied; encoded again, only the pixels are. A lossy photo's copy is
/// larger than the original; its pixels are the ones the original shows.
fn reencode_webp(file: &[u8]) -> Result<Vec<u8>, String> {
    use image_webp::{ColorType, WebPDecoder, WebPEncoder};
    let mut decoder = WebPDecoder::new(std::io::Cursor::new(file)).map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_WEBP_PIXELS {
        return Err("the image is too large to copy".into());
    }
    let size = decoder.output_buffer_size().ok_or("the image is too large to copy")?;
    let mut pixels = vec![0; size];
    decoder.read_image(&mut pixels).map_err(|e| e.to_string())?;
    let colour = if decoder.has_alpha() { ColorType::Rgba8 } else { ColorType::Rgb8 };
    let mut out = Vec::new();
    WebPEncoder::new(&mut out).encode(&pixels, width, height, colour).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Writes VP8X with recomputed flags and the kept chunks of an extended
/// WebP; `None` when they are neither one image nor an animation.
fn webp_extended(out: &mut Vec<u8>, vp8x: &[u8], rest: &[RiffChunk]) -> Option<()> {
    if vp8x.len() != 10 || rest.iter().any(|(id, _)| *id == b"VP8X") {
        return None;
    }
    let kept: Vec<RiffChunk> =
        rest.iter().filter(|(id, _)| matches!(*id, b"ALPH" | b"VP8 " | b"VP8L" | b"ANIM" | b"ANMF")).copied().collect();
    let mut chunks = Vec::new();
    let mut alpha = vp8x[0] & WEBP_ALPHA != 0;
    let animated = match kept.as_slice() {
        [(b"ANIM", anim), frames @ ..] if anim.len() == 6 && !frames.is_empty() => {
            riff_chunk(&mut chunks, b"ANIM", anim);
            for &(id, frame) in frames {
                // A frame: 16 bytes of position, size and timing, then its
                // image chunks.
                if id != b"ANMF" || frame.len() < 16 {
                    return None;
                }
                let images: Vec<RiffChunk> = riff_chunks(&frame[16..])?
                    .into_iter()
                    .filter(|(id, _)| matches!(*id, b"ALPH" | b"VP8 " | b"VP8L"))
                    .collect();
                if !webp_single_image(&images) {
                    return None;
                }
                alpha |= images.len() == 2;
                let mut cleaned = frame[..16].to_vec();
                for (id, payload) in images {
                    riff_chunk(&mut cleaned, id, payload);
                }
                riff_chunk(&mut chunks, b"ANMF", &cleaned);
            }
            true
        }
        image if webp_single_image(image) => {
            alpha |= image.len() == 2;
            for &(id, payload) in image {
                riff_chunk(&mut chunks, id, payload);
            }
            false
        }
        _ => return None,
    };
    let flags = if alpha { WEBP_ALPHA } else { 0 } | if animated { WEBP_ANIMATION } else { 0 };
    let mut header = [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    // The canvas width and height, 24 bits each.
    header[4..].copy_from_slice(&vp8x[4..]);
    riff_chunk(out, b"VP8X", &header);
    out.extend_from_slice(&chunks);
    Some(())
}

/// Whether `chunks` are exactly one image: VP8L, VP8, or ALPH then VP8.
fn webp_single_image(chunks: &[RiffChunk]) -> bool {
    // VP8: a key frame (bit 0 of the frame tag clear) with its start code.
    let vp8 = |p: &[u8]| p.len() >= 10 && p[0] & 1 == 0 && p[3..6] == [0x9D, 0x01, 0x2A];
    match chunks {
        [(b"VP8L", p)] => p.len() >= 5 && p[0] == 0x2F,
        [(b"VP8 ", p)] => vp8(p),
        [(b"ALPH", a), (b"VP8 ", p)] => !a.is_empty() && vp8(p),
        _ => false,
    }
}

/// The chunks of a RIFF body, each padded to an even length; `None` when one
/// runs past the end.
fn riff_chunks(mut body: &[u8]) -> Option<Vec<RiffChunk<'_>>> {
    let mut chunks = Vec::new();
    while !body.is_empty() {
        let (id, rest) = body.split_first_chunk::<4>()?;
        let (len, rest) = rest.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        chunks.push((id, rest.get(..len)?));
        body = rest.get(len.checked_add(len % 2)?..)?;
    }
    Some(chunks)
}

/// Writes one RIFF chunk, padded to an even length.
fn riff_chunk(out: &mut Vec<u8>, id: &[u8; 4], payload: &[u8]) {
    out.extend_from_slice(id);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    if payload.len() % 2 == 1 {
        out.push(0);
    }
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
        assert_eq!(clean, review_jpeg_clean(), "SOI, JFIF, frame, scan and EOI, nothing else");
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
        p.extend(png_chunk(b"IDAT", &zlib(&[0, 0])));
        p.extend(png_chunk(b"IEND", &[]));
        let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&p)).unwrap();
        assert!(exif.get_field(exif::Tag::GPSLatitudeRef, exif::In::PRIMARY).is_some());
        let clean = strip_metadata(p, "image/png").unwrap();
        assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&clean)).is_err());
        assert!(!has(&clean, b"someone-named") && has(&clean, b"IDAT"));
        assert!(strip_metadata(b"not an image".to_vec(), "image/png").is_err());
        assert!(strip_metadata(b"%PDF-1.4".to_vec(), "application/pdf").is_err());
    }

    /// Strips `bytes`, checking that stripping the copy again changes nothing.
    fn strip(bytes: &[u8], mime: &str) -> Vec<u8> {
        let clean = strip_metadata(bytes.to_vec(), mime).unwrap();
        assert_eq!(strip_metadata(clean.clone(), mime).unwrap(), clean, "a stripped copy is already clean");
        clean
    }

    fn cat(parts: &[&[u8]]) -> Vec<u8> {
        parts.concat()
    }

    /// Offsets of every start of a JPEG in `bytes` (embedded ones too) where
    /// the EXIF oracle finds a GPS tag.
    fn jpeg_gps_at(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&i| bytes[i..].starts_with(&[0xFF, 0xD8, 0xFF]))
            .filter(|&i| {
                exif::Reader::new()
                    .read_from_container(&mut std::io::Cursor::new(&bytes[i..]))
                    .is_ok_and(|e| e.get_field(exif::Tag::GPSLatitudeRef, exif::In::PRIMARY).is_some())
            })
            .collect()
    }

    fn no_exif(bytes: &[u8]) -> bool {
        exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)).is_err()
    }

    fn assert_none_of(bytes: &[u8], secrets: &[&[u8]]) {
        for secret in secrets {
            assert!(!has(bytes, secret), "{} is still there", String::from_utf8_lossy(secret));
        }
    }

    /// The review's test JPEG (F6): JFIF, an optional second APP0, EXIF with
    /// GPS and `tag`, a 1×1 frame and a scan.
    fn review_jpeg(app0_extra: &[u8], tag: &[u8]) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend(seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        if !app0_extra.is_empty() {
            j.extend(seg(0xE0, app0_extra));
        }
        j.extend(seg(0xE1, &cat(&[&exif_with_gps(), tag])));
        j.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        j.extend(seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]));
        j.extend_from_slice(&[0x12, 0x34, 0x56, 0xFF, 0xD9]);
        j
    }

    const MINIMAL_JFIF: &[u8] = b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0";

    /// What is left of [`review_jpeg`]: SOI, a minimal JFIF, the frame, the
    /// scan with its data byte for byte, EOI.
    fn review_jpeg_clean() -> Vec<u8> {
        cat(&[
            &[0xFF, 0xD8],
            &seg(0xE0, MINIMAL_JFIF),
            &seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
            &seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]),
            &[0x12, 0x34, 0x56, 0xFF, 0xD9],
        ])
    }

    fn review_photo() -> Vec<u8> {
        let thumbnail = review_jpeg(b"", b"GPS-IN-APP0-THUMBNAIL");
        let main = review_jpeg(&cat(&[b"JFXX\0\x10", &thumbnail]), b"GPS-MAIN");
        cat(&[&main, &review_jpeg(b"", b"GPS-AFTER-EOI"), b"\xa9xyz+50.4501+030.5234/"])
    }

    const PHOTO_SECRETS: &[&[u8]] =
        &[b"GPS-IN-APP0-THUMBNAIL", b"GPS-MAIN", b"GPS-AFTER-EOI", b"\xa9xyz", b"+50.4501+030.5234", b"JFXX", b"Exif"];

    #[test]
    fn jpeg_review_f6_thumbnail_and_what_follows_eoi_are_gone() {
        let photo = review_photo();
        assert_eq!(
            jpeg_gps_at(&photo).len(),
            3,
            "the oracle sees GPS in the thumbnail, the photo and the appended JPEG"
        );
        for secret in PHOTO_SECRETS {
            assert!(has(&photo, secret));
        }
        let clean = strip(&photo, "image/jpeg");
        assert_eq!(jpeg_gps_at(&clean), Vec::<usize>::new());
        assert!(no_exif(&clean));
        assert_none_of(&clean, PHOTO_SECRETS);
        assert_eq!(clean, review_jpeg_clean());
    }

    /// A DHT segment's body with one table of one code.
    fn dht(class_and_id: u8, value: u8) -> Vec<u8> {
        let mut t = vec![class_and_id, 1];
        t.extend_from_slice(&[0; 15]);
        t.push(value);
        t
    }

    #[test]
    fn jpeg_progressive_keeps_every_scan_and_table_between_them() {
        let dqt = seg(0xDB, &cat(&[&[0x00], &[1; 64], &[0x11], &[2; 128]]));
        let sof2 = seg(0xC2, &[8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let dht_dc = seg(0xC4, &cat(&[&dht(0x00, 0), &dht(0x01, 0)]));
        let dri = seg(0xDD, &[0, 1]);
        let sos_dc = seg(0xDA, &[3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 0, 0x01]);
        // Stuffed 0xFF bytes and restart markers belong to the scan's data.
        let scan_dc: &[u8] = &[0xA1, 0xFF, 0x00, 0xB2, 0xFF, 0xD0, 0xC3, 0xFF, 0xFF, 0xD1, 0xD4, 0xFF, 0xFF, 0x00];
        let dht_ac = seg(0xC4, &dht(0x10, 1));
        let sos_ac = seg(0xDA, &[1, 1, 0x00, 1, 63, 0x01]);
        let scan_ac: &[u8] = &[0x55, 0xFF, 0x00, 0x66];
        let sos_refine = seg(0xDA, &[1, 1, 0x00, 0, 0, 0x10]);
        let scan_refine: &[u8] = &[0x77];
        let original = cat(&[
            &[0xFF, 0xD8],
            &seg(0xE0, MINIMAL_JFIF),
            &seg(0xE1, &cat(&[&exif_with_gps(), b"PROGRESSIVE-GPS"])),
            &dqt,
            &sof2,
            &dht_dc,
            &dri,
            &sos_dc,
            scan_dc,
            &seg(0xFE, b"PROGRESSIVE-COMMENT"),
            &dht_ac,
            &sos_ac,
            scan_ac,
            // Fill bytes, then metadata between two scans.
            &[0xFF, 0xFF],
            &seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0PROGRESSIVE-XMP"),
            &sos_refine,
            scan_refine,
            &[0xFF, 0xFF, 0xD9],
            b"PROGRESSIVE-TRAILER",
        ]);
        assert_eq!(jpeg_gps_at(&original), vec![0]);
        let clean = strip(&original, "image/jpeg");
        assert!(no_exif(&clean));
        assert_none_of(&clean, &[b"PROGRESSIVE-", b"Exif"]);
        let expected = cat(&[
            &[0xFF, 0xD8],
            &seg(0xE0, MINIMAL_JFIF),
            &dqt,
            &sof2,
            &dht_dc,
            &dri,
            &sos_dc,
            scan_dc,
            &dht_ac,
            &sos_ac,
            scan_ac,
            &sos_refine,
            scan_refine,
            &[0xFF, 0xD9],
        ]);
        assert_eq!(clean, expected);
    }

    #[test]
    fn jpeg_jfif_and_adobe_are_rebuilt_and_icc_profiles_dropped() {
        let frame = cat(&[
            &seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
            &seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]),
            &[0x42, 0xFF, 0xD9],
        ]);
        // JFIF 1.02 at 72 dpi with a 1×1 thumbnail; ICC; Adobe with extra bytes.
        let original = cat(&[
            &[0xFF, 0xD8],
            &seg(0xE0, b"JFIF\0\x01\x02\x01\0\x48\0\x48\x01\x01THM"),
            &seg(0xE2, b"ICC_PROFILE\0\x01\x01ICC-DEVICE-MODEL"),
            &seg(0xEE, b"Adobe\0\x65\x80\0\0\0\x01ADOBE-EXTRA"),
            &seg(0xEE, b"Adobe\0\x64\0\0\0\0\x02SECOND-ADOBE"),
            &frame,
        ]);
        let clean = strip(&original, "image/jpeg");
        assert_none_of(&clean, &[b"THM", b"ICC", b"ADOBE-EXTRA", b"SECOND-ADOBE"]);
        assert_eq!(
            clean,
            cat(&[&[0xFF, 0xD8], &seg(0xE0, MINIMAL_JFIF), &seg(0xEE, b"Adobe\0\x64\0\0\0\0\x01"), &frame])
        );
        // Densities without units are the pixels' aspect ratio: kept.
        let wide = cat(&[&[0xFF, 0xD8], &seg(0xE0, b"JFIF\0\x01\x02\0\0\x02\0\x01\0\0"), &frame]);
        assert_eq!(
            strip(&wide, "image/jpeg"),
            cat(&[&[0xFF, 0xD8], &seg(0xE0, b"JFIF\0\x01\x01\0\0\x02\0\x01\0\0"), &frame])
        );
        // JFIF only right after SOI; a JFXX extension never.
        let late = cat(&[
            &[0xFF, 0xD8],
            &seg(0xE0, b"JFXX\0\x13\x01\x01\x02\x03"),
            &seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
            &frame,
        ]);
        assert_eq!(strip(&late, "image/jpeg"), cat(&[&[0xFF, 0xD8], &frame]));
    }

    #[test]
    fn jpeg_malformed_is_refused() {
        let soi: &[u8] = &[0xFF, 0xD8];
        let sof = seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
        let sos = seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]);
        let scan: &[u8] = &[0x12, 0x34];
        let eoi: &[u8] = &[0xFF, 0xD9];
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("only SOI", soi.to_vec()),
            ("no SOI", cat(&[&sof, &sos, scan, eoi])),
            ("a segment length past the end", cat(&[soi, &[0xFF, 0xE1, 0x40, 0x00], b"short"])),
            ("a segment length under 2", cat(&[soi, &[0xFF, 0xE1, 0x00, 0x01], &sof, &sos, scan, eoi])),
            ("a segment header cut short", cat(&[soi, &[0xFF, 0xE1, 0x00]])),
            ("a frame header past the end", cat(&[soi, &sof[..8]])),
            ("a scan before the frame", cat(&[soi, &sos, scan, eoi])),
            ("no scan", cat(&[soi, &sof, eoi])),
            ("a scan that never ends", cat(&[soi, &sof, &sos, scan])),
            ("a scan that ends in 0xFF", cat(&[soi, &sof, &sos, scan, &[0xFF]])),
            ("bytes between segments", cat(&[soi, &sof, b"junk", &sos, scan, eoi])),
            ("two frames", cat(&[soi, &sof, &sof, &sos, scan, eoi])),
            ("a hierarchical frame", cat(&[soi, &seg(0xC5, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]), &sos, scan, eoi])),
            ("a second SOI", cat(&[soi, soi, &sof, &sos, scan, eoi])),
            ("a restart marker outside a scan", cat(&[soi, &[0xFF, 0xD0], &sof, &sos, scan, eoi])),
            ("a short quantisation table", cat(&[soi, &seg(0xDB, &[0; 10]), &sof, &sos, scan, eoi])),
            (
                "a Huffman table without its values",
                cat(&[soi, &seg(0xC4, &[0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), &sof, &sos, scan, eoi]),
            ),
            (
                "a frame header with a missing component",
                cat(&[soi, &seg(0xC0, &[8, 0, 1, 0, 1, 2, 1, 0x11, 0]), &sos, scan, eoi]),
            ),
            ("a frame of width 0", cat(&[soi, &seg(0xC0, &[8, 0, 1, 0, 0, 1, 1, 0x11, 0]), &sos, scan, eoi])),
            ("a short scan header", cat(&[soi, &sof, &seg(0xDA, &[1, 1, 0, 0, 0x3f]), scan, eoi])),
            ("a restart interval of 3 bytes", cat(&[soi, &seg(0xDD, &[0, 1, 0]), &sof, &sos, scan, eoi])),
            ("an unknown Adobe transform", cat(&[soi, &seg(0xEE, b"Adobe\0\x64\0\0\0\0\x07"), &sof, &sos, scan, eoi])),
            ("a PNG", b"\x89PNG\r\n\x1a\n".to_vec()),
        ];
        for (name, bytes) in cases {
            assert!(strip_metadata(bytes, "image/jpeg").is_err(), "{name}");
        }
    }

    /// The chunk types of a PNG, checking each chunk's CRC and that nothing
    /// follows IEND.
    fn png_chunk_types(png: &[u8]) -> Vec<String> {
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let (mut p, mut types) = (8, Vec::new());
        while p < png.len() {
            let len = u32::from_be_bytes(png[p..p + 4].try_into().unwrap()) as usize;
            let crc = u32::from_be_bytes(png[p + 8 + len..p + 12 + len].try_into().unwrap());
            assert_eq!(crc32(&png[p + 4..p + 8 + len]), crc, "CRC of chunk {}", types.len());
            types.push(String::from_utf8(png[p + 4..p + 8].to_vec()).unwrap());
            p += 12 + len;
        }
        assert_eq!(p, png.len());
        assert_eq!(types.last().map(String::as_str), Some("IEND"));
        types
    }

    const PNG_SIG: &[u8] = b"\x89PNG\r\n\x1a\n";

    fn zlib(raw: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(raw, 6)
    }

    /// The IDAT chunk a public copy holds for image data `raw`.
    fn reflated(raw: &[u8]) -> Vec<u8> {
        png_chunk(b"IDAT", &zlib(raw))
    }
    /// zlib.compress(b"\0\xff\0\0"): one row of a 1×1 RGB picture.
    const RGB_PIXEL: &[u8] = &[120, 156, 99, 248, 207, 192, 0, 0, 3, 1, 1, 0];

    #[test]
    fn png_review_f6_c2pa_and_every_other_ancillary_chunk_are_gone() {
        let ihdr = png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        let idat = png_chunk(b"IDAT", RGB_PIXEL);
        let iend = png_chunk(b"IEND", &[]);
        // The review's file, exactly.
        let review = cat(&[PNG_SIG, &ihdr, &png_chunk(b"caBX", b"c2pa PNG-C2PA-LOCATION"), &idat, &iend]);
        let clean = strip(&review, "image/png");
        assert_none_of(&clean, &[b"PNG-C2PA-LOCATION", b"caBX"]);
        assert_eq!(clean, cat(&[PNG_SIG, &ihdr, &reflated(b"\0\xff\0\0"), &iend]));
        // And with every other kind of chunk around the kept ones.
        let gama = png_chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]);
        let srgb = png_chunk(b"sRGB", &[0]);
        let trns = png_chunk(b"tRNS", &[0, 0, 0, 0, 0, 0]);
        let (idat1, idat2) = (png_chunk(b"IDAT", &RGB_PIXEL[..5]), png_chunk(b"IDAT", &RGB_PIXEL[5..]));
        let original = cat(&[
            PNG_SIG,
            &ihdr,
            &gama,
            &png_chunk(b"iCCP", b"icc\0\0PNG-ICC-PROFILE"),
            &srgb,
            &png_chunk(b"pHYs", &[0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]),
            &png_chunk(b"caBX", b"c2pa PNG-C2PA-LOCATION"),
            &png_chunk(b"eXIf", &cat(&[&exif_with_gps()[6..], b"PNG-EXIF-GPS"])),
            &png_chunk(b"tIME", &[0x07, 0xEA, 1, 2, 3, 4, 5]),
            &png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0PNG-XMP"),
            &png_chunk(b"prVt", b"PNG-PRIVATE"),
            &trns,
            &idat1,
            &png_chunk(b"zTXt", b"Comment\0\0PNG-ZTXT"),
            &idat2,
            &png_chunk(b"tEXt", b"Comment\0PNG-TEXT"),
            &iend,
            &png_chunk(b"tEXt", b"Comment\0PNG-AFTER-IEND"),
            b"PNG-TRAILER",
        ]);
        assert!(!no_exif(&original), "the oracle sees the eXIf chunk");
        let clean = strip(&original, "image/png");
        assert!(no_exif(&clean));
        assert_none_of(&clean, &[b"PNG-", b"c2pa", b"icc"]);
        assert_eq!(png_chunk_types(&clean), ["IHDR", "gAMA", "sRGB", "tRNS", "IDAT", "IEND"]);
        assert_eq!(clean, cat(&[PNG_SIG, &ihdr, &gama, &srgb, &trns, &reflated(b"\0\xff\0\0"), &iend]));
    }

    /// Review 3, N6: bytes after the zlib stream's end inside IDAT (where
    /// aCropalypse left the uncropped picture), and bytes the stream holds
    /// past the picture's rows, were copied with the IDAT chunk.
    #[test]
    fn png_image_data_is_exactly_the_picture() {
        let ihdr = png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        let iend = png_chunk(b"IEND", &[]);
        let trailer = cat(&[RGB_PIXEL, b"PNG-IDAT-TRAILER-GPS"]);
        let longer = zlib(b"\0\xff\0\0PNG-HIDDEN-ROWS");
        for (name, data) in [("after the stream", trailer), ("inside the stream", longer)] {
            let original = cat(&[PNG_SIG, &ihdr, &png_chunk(b"IDAT", &data), &iend]);
            let clean = strip(&original, "image/png");
            assert_none_of(&clean, &[b"PNG-"]);
            assert_eq!(clean, cat(&[PNG_SIG, &ihdr, &reflated(b"\0\xff\0\0"), &iend]), "{name}");
        }
        // Data that ends early, names an unknown filter or does not inflate.
        for (name, data) in [
            ("short", zlib(b"\0\xff\0")),
            ("an unknown filter", zlib(b"\x05\xff\0\0")),
            ("not zlib", b"PNG-NOT-ZLIB".to_vec()),
            ("cut", RGB_PIXEL[..RGB_PIXEL.len() - 3].to_vec()),
        ] {
            let bytes = cat(&[PNG_SIG, &ihdr, &png_chunk(b"IDAT", &data), &iend]);
            assert!(strip_metadata(bytes, "image/png").is_err(), "{name}");
        }
        // Adam7: a 3×3 grey picture's seven passes hold 2+2+3+4+4 bytes.
        let layout = PngLayout { width: 3, height: 3, bits: 8, interlaced: true };
        assert_eq!(layout.data_len(), Some(15));
        let layout = PngLayout { width: 3, height: 3, bits: 1, interlaced: false };
        assert_eq!(layout.data_len(), Some(6), "three rows of a filter byte and one byte of bits");
    }

    #[test]
    fn png_keeps_palette_and_colour_chunks_but_not_icc() {
        let kept = [
            png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 3, 0, 0, 0]),
            png_chunk(b"sBIT", &[5, 6, 5]),
            png_chunk(b"cHRM", &[7; 32]),
            png_chunk(b"PLTE", &[1, 2, 3, 4, 5, 6]),
            png_chunk(b"tRNS", &[0x80, 0xFF]),
            png_chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1]),
            png_chunk(b"IEND", &[]),
        ];
        let mut original = PNG_SIG.to_vec();
        for (i, chunk) in kept.iter().enumerate() {
            if i == 1 {
                original.extend(png_chunk(b"iCCP", b"Device profile\0\0ICC-DEVICE-MODEL"));
            }
            original.extend_from_slice(chunk);
        }
        let clean = strip(&original, "image/png");
        assert_none_of(&clean, &[b"ICC-DEVICE-MODEL", b"iCCP"]);
        assert_eq!(png_chunk_types(&clean), ["IHDR", "sBIT", "cHRM", "PLTE", "tRNS", "IDAT", "IEND"]);
        let mut expected = kept.to_vec();
        expected[5] = reflated(&[0, 0]);
        assert_eq!(clean, cat(&[PNG_SIG, &expected.concat()]));
    }

    #[test]
    fn png_malformed_is_refused() {
        let ihdr = png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        let idat = png_chunk(b"IDAT", RGB_PIXEL);
        let iend = png_chunk(b"IEND", &[]);
        let mut bad_crc = idat.clone();
        *bad_crc.last_mut().unwrap() ^= 1;
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("a cut signature", PNG_SIG[..5].to_vec()),
            ("only the signature", PNG_SIG.to_vec()),
            ("a chunk length past the end", cat(&[PNG_SIG, &ihdr, &[0, 0, 0x10, 0], b"IDAT", RGB_PIXEL])),
            ("a chunk length over 2^31", cat(&[PNG_SIG, &ihdr, &[0x80, 0, 0, 0], b"IDAT", RGB_PIXEL, &iend])),
            ("a chunk header cut short", cat(&[PNG_SIG, &ihdr, &[0, 0, 0]])),
            ("a wrong CRC", cat(&[PNG_SIG, &ihdr, &bad_crc, &iend])),
            ("no IEND", cat(&[PNG_SIG, &ihdr, &idat])),
            ("no IDAT", cat(&[PNG_SIG, &ihdr, &iend])),
            ("IHDR not first", cat(&[PNG_SIG, &png_chunk(b"tEXt", b"a\0b"), &ihdr, &idat, &iend])),
            ("two IHDR", cat(&[PNG_SIG, &ihdr, &ihdr, &idat, &iend])),
            ("a short IHDR", cat(&[PNG_SIG, &png_chunk(b"IHDR", &[0; 12]), &idat, &iend])),
            ("an unknown critical chunk", cat(&[PNG_SIG, &ihdr, &png_chunk(b"ABCD", b"x"), &idat, &iend])),
            ("a chunk type that is not letters", cat(&[PNG_SIG, &ihdr, &png_chunk(b"ID@T", RGB_PIXEL), &iend])),
            ("a wrong-size tRNS", cat(&[PNG_SIG, &ihdr, &png_chunk(b"tRNS", &[0, 0]), &idat, &iend])),
            ("a wrong-size gAMA", cat(&[PNG_SIG, &ihdr, &png_chunk(b"gAMA", &[0, 0]), &idat, &iend])),
            ("a palette after the data", cat(&[PNG_SIG, &ihdr, &idat, &png_chunk(b"PLTE", &[0, 0, 0]), &iend])),
            ("IEND with data", cat(&[PNG_SIG, &ihdr, &idat, &png_chunk(b"IEND", b"x")])),
            ("a JPEG", review_jpeg(b"", b"")),
        ];
        for (name, bytes) in cases {
            assert!(strip_metadata(bytes, "image/png").is_err(), "{name}");
        }
    }

    fn riff(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = id.to_vec();
        v.extend_from_slice(&(data.len() as u32).to_le_bytes());
        v.extend_from_slice(data);
        if data.len() % 2 == 1 {
            v.push(0);
        }
        v
    }

    fn webp(chunks: &[&[u8]]) -> Vec<u8> {
        let body = chunks.concat();
        cat(&[b"RIFF", &(4 + body.len() as u32).to_le_bytes(), b"WEBP", &body])
    }

    /// The chunk ids of a WebP, checking its RIFF size and that nothing
    /// follows the RIFF length.
    fn webp_chunk_ids(file: &[u8]) -> Vec<String> {
        assert_eq!(u32::from_le_bytes(file[4..8].try_into().unwrap()) as usize, file.len() - 8, "RIFF size");
        let (mut p, mut ids) = (12, Vec::new());
        while p < file.len() {
            let len = u32::from_le_bytes(file[p + 4..p + 8].try_into().unwrap()) as usize;
            ids.push(String::from_utf8(file[p..p + 4].to_vec()).unwrap());
            p += 8 + len + len % 2;
        }
        assert_eq!(p, file.len());
        ids
    }

    /// A 1×1 lossless image.
    const VP8L: &[u8] = b"\x2f\0\0\0\0\x88\x88\x08";
    /// A lossy key frame, 1×1 (made by `cwebp -q 80` from one pixel).
    const VP8: &[u8] = &[
        0xf0, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x01, 0x40, 0x26, 0x25, 0xa0, 0x02, 0x74, 0xba,
        0x01, 0xf8, 0x00, 0x04, 0x83, 0x00, 0x00, 0xfe, 0xf6, 0x13, 0x5f, 0xfe, 0x41, 0x72, 0xc2, 0xeb, 0x91, 0xaf,
        0xfe, 0x04, 0xef, 0xc0, 0x9d, 0xf8, 0x13, 0xbf, 0xf0, 0x00, 0x00, 0x00,
    ];
    /// Its alpha channel: no compression, no filter, one byte.
    const ALPH: &[u8] = &[0x00, 0x80];

    /// What the copy of a file holds: its pixels and whether it has alpha,
    /// decoded.
    fn webp_pixels(file: &[u8]) -> (Vec<u8>, bool) {
        let mut d = image_webp::WebPDecoder::new(std::io::Cursor::new(file)).unwrap();
        let mut pixels = vec![0; d.output_buffer_size().unwrap()];
        d.read_image(&mut pixels).unwrap();
        (pixels, d.has_alpha())
    }
    const CANVAS_1X1: [u8; 6] = [0; 6];

    fn vp8x(flags: u8, canvas: [u8; 6]) -> Vec<u8> {
        riff(b"VP8X", &cat(&[&[flags, 0, 0, 0], &canvas]))
    }

    #[test]
    fn webp_review_f6_c2pa_chunk_is_gone() {
        let image = riff(b"VP8L", VP8L);
        let review = webp(&[&image, &riff(b"C2PA", b"WEBP-C2PA-LOCATION")]);
        let clean = strip(&review, "image/webp");
        assert_none_of(&clean, &[b"WEBP-C2PA-LOCATION", b"C2PA"]);
        assert_eq!(clean, strip(&webp(&[&image]), "image/webp"));
        assert_eq!(webp_chunk_ids(&clean), ["VP8L"]);
        assert_eq!(webp_pixels(&clean), webp_pixels(&webp(&[&image])), "the same picture");
        // Bytes past the RIFF length are not part of the file.
        assert_eq!(strip(&cat(&[&review, b"WEBP-AFTER-RIFF"]), "image/webp"), clean);
    }

    /// Review 3, N6: bytes after the end of a VP8L or VP8 bitstream, inside
    /// its chunk, were copied with it. The copy is the picture encoded again.
    #[test]
    fn webp_bytes_after_the_bitstream_are_gone() {
        for (id, payload) in [(b"VP8L", VP8L), (b"VP8 ", VP8)] {
            let plain = webp(&[&riff(id, payload)]);
            let hidden = webp(&[&riff(id, &cat(&[payload, b"WEBP-TRAILER-GPS"]))]);
            let clean = strip(&hidden, "image/webp");
            assert_none_of(&clean, &[b"WEBP-TRAILER-GPS"]);
            assert_eq!(webp_chunk_ids(&clean), ["VP8L"]);
            assert_eq!(webp_pixels(&clean).0, webp_pixels(&plain).0, "the same pixels");
        }
    }

    #[test]
    fn webp_extended_loses_exif_xmp_icc_c2pa_and_its_flags_follow() {
        let image = riff(b"VP8L", VP8L);
        let canvas = CANVAS_1X1;
        // ICC, EXIF and XMP announced.
        let original = webp(&[
            &vp8x(0x2C, canvas),
            &riff(b"ICCP", b"ICC-DEVICE-MODEL"),
            &image,
            &riff(b"EXIF", &cat(&[&exif_with_gps()[6..], b"WEBP-EXIF-GPS"])),
            &riff(b"XMP ", b"<x:xmpmeta>WEBP-XMP-LOCATION</x:xmpmeta>"),
            &riff(b"C2PA", b"WEBP-C2PA-LOCATION"),
            &riff(b"abcd", b"WEBP-UNKNOWN"),
        ]);
        let original = cat(&[&original, b"WEBP-AFTER-RIFF"]);
        assert!(!no_exif(&original), "the oracle sees the EXIF chunk");
        let clean = strip(&original, "image/webp");
        assert!(no_exif(&clean));
        assert_none_of(&clean, &[b"WEBP-", b"ICC", b"EXIF", b"XMP", b"C2PA"]);
        assert_eq!(webp_chunk_ids(&clean), ["VP8L"], "a simple file: no header, no flag");
        assert_eq!(clean, strip(&webp(&[&image]), "image/webp"));
        // An alpha channel the header forgot to announce; EXIF it announced.
        let alpha = riff(b"ALPH", ALPH);
        let lossy = riff(b"VP8 ", VP8);
        let original = webp(&[&vp8x(0x08, CANVAS_1X1), &alpha, &lossy, &riff(b"EXIF", b"WEBP-EXIF")]);
        let clean = strip(&original, "image/webp");
        assert_none_of(&clean, &[b"WEBP-EXIF"]);
        assert_eq!(webp_chunk_ids(&clean), ["VP8L"]);
        let (pixels, alpha) = webp_pixels(&clean);
        assert!(alpha && pixels[3] == 0x80, "the alpha channel is kept: {pixels:?}");
    }

    /// An ANMF frame of 1×1 at the canvas's corner, shown for 100 ms: 16
    /// bytes of position, size and timing, then `chunks`.
    fn anmf(chunks: &[&[u8]]) -> Vec<u8> {
        riff(b"ANMF", &cat(&[&[0; 12], &[100, 0, 0, 0], &chunks.concat()]))
    }

    #[test]
    fn webp_animation_gives_its_first_frame_without_any_other_chunk() {
        let anim = riff(b"ANIM", &[0xFF, 0xFF, 0xFF, 0xFF, 0, 0]);
        let lossless = riff(b"VP8L", VP8L);
        let (alpha, lossy) = (riff(b"ALPH", ALPH), riff(b"VP8 ", VP8));
        let original = webp(&[
            &vp8x(0x06, CANVAS_1X1),
            &riff(b"ICCP", b"ICC"),
            &anim,
            &anmf(&[&lossless, &riff(b"WXYZ", b"FRAME-SECRET")]),
            &anmf(&[&riff(b"EXIF", b"FRAME-EXIF"), &alpha, &lossy]),
            &riff(b"XMP ", b"WEBP-XMP"),
        ]);
        let clean = strip(&original, "image/webp");
        assert_none_of(&clean, &[b"FRAME-", b"WEBP-XMP", b"WXYZ", b"ICC"]);
        // The copy is a still picture: the first frame, on the canvas.
        assert_eq!(webp_chunk_ids(&clean), ["VP8L"]);
        assert_eq!(webp_pixels(&clean).0[..3], webp_pixels(&webp(&[&lossless])).0[..3]);
    }

    #[test]
    fn webp_malformed_is_refused() {
        let image = riff(b"VP8L", VP8L);
        let vp8x0 = vp8x(0, CANVAS_1X1);
        let mut size_past_end = webp(&[&image]);
        size_past_end[4] += 2;
        let mut size_under_4 = webp(&[&image]);
        size_under_4[4..8].copy_from_slice(&2u32.to_le_bytes());
        let chunk_past_riff = cat(&[b"RIFF", &20u32.to_le_bytes(), b"WEBP", b"VP8L", &100u32.to_le_bytes(), VP8L]);
        let lost_padding =
            cat(&[b"RIFF", &(4 + 8 + 3u32).to_le_bytes(), b"WEBP", b"VP8L", &3u32.to_le_bytes(), &VP8L[..3]]);
        let anim = riff(b"ANIM", &[0; 6]);
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("a cut header", b"RIFF\x04\0\0\0WEB".to_vec()),
            ("a WAVE file", cat(&[b"RIFF", &12u32.to_le_bytes(), b"WAVE", b"fmt ", &0u32.to_le_bytes()])),
            ("a RIFF size past the end", size_past_end),
            ("a RIFF size under 4", size_under_4),
            ("a chunk past the RIFF length", chunk_past_riff),
            ("an odd chunk whose padding is missing", lost_padding),
            ("no chunk", webp(&[])),
            ("no image", webp(&[&riff(b"C2PA", b"WEBP-C2PA-LOCATION")])),
            ("ALPH first", webp(&[&riff(b"ALPH", &[0]), &riff(b"VP8 ", VP8)])),
            ("a VP8L without its signature", webp(&[&riff(b"VP8L", &[0; 8])])),
            ("a VP8 that is not a key frame", webp(&[&riff(b"VP8 ", &cat(&[&[0x51], &VP8[1..]]))])),
            ("a VP8X of 9 bytes", webp(&[&riff(b"VP8X", &[0; 9]), &image])),
            ("a VP8X and no image", webp(&[&vp8x0, &riff(b"EXIF", b"x")])),
            ("a VP8X and two images", webp(&[&vp8x0, &image, &image])),
            ("ALPH with a lossless image", webp(&[&vp8x0, &riff(b"ALPH", &[0]), &image])),
            ("two VP8X", webp(&[&vp8x0, &vp8x0, &image])),
            ("ANIM without frames", webp(&[&vp8x0, &anim])),
            ("an image beside the animation", webp(&[&vp8x0, &anim, &anmf(&[&image]), &image])),
            ("a frame of 15 bytes", webp(&[&vp8x0, &anim, &riff(b"ANMF", &[0; 15])])),
            ("a frame without an image", webp(&[&vp8x0, &anim, &anmf(&[&riff(b"EXIF", b"x")])])),
            (
                "a frame whose chunk overruns it",
                webp(&[&vp8x0, &anim, &riff(b"ANMF", &cat(&[&[0; 16], b"VP8L", &[50, 0, 0, 0], VP8L]))]),
            ),
            ("a PNG", PNG_SIG.to_vec()),
        ];
        for (name, bytes) in cases {
            assert!(strip_metadata(bytes, "image/webp").is_err(), "{name}");
        }
    }

    /// The review's PNG and WebP (F6), and how many bytes of each make the
    /// whole image: the photo up to its first EOI, the PNG up to IEND's CRC,
    /// the WebP up to its RIFF length.
    fn review_files() -> Vec<(Vec<u8>, &'static str, usize)> {
        let photo = review_photo();
        let photo_end = photo.len() - review_jpeg(b"", b"GPS-AFTER-EOI").len() - b"\xa9xyz+50.4501+030.5234/".len();
        let png = cat(&[
            PNG_SIG,
            &png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
            &png_chunk(b"caBX", b"c2pa PNG-C2PA-LOCATION"),
            &png_chunk(b"IDAT", RGB_PIXEL),
            &png_chunk(b"IEND", &[]),
        ]);
        let png_end = png.len();
        let webp = webp(&[&riff(b"VP8L", VP8L), &riff(b"C2PA", b"WEBP-C2PA-LOCATION")]);
        let webp_end = webp.len();
        vec![
            (photo, "image/jpeg", photo_end),
            (cat(&[&png, b"PNG-AFTER-IEND"]), "image/png", png_end),
            (cat(&[&webp, b"WEBP-AFTER-RIFF"]), "image/webp", webp_end),
        ]
    }

    #[test]
    fn cut_images_are_refused_and_damaged_ones_never_panic() {
        for (file, mime, end) in review_files() {
            let whole = strip(&file, mime);
            for n in 0..file.len() {
                let cut = strip_metadata(file[..n].to_vec(), mime);
                if n < end {
                    assert!(cut.is_err(), "{mime} cut to {n} of {end} bytes");
                } else {
                    assert_eq!(cut.unwrap(), whole, "{mime} cut after its end");
                }
            }
            for i in 0..file.len() {
                for value in [0x00, 0xFF, file[i] ^ 0x80, file[i].wrapping_add(1)] {
                    let mut damaged = file.clone();
                    damaged[i] = value;
                    if let Ok(clean) = strip_metadata(damaged, mime) {
                        assert_eq!(strip_metadata(clean.clone(), mime).unwrap(), clean, "{mime} byte {i} = {value}");
                    }
                }
            }
        }
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
