//! What an original's own metadata gives away about the person who made
//! it: where (GPS coordinates) and with what (the camera or phone's make,
//! model or serial number). Staff are warned before they share such a file;
//! the public copy ([`crate::strip_metadata`]) carries none of it.

use serde::{Deserialize, Serialize};

/// How much of a file's start is read for its metadata: EXIF and XMP come
/// before the pixels in JPEG and (as written by cameras and phones) PNG
/// and HEIC. A WebP's may follow the pixels and then goes unseen.
pub const METADATA_HEAD: usize = 256 * 1024;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveals {
    /// It holds GPS data: where it was taken, often to a few metres.
    pub location: bool,
    /// It names the device that made it (make, model or serial number).
    pub device: bool,
}

impl Reveals {
    /// What the first bytes of a file (up to [`METADATA_HEAD`]) reveal.
    pub fn of(head: &[u8]) -> Reveals {
        let mut r = Reveals::default();
        if let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(head)) {
            for f in exif.fields() {
                use exif::Tag;
                if f.tag.context() == exif::Context::Gps && f.tag != Tag::GPSVersionID {
                    r.location = true;
                }
                if matches!(f.tag, Tag::Make | Tag::Model | Tag::BodySerialNumber | Tag::CameraOwnerName) {
                    r.device = true;
                }
            }
        }
        // XMP is text: its property names are enough.
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        r.location |= has(b"exif:GPSLatitude") || has(b"exif:GPSLongitude");
        r.device |= has(b"tiff:Make") || has(b"tiff:Model") || has(b"aux:SerialNumber");
        r
    }

    pub fn any(self) -> bool {
        self.location || self.device
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG whose EXIF (big-endian TIFF) IFD0 holds `ifd0` entries; with
    /// `gps`, a GPS IFD with a latitude reference.
    fn jpeg(make: bool, gps: bool, xmp: &[u8]) -> Vec<u8> {
        let mut t = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
        let entries: u16 = u16::from(make) + u16::from(gps);
        t.extend_from_slice(&entries.to_be_bytes());
        // Entries are 12 bytes; the IFD ends at 8 + 2 + 12n + 4.
        let end = 8 + 2 + 12 * u32::from(entries) + 4;
        if make {
            // Make (0x010F, ASCII, 4) = "Cam\0", inline.
            t.extend_from_slice(&[0x01, 0x0F, 0, 2, 0, 0, 0, 4, b'C', b'a', b'm', 0]);
        }
        if gps {
            t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
            t.extend_from_slice(&end.to_be_bytes());
        }
        t.extend_from_slice(&[0, 0, 0, 0]);
        if gps {
            // GPS IFD: GPSLatitudeRef (1, ASCII, 2) = "N\0".
            t.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0, 0, 0, 0, 0]);
        }
        let seg = |marker: u8, body: &[u8]| {
            let mut v = vec![0xFF, marker];
            v.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
            v.extend_from_slice(body);
            v
        };
        let mut j = vec![0xFF, 0xD8];
        j.extend(seg(0xE1, &t));
        if !xmp.is_empty() {
            j.extend(seg(0xE1, xmp));
        }
        j.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        j.extend(seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]));
        j.extend_from_slice(&[0x12, 0x34, 0xFF, 0xD9]);
        j
    }

    #[test]
    fn gps_and_a_device_name_are_seen_in_exif_and_xmp() {
        let none = Reveals::default();
        assert_eq!(Reveals::of(&jpeg(false, false, b"")), none);
        assert_eq!(Reveals::of(&jpeg(false, true, b"")), Reveals { location: true, device: false });
        assert_eq!(Reveals::of(&jpeg(true, false, b"")), Reveals { location: false, device: true });
        assert_eq!(Reveals::of(&jpeg(true, true, b"")), Reveals { location: true, device: true });
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<rdf:Description exif:GPSLatitude=\"47,6N\" tiff:Model=\"X\"/>";
        assert_eq!(Reveals::of(&jpeg(false, false, xmp)), Reveals { location: true, device: true });
        assert_eq!(Reveals::of(b"plain text, not an image"), none);
        // The stripped copy reveals nothing.
        let clean = crate::strip_metadata(jpeg(true, true, xmp), "image/jpeg").unwrap();
        assert!(!Reveals::of(&clean).any());
    }
}
