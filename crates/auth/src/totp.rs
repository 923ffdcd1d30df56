//! The second factor: time-based one-time codes (RFC 6238, SHA-1, 6 digits,
//! 30 s), as every authenticator app reads them.

use qrcode::QrCode;
use totp_rs::{Builder, Secret, Totp};

/// A TOTP shared secret (160 bits).
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

impl TotpSecret {
    pub fn generate() -> TotpSecret {
        TotpSecret(crate::random_bytes::<20>())
    }

    pub fn from_base32(s: &str) -> Option<TotpSecret> {
        let secret = Secret::try_from_base32(s).ok()?;
        secret.as_bytes().try_into().ok().map(TotpSecret)
    }

    pub fn to_base32(&self) -> String {
        Secret::from(self.0).to_base32()
    }

    fn totp(&self, account: &str) -> Option<Totp> {
        Builder::new()
            .with_secret(Secret::from(self.0))
            .with_account_name(account)
            .with_issuer(Some("Inferno"))
            .with_skew(1)
            .build()
            .ok()
    }

    /// The time step a code belongs to, if it is valid at `unix_time` (one step
    /// of clock drift either way). The caller must refuse a step it has
    /// already accepted: a code works once.
    pub fn check(&self, code: &str, unix_time: u64) -> Option<u64> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.totp("")?.check(&code, unix_time)
    }

    /// The code for `unix_time` (for tests and for showing setup worked).
    pub fn code_at(&self, unix_time: u64) -> String {
        self.totp("").map(|t| t.generate(unix_time).to_string()).unwrap_or_default()
    }

    /// The `otpauth://totp/…` URI an authenticator app imports.
    pub fn provisioning_uri(&self, account: &str) -> String {
        self.totp(account).and_then(|t| t.to_url().ok()).unwrap_or_default()
    }
}

/// The provisioning URI as a QR code drawn with block characters, for a terminal.
pub fn provisioning_qr_terminal(uri: &str) -> String {
    match QrCode::new(uri.as_bytes()) {
        Ok(code) => code.render::<qrcode::render::unicode::Dense1x2>().quiet_zone(true).build(),
        Err(_) => String::new(),
    }
}

/// The provisioning URI as an SVG QR code, for a page.
pub fn provisioning_qr_svg(uri: &str) -> String {
    match QrCode::new(uri.as_bytes()) {
        Ok(code) => code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, truncated to 6 digits.
    #[test]
    fn rfc_6238_vectors() {
        let s = TotpSecret(*b"12345678901234567890");
        assert_eq!(s.code_at(59), "287082");
        assert_eq!(s.code_at(1_111_111_109), "081804");
        assert_eq!(s.code_at(1_234_567_890), "005924");
        assert_eq!(s.code_at(2_000_000_000), "279037");
    }

    #[test]
    fn checks_codes_with_one_step_of_drift() {
        let s = TotpSecret::generate();
        let t = 1_800_000_000;
        let code = s.code_at(t);
        assert_eq!(s.check(&code, t), Some(t / 30));
        assert_eq!(s.check(&code, t + 30), Some(t / 30), "a code from the previous step still works");
        assert_eq!(s.check(&code, t + 90), None, "but not from long ago");
        assert_eq!(s.check("12345", t), None);
        assert_eq!(s.check("abcdef", t), None);
        assert_eq!(s.check(&format!("{} {}", &code[..3], &code[3..]), t), Some(t / 30), "spaces are ignored");
    }

    #[test]
    fn round_trips_and_provisions() {
        let s = TotpSecret::generate();
        assert_eq!(TotpSecret::from_base32(&s.to_base32()), Some(s.clone()));
        let uri = s.provisioning_uri("alice");
        assert!(uri.starts_with("otpauth://totp/Inferno:alice?"), "{uri}");
        assert!(uri.contains(&format!("secret={}", s.to_base32())), "{uri}");
        assert!(provisioning_qr_terminal(&uri).contains('█'));
        assert!(provisioning_qr_svg(&uri).starts_with("<?xml"));
        assert_eq!(format!("{s:?}"), "TotpSecret(…)", "secrets stay out of logs");
    }
}
